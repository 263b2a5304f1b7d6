// The save intake (spec: onlyoffice 4; ARCHITECTURE practice 7). Order of work, and why:
//   1. dedupe: the job id is derived from the dedupe key, so a repeated status 2 is one getJob and
//      no second download (and concurrent repeats in this process share one intake);
//   2. rewrite DS's public origin to its internal one; refuse any other origin;
//   3. stream the file into the spool, fsync, rename (spool.ts);
//   4. commit the manifest (the durable record of the new job, fsync'd with its directory);
//   5. insert the job row.
// Only then does the promise resolve and the route answer {"error":0}. A failure before 4 removes the
// partial files; from 4 on the files stay, because the job may be committed even when the database call
// reported an error, and recover-spool.ts turns a manifest without a job row into that job (or deletes
// it when DS's retry already stored the same save).
import { DocgateError, type StateStore } from "@docgate/core";
import type { Logger } from "pino";
import { type DsDownloader, HashAndCount, rewriteDsUrl } from "./ds-download.js";
import { FileFollower } from "./growing-file.js";
import type { AcceptSaveInput, SaveIntake } from "./save-intake.js";
import { SAVE_JOB_KIND, type SavePayload, saveJobId, saveMimeType } from "./save-job.js";
import type { EarlyUpload, SaveWorker } from "./save-worker.js";
import type { Spool, SpoolManifest } from "./spool.js";

export interface SpoolSaveIntakeDeps {
  store: StateStore;
  spool: Spool;
  downloader: DsDownloader;
  /** onlyoffice.publicUrl and internalUrl (spec: onlyoffice 4, origin rewrite). */
  dsPublicUrl: string;
  dsInternalUrl?: string;
  maxBytes: number;
  logger: Logger;
  now(): number;
  /** Called after a new job row is committed (wakes the worker). */
  onEnqueued?(jobId: string): void;
  /**
   * The worker, to upload a save while it arrives (SaveWorker.uploadWhileReceiving), and saves.leaseMs:
   * how long such an upload owns its job before another worker may take it over.
   */
  uploads?: { worker: Pick<SaveWorker, "uploadWhileReceiving">; leaseMs: number };
}

function storeFailed(detail: string, cause?: unknown): DocgateError {
  return new DocgateError("DOCGATE_SAVE_STORE_FAILED", { detail, cause });
}

export class SpoolSaveIntake implements SaveIntake {
  readonly #inflight = new Map<string, Promise<{ jobId: string; duplicate: boolean }>>();

  constructor(private readonly deps: SpoolSaveIntakeDeps) {}

  acceptSave(input: AcceptSaveInput): Promise<{ jobId: string; duplicate: boolean }> {
    const jobId = saveJobId(input.dedupeKey);
    const running = this.#inflight.get(jobId);
    if (running) return running.then(() => ({ jobId, duplicate: true }));
    const work = this.#accept(jobId, input).finally(() => this.#inflight.delete(jobId));
    this.#inflight.set(jobId, work);
    return work;
  }

  async #accept(jobId: string, input: AcceptSaveInput): Promise<{ jobId: string; duplicate: boolean }> {
    const { store, spool, logger } = this.deps;
    const log = logger.child({ jobId, repoId: input.repoId, docId: input.docId, status: input.status });
    let existing: Awaited<ReturnType<StateStore["getJob"]>>;
    try {
      existing = await store.getJob(jobId);
    } catch (err) {
      throw storeFailed("The state store could not be read.", err);
    }
    if (existing) {
      log.info({ state: existing.state }, "save callback repeated; already stored");
      return { jobId, duplicate: true };
    }
    const target = rewriteDsUrl(input.dsUrl, this.deps.dsPublicUrl, this.deps.dsInternalUrl);
    if (typeof target === "string") throw storeFailed(`Refused to download the saved file: ${target}.`);

    const base = spool.newBase(jobId);
    let committed = false;
    let early: EarlyUpload | undefined;
    try {
      const upload = await this.#uploadTarget(input);
      await spool.ensure();
      const { body, length } = await this.deps.downloader.open(target);
      const counter = new HashAndCount(this.deps.maxBytes);
      const describe = (spoolFile: string, size: number, sha256: string): SavePayload => ({
        spoolFile,
        sessionId: input.sessionId,
        key: input.key,
        status: input.status,
        final: input.final,
        fileName: input.fileName,
        mimeType: saveMimeType(input.fileType, input.fileName),
        size,
        sha256,
        ...upload,
        forcesaveType: input.forcesaveType ?? null,
      });
      const spoolFile = await spool.writeData(base, body, [counter], async (writer, path) => {
        // Upload while receiving when the size is known up front (the upload then has its exact
        // Content-Length): the business system gets the file about when DS has sent it.
        if (length === undefined || !this.deps.uploads) return;
        const file = await FileFollower.open(path, writer);
        early = await this.deps.uploads.worker.uploadWhileReceiving({
          jobId,
          repoId: input.repoId,
          docId: input.docId,
          payload: describe(`${base}.data`, length, ""),
          file,
          now: this.deps.now(),
        });
        if (!early) file.destroy();
      });
      const payload = describe(spoolFile, counter.bytes, counter.digest());
      if (early && (early.ended || payload.size !== length)) {
        early.abandon(new Error("the upload ended before the save was stored"));
        early = undefined;
      }
      const manifest: SpoolManifest = {
        jobId,
        kind: SAVE_JOB_KIND,
        repoId: input.repoId,
        docId: input.docId,
        dedupeKey: input.dedupeKey,
        payload: { ...payload },
        createdAt: this.deps.now(),
      };
      committed = true;
      await spool.commitManifest(base, manifest);
      if ((await spool.dataSize(spoolFile)) !== payload.size) {
        // Reconciliation in another process took the uncommitted data for an abandoned intake (it was
        // older than the sweep's minimum age). Not stored: undo, and let DS retry.
        committed = false;
        throw storeFailed("The spooled file was removed before it was committed.");
      }
      // An upload under way owns the job's first attempt: the job row says so (claimed, leased).
      const claimedUntil = early && this.deps.uploads ? manifest.createdAt + this.deps.uploads.leaseMs : undefined;
      const { job } = await store.enqueueJob({ id: jobId, ...manifest, now: manifest.createdAt, claimedUntil });
      if ((job.payload as Partial<SavePayload>).spoolFile !== spoolFile) {
        // A concurrent intake of the same save (another process) won: ours is a spare copy.
        early?.abandon(new Error("another intake stored this save"));
        early = undefined;
        await spool.remove(base);
        log.info("save callback repeated concurrently; already stored");
        return { jobId, duplicate: true };
      }
      log.info({ size: payload.size, held: payload.problem !== null, uploading: early !== undefined }, "save stored");
      if (early) early.commit(job, payload.size);
      else this.deps.onEnqueued?.(jobId);
      early = undefined;
      return { jobId, duplicate: false };
    } catch (err) {
      early?.abandon(err instanceof Error ? err : new Error(String(err)));
      if (!committed) await spool.remove(base).catch(() => {});
      log.warn({ err }, "storing the save failed; Document Server will retry");
      throw err instanceof DocgateError && err.code === "DOCGATE_SAVE_STORE_FAILED"
        ? err
        : storeFailed(err instanceof Error ? err.message : "unknown error", err);
    } finally {
      spool.release(base);
    }
  }

  /**
   * Where and as whom the save uploads, copied from the session now (it may expire before the upload).
   * A missing or mismatched session still stores the file: the job is held for an operator.
   */
  async #uploadTarget(
    input: AcceptSaveInput,
  ): Promise<Pick<SavePayload, "uploadUrl" | "params" | "userId" | "problem">> {
    const session = await this.deps.store.getSession(input.sessionId);
    const none = { uploadUrl: null, params: [], userId: null };
    if (!session) return { ...none, problem: "the editing session is unknown, so uploadUrl is unknown" };
    if (session.repoId !== input.repoId || session.docId !== input.docId) {
      return { ...none, problem: "the editing session belongs to another document" };
    }
    if (!session.uploadUrl) return { ...none, problem: "the editing session has no uploadUrl" };
    return {
      uploadUrl: session.uploadUrl,
      params: session.params.map(([k, v]) => [k, v] as [string, string]),
      userId: session.user.id,
      problem: null,
    };
  }
}
