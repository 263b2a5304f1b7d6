// Operators' access to saves: the admin HTTP API (bearer token; off without one) through
// fastify.inject(), and `docgate saves list|retry|download` as a real process on the same state file.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../../test/support/processes.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createSaveHarness, fileBytes, type SaveHarness } from "./support/save-harness.js";
import { waitForJob } from "./support/wait.js";

const TOKEN = "admin-token-0123456789abcdefghij";
const run = promisify(execFile);
const BIN = join(REPO_ROOT, "packages/server/bin/docgate.js");

let h: SaveHarness;
let heldId: string;
let heldBytes: Buffer;

beforeAll(async () => {
  h = await createSaveHarness();
  const session = await h.createSession({ meta: { ...(await h.createSession()).meta, name: "报告 v2.docx" } });
  heldBytes = fileBytes("held", 12_345);
  h.bs.script.push({ status: 403, body: { error: "forbidden" } });
  heldId = (await h.intake.acceptSave(h.saveInput(session, heldBytes, { fileName: "报告 v2.docx" }))).jobId;
  await waitForJob(h.store, heldId, "held");
  // The worker of this harness plays "the running server"; stop it so the CLI's retry stays visible.
  await h.pipeline.worker.stop();
});
afterAll(() => h.close());

async function adminApp(token?: string): Promise<TestApp> {
  return createTestApp({ admin: { token }, server: { dataDir: h.dir } }, h.store);
}

describe("admin HTTP API", () => {
  it("does not exist without admin.token", async () => {
    const t = await adminApp(undefined);
    const res = await t.app.inject({ url: "/admin/saves", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("DOCGATE_NOT_FOUND");
    await t.app.close();
  });

  it("refuses a missing or wrong token with 401", async () => {
    const t = await adminApp(TOKEN);
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, "Bearer "]) {
      const res = await t.app.inject({
        url: `/admin/saves/${heldId}/file`,
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toBe("Bearer");
      expect(res.json().error.code).toBe("DOCGATE_UNAUTHORIZED");
    }
    const retry = await t.app.inject({ method: "POST", url: `/admin/saves/${heldId}/retry` });
    expect(retry.statusCode).toBe(401);
    expect((await h.store.getJob(heldId))?.state).toBe("held");
    await t.app.close();
  });

  it("lists held saves without params values, serves the file, and answers unknown ids with 404", async () => {
    const t = await adminApp(TOKEN);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const list = await t.app.inject({ url: "/admin/saves?state=held", headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain("tok-SECRET-123");
    const view = list.json().saves.find((s: { id: string }) => s.id === heldId);
    expect(view).toMatchObject({ state: "held", paramKeys: ["zdocs_access_token", "x-tenant"], size: 12_345 });
    expect(view.lastError).toMatch(/403/);
    expect((await t.app.inject({ url: "/admin/saves?state=bogus", headers: auth })).statusCode).toBe(400);

    const file = await t.app.inject({ url: `/admin/saves/${heldId}/file`, headers: auth });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(heldBytes)).toBe(true);
    expect(file.headers["content-type"]).toContain("wordprocessingml");
    expect(file.headers["content-disposition"]).toBe(
      `attachment; filename="__ v2.docx"; filename*=UTF-8''${encodeURIComponent("报告 v2.docx")}`,
    );
    const unknown = await t.app.inject({ url: "/admin/saves/sv_nope/file", headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("DOCGATE_SAVE_NOT_FOUND");
    const notHeld = await t.app.inject({ method: "POST", url: "/admin/saves/sv_nope/retry", headers: auth });
    expect(notHeld.json().error.code).toBe("DOCGATE_SAVE_NOT_FOUND");
    await t.app.close();
  });
});

describe("docgate saves (CLI)", { timeout: 120_000 }, () => {
  let config: string;
  beforeAll(() => {
    config = join(h.dir, "docgate.json");
    writeFileSync(config, JSON.stringify({ server: { dataDir: h.dir }, state: { url: h.config.state.url } }));
  });

  it("lists held saves (table and JSON) without params values", async () => {
    const table = await run(process.execPath, [BIN, "saves", "list", "--state", "held", "--config", config]);
    expect(table.stdout).toContain(heldId);
    expect(table.stdout).toMatch(/held\tcrm\//);
    const json = await run(process.execPath, [BIN, "saves", "list", "--json", "--config", config]);
    const saves = JSON.parse(json.stdout) as Array<{ id: string; paramKeys: string[] }>;
    expect(saves.find((s) => s.id === heldId)?.paramKeys).toEqual(["zdocs_access_token", "x-tenant"]);
    expect(json.stdout + table.stdout).not.toContain("tok-SECRET-123");
  });

  it("downloads a held save's file", async () => {
    const out = join(h.dir, "out.docx");
    const res = await run(process.execPath, [BIN, "saves", "download", heldId, "--out", out, "--config", config]);
    expect(res.stdout).toContain("12345 bytes");
    expect(readFileSync(out).equals(heldBytes)).toBe(true);
  });

  it("explains unknown ids and missing arguments", async () => {
    const err = (await run(process.execPath, [BIN, "saves", "retry", "sv_nope", "--config", config]).catch(
      (e) => e,
    )) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain("DOCGATE_SAVE_NOT_FOUND");
    const usage = (await run(process.execPath, [BIN, "saves", "download"]).catch((e) => e)) as { code: number };
    expect(usage.code).toBe(2);
  });

  it("retries a held save; the server's worker then uploads it", async () => {
    const res = await run(process.execPath, [BIN, "saves", "retry", heldId, "--config", config]);
    expect(res.stdout).toContain(`${heldId} is pending again`);
    expect((await h.store.getJob(heldId))?.state).toBe("pending");
    await h.pipeline.start();
    await waitForJob(h.store, heldId, "done");
    expect(h.bs.saved().map((u) => u.bytes.equals(heldBytes))).toEqual([true]);
  });
});
