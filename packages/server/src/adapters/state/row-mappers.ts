// Conversions between port records and table rows. The only place that knows column names map to
// record fields, so a schema change is one edit here plus a migration.
import type {
  DocumentRecord,
  EditState,
  EntryAction,
  JobRecord,
  JobState,
  Meta,
  NewJob,
  SessionRecord,
  UserInfo,
} from "@docgate/core";
import type { Insertable, Selectable } from "kysely";
import type { DocumentsTable, JobsTable, SessionsTable } from "./database.js";

export function sessionToRow(s: SessionRecord): Insertable<SessionsTable> {
  return {
    id: s.id,
    browser_binding_hash: s.browserBindingHash,
    browser_bound: boolToInt(s.browserBound),
    repo_id: s.repoId,
    doc_id: s.docId,
    requested_action: s.requestedAction,
    effective_mode: s.effectiveMode,
    read_only_reason: s.readOnlyReason,
    user_json: JSON.stringify(s.user),
    meta_json: JSON.stringify(s.meta),
    download_url: s.downloadUrl,
    upload_url: s.uploadUrl,
    params_json: JSON.stringify(s.params),
    engine: s.engine,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
  };
}

export function rowToSession(r: Selectable<SessionsTable>): SessionRecord {
  return {
    id: r.id,
    browserBindingHash: r.browser_binding_hash,
    browserBound: intToBool(r.browser_bound),
    repoId: r.repo_id,
    docId: r.doc_id,
    requestedAction: r.requested_action as EntryAction,
    effectiveMode: r.effective_mode as EntryAction,
    readOnlyReason: r.read_only_reason,
    user: JSON.parse(r.user_json) as UserInfo,
    meta: JSON.parse(r.meta_json) as Meta,
    downloadUrl: r.download_url,
    uploadUrl: r.upload_url,
    params: JSON.parse(r.params_json) as Array<[string, string]>,
    engine: r.engine,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export function rowToDocument(r: Selectable<DocumentsTable>): DocumentRecord {
  return {
    repoId: r.repo_id,
    docId: r.doc_id,
    modifiedAt: r.modified_at,
    generation: r.generation,
    savedModifiedAt: r.saved_modified_at,
    editKey: r.edit_key,
    editState: r.edit_state as EditState | null,
    updatedAt: r.updated_at,
  };
}

export function newJobToRow(j: NewJob): Insertable<JobsTable> {
  return {
    id: j.id,
    kind: j.kind,
    state: (j.claimedUntil === undefined ? "pending" : "running") satisfies JobState,
    repo_id: j.repoId,
    doc_id: j.docId,
    dedupe_key: j.dedupeKey,
    payload_json: JSON.stringify(j.payload),
    // A claimed job's first attempt is under way, counted as a claim would count it.
    attempts: j.claimedUntil === undefined ? 0 : 1,
    // Due at once (claimable by the next poll), or at the end of the caller's lease.
    next_attempt_at: j.claimedUntil ?? j.now,
    last_error: null,
    created_at: j.now,
    updated_at: j.now,
  };
}

export function rowToJob(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state as JobState,
    repoId: r.repo_id,
    docId: r.doc_id,
    dedupeKey: r.dedupe_key,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function boolToInt(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

export function intToBool(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}
