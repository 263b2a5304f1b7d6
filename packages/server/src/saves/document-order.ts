// Saves of one document upload in the order DS produced them (a forcesave, then the final save): if
// they raced, an older version could land last and become the business system's current one. Within a
// process the worker runs one upload per document at a time; across processes (several docgate
// instances on one PostgreSQL) a job checks, before uploading, that no earlier save of its document is
// unfinished. If one is, the job is parked as held with a "waiting for" reason rather than retried:
// waiting must not use up its retry budget (attempts are counted per claim), and releasing a held job
// gives it a fresh budget. Waiters are released when their blocker completes, and by a periodic sweep
// in case the process that completed it died first.
import type { JobRecord, JobState, StateStore } from "@docgate/core";
import { SAVE_JOB_KIND } from "./save-job.js";

export const WAITING_PREFIX = "waiting for earlier save ";
/** Unfinished saves scanned per state for the order check (oldest first, so earlier jobs come first). */
export const ORDER_SCAN_LIMIT = 1000;
const UNFINISHED: JobState[] = ["pending", "running", "held"];

function earlier(a: Pick<JobRecord, "id" | "createdAt">, b: Pick<JobRecord, "id" | "createdAt">): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/** The earliest unfinished save of job's document created before it, if any. */
export async function findBlocker(
  store: StateStore,
  job: Pick<JobRecord, "id" | "repoId" | "docId" | "createdAt">,
): Promise<JobRecord | undefined> {
  let blocker: JobRecord | undefined;
  for (const state of UNFINISHED) {
    const jobs = await store.listJobs({ kind: SAVE_JOB_KIND, state, limit: ORDER_SCAN_LIMIT });
    for (const other of jobs) {
      if (other.id === job.id || other.repoId !== job.repoId || other.docId !== job.docId) continue;
      if (!earlier(other, job)) continue;
      if (!blocker || earlier(other, blocker)) blocker = other;
    }
  }
  return blocker;
}

export function waitingReason(blocker: JobRecord): string {
  const why = blocker.state === "held" && blocker.lastError ? ` (held: ${blocker.lastError})` : "";
  return `${WAITING_PREFIX}${blocker.id} of this document${why}`;
}

/** The blocker a held job waits for, or undefined if it is held for a reason of its own. */
export function waitingFor(job: JobRecord): string | undefined {
  if (job.state !== "held" || !job.lastError?.startsWith(WAITING_PREFIX)) return undefined;
  return job.lastError.slice(WAITING_PREFIX.length).split(" ", 1)[0];
}

/**
 * Releases held waiters whose blocker is finished (done, or gone). With `blockerId`, only that
 * blocker's waiters (called right after it completes). Returns the released job ids.
 */
export async function releaseWaiters(store: StateStore, now: number, blockerId?: string): Promise<string[]> {
  const held = await store.listJobs({ kind: SAVE_JOB_KIND, state: "held", limit: ORDER_SCAN_LIMIT });
  const released: string[] = [];
  for (const job of held) {
    const target = waitingFor(job);
    if (!target || (blockerId !== undefined && target !== blockerId)) continue;
    const blocker = await store.getJob(target);
    if (blocker && blocker.state !== "done") continue;
    if (await store.releaseHeldJob(job.id, now)) released.push(job.id);
  }
  return released;
}
