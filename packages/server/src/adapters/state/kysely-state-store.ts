// The StateStore for both SQLite and PostgreSQL. It composes one small store per port, all sharing the
// dialect's connection (pool); dialect differences live in StateDialect, never in the queries' callers.
import type {
  BeginEditResult,
  DocumentRecord,
  JobRecord,
  JobState,
  NewJob,
  SessionRecord,
  StateStore,
} from "@docgate/core";
import { sql } from "kysely";
import { GroupCommit } from "./group-commit.js";
import { KyselyDocumentStore } from "./kysely-document-store.js";
import { KyselyJobStore } from "./kysely-job-store.js";
import { KyselySessionStore, type OpenSessionInput, type OpenSessionOutcome } from "./kysely-session-store.js";
import type { StateDialect } from "./state-dialect.js";

export class KyselyStateStore implements StateStore {
  private readonly sessions: KyselySessionStore;
  private readonly documents: KyselyDocumentStore;
  private readonly jobs: KyselyJobStore;
  /** The entry's writes, group-committed (group-commit.ts). */
  private readonly entries: GroupCommit<OpenSessionInput, OpenSessionOutcome>;

  constructor(private readonly dialect: StateDialect) {
    this.sessions = new KyselySessionStore(dialect);
    this.documents = new KyselyDocumentStore(dialect);
    this.jobs = new KyselyJobStore(dialect);
    this.entries = new GroupCommit(this.sessions.entryBatchRunner());
  }

  /** "sqlite" or "postgres", for logs and /readyz details. */
  get dialectName(): StateDialect["name"] {
    return this.dialect.name;
  }

  migrate(): Promise<void> {
    return this.dialect.migrate();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.dialect.db);
  }

  close(): Promise<void> {
    return this.dialect.close();
  }

  openSession(input: OpenSessionInput): Promise<"created" | "replayed"> {
    return this.entries.submit(input);
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.sessions.createSession(session);
  }
  getSession(id: string): Promise<SessionRecord | undefined> {
    return this.sessions.getSession(id);
  }
  settleBrowserBinding(id: string, bound: boolean): Promise<boolean | undefined> {
    return this.sessions.settleBrowserBinding(id, bound);
  }
  purgeExpiredSessions(now: number): Promise<number> {
    return this.sessions.purgeExpiredSessions(now);
  }
  claimEntry(fingerprint: string, expiresAt: number): Promise<boolean> {
    return this.sessions.claimEntry(fingerprint, expiresAt);
  }
  purgeExpiredEntries(now: number): Promise<number> {
    return this.sessions.purgeExpiredEntries(now);
  }

  getDocument(repoId: string, docId: string): Promise<DocumentRecord | undefined> {
    return this.documents.getDocument(repoId, docId);
  }
  observeDocument(repoId: string, docId: string, modifiedAt: string, now: number): Promise<DocumentRecord> {
    return this.documents.observeDocument(repoId, docId, modifiedAt, now);
  }
  recordSave(
    repoId: string,
    docId: string,
    savedModifiedAt: string,
    now: number,
    options?: { final?: boolean; key?: string },
  ): Promise<DocumentRecord> {
    return this.documents.recordSave(repoId, docId, savedModifiedAt, now, options);
  }
  beginEdit(repoId: string, docId: string, candidateKey: string, now: number): Promise<BeginEditResult> {
    return this.documents.beginEdit(repoId, docId, candidateKey, now);
  }
  findDocumentByEditKey(key: string): Promise<DocumentRecord | undefined> {
    return this.documents.findDocumentByEditKey(key);
  }
  markEditSaving(key: string, now: number): Promise<boolean> {
    return this.documents.markEditSaving(key, now);
  }
  endEdit(key: string, now: number): Promise<boolean> {
    return this.documents.endEdit(key, now);
  }
  resumeEdit(repoId: string, docId: string, key: string, now: number): Promise<boolean> {
    return this.documents.resumeEdit(repoId, docId, key, now);
  }
  abandonSave(key: string, now: number): Promise<boolean> {
    return this.documents.abandonSave(key, now);
  }
  recordEditor(key: string, userId: string, sessionId: string, now: number): Promise<void> {
    return this.documents.recordEditor(key, userId, sessionId, now);
  }
  editorSession(key: string, userId: string): Promise<string | undefined> {
    return this.documents.editorSession(key, userId);
  }
  purgeEditors(before: number): Promise<number> {
    return this.documents.purgeEditors(before);
  }

  enqueueJob(job: NewJob): Promise<{ job: JobRecord; created: boolean }> {
    return this.jobs.enqueueJob(job);
  }
  getJob(id: string): Promise<JobRecord | undefined> {
    return this.jobs.getJob(id);
  }
  claimDueJob(kind: string, now: number, leaseMs: number): Promise<JobRecord | undefined> {
    return this.jobs.claimDueJob(kind, now, leaseMs);
  }
  completeJob(id: string, now: number): Promise<void> {
    return this.jobs.completeJob(id, now);
  }
  retryJobLater(id: string, error: string, nextAttemptAt: number, now: number): Promise<void> {
    return this.jobs.retryJobLater(id, error, nextAttemptAt, now);
  }
  holdJob(id: string, error: string, now: number): Promise<void> {
    return this.jobs.holdJob(id, error, now);
  }
  releaseHeldJob(id: string, now: number): Promise<boolean> {
    return this.jobs.releaseHeldJob(id, now);
  }
  listJobs(filter: { state?: JobState; kind?: string; limit?: number }): Promise<JobRecord[]> {
    return this.jobs.listJobs(filter);
  }
}
