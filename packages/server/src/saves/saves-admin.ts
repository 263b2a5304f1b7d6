// What operators can do with saves (issue 3, item 5), shared by `docgate saves ...` and the admin HTTP
// API so both behave the same: list (never showing params values: they are business-system
// credentials), retry a held save, and read a save's spooled file.
import type { ReadStream } from "node:fs";
import { DocgateError, type JobRecord, type JobState, type StateStore } from "@docgate/core";
import { waitingFor } from "./document-order.js";
import { readSavePayload, SAVE_JOB_KIND } from "./save-job.js";
import type { Spool } from "./spool.js";

export interface SaveView {
  id: string;
  state: JobState;
  /** For held saves parked behind an earlier save of the same document: that save's id. */
  waitingFor: string | null;
  repoId: string;
  docId: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
  sha256: string | null;
  final: boolean | null;
  status: number | null;
  key: string | null;
  userId: string | null;
  /** uploadUrl without its query (spec: entry 3: anything secret travels in params). */
  uploadUrl: string | null;
  /** Only the names of the params pairs. */
  paramKeys: string[];
}

function stripQuery(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return null;
  }
}

export function toSaveView(job: JobRecord): SaveView {
  const p = readSavePayload(job);
  const payload = typeof p === "string" ? undefined : p;
  return {
    id: job.id,
    state: job.state,
    waitingFor: waitingFor(job) ?? null,
    repoId: job.repoId,
    docId: job.docId,
    attempts: job.attempts,
    lastError: job.lastError,
    nextAttemptAt: job.nextAttemptAt,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    fileName: payload?.fileName ?? null,
    mimeType: payload?.mimeType ?? null,
    size: payload?.size ?? null,
    sha256: payload?.sha256 ?? null,
    final: payload?.final ?? null,
    status: payload?.status ?? null,
    key: payload?.key ?? null,
    userId: payload?.userId ?? null,
    uploadUrl: stripQuery(payload?.uploadUrl ?? null),
    paramKeys: payload ? payload.params.map(([k]) => k) : [],
  };
}

export async function listSaves(
  store: StateStore,
  filter: { state?: JobState; limit?: number } = {},
): Promise<SaveView[]> {
  const jobs = await store.listJobs({ kind: SAVE_JOB_KIND, state: filter.state, limit: filter.limit });
  return jobs.map(toSaveView);
}

async function getSave(store: StateStore, id: string): Promise<JobRecord> {
  const job = await store.getJob(id);
  if (!job || job.kind !== SAVE_JOB_KIND)
    throw new DocgateError("DOCGATE_SAVE_NOT_FOUND", { detail: `No save ${id}.` });
  return job;
}

/** Puts a held save back in the queue, due now, with a fresh retry budget. */
export async function retrySave(store: StateStore, id: string, now: number): Promise<SaveView> {
  const job = await getSave(store, id);
  if (!(await store.releaseHeldJob(id, now))) {
    throw new DocgateError("DOCGATE_SAVE_NOT_HELD", { detail: `Save ${id} is ${job.state}.` });
  }
  return toSaveView(await getSave(store, id));
}

export interface SaveFile {
  view: SaveView;
  size: number;
  mimeType: string;
  fileName: string;
  stream: ReadStream;
}

/** The spooled bytes of a save not yet uploaded (a done save's file is deleted after its upload). */
export async function openSaveFile(store: StateStore, spool: Spool, id: string): Promise<SaveFile> {
  const job = await getSave(store, id);
  const payload = readSavePayload(job);
  const opened = typeof payload === "string" ? undefined : await spool.openDataFile(payload.spoolFile);
  if (typeof payload === "string" || opened === undefined) {
    const detail =
      job.state === "done"
        ? `Save ${id} was uploaded; its spooled file is deleted after the upload.`
        : `Save ${id} has no spooled file.`;
    throw new DocgateError("DOCGATE_SAVE_NOT_FOUND", { detail });
  }
  return {
    view: toSaveView(job),
    size: opened.size,
    mimeType: payload.mimeType,
    fileName: payload.fileName,
    stream: opened.stream,
  };
}
