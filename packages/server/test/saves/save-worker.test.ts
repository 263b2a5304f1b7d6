// The save pipeline end to end inside one process: intake → spool → worker → business system, with
// the failures issue 3 lists (503s, the business system down, 403, malformed replies, duplicates).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SavePayload } from "../../src/saves/save-job.js";
import { listSaves, openSaveFile, retrySave } from "../../src/saves/saves-admin.js";
import { modifiedAt } from "./support/business-system.js";
import { createSaveHarness, fileBytes, type SaveHarness } from "./support/save-harness.js";
import { sleep, waitForJob } from "./support/wait.js";

let h: SaveHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(saves: Record<string, number> = {}): Promise<SaveHarness> {
  h = await createSaveHarness({ config: { saves } });
  return h;
}

async function readStream(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("save worker", () => {
  it("503 three times, then 200: uploaded once, modified_at recorded, spool file deleted", async () => {
    const h = await harness();
    const session = await h.createSession();
    const bytes = fileBytes("503s", 50_000);
    const version = modifiedAt();
    h.bs.script.push(
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 200, body: { modified_at: version } },
    );
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, bytes));
    const job = await waitForJob(h.store, jobId, "done");
    expect(job.attempts).toBe(4);
    expect(h.bs.uploads.map((u) => u.status)).toEqual([503, 503, 503, 200]);
    const [saved] = h.bs.saved();
    expect(saved!.bytes.equals(bytes)).toBe(true);
    // spec: entry 3: multipart `file`, filename `content`, MIME type; params as query, Cookie, x- headers.
    expect(saved).toMatchObject({ path: `/docs/${session.docId}/content`, field: "file", filename: "content" });
    expect(saved!.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(saved!.query.get("zdocs_access_token")).toBe("tok-SECRET-123");
    expect(saved!.headers.cookie).toBe("zdocs_access_token=tok-SECRET-123; x-tenant=t1");
    expect(saved!.headers["x-tenant"]).toBe("t1");
    const doc = await h.store.getDocument("crm", session.docId);
    expect(doc?.savedModifiedAt).toBe(version);
    const payload = job.payload as unknown as SavePayload;
    // Deleted right after the job is recorded done.
    expect(payload.spoolFile).toMatch(/\.data$/);
    await expect.poll(() => readdirSync(join(h.dir, "spool"))).toEqual([]);
  });

  it("the business system down for a while: every save uploads after it returns, nothing lost", async () => {
    const h = await harness({ maxAttempts: 50 });
    await h.bs.goDown();
    const sessions = await Promise.all([1, 2, 3].map(() => h.createSession()));
    const files = sessions.map((s, i) => ({ s, bytes: fileBytes(`down-${i}`, 20_000 + i) }));
    const ids: string[] = [];
    for (const f of files) ids.push((await h.intake.acceptSave(h.saveInput(f.s, f.bytes))).jobId);
    // Several attempts fail with the connection refused, and the jobs stay pending.
    await expect
      .poll(async () => (await h.store.getJob(ids[0]!))?.attempts, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    const pending = await h.store.getJob(ids[0]!);
    expect(pending?.state).not.toBe("held");
    expect(pending?.lastError).toMatch(/ECONNREFUSED|cannot be reached|unreachable/i);
    await h.bs.reopen();
    for (const id of ids) await waitForJob(h.store, id, "done");
    const saved = h.bs.saved();
    expect(saved).toHaveLength(3);
    for (const f of files) {
      expect(saved.find((u) => u.path === `/docs/${f.s.docId}/content`)?.bytes.equals(f.bytes)).toBe(true);
    }
  });

  it("403: held with the reason, listed without credentials, file downloadable, retry works once fixed", async () => {
    const h = await harness();
    const session = await h.createSession();
    const bytes = fileBytes("403", 10_000);
    h.bs.script.push({ status: 403, body: { error: "token expired" } });
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, bytes));
    const held = await waitForJob(h.store, jobId, "held");
    expect(held.attempts).toBe(1);
    expect(held.lastError).toMatch(/403/);
    const listed = await listSaves(h.store, { state: "held" });
    expect(listed.map((v) => v.id)).toContain(jobId);
    const view = listed.find((v) => v.id === jobId)!;
    expect(view).toMatchObject({ paramKeys: ["zdocs_access_token", "x-tenant"], size: bytes.length });
    expect(JSON.stringify(listed)).not.toContain("tok-SECRET-123");
    const file = await openSaveFile(h.store, h.pipeline.spool, jobId);
    expect((await readStream(file.stream)).equals(bytes)).toBe(true);
    // The business system fixes its side; the operator retries.
    await retrySave(h.store, jobId, Date.now());
    h.pipeline.worker.wake();
    await waitForJob(h.store, jobId, "done");
    expect(h.bs.saved()).toHaveLength(1);
    expect(h.bs.saved()[0]!.bytes.equals(bytes)).toBe(true);
    await expect(retrySave(h.store, jobId, Date.now())).rejects.toMatchObject({ code: "DOCGATE_SAVE_NOT_HELD" });
    // The file is deleted right after the job is recorded done.
    await expect
      .poll(() =>
        openSaveFile(h.store, h.pipeline.spool, jobId).then(
          (found) => {
            found.stream.destroy(); // an open file: close it
            return "present";
          },
          (e) => e.code,
        ),
      )
      .toBe("DOCGATE_SAVE_NOT_FOUND");
  });

  it.each([
    ["not JSON", "<html>ok</html>"],
    ["no modified_at", { ok: true }],
  ])("a 200 reply that is %s holds the save", async (_label, body) => {
    const h = await harness();
    const session = await h.createSession();
    h.bs.script.push({ status: 200, body });
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, fileBytes("malformed")));
    const job = await waitForJob(h.store, jobId, "held");
    expect(job.lastError).toMatch(/reply/);
    expect(job.attempts).toBe(1);
  });

  it("a retryable failure past maxAttempts is held, never dropped", async () => {
    const h = await harness({ maxAttempts: 3 });
    h.bs.fallback = () => ({ status: 500 });
    const session = await h.createSession();
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, fileBytes("giveup")));
    const job = await waitForJob(h.store, jobId, "held");
    expect(job.lastError).toMatch(/^gave up after 3 attempts: .*500/);
    expect(h.bs.uploads).toHaveLength(3);
    const kept = await openSaveFile(h.store, h.pipeline.spool, jobId);
    kept.stream.destroy(); // an open file: close it
    expect(kept).toMatchObject({ size: 4096 });
  });

  it("an upload that outlasts its lease is abandoned and retried, never left running twice", async () => {
    const h = await harness({ leaseMs: 500 });
    const session = await h.createSession();
    h.bs.script.push({ status: 200, body: { modified_at: modifiedAt() }, delayMs: 1_500 });
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, fileBytes("slow")));
    const job = await waitForJob(h.store, jobId, "done");
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(job.lastError).toMatch(/did not finish within 80% of saves.leaseMs \(500 ms\)/);
  });

  it("a duplicate status 2 uploads once", async () => {
    const h = await harness();
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("dup"));
    const first = await h.intake.acceptSave(input);
    await waitForJob(h.store, first.jobId, "done");
    const again = await h.intake.acceptSave(input);
    expect(again).toEqual({ jobId: first.jobId, duplicate: true });
    await sleep(200);
    expect(h.bs.uploads).toHaveLength(1);
  });

  it("still uploads after the editing session is gone (everything was copied at intake)", async () => {
    const h = await harness();
    const session = await h.createSession({ expiresAt: Date.now() + 50 });
    h.bs.script.push("destroy");
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, fileBytes("expired")));
    await sleep(60);
    expect(await h.store.purgeExpiredSessions(Date.now())).toBeGreaterThanOrEqual(1);
    expect(await h.store.getSession(session.id)).toBeUndefined();
    await waitForJob(h.store, jobId, "done");
    expect(h.bs.saved()).toHaveLength(1);
  });

  it("a save with no known session is held at once with the reason, and its file kept", async () => {
    const h = await harness();
    const session = await h.createSession();
    const bytes = fileBytes("nosession");
    const { jobId } = await h.intake.acceptSave(h.saveInput(session, bytes, { sessionId: "gone" }));
    const job = await waitForJob(h.store, jobId, "held");
    expect(job.lastError).toMatch(/session is unknown/);
    expect(h.bs.requests).toBe(0);
    const file = await openSaveFile(h.store, h.pipeline.spool, jobId);
    expect((await readStream(file.stream)).equals(bytes)).toBe(true);
  });
});
