// Ports for durable state (ARCHITECTURE.md practice 1). Adapters: SQLite and PostgreSQL via kysely
// (packages/server/src/adapters/state), both run through one conformance suite.
import type { EntryAction, Meta, UserInfo } from "../entry/types.js";

/** A browser session created by a successful entry (spec: entry 2, single use). */
export interface SessionRecord {
  /**
   * Opaque, unguessable capability: a time prefix (so ids ascend and inserts stay at the index's right
   * edge) followed by base64url of 32 random bytes, which alone carry the 256 bits of unguessability.
   */
  id: string;
  /** sha256 hex of the browser-binding cookie value set with the entry's 303. */
  browserBindingHash: string;
  /**
   * null until the first session-page request settles it: true when that request carried the cookie
   * (later requests must carry it too), false when the browser refused it (a cross-site iframe with
   * third-party cookies blocked): the session id alone is then the capability.
   */
  browserBound: boolean | null;
  repoId: string;
  docId: string;
  requestedAction: EntryAction;
  /** What the session may actually do after permissions (an edit request may open read-only). */
  effectiveMode: EntryAction;
  /** Why an edit request was opened read-only, as a message id; null otherwise. */
  readOnlyReason: string | null;
  user: UserInfo;
  meta: Meta;
  downloadUrl: string;
  uploadUrl: string | null;
  /** params pairs in received order (spec: entry 3). */
  params: Array<[string, string]>;
  /** Engine chosen for the session (e.g. "onlyoffice", "builtin"); null until routed. */
  engine: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Sets browserBound only if it is still null; returns the value now stored (or undefined if no session). */
  settleBrowserBinding(id: string, bound: boolean): Promise<boolean | undefined>;
  /** Deletes sessions whose expiresAt <= now; returns how many. */
  purgeExpiredSessions(now: number): Promise<number>;
}

export interface ReplayStore {
  /**
   * Records that a signed entry URL (identified by its signature digest) was used.
   * Returns true for the first claim, false when it was already claimed (a replay). Atomic across
   * processes. A claim past its expiresAt but not yet purged still counts: expiresAt must outlast the
   * entry's ts window, so purging is housekeeping, never what re-opens a fingerprint.
   */
  claimEntry(fingerprint: string, expiresAt: number): Promise<boolean>;
  purgeExpiredEntries(now: number): Promise<number>;
}

/** What docgate knows about one document of one repo (spec: entry 5, caching and versions). */
/**
 * The state of a document's live ONLYOFFICE session (spec: onlyoffice 2):
 * - editing: editors (and viewers) share editKey;
 * - saving: DS sent status 2 for editKey, so the key is dead; opens wait until the save is recorded.
 */
export type EditState = "editing" | "saving";

export interface DocumentRecord {
  repoId: string;
  docId: string;
  /** The newest modified_at docgate has seen from an open or recorded from a save. */
  modifiedAt: string;
  /** Increases after every final save so editor keys never repeat (spec: onlyoffice 2). */
  generation: number;
  /** modified_at returned by the business system for docgate's last successful upload, if any. */
  savedModifiedAt: string | null;
  /** document.key of the live editing session, or null when none is live. */
  editKey: string | null;
  editState: EditState | null;
  updatedAt: number;
}

export type BeginEditResult =
  | { outcome: "joined"; key: string; document: DocumentRecord }
  | { outcome: "wait-for-save"; document: DocumentRecord };

export interface DocumentStore {
  getDocument(repoId: string, docId: string): Promise<DocumentRecord | undefined>;
  /**
   * Creates the record on first sight (generation 0); otherwise keeps the newer modifiedAt (the fixed
   * ISO format compares as text). updatedAt moves only when the record changes. Returns the record.
   */
  observeDocument(repoId: string, docId: string, modifiedAt: string, now: number): Promise<DocumentRecord>;
  /**
   * Records a successful upload: sets modifiedAt and savedModifiedAt. A final save (status 2) also
   * increments generation (a document never observed starts at 1) and ends the edit session (editKey
   * and editState null); a forcesave (status 6) keeps generation and the live editKey, because the key
   * must not change while the session lives (spec: onlyoffice 2). Concurrent calls each apply. With
   * `key`, a final save ends the session only if `key` is still the live one: a late save of a session
   * docgate already gave up on (abandonSave) must not end the newer session that replaced it.
   */
  recordSave(
    repoId: string,
    docId: string,
    savedModifiedAt: string,
    now: number,
    options?: { final?: boolean; key?: string },
  ): Promise<DocumentRecord>;
  /**
   * An open that goes to ONLYOFFICE (edit, or a view while a session may be live). Atomically: while
   * editState is "saving" → wait-for-save; while a key is live → joined with that key (new editors join
   * even if their modified_at is newer, spec: entry 5); otherwise editKey := candidateKey,
   * editState := "editing" → joined with candidateKey. The record must exist (observeDocument first).
   */
  beginEdit(repoId: string, docId: string, candidateKey: string, now: number): Promise<BeginEditResult>;
  /** The document whose live (editing or saving) session uses this key. */
  findDocumentByEditKey(key: string): Promise<DocumentRecord | undefined>;
  /** Status 2 arrived for key: editState := "saving" (only if key is the live key). Returns whether it was. */
  markEditSaving(key: string, now: number): Promise<boolean>;
  /** Status 4 (closed without changes): ends the session of key (only if live and editing). */
  endEdit(key: string, now: number): Promise<boolean>;
  /** Status 1 after a 4 (network loss, spec: onlyoffice 4): makes key live again if no other key is. */
  resumeEdit(repoId: string, docId: string, key: string, now: number): Promise<boolean>;
  /**
   * A final save DS never handed over (it gave up after docgate failed to store it, and keeps it in its
   * forgotten files): if key is still "saving", the session ends and generation increases, so the next
   * open gets a fresh key instead of the dead one. Returns whether it did.
   */
  abandonSave(key: string, now: number): Promise<boolean>;
  /**
   * An editor (DS user id = userinfo.id) opened key from sessionId; a later open by the same user
   * replaces it (spec: onlyoffice 4: the last editor's params upload the save).
   */
  recordEditor(key: string, userId: string, sessionId: string, now: number): Promise<void>;
  /** The session from which userId last opened key to edit, if known. */
  editorSession(key: string, userId: string): Promise<string | undefined>;
  /** Forgets editors recorded before `before` (their sessions have expired); returns how many. */
  purgeEditors(before: number): Promise<number>;
}

export type JobState = "pending" | "running" | "done" | "held";

export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  repoId: string;
  docId: string;
  /** Idempotency key: a second enqueue with the same key returns the existing job. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** How many times the job was claimed: counted at claim time, before the side effect. */
  attempts: number;
  /** When a pending job is due; for a running job, when its lease expires and it may be claimed again. */
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewJob {
  id: string;
  kind: string;
  repoId: string;
  docId: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  now: number;
  /**
   * Enqueue the job already claimed by the caller, whose attempt is under way: state "running",
   * attempts 1, lease until this time (then claimable again, as any running job whose lease expired).
   */
  claimedUntil?: number;
}

export interface JobStore {
  /**
   * Inserts a pending job (or a claimed one, see NewJob.claimedUntil) unless one with the same dedupeKey
   * exists; returns the stored job and whether it was new.
   */
  enqueueJob(job: NewJob): Promise<{ job: JobRecord; created: boolean }>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /**
   * Atomically moves one due pending job (or a running job whose lease expired) to running, earliest
   * due first: attempts + 1, nextAttemptAt = now + leaseMs. Concurrent claimers never get the same job.
   */
  claimDueJob(kind: string, now: number, leaseMs: number): Promise<JobRecord | undefined>;
  /** Records an attempt's outcome (practice 7: record the attempt before and after the side effect). */
  completeJob(id: string, now: number): Promise<void>;
  retryJobLater(id: string, error: string, nextAttemptAt: number, now: number): Promise<void>;
  holdJob(id: string, error: string, now: number): Promise<void>;
  /**
   * Puts a held job back to pending, due now, with attempts reset to 0 (a fresh retry schedule).
   * Returns false if it was not held.
   */
  releaseHeldJob(id: string, now: number): Promise<boolean>;
  /** Oldest first (createdAt); limit defaults to 100. */
  listJobs(filter: { state?: JobState; kind?: string; limit?: number }): Promise<JobRecord[]>;
}

/** Everything durable. One adapter implements all four, sharing a connection pool. */
export interface StateStore extends SessionStore, ReplayStore, DocumentStore, JobStore {
  /**
   * The entry's writes, atomically (spec: entry 2): claims the fingerprint and creates the session.
   * "replayed", with nothing written, when the fingerprint was already claimed. Atomic so a URL is never
   * burnt without its session; adapters may commit several concurrent calls together (group commit),
   * each still all-or-nothing. The document record is not touched here: the engine that opens the
   * document observes it (the ONLYOFFICE engine does, for its keys; the preview keys by meta alone).
   */
  openSession(input: {
    fingerprint: string;
    replayExpiresAt: number;
    session: SessionRecord;
  }): Promise<"created" | "replayed">;
  /** Applies pending migrations; idempotent. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
