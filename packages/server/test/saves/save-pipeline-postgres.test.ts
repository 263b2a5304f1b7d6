// The save pipeline on PostgreSQL (a schema of its own): retries, duplicates, per-document order and
// spool recovery behave as on SQLite. Needs the local server: a missing server fails, never skips.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, requireTool } from "../../../../test/support/require-tool.js";
import { createSaveHarness, fileBytes, type SaveHarness } from "./support/save-harness.js";
import { waitForJob } from "./support/wait.js";

const schema = `docgate_saves_${randomBytes(6).toString("hex")}`;
const url = new URL(POSTGRES_URL);
url.searchParams.set("schema", schema);

beforeAll(() => requireTool("postgres"));
afterAll(async () => {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

let h: SaveHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("save pipeline on PostgreSQL", () => {
  it("503 twice then 200: one successful upload, recorded; a repeated callback changes nothing", async () => {
    h = await createSaveHarness({ stateUrl: url.toString() });
    const session = await h.createSession();
    const bytes = fileBytes("pg", 70_000);
    h.bs.script.push(
      { status: 503 },
      { status: 502 },
      { status: 200, body: { modified_at: "2024-03-03T03:03:03.003Z" } },
    );
    const input = h.saveInput(session, bytes);
    const { jobId } = await h.intake.acceptSave(input);
    expect((await waitForJob(h.store, jobId, "done")).attempts).toBe(3);
    expect(h.bs.saved().map((u) => u.bytes.equals(bytes))).toEqual([true]);
    expect((await h.store.getDocument("crm", session.docId))?.savedModifiedAt).toBe("2024-03-03T03:03:03.003Z");
    expect(await h.intake.acceptSave(input)).toEqual({ jobId, duplicate: true });
    expect(h.bs.uploads).toHaveLength(3);
  });

  it("keeps a document's saves in order, other documents unaffected", async () => {
    h = await createSaveHarness({ stateUrl: url.toString() });
    const one = await h.createSession();
    const two = await h.createSession();
    const [f1, f2, other] = [fileBytes("one-1"), fileBytes("one-2"), fileBytes("two")];
    h.bs.script.push({ status: 429 });
    const a = await h.intake.acceptSave(h.saveInput(one, f1, { status: 6, final: false }));
    const b = await h.intake.acceptSave(h.saveInput(one, f2));
    const c = await h.intake.acceptSave(h.saveInput(two, other));
    for (const id of [a.jobId, b.jobId, c.jobId]) await waitForJob(h.store, id, "done");
    const docOne = h.bs.uploads.filter((u) => u.path === `/docs/${one.docId}/content`);
    expect(docOne.map((u) => [u.bytes.equals(f1) ? "f1" : "f2", u.status])).toEqual([
      ["f1", 429],
      ["f1", 200],
      ["f2", 200],
    ]);
  });
});
