// PostgreSQL through a pg Pool. An optional `?schema=name` in the URL puts every docgate table (and
// the migration bookkeeping) in that schema, so several deployments or test files can share a database.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { StateDatabase } from "./database.js";
import { runMigrations } from "./migrations/run-migrations.js";
import type { StateDialect } from "./state-dialect.js";

/** Unquoted identifiers only: the name goes into a startup option where quoting rules differ. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * int8 as a JS number instead of pg's default string. Epoch-ms timestamps stay far below 2^53, so this
 * is exact. Set per pool, never through pg.types globally, which would change other pg users in-process.
 */
const int8AsNumber: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function parsePostgresUrl(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _`);
  }
  // pg would otherwise pass the unknown parameter on; the schema is applied through search_path.
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

export function openPostgresDialect(url: string): StateDialect {
  const { connectionString, schema } = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString,
    types: int8AsNumber,
    // Every connection resolves unqualified table names in the schema, so queries and migrations need
    // no schema plumbing. The schema may not exist yet: the migrator creates it.
    options: `-c search_path=${schema}`,
  });
  // An idle connection dropped by the server (restart, failover) emits "error" on the pool; unhandled,
  // that would crash the process. pg already discards the broken client and the next query reconnects,
  // and queries in flight fail on their own, so there is nothing more to do here.
  pool.on("error", () => {});
  const db = new Kysely<StateDatabase>({ dialect: new PostgresDialect({ pool }) });

  return {
    name: "postgres",
    // synchronous_commit (on by default) already flushes the WAL before a commit returns.
    makeDurable: async () => {},
    db,
    rowLocks: true,
    byteCollation: '"C"',
    failedStatementAbortsTransaction: true,
    // Two processes starting at once are serialised by kysely's PostgreSQL migration lock: a
    // session-level pg_advisory_lock held around the migration transaction, after which the pending
    // list is re-read. Its preparatory CREATE SCHEMA/TABLE IF NOT EXISTS steps tolerate losing a race
    // (they re-check existence on error). postgres.test.ts starts two stores on one fresh schema at once.
    migrate: () => runMigrations(db as Kysely<unknown>, schema),
    close: () => db.destroy(),
  };
}
