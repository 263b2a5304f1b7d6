// kysely's SQLite driver prepares every statement on every query; better-sqlite3 statements are
// reusable, and preparing was a third of the entry route's database time in a profile (bench/entry.ts).
// This wrapper hands kysely a cached statement for SQL text it has seen. Safe because the driver runs
// each statement to completion synchronously (all/run) on one connection; a streamed query (iterate)
// gets a fresh statement so an open iterator never shares one.
import type { Database, Statement } from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

const MAX_CACHED = 256;

export function withStatementCache(raw: Database): SqliteDatabase {
  const cache = new Map<string, Statement>();
  const cached = (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      cache.delete(sql);
    } else {
      stmt = raw.prepare(sql);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const stmt = cached(sql);
      return {
        reader: stmt.reader,
        all: (parameters) => stmt.all(...parameters),
        run: (parameters) => stmt.run(...parameters),
        iterate: (parameters) => raw.prepare(sql).iterate(...parameters),
      };
    },
  };
}
