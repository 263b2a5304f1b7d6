// Sessions and entry replays: the two records a successful entry writes (spec: entry 2).
import type { ReplayStore, SessionRecord, SessionStore, StateStore } from "@docgate/core";
import { type Executor, PrecompiledQuery } from "./compiled-query.js";
import type { StateDatabase } from "./database.js";
import { type BatchRunner, kyselyBatchRunner } from "./group-commit.js";
import { rowToSession, sessionToRow } from "./row-mappers.js";
import { sqliteEntryBatchRunner } from "./sqlite-entry-batch.js";
import type { StateDialect } from "./state-dialect.js";

export type OpenSessionInput = Parameters<StateStore["openSession"]>[0];
export type OpenSessionOutcome = Awaited<ReturnType<StateStore["openSession"]>>;

/** Only its shape matters: it is the template the session insert is compiled from. */
const SAMPLE_SESSION: SessionRecord = {
  id: "id",
  browserBindingHash: "hash",
  browserBound: false,
  repoId: "repo",
  docId: "doc",
  requestedAction: "view",
  effectiveMode: "view",
  readOnlyReason: "reason",
  user: { id: "u", display_name: "n", email: "e" },
  meta: {
    id: "doc",
    name: "n",
    modified_at: "2020-01-01T00:00:00.000Z",
    created_by: { id: "u", name: "n" },
    permissions: { read: true, write: false, download: false, print: false, copy: false },
    extension: { previewWithTrackChange: false, trackChangeForceOn: false },
  },
  downloadUrl: "d",
  uploadUrl: "u",
  params: [],
  engine: "e",
  createdAt: 2,
  expiresAt: 3,
};

export class KyselySessionStore implements SessionStore, ReplayStore {
  /** The entry's two inserts (the hot path: every entry runs both), compiled once. */
  readonly #insertSession: PrecompiledQuery<unknown[]>;
  readonly #insertClaim: PrecompiledQuery<[string, number]>;
  readonly #releaseClaim: PrecompiledQuery<[string]>;

  constructor(private readonly dialect: StateDialect) {
    // sessionToRow always returns every column, in one order: its values are the parameters.
    const sample = sessionToRow(SAMPLE_SESSION);
    this.#insertSession = new PrecompiledQuery(dialect.db.insertInto("sessions").values(sample), Object.values(sample));
    const claim: [string, number] = ["fingerprint", 1];
    this.#insertClaim = new PrecompiledQuery(
      dialect.db
        .insertInto("entry_replays")
        .values({ fingerprint: claim[0], expires_at: claim[1] })
        .onConflict((oc) => oc.column("fingerprint").doNothing()),
      claim,
    );
    const release: [string] = ["fingerprint"];
    this.#releaseClaim = new PrecompiledQuery(
      dialect.db.deleteFrom("entry_replays").where("fingerprint", "=", release[0]),
      release,
    );
  }

  /**
   * How the entry's writes run as one group-committed batch (spec: entry 2, single use): a claim and a
   * session insert per entry, and a failed insert leaves no claim behind (never burn a URL).
   */
  entryBatchRunner(): BatchRunner<OpenSessionInput, OpenSessionOutcome> {
    const sync = this.dialect.syncConnection;
    if (sync) {
      const run = sqliteEntryBatchRunner(sync, {
        claim: this.#insertClaim.sql,
        release: this.#releaseClaim.sql,
        insertSession: this.#insertSession.sql,
      });
      return (inputs) =>
        run(
          inputs.map(({ fingerprint, replayExpiresAt, session }) => ({
            fingerprint,
            replayExpiresAt,
            sessionValues: Object.values(sessionToRow(session)),
          })),
        );
    }
    const savepoints = this.dialect.failedStatementAbortsTransaction;
    return kyselyBatchRunner(
      this.dialect.db,
      async (trx, { fingerprint, replayExpiresAt, session }) => {
        if (!(await this.claimEntry(fingerprint, replayExpiresAt, trx))) return "replayed";
        try {
          await this.createSession(session, trx);
        } catch (error) {
          // Without a savepoint (see group-commit.ts) the claim is undone here.
          if (!savepoints) await this.releaseClaim(fingerprint, trx);
          throw error;
        }
        return "created";
      },
      { savepoints },
    );
  }

  createSession(session: SessionRecord, executor: Executor<StateDatabase> = this.dialect.db): Promise<void> {
    return this.#insertSession.execute(executor, Object.values(sessionToRow(session))).then(() => undefined);
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const row = await this.dialect.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : rowToSession(row);
  }

  async settleBrowserBinding(id: string, bound: boolean): Promise<boolean | undefined> {
    // One statement: COALESCE keeps a value already settled, and RETURNING reports what is stored.
    // Two racing first requests serialise on the row; the loser sees the winner's value.
    const row = await this.dialect.db
      .updateTable("sessions")
      .set((eb) => ({ browser_bound: eb.fn.coalesce("browser_bound", eb.val(bound ? 1 : 0)) }))
      .where("id", "=", id)
      .returning("browser_bound")
      .executeTakeFirst();
    return row === undefined ? undefined : row.browser_bound !== 0;
  }

  purgeExpiredSessions(now: number): Promise<number> {
    const db = this.dialect.db;
    return deleteInChunks(() =>
      db
        .deleteFrom("sessions")
        .where("id", "in", db.selectFrom("sessions").select("id").where("expires_at", "<=", now).limit(PURGE_CHUNK))
        .executeTakeFirst(),
    );
  }

  async claimEntry(
    fingerprint: string,
    expiresAt: number,
    executor: Executor<StateDatabase> = this.dialect.db,
  ): Promise<boolean> {
    // The primary key decides: of concurrent claimers (in any process) exactly one inserts a row.
    // A fingerprint that is past its expiresAt but not yet purged is still refused: replay rows outlive
    // the entry's timestamp window, so such an entry fails the ts check anyway, and refusing is safe.
    const result = await this.#insertClaim.execute(executor, [fingerprint, expiresAt]);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  /** Undoes a claim made in the same transaction whose session could not be created. */
  async releaseClaim(fingerprint: string, executor: Executor<StateDatabase>): Promise<void> {
    await this.#releaseClaim.execute(executor, [fingerprint]);
  }

  purgeExpiredEntries(now: number): Promise<number> {
    const db = this.dialect.db;
    const expired = db.selectFrom("entry_replays").select("fingerprint").where("expires_at", "<=", now);
    return deleteInChunks(() =>
      db.deleteFrom("entry_replays").where("fingerprint", "in", expired.limit(PURGE_CHUNK)).executeTakeFirst(),
    );
  }
}

/** Rows per purge statement: a busy server expires many entries a minute (one per open). */
export const PURGE_CHUNK = 500;

/**
 * Runs a bounded DELETE until it deletes less than a chunk, yielding to the event loop in between: on
 * SQLite a statement runs on the event loop, and one DELETE of a minute's worth of entries would stall
 * every request for its duration.
 */
async function deleteInChunks(deleteChunk: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteChunk()).numDeletedRows);
    total += deleted;
    if (deleted < PURGE_CHUNK) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
