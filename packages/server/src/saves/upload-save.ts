// One upload attempt of a claimed save job (spec: entry 3, upload): POST the spooled file to uploadUrl
// through the business client (multipart `file`, filename `content`, params as query, Cookie and
// prefixed headers) and classify the result. Only the business client talks to business systems.
import type { Readable } from "node:stream";
import type { AttemptOutcome, JobRecord, RepoConfig } from "@docgate/core";
import { isDocgateError } from "@docgate/core";
import type { BusinessClient, UploadResult } from "../adapters/source/index.js";
import { readSavePayload, type SavePayload } from "./save-job.js";
import type { Spool } from "./spool.js";

export interface UploadDeps {
  spool: Spool;
  businessClient: BusinessClient;
  lookupRepo(id: string): RepoConfig | undefined;
}

export type UploadAttempt =
  | { kind: "success"; payload: SavePayload; result: UploadResult }
  | { kind: "aborted" }
  | (Extract<AttemptOutcome, { kind: "failure" }> & { payload?: SavePayload });

function held(reason: string, payload?: SavePayload): UploadAttempt {
  return { kind: "failure", retryable: false, reason, payload };
}

export async function uploadSave(deps: UploadDeps, job: JobRecord, signal: AbortSignal): Promise<UploadAttempt> {
  const payload = readSavePayload(job);
  if (typeof payload === "string") return held(payload);
  const unusable = whyNotUploadable(deps, job.repoId, payload);
  if (unusable) return unusable;
  const size = await deps.spool.dataSize(payload.spoolFile);
  if (size === undefined) return held(`the spooled file ${payload.spoolFile} is missing`, payload);
  if (size !== payload.size) return held(`the spooled file has ${size} bytes, not the ${payload.size} stored`, payload);
  return sendSave(deps, job.repoId, payload, () => deps.spool.openData(payload.spoolFile), signal);
}

/** Why a save cannot be uploaded as stored (held for an operator), or undefined when it can. */
export function whyNotUploadable(
  deps: Pick<UploadDeps, "lookupRepo">,
  repoId: string,
  payload: SavePayload,
): UploadAttempt | undefined {
  if (payload.problem) return held(payload.problem, payload);
  if (!payload.uploadUrl) return held("the save has no uploadUrl", payload);
  if (!deps.lookupRepo(repoId)) return held(`repo "${repoId}" is not registered in docgate's configuration`, payload);
  return undefined;
}

/**
 * POSTs `file()` (the save's `payload.size` bytes) to the save's uploadUrl. The spooled file, or the
 * spool file still being written while the save arrives (growing-file.ts).
 */
export async function sendSave(
  deps: Pick<UploadDeps, "businessClient" | "lookupRepo">,
  repoId: string,
  payload: SavePayload,
  file: () => Readable,
  signal: AbortSignal,
): Promise<UploadAttempt> {
  const unusable = whyNotUploadable(deps, repoId, payload);
  const repo = deps.lookupRepo(repoId);
  if (unusable || !repo || !payload.uploadUrl) return unusable ?? held("the save cannot be uploaded", payload);
  const body = file();
  try {
    const result = await deps.businessClient.upload({
      url: payload.uploadUrl,
      repo,
      params: payload.params,
      file: body,
      fileSize: payload.size,
      mimeType: payload.mimeType,
      signal,
    });
    return { kind: "success", payload, result };
  } catch (err) {
    if (signal.aborted) return { kind: "aborted" };
    const reason = err instanceof Error ? err.message : String(err);
    // Errors from the client are classified (network, timeout, 429, 5xx retry; the rest hold). Anything
    // else is docgate's own fault (e.g. reading the spool): retry, the attempts limit still holds it.
    const retryable = isDocgateError(err) ? err.retryable : true;
    return { kind: "failure", retryable, reason, payload };
  } finally {
    body.destroy();
  }
}
