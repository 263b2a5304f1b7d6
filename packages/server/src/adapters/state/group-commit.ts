// Group commit: units of work submitted close together share one transaction; one failing unit rolls
// back alone and the others still commit. Every promise settles only after the shared COMMIT, so what a
// caller is told is exactly as durable as its own transaction would have been.
//
// Why: a commit is what an entry costs most on SQLite (bench/entry.ts, docs/benchmarks.md): every commit
// appends each page it touched to the WAL, and pages that consecutive entries share (the right edge of
// the time-ordered indexes) are written once per commit, not once per entry. Batching is natural, with no
// timer: units that arrive while a batch runs form the next one, so a lone request waits one turn of the
// event loop and a busy server commits many entries at once.
//
// How a batch runs is the runner's business: kyselyBatchRunner below for any dialect, or a dialect's own
// (sqlite-entry-batch.ts runs the entry's statements synchronously on the raw connection).
import { CompiledQuery, type Kysely, type Transaction } from "kysely";

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Runs one batch in one transaction: one outcome per input, in order. Throws (and then nothing of the
 * batch is stored) only when the transaction itself fails: BEGIN or COMMIT.
 */
export type BatchRunner<I, O> = (inputs: readonly I[]) => Promise<Array<Outcome<O>>>;

interface Waiting<I, O> {
  input: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/** Units per transaction: bounds how long one batch holds the write lock. */
export const MAX_GROUP = 64;

export class GroupCommit<I, O> {
  #queue: Array<Waiting<I, O>> = [];
  #busy = false;

  constructor(private readonly runBatch: BatchRunner<I, O>) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#busy) return;
    this.#busy = true;
    // setImmediate, not a microtask: requests whose bytes arrived in the same poll get parsed first.
    setImmediate(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, MAX_GROUP);
    try {
      const outcomes = await this.runBatch(batch.map((item) => item.input));
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the batch is stored.
      for (const item of batch) item.reject(error);
    } finally {
      this.#busy = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }
}

const SAVEPOINT = CompiledQuery.raw("savepoint docgate_unit");
const RELEASE = CompiledQuery.raw("release savepoint docgate_unit");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint docgate_unit");

/**
 * A batch as one kysely transaction, each unit in turn. How a failing unit rolls back alone depends on
 * the database. PostgreSQL aborts the whole transaction at the first failed statement, so each unit runs
 * inside a savepoint. SQLite undoes only the failed statement and the transaction goes on, so the unit
 * itself undoes what it did before failing (`savepoints: false`): savepoints cost ~20 µs per entry
 * there (bench/entry.ts). With `savepoints: false`, `unit` must leave nothing behind when it throws
 * (each of its statements is atomic, so it only has to undo the ones that succeeded before the failure).
 */
export function kyselyBatchRunner<DB, I, O>(
  db: Kysely<DB>,
  unit: (trx: Transaction<DB>, input: I) => Promise<O>,
  options: { savepoints: boolean },
): BatchRunner<I, O> {
  const runUnit = async (trx: Transaction<DB>, input: I): Promise<Outcome<O>> => {
    if (!options.savepoints) {
      try {
        return { ok: true, value: await unit(trx, input) };
      } catch (error) {
        return { ok: false, error };
      }
    }
    await trx.executeQuery(SAVEPOINT);
    try {
      const value = await unit(trx, input);
      await trx.executeQuery(RELEASE);
      return { ok: true, value };
    } catch (error) {
      // Undo this unit only; on PostgreSQL this also clears the aborted-transaction state.
      await trx.executeQuery(ROLLBACK_TO);
      await trx.executeQuery(RELEASE);
      return { ok: false, error };
    }
  };
  return (inputs) =>
    db.transaction().execute(async (trx) => {
      const done: Array<Outcome<O>> = [];
      for (const input of inputs) done.push(await runUnit(trx, input));
      return done;
    });
}
