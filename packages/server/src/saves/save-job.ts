// The save job's durable payload. Everything an upload needs is copied in at intake (uploadUrl,
// params, repo, MIME type), so a save still uploads after its browser session has expired or been
// purged (server.sessionTtlMs) and after any restart.
import { createHash } from "node:crypto";
import { fileExtension, type JobRecord } from "@docgate/core";

export const SAVE_JOB_KIND = "save-upload";

export interface SavePayload {
  /** Spool file name (inside <dataDir>/spool), unique per intake attempt. */
  spoolFile: string;
  sessionId: string;
  key: string;
  status: number;
  final: boolean;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** null when the session was unknown at intake: the job is held, its file kept for an operator. */
  uploadUrl: string | null;
  /** Credentials of the business system: never shown in listings. */
  params: Array<[string, string]>;
  userId: string | null;
  forcesaveType: number | null;
  /** Why the job cannot upload as stored (set at intake), e.g. the session was gone. */
  problem: string | null;
}

/** Job ids are derived from the dedupe key, so "was this save already accepted?" is one getJob. */
export function saveJobId(dedupeKey: string): string {
  return `sv_${createHash("sha256").update(dedupeKey, "utf8").digest("base64url").slice(0, 24)}`;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  docm: "application/vnd.ms-word.document.macroEnabled.12",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pptm: "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
  pdf: "application/pdf",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  rtf: "application/rtf",
  txt: "text/plain",
  csv: "text/csv",
};

/** The MIME type of the saved file: from DS's filetype when given, else the document's name. */
export function saveMimeType(fileType: string | undefined, fileName: string): string {
  const ext = (fileType ?? "").toLowerCase() || fileExtension(fileName);
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

/** Reads a job's payload back, refusing rows that are not save payloads (a held reason, never a crash). */
export function readSavePayload(job: JobRecord): SavePayload | string {
  const p = job.payload as Partial<SavePayload>;
  if (typeof p.spoolFile !== "string" || !/^[A-Za-z0-9_~.-]+$/.test(p.spoolFile) || p.spoolFile.startsWith(".")) {
    return "the job has no valid spool file name";
  }
  if (typeof p.mimeType !== "string" || typeof p.size !== "number" || typeof p.sha256 !== "string") {
    return "the job payload is incomplete";
  }
  if (!Array.isArray(p.params)) return "the job payload has no params list";
  return p as SavePayload;
}
