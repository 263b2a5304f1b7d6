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
    prepare: (sql: string): SqliteStatement => new CachedStatement(raw, sql, cached(sql)),
  };
}

/**
 * A class rather than an object of arrow functions: prepare() runs for every query, and closures made
 * per call cost an allocation each (and, under tsx's keepNames, a defineProperty each).
 */
class CachedStatement implements SqliteStatement {
  constructor(
    private readonly raw: Database,
    private readonly sql: string,
    private readonly stmt: Statement,
  ) {}

  get reader(): boolean {
    return this.stmt.reader;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.stmt.all(...parameters);
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.stmt.run(...parameters);
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.raw.prepare(this.sql).iterate(...parameters);
  }
}
