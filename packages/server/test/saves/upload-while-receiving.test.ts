// Saves are uploaded while they arrive from DS (issue 3: save-back throughput), and the business system
// never receives a complete save that docgate has not stored first: the upload's body ends only after
// the spooled file is fsync'd and its job row committed, and is cut off when the save is not stored.
import { afterEach, describe, expect, it } from "vitest";
import type { SavePayload } from "../../src/saves/save-job.js";
import { createSaveHarness, fileBytes, type SaveHarness } from "./support/save-harness.js";
import { waitForJob } from "./support/wait.js";

let h: SaveHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The DS stub file behind a save input (the harness names it after the input's url). */
function dsFile(harness: SaveHarness, dsUrl: string) {
  const file = harness.ds.files.get(new URL(dsUrl).pathname);
  if (!file) throw new Error(`no DS stub file for ${dsUrl}`);
  return file;
}

describe("uploading a save while it arrives", () => {
  it("starts the upload before DS has sent the whole file and finishes it only after the save is stored", async () => {
    h = await createSaveHarness();
    const session = await h.createSession();
    const bytes = fileBytes("early", 600_000);
    const input = h.saveInput(session, bytes);
    Object.assign(dsFile(h, input.dsUrl), { chunks: 6, pauseMs: 120 });
    // A slow commit: the job row lands 300 ms after the file is on disk. The upload must wait for it.
    const store = h.store;
    const enqueue = store.enqueueJob.bind(store);
    let committedAt = Number.NaN;
    store.enqueueJob = async (job) => {
      await new Promise((r) => setTimeout(r, 300));
      const stored = await enqueue(job);
      committedAt = Date.now();
      return stored;
    };

    const { jobId } = await h.intake.acceptSave(input);
    const [upload] = await h.bs.waitForSaved(1);
    const dsDoneAt = dsFile(h, input.dsUrl).finishedAt?.[0] ?? Number.NaN;
    const job = await waitForJob(h.store, jobId, "done");

    expect(upload!.bytes.equals(bytes)).toBe(true);
    // The business system had the request (and bytes flowing) while DS was still sending...
    expect(upload!.receivedAt).toBeLessThan(dsDoneAt - 300);
    // ...and got the end of it only once the save was stored: file fsync'd and job row committed.
    expect(upload!.answeredAt).toBeGreaterThanOrEqual(committedAt);
    // One upload, recorded as the job's one attempt.
    expect(h.bs.uploads).toHaveLength(1);
    expect(job.attempts).toBe(1);
    expect(h.logs()).toMatch(/"uploading":true[^\n]*"save stored"/);
  });

  it("cuts the upload off, incomplete, when the save cannot be stored; DS's retry then saves it once", async () => {
    h = await createSaveHarness();
    const session = await h.createSession();
    const bytes = fileBytes("dropped", 400_000);
    const input = h.saveInput(session, bytes);
    Object.assign(dsFile(h, input.dsUrl), { chunks: 4, pauseMs: 80, dropAfterChunks: 2 });

    await expect(h.intake.acceptSave(input)).rejects.toMatchObject({ code: "DOCGATE_SAVE_STORE_FAILED" });
    // An upload had begun, and was never completed: nothing saved, no job.
    await h.bs.waitForRequests(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.bs.saved()).toHaveLength(0);
    expect(await h.store.listJobs({})).toHaveLength(0);

    // DS retries the same callback: this time the file arrives whole.
    Object.assign(dsFile(h, input.dsUrl), { dropAfterChunks: undefined });
    const { jobId } = await h.intake.acceptSave(input);
    await waitForJob(h.store, jobId, "done");
    expect(h.bs.saved().map((u) => u.bytes.equals(bytes))).toEqual([true]);
  });

  it("an upload that fails before the save is stored is not counted: the worker uploads the stored save", async () => {
    h = await createSaveHarness();
    h.bs.script.push("destroy"); // the first upload's connection is dropped on arrival
    const session = await h.createSession();
    const bytes = fileBytes("retried", 300_000);
    const input = h.saveInput(session, bytes);
    Object.assign(dsFile(h, input.dsUrl), { chunks: 3, pauseMs: 100 });

    const { jobId } = await h.intake.acceptSave(input);
    const job = await waitForJob(h.store, jobId, "done");
    expect(h.bs.requests).toBe(2);
    expect(h.bs.saved().map((u) => u.bytes.equals(bytes))).toEqual([true]);
    expect(job.attempts).toBe(1);
  });

  it("waits its turn behind an earlier unfinished save of the same document (uploaded after it, in order)", async () => {
    h = await createSaveHarness();
    const session = await h.createSession();
    h.bs.script.push({ status: 503 }); // the forcesave's first attempt fails: it is pending when the final save arrives
    const forcesave = h.saveInput(session, fileBytes("forcesave", 50_000), { status: 6, final: false });
    const first = await h.intake.acceptSave(forcesave);
    await h.bs.waitForRequests(1);
    const final = h.saveInput(session, fileBytes("final", 50_000));
    const second = await h.intake.acceptSave(final);
    await waitForJob(h.store, first.jobId, "done");
    await waitForJob(h.store, second.jobId, "done");
    const saved = h.bs.saved().map((u) => u.bytes.subarray(0, 30).toString("latin1"));
    expect(saved).toEqual([expect.stringContaining(":forcesave:"), expect.stringContaining(":final:")]);
    const payload = (await h.store.getJob(second.jobId))!.payload as unknown as SavePayload;
    expect(payload.final).toBe(true);
  });
});
