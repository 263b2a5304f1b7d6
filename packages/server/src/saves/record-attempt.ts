// What an upload attempt's outcome does to its job (ARCHITECTURE practice 7: the attempt was recorded
// before the side effect; this records its outcome): done (+ the document's new version, the spooled
// file deleted, waiters released), pending after a back-off, or held with the reason. Shared by the
// worker's own attempts and by uploads started while the save was still arriving (save-worker.ts).
import { type DocgateConfig, type JobRecord, nextSaveState, type StateStore } from "@docgate/core";
import type { Logger } from "pino";
import { releaseWaiters } from "./document-order.js";
import { type Spool, spoolBase } from "./spool.js";
import type { UploadAttempt } from "./upload-save.js";

export interface RecordDeps {
  store: StateStore;
  spool: Spool;
  config: Pick<DocgateConfig, "saves">;
  now(): number;
  random?(): number;
}

/** `shuttingDown`: an aborted attempt was stopped by shutdown (due again at once), not by its lease. */
export async function recordAttempt(
  deps: RecordDeps,
  job: JobRecord,
  outcome: UploadAttempt,
  log: Logger,
  shuttingDown: boolean,
): Promise<void> {
  const { store, spool, config } = deps;
  let attempt = outcome;
  const now = deps.now();
  if (attempt.kind === "aborted" && shuttingDown) {
    await store.retryJobLater(job.id, "interrupted by shutdown", now, now);
    return;
  }
  if (attempt.kind === "aborted") {
    const reason = `the upload did not finish within 80% of saves.leaseMs (${config.saves.leaseMs} ms)`;
    attempt = { kind: "failure", retryable: true, reason };
  }
  if (attempt.kind === "success") {
    const modifiedAt = attempt.result.json.modified_at;
    const { final, key } = attempt.payload;
    await store.recordSave(job.repoId, job.docId, modifiedAt, now, { final, key });
    await store.completeJob(job.id, now);
    log.info({ modifiedAt, final }, "save uploaded");
    await releaseWaiters(store, now, job.id);
    // Kept until the job is done; a crash before this line leaves a file the next sweep deletes.
    await spool.remove(spoolBase(attempt.payload.spoolFile));
    return;
  }
  const next = nextSaveState(attempt, job.attempts, config.saves, now, deps.random);
  if (next.state === "pending") {
    await store.retryJobLater(job.id, next.reason, next.nextAttemptAt, now);
    log.warn({ reason: next.reason, retryInMs: next.nextAttemptAt - now }, "save upload failed; will retry");
  } else if (next.state === "held") {
    await store.holdJob(job.id, next.reason, now);
    log.error({ reason: next.reason }, "save held for an operator");
  }
}
