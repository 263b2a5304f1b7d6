// Picks the StateStore adapter from the configured URL:
//   sqlite:<path>          a file; relative paths resolve against opts.dataDir, else the cwd;
//                          parent directories are created. sqlite:///abs/path is accepted too.
//   sqlite::memory:        a private in-memory database (tests, throwaway demos).
//   postgres://… / postgresql://…   optionally ?schema=<name> (created if missing).
// The store is returned unmigrated: the caller decides when migrate() runs (start-up, `docgate migrate`).
import { resolve } from "node:path";
import type { StateStore } from "@docgate/core";
import { KyselyStateStore } from "./kysely-state-store.js";
import { openPostgresDialect } from "./postgres-dialect.js";
import { openSqliteDialect } from "./sqlite-dialect.js";

export interface CreateStateStoreOptions {
  /** Base directory for a relative sqlite path (default: process.cwd()). */
  dataDir?: string;
}

export async function createStateStore(url: string, opts: CreateStateStoreOptions = {}): Promise<StateStore> {
  if (url.startsWith("sqlite:")) return new KyselyStateStore(openSqliteDialect(sqliteFile(url, opts)));
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return new KyselyStateStore(openPostgresDialect(url));
  }
  // Never echo the URL: a PostgreSQL URL may carry a password.
  const scheme = url.split(":", 1)[0] ?? "";
  throw new Error(`unsupported state store URL scheme "${scheme}:": use sqlite:<path> or postgres://…`);
}

function sqliteFile(url: string, opts: CreateStateStoreOptions): string {
  let path = url.slice("sqlite:".length);
  if (path.startsWith("//")) path = path.slice(2);
  if (path === ":memory:") return path;
  if (path === "") throw new Error("sqlite state store URL has no path: use sqlite:<path> or sqlite::memory:");
  return resolve(opts.dataDir ?? process.cwd(), path);
}
