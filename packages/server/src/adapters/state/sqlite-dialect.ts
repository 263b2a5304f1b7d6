// SQLite through better-sqlite3: one connection per store, opened with the pragmas below.
import { mkdirSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { StateDatabase } from "./database.js";
import { runMigrations } from "./migrations/run-migrations.js";
import { startCheckpointer } from "./sqlite-checkpointer.js";
import type { StateDialect } from "./state-dialect.js";
import { withStatementCache } from "./statement-cache.js";

export interface SqliteDialectOptions {
  /** The WAL size, in pages, at which a commit checkpoints and lets the WAL restart (tests lower it). */
  walRestartMarkPages?: number;
}

/** How long a writer waits for another connection's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** Poll interval while waiting for the migration write lock without blocking the event loop. */
const MIGRATION_LOCK_POLL_MS = 20;
/**
 * The connection's page cache, in KiB (SQLite's default is 2,000). With the default, the end of every
 * commit spent 3-4% of docgate's CPU under the entry benchmark's load in pcache1TruncateUnsafe, which
 * walks the cache's hash table; at 1 MiB it is 0.2%, and SQLite's whole share fell from 7.6% to 4.3%
 * (perf, bench/entry.ts load). docgate's reads touch few pages (a session by id, a job), and the
 * operating system's page cache holds the rest of the file.
 */
const PAGE_CACHE_KIB = 1024;
/** The WAL file is cut back to this size when it restarts. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) the database at `file` (":memory:" for a private in-memory one).
 *
 * Pragmas:
 * - journal_mode=WAL: readers never block the writer and vice versa; a process reading sessions is
 *   not stalled by another enqueueing jobs.
 * - busy_timeout: a second connection (another process on the same file) waits for the write lock
 *   instead of failing at once.
 * - synchronous=NORMAL: under WAL a commit is safe from a process crash at once and from a power loss
 *   after the next WAL sync. FULL would fsync inside every commit, and better-sqlite3 does that on the
 *   event loop: measured here, 1.6 ms per fsync capped the entry route near 200 requests/s. Where
 *   docgate promises durability to someone else (a save job row, acknowledged to ONLYOFFICE, which then
 *   forgets the file: spec onlyoffice 4) the store calls makeDurable(), an fsync of the WAL file on
 *   libuv's thread pool. A power loss can therefore drop only entry sessions and replay records of the
 *   last moment (the user reopens from the business system; a replay would still need a fresh ts).
 * - foreign_keys=ON: SQLite enforces declared foreign keys only when asked; on so future migrations
 *   behave as they do on PostgreSQL.
 * - checkpoints run on a worker thread (sqlite-checkpointer.ts), not inside commits on the event loop,
 *   except the small remainder at a high mark that lets the WAL restart under sustained writes;
 *   journal_size_limit truncates the WAL file after it restarts, so a burst does not leave it large.
 */
export function openSqliteDialect(file: string, options: SqliteDialectOptions = {}): StateDialect {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  raw.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const checkpointer = file === ":memory:" ? undefined : startCheckpointer(raw, file, options.walRestartMarkPages);
  const db = new Kysely<StateDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });

  return {
    name: "sqlite",
    db,
    makeDurable: () => fsyncFile(file === ":memory:" ? undefined : `${file}-wal`),
    // kysely's driver takes its connection mutex for connection(): nothing of kysely's runs meanwhile.
    syncConnection: { exclusive: (work) => db.connection().execute(async () => work(raw)) },
    rowLocks: false,
    byteCollation: "BINARY",
    failedStatementAbortsTransaction: false,
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
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
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

/** fsync on the thread pool: flushes every frame SQLite has written to the WAL, whichever fd wrote it. */
async function fsyncFile(path: string | undefined): Promise<void> {
  if (!path) return;
  const handle = await open(path, "r").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined; // no WAL yet: nothing uncheckpointed to flush
    throw err;
  });
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
