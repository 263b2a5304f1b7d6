// The durable save worker (issue 3, item 5; ARCHITECTURE practice 7). It claims due save jobs (the
// claim is recorded before the upload), uploads, and records each outcome: done (+ recordSave, spool
// file deleted), pending after a back-off, or held with the reason. Nothing lives only in memory: a
// process killed at any point leaves rows and spool files from which the next process resumes (an
// expired lease makes a running job claimable again).
//
// At-least-once: if the process dies after the business system accepted an upload but before
// completeJob, the next claim uploads the same bytes again. See docs/operations-saves.md.
import type { DocgateConfig, JobRecord, StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { BusinessClient } from "../adapters/source/index.js";
import { findBlocker, releaseWaiters, waitingReason } from "./document-order.js";
import type { FileFollower } from "./growing-file.js";
import { type RecordDeps, recordAttempt } from "./record-attempt.js";
import { recoverSpool } from "./recover-spool.js";
import { SAVE_JOB_KIND, type SavePayload } from "./save-job.js";
import type { Spool } from "./spool.js";
import { sendSave, uploadSave, whyNotUploadable } from "./upload-save.js";

export interface SaveWorkerOptions {
  store: StateStore;
  spool: Spool;
  businessClient: BusinessClient;
  config: Pick<DocgateConfig, "saves" | "repos">;
  logger: Logger;
  now?(): number;
  random?(): number;
  /** Uploads at once (different documents; one document is always one at a time). Default 4. */
  concurrency?: number;
  /** Spool reconciliation and waiter release. Default 30 s. */
  maintenanceIntervalMs?: number;
  /** Spool files younger than this are left to their intake. Default 60 s. */
  recoveryMinAgeMs?: number;
  /** How long stop() lets uploads finish before aborting them. Default 10 s. */
  stopGraceMs?: number;
}

export class SaveWorker {
  readonly #o: SaveWorkerOptions;
  readonly #now: () => number;
  readonly #inflight = new Map<string, Promise<void>>();
  /** Per document: the tail of its in-process upload chain. */
  readonly #lanes = new Map<string, Promise<void>>();
  #abort = new AbortController();
  #running = false;
  #filling = false;
  #again = false;
  #poll: NodeJS.Timeout | undefined;
  #maintenance: NodeJS.Timeout | undefined;

  constructor(options: SaveWorkerOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  get inflight(): number {
    return this.#inflight.size;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#abort = new AbortController();
    await this.#o.spool.ensure();
    await this.maintain();
    const poll = () => {
      this.#poll = setTimeout(() => {
        this.#fill().finally(() => {
          if (this.#running) poll();
        });
      }, this.#o.config.saves.pollIntervalMs);
      this.#poll.unref();
    };
    poll();
    this.#maintenance = setInterval(() => void this.maintain(), this.#o.maintenanceIntervalMs ?? 30_000);
    this.#maintenance.unref();
    void this.#fill();
  }

  /** Looks for due work now (called by the intake after it stored a save, and by the admin retry). */
  wake(): void {
    if (this.#running) void this.#fill();
  }

  /** Reconciles the spool with the job table and releases waiters whose blocker finished. */
  async maintain(): Promise<void> {
    const { store, spool, logger } = this.#o;
    try {
      const minAgeMs = this.#o.recoveryMinAgeMs ?? 60_000;
      const report = await recoverSpool(spool, store, { now: this.#now(), minAgeMs, logger });
      const released = await releaseWaiters(store, this.#now());
      if (report.recovered.length > 0 || released.length > 0) this.wake();
    } catch (err) {
      logger.warn({ err }, "save spool maintenance failed");
    }
  }

  /** Stops claiming; lets uploads finish for the grace period, then aborts them (they stay due). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#poll);
    clearInterval(this.#maintenance);
    const all = () => Promise.allSettled([...this.#inflight.values()]);
    const grace = new Promise<void>((r) => setTimeout(r, this.#o.stopGraceMs ?? 10_000).unref());
    await Promise.race([all(), grace]);
    this.#abort.abort(new Error("docgate is shutting down"));
    await all();
  }

  async #fill(): Promise<void> {
    if (this.#filling) {
      this.#again = true;
      return;
    }
    this.#filling = true;
    try {
      do {
        this.#again = false;
        const limit = this.#o.concurrency ?? 4;
        while (this.#running && this.#inflight.size < limit) {
          const { leaseMs } = this.#o.config.saves;
          const job = await this.#o.store.claimDueJob(SAVE_JOB_KIND, this.#now(), leaseMs);
          if (!job) break;
          this.#startJob(job);
        }
      } while (this.#again && this.#running);
    } catch (err) {
      this.#o.logger.warn({ err }, "claiming save jobs failed; retrying at the next poll");
    } finally {
      this.#filling = false;
    }
  }

  #startJob(job: JobRecord): void {
    // Its lease expired while this process is still on it (see #attempt's lease budget): the running
    // attempt records the outcome; a second one would upload the same save twice.
    if (this.#inflight.has(job.id)) return;
    const lane = laneOf(job.repoId, job.docId);
    const previous = this.#lanes.get(lane) ?? Promise.resolve();
    const run = previous.then(() => this.#process(job));
    const tail = run.catch(() => {});
    this.#lanes.set(lane, tail);
    const done = tail.finally(() => {
      this.#inflight.delete(job.id);
      if (this.#lanes.get(lane) === tail) this.#lanes.delete(lane);
      this.wake();
    });
    this.#inflight.set(job.id, done);
  }

  async #process(job: JobRecord): Promise<void> {
    const { store, logger } = this.#o;
    const log = logger.child({ jobId: job.id, repoId: job.repoId, docId: job.docId, attempt: job.attempts });
    try {
      if (this.#abort.signal.aborted) {
        await store.retryJobLater(job.id, "interrupted by shutdown", this.#now(), this.#now());
        return;
      }
      const blocker = await findBlocker(store, job);
      if (blocker) {
        await store.holdJob(job.id, waitingReason(blocker), this.#now());
        log.info({ blocker: blocker.id }, "save waits for an earlier save of the same document");
        return;
      }
      await this.#attempt(job, log);
    } catch (err) {
      // The state store failed mid-way: the job stays running and is claimed again after its lease.
      log.error({ err }, "recording a save attempt failed; it is retried after its lease");
    }
  }

  async #attempt(job: JobRecord, log: Logger): Promise<void> {
    const attempt = await uploadSave(this.#uploadDeps(), job, this.#attemptSignal());
    await recordAttempt(this.#recordDeps(), job, attempt, log, this.#abort.signal.aborted);
  }

  /**
   * Starts uploading a save that is still arriving from DS (spool-save-intake.ts), so the business
   * system receives it while it is being stored instead of after. The file (a FileFollower) ends only
   * once the intake has committed the save, so no upload can complete for a save docgate did not
   * durably keep. Undefined when the save must wait its turn like any other: another upload of the
   * document runs in this process, an earlier save of it is unfinished anywhere, the save cannot be
   * uploaded as it is (held at once), or the worker is full or stopping.
   */
  async uploadWhileReceiving(save: ReceivingSave): Promise<EarlyUpload | undefined> {
    const lane = laneOf(save.repoId, save.docId);
    const busy = () =>
      !this.#running ||
      this.#lanes.has(lane) ||
      this.#inflight.has(save.jobId) ||
      this.#inflight.size >= (this.#o.concurrency ?? 4);
    if (busy() || whyNotUploadable(this.#uploadDeps(), save.repoId, save.payload)) return undefined;
    const pending = { id: save.jobId, repoId: save.repoId, docId: save.docId, createdAt: save.now };
    if ((await findBlocker(this.#o.store, pending)) || busy()) return undefined;

    const sending = sendSave(this.#uploadDeps(), save.repoId, save.payload, () => save.file, this.#attemptSignal());
    let ended = false;
    const markEnded = () => {
      ended = true;
    };
    sending.then(markEnded, markEnded);
    let release = () => {};
    const occupied = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The lane and a worker slot are this upload's until it is recorded or abandoned.
    this.#lanes.set(lane, occupied);
    this.#inflight.set(save.jobId, occupied);
    const finish = () => {
      this.#inflight.delete(save.jobId);
      if (this.#lanes.get(lane) === occupied) this.#lanes.delete(lane);
      release();
      this.wake();
    };
    const log = this.#o.logger.child({ jobId: save.jobId, repoId: save.repoId, docId: save.docId, attempt: 1 });
    return {
      get ended() {
        return ended;
      },
      commit: (job, size) => {
        save.file.complete(size);
        sending
          .then((attempt) => recordAttempt(this.#recordDeps(), job, attempt, log, this.#abort.signal.aborted))
          .catch((err) => log.error({ err }, "recording a save attempt failed; it is retried after its lease"))
          .finally(finish);
      },
      abandon: (reason) => {
        save.file.fail(reason);
        sending.then(finish, finish);
      },
    };
  }

  #uploadDeps() {
    const { spool, config, businessClient } = this.#o;
    return { spool, businessClient, lookupRepo: (id: string) => config.repos.find((r) => r.id === id) };
  }

  #recordDeps(): RecordDeps {
    const { store, spool, config, random } = this.#o;
    return { store, spool, config, now: this.#now, random };
  }

  /**
   * An upload must end before its lease does, or another worker would claim the job and upload it a
   * second time while this one still runs. 80% of the lease leaves time to record the outcome.
   */
  #attemptSignal(): AbortSignal {
    const lease = AbortSignal.timeout(Math.floor(this.#o.config.saves.leaseMs * 0.8));
    return AbortSignal.any([this.#abort.signal, lease]);
  }
}

/** A save being received (spool-save-intake.ts) that may upload at the same time. */
export interface ReceivingSave {
  jobId: string;
  repoId: string;
  docId: string;
  payload: SavePayload;
  /** The spool file, readable as it grows; it ends when the intake calls commit. */
  file: FileFollower;
  now: number;
}

export interface EarlyUpload {
  /** The upload already ended before the commit (it failed, or the reply came early): do not use it. */
  readonly ended: boolean;
  /** The save is stored and its job row (claimed for this upload) committed: finish, then record. */
  commit(job: JobRecord, size: number): void;
  /** The save was not stored this way: the upload is cut off unfinished and nothing is recorded. */
  abandon(reason: Error): void;
}

function laneOf(repoId: string, docId: string): string {
  return `${repoId}\u0000${docId}`;
}
