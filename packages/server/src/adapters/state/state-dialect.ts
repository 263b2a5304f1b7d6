// The few places where SQLite and PostgreSQL differ, gathered so KyselyStateStore is one class for
// both. Everything else (upserts, RETURNING, ON CONFLICT) is the same SQL in both dialects.
import type { Kysely } from "kysely";
import type { StateDatabase } from "./database.js";
import type { SyncConnection } from "./sqlite-entry-batch.js";

export interface StateDialect {
  readonly name: "sqlite" | "postgres";
  readonly db: Kysely<StateDatabase>;
  /**
   * Whether claim subqueries take `FOR UPDATE SKIP LOCKED` row locks. PostgreSQL needs them so that
   * concurrent claimers pass over a row another claimer is taking instead of racing for it. SQLite
   * has no row locks and needs none: a writing statement holds the database write lock from its first
   * read to its commit, so the subquery and the update see the same state.
   */
  readonly rowLocks: boolean;
  /**
   * Collation that compares text byte by byte. modified_at values use a fixed ISO-8601 format
   * (spec: entry 4, `YYYY-MM-DDTHH:mm:ss.SSSZ`), so byte order is time order; PostgreSQL's database
   * collation (e.g. en_US) might not be, hence an explicit "C" there.
   */
  readonly byteCollation: "BINARY" | '"C"';
  /**
   * Whether a failed statement aborts the whole transaction (PostgreSQL) rather than only itself
   * (SQLite). Where it does, work that must survive a neighbour's failure needs a savepoint.
   */
  readonly failedStatementAbortsTransaction: boolean;
  /**
   * Makes every write committed so far survive a power loss. Called where docgate promises durability
   * to someone else (a save job acknowledged to ONLYOFFICE); other commits may rely on the dialect's
   * default (see sqlite-dialect.ts).
   */
  makeDurable(): Promise<void>;
  /**
   * SQLite only: the raw synchronous connection, for the entry's group commit (sqlite-entry-batch.ts).
   * Absent, the entry's writes run through kysely like every other query.
   */
  readonly syncConnection?: SyncConnection;
  /** Applies pending migrations, serialised across processes (see each dialect for how). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
