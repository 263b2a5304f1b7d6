// The entry's group commit on SQLite (group-commit.ts): the whole batch (BEGIN, a claim and an insert per
// entry, COMMIT) runs synchronously on the raw better-sqlite3 connection. Through kysely every statement
// is a promise chain through the driver and its connection mutex; measured here, that was half of what
// an entry's writes cost on the event loop (bench/entry.ts, docs/benchmarks.md). The SQL is still the SQL
// kysely compiled (kysely-session-store.ts), so there is one text of each statement.
import type { Database, Statement } from "better-sqlite3";
import type { BatchRunner, Outcome } from "./group-commit.js";

/** A connection that may be used synchronously while kysely is kept off it. */
export interface SyncConnection {
  /** Runs `work` holding kysely's connection: no other query or transaction interleaves with it. */
  exclusive<T>(work: (raw: Database) => T): Promise<T>;
}

export interface EntryStatementsSql {
  /** Inserts the replay record; ON CONFLICT DO NOTHING, so a replay changes no row. */
  claim: string;
  /** Deletes a claim whose session could not be inserted. */
  release: string;
  /** Inserts the session row. */
  insertSession: string;
}

export interface EntryUnit {
  fingerprint: string;
  replayExpiresAt: number;
  /** The session row's values in insertSession's parameter order. */
  sessionValues: unknown[];
}

export function sqliteEntryBatchRunner(
  connection: SyncConnection,
  sql: EntryStatementsSql,
): BatchRunner<EntryUnit, "created" | "replayed"> {
  let statements: { begin: Statement; commit: Statement; claim: Statement; release: Statement; insert: Statement };
  return (units) =>
    connection.exclusive((raw) => {
      // Prepared on first use, once: the tables exist only after migrations have run.
      statements ??= {
        begin: raw.prepare("BEGIN IMMEDIATE"),
        commit: raw.prepare("COMMIT"),
        claim: raw.prepare(sql.claim),
        release: raw.prepare(sql.release),
        insert: raw.prepare(sql.insertSession),
      };
      const { begin, commit, claim, release, insert } = statements;
      begin.run();
      try {
        const outcomes = units.map((unit) => runUnit(unit, claim, release, insert));
        commit.run();
        return outcomes;
      } catch (error) {
        // COMMIT failed, or a claim could not be undone: nothing of the batch may stay.
        if (raw.inTransaction) raw.exec("ROLLBACK");
        throw error;
      }
    });
}

/**
 * One entry: claim, then insert. SQLite undoes only a failed statement, so a failed insert undoes the
 * claim here (never burn a URL whose session was not stored); if even that fails, the batch rolls back.
 */
function runUnit(
  unit: EntryUnit,
  claim: Statement,
  release: Statement,
  insert: Statement,
): Outcome<"created" | "replayed"> {
  let claimed: boolean;
  try {
    claimed = claim.run(unit.fingerprint, unit.replayExpiresAt).changes === 1;
  } catch (error) {
    return { ok: false, error };
  }
  if (!claimed) return { ok: true, value: "replayed" };
  try {
    insert.run(...unit.sessionValues);
  } catch (error) {
    release.run(unit.fingerprint);
    return { ok: false, error };
  }
  return { ok: true, value: "created" };
}
