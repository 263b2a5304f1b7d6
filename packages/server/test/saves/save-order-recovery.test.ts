// Per-document order (a forcesave and the final save never race, also across two workers on one
// database) and the spool reconciliation that covers a crash between the spool commit and the job row.
import { existsSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createBusinessClient } from "../../src/adapters/source/index.js";
import { createStateStore } from "../../src/adapters/state/create-state-store.js";
import { createLogger } from "../../src/logging/create-logger.js";
import { HashAndCount } from "../../src/saves/ds-download.js";
import { SAVE_JOB_KIND, type SavePayload, saveJobId } from "../../src/saves/save-job.js";
import { SaveWorker } from "../../src/saves/save-worker.js";
import { createSaveHarness, fileBytes, PARAMS, type SaveHarness } from "./support/save-harness.js";
import { waitForJob } from "./support/wait.js";

let h: SaveHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("per-document order", () => {
  it("a forcesave that fails first still uploads before the final save of the same document", async () => {
    h = await createSaveHarness();
    const session = await h.createSession();
    const forcesave = fileBytes("forcesave");
    const final = fileBytes("final");
    const [m1, m2] = ["2024-05-01T00:00:00.001Z", "2024-05-01T00:00:00.002Z"];
    h.bs.script.push(
      { status: 503 },
      { status: 200, body: { modified_at: m1 } },
      { status: 200, body: { modified_at: m2 } },
    );
    const a = await h.intake.acceptSave(h.saveInput(session, forcesave, { status: 6, final: false }));
    const b = await h.intake.acceptSave(h.saveInput(session, final));
    await waitForJob(h.store, b.jobId, "done");
    await waitForJob(h.store, a.jobId, "done");
    const order = h.bs.uploads.map((u) => `${u.bytes.equals(forcesave) ? "forcesave" : "final"}:${u.status}`);
    expect(order).toEqual(["forcesave:503", "forcesave:200", "final:200"]);
    expect((await h.store.getDocument("crm", session.docId))?.savedModifiedAt).toBe(m2);
  });

  it("two workers on one database never upload two saves of a document at once", async () => {
    h = await createSaveHarness();
    // A second process's worker: its own connection to the same SQLite file, the same spool.
    const store2 = await createStateStore(h.config.state.url);
    const client2 = createBusinessClient(h.config.fetch);
    const worker2 = new SaveWorker({
      store: store2,
      spool: h.pipeline.spool,
      businessClient: client2,
      config: h.config,
      logger: createLogger("silent"),
      maintenanceIntervalMs: 100,
      recoveryMinAgeMs: 60_000,
    });
    await worker2.start();
    try {
      const session = await h.createSession();
      const files = [1, 2, 3, 4].map((i) => fileBytes(`v${i}`));
      h.bs.fallback = () => ({ status: 200, body: { modified_at: new Date().toISOString() }, delayMs: 80 });
      const ids = [];
      for (const [i, f] of files.entries()) {
        ids.push(
          (await h.intake.acceptSave(h.saveInput(session, f, { final: i === 3, status: i === 3 ? 2 : 6 }))).jobId,
        );
      }
      for (const id of ids) await waitForJob(h.store, id, "done", 20_000);
      const uploads = h.bs.uploads;
      expect(uploads.map((u) => files.findIndex((f) => f.equals(u.bytes)))).toEqual([0, 1, 2, 3]);
      for (let i = 1; i < uploads.length; i++) {
        expect(uploads[i]!.receivedAt).toBeGreaterThanOrEqual(uploads[i - 1]!.answeredAt);
      }
    } finally {
      await worker2.stop();
      await client2.close();
      await store2.close();
    }
  });
});

describe("spool reconciliation", () => {
  async function spoolWithoutJob(h: SaveHarness, label: string, dedupeKey: string) {
    const session = await h.createSession();
    const bytes = fileBytes(label);
    const jobId = saveJobId(dedupeKey);
    await h.pipeline.spool.ensure();
    const base = h.pipeline.spool.newBase(jobId);
    const counter = new HashAndCount(1e9);
    const spoolFile = await h.pipeline.spool.writeData(base, Readable.from([bytes]), [counter]);
    const payload: SavePayload = {
      spoolFile,
      sessionId: session.id,
      key: "k",
      status: 2,
      final: true,
      fileName: "a.docx",
      mimeType: "application/octet-stream",
      size: counter.bytes,
      sha256: counter.digest(),
      uploadUrl: session.uploadUrl,
      params: PARAMS,
      userId: "u-301",
      forcesaveType: null,
      problem: null,
    };
    const manifest = {
      jobId,
      kind: SAVE_JOB_KIND,
      repoId: "crm",
      docId: session.docId,
      dedupeKey,
      payload: { ...payload },
      createdAt: Date.now(),
    };
    await h.pipeline.spool.commitManifest(base, manifest);
    // The process "dies" here: no job row.
    h.pipeline.spool.release(base);
    return { session, bytes, jobId, base };
  }

  it("a save committed to the spool whose job row never made it is recovered and uploaded", async () => {
    h = await createSaveHarness({ noWorker: true });
    const orphan = await spoolWithoutJob(h, "orphan", "recover-me");
    expect(await h.store.getJob(orphan.jobId)).toBeUndefined();
    await h.pipeline.start();
    await waitForJob(h.store, orphan.jobId, "done");
    expect(h.bs.saved().map((u) => u.bytes.equals(orphan.bytes))).toEqual([true]);
  });

  it("deletes what was never acknowledged, spare copies of stored saves, and files of done saves", async () => {
    h = await createSaveHarness({ noWorker: true });
    const spool = h.pipeline.spool;
    await spool.ensure();
    // An intake that died mid-download, and one that died before its commit point.
    writeFileSync(spool.path(`${saveJobId("x")}~0000000000000001.part`), "partial");
    writeFileSync(spool.path(`${saveJobId("y")}~0000000000000002.data`), "uncommitted");
    // A save DS's retry stored again after the first intake died between commit and insert.
    const spare = await spoolWithoutJob(h, "spare", "stored-twice");
    const session = await h.createSession();
    const input = h.saveInput(session, fileBytes("winner"), { dedupeKey: "stored-twice" });
    const winner = await h.intake.acceptSave(input);
    expect(winner.jobId).toBe(spare.jobId);
    await h.pipeline.start();
    const done = await waitForJob(h.store, winner.jobId, "done");
    // The worker deletes a done save's own files right after recording it: wait for that first.
    const winnerBase = String((done.payload as { spoolFile: string }).spoolFile).replace(/\.data$/, "");
    await expect.poll(async () => (await spool.list()).some((e) => e.name.startsWith(winnerBase))).toBe(false);
    await h.pipeline.worker.maintain();
    const left = await spool.list();
    expect({ left: left.map((e) => e.name), spare: spare.base }).toEqual({ left: [], spare: spare.base });
    expect(h.bs.saved()).toHaveLength(1);
    expect(existsSync(spool.path(`${spare.base}.data`))).toBe(false);
  });
});
