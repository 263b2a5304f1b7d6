// SQLite through better-sqlite3: one connection per store, opened with the pragmas below.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { StateDatabase } from "./database.js";
import { runMigrations } from "./migrations/run-migrations.js";
import type { StateDialect } from "./state-dialect.js";

/** How long a writer waits for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** Poll interval while waiting for the migration write lock without blocking the event loop. */
const MIGRATION_LOCK_POLL_MS = 20;

/**
 * Opens (creating if needed) the database at `file` (":memory:" for a private in-memory one).
 *
 * Pragmas:
 * - journal_mode=WAL: readers never block the writer and vice versa; a process reading sessions is
 *   not stalled by another enqueueing jobs.
 * - busy_timeout: a second connection (another process on the same file) waits for the write lock
 *   instead of failing at once.
 * - synchronous=FULL, not NORMAL: under WAL, NORMAL can lose the last commits on power loss or an OS
 *   crash. docgate answers ONLYOFFICE's save callback `{"error":0}` only after the save job row is
 *   stored, and DS then forgets the file (spec: onlyoffice 4), so a lost job row is a lost edit.
 *   Writes are a few per entry or save, so one fsync per commit costs nothing that matters.
 * - foreign_keys=ON: SQLite enforces declared foreign keys only when asked; on so future migrations
 *   behave as they do on PostgreSQL.
 */
export function openSqliteDialect(file: string): StateDialect {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma("synchronous = FULL");
  raw.pragma("foreign_keys = ON");
  const db = new Kysely<StateDatabase>({ dialect: new SqliteDialect({ database: raw }) });

  return {
    name: "sqlite",
    db,
    rowLocks: false,
    byteCollation: "BINARY",
    // kysely's SQLite migration lock is a no-op (it assumes one connection), so two processes starting
    // on one file could both apply a migration. The whole run therefore happens inside BEGIN IMMEDIATE,
    // which holds the file's write lock: the second process waits, then finds nothing pending.
    migrate: () =>
      db.connection().execute(async (conn) => {
        await acquireWriteLock(raw);
        try {
          await runMigrations(conn as Kysely<unknown>);
          raw.exec("COMMIT");
        } catch (error) {
          if (raw.inTransaction) raw.exec("ROLLBACK");
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}

/**
 * BEGIN IMMEDIATE, waiting for the lock by polling with timers. better-sqlite3 is synchronous, so the
 * busy handler would block the whole event loop; if the lock holder is another store in this same
 * process (tests, or a tool embedding two stores), it could then never finish and release the lock.
 */
async function acquireWriteLock(raw: Database.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS * 6;
  raw.pragma("busy_timeout = 0");
  try {
    for (;;) {
      try {
        raw.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_POLL_MS));
      }
    }
  } finally {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_BUSY");
}
