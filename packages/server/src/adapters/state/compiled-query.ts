// Queries built and compiled by kysely once, then run with fresh parameters. Building and compiling is
// most of what an insert costs outside the database (bench/entry.ts: ~40 µs of the entry's two inserts
// on this project's machine), and the entry's inserts run for every request. kysely still writes the
// SQL, so quoting and dialect differences stay its business; this only skips doing it again.
import { type Compilable, CompiledQuery, type Kysely, type QueryResult, type Transaction } from "kysely";

export type Executor<DB> = Kysely<DB> | Transaction<DB>;

export class PrecompiledQuery<P extends unknown[]> {
  readonly #sql: string;

  /**
   * `query` is built from `sample` parameters; the compiled SQL must take exactly those, in that order,
   * or binding new ones positionally would put values in the wrong columns: checked here, at start-up.
   */
  constructor(query: Compilable, sample: P) {
    const compiled = query.compile();
    const same =
      compiled.parameters.length === sample.length && compiled.parameters.every((value, i) => value === sample[i]);
    if (!same) throw new Error(`precompiled query does not take its parameters in order: ${compiled.sql}`);
    this.#sql = compiled.sql;
  }

  /** The compiled SQL text, for a dialect that runs it on its own connection (sqlite-entry-batch.ts). */
  get sql(): string {
    return this.#sql;
  }

  execute<DB>(executor: Executor<DB>, parameters: P): Promise<QueryResult<unknown>> {
    return executor.executeQuery(CompiledQuery.raw(this.#sql, parameters));
  }
}
