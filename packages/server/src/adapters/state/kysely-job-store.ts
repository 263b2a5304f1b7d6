// The durable job table behind the worker (ARCHITECTURE practice 7). A running job's next_attempt_at
// is its lease expiry: a worker that dies mid-attempt leaves a job that becomes claimable again once
// the lease passes, with no separate reaper.
import type { JobRecord, JobState, JobStore, NewJob } from "@docgate/core";
import { newJobToRow, rowToJob } from "./row-mappers.js";
import type { StateDialect } from "./state-dialect.js";

/** listJobs without a limit: enough for an admin page, bounded so a backlog cannot exhaust memory. */
export const DEFAULT_LIST_LIMIT = 100;

export class KyselyJobStore implements JobStore {
  constructor(private readonly dialect: StateDialect) {}

  async enqueueJob(job: NewJob): Promise<{ job: JobRecord; created: boolean }> {
    const db = this.dialect.db;
    // The unique dedupe_key index arbitrates concurrent enqueues; the loser reads the winner's row,
    // which is committed by then (the insert waited for it).
    const inserted = await db
      .insertInto("jobs")
      .values(newJobToRow(job))
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) {
      // A new job is a promise to someone (ONLYOFFICE was or will be told the save is safe).
      await this.dialect.makeDurable();
      return { job: rowToJob(inserted), created: true };
    }
    const existing = await db
      .selectFrom("jobs")
      .selectAll()
      .where("dedupe_key", "=", job.dedupeKey)
      .executeTakeFirstOrThrow();
    return { job: rowToJob(existing), created: false };
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const row = await this.dialect.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : rowToJob(row);
  }

  async claimDueJob(kind: string, now: number, leaseMs: number): Promise<JobRecord | undefined> {
    const db = this.dialect.db;
    // One UPDATE ... WHERE id = (SELECT ... LIMIT 1) RETURNING, atomic in both dialects (see
    // StateDialect.rowLocks). attempts counts claims, so an attempt is recorded before its side effect
    // and a crash mid-attempt still counts towards the retry limit.
    const due = db
      .selectFrom("jobs")
      .select("id")
      .where("kind", "=", kind)
      .where("state", "in", ["pending", "running"] satisfies JobState[])
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at")
      .orderBy("created_at")
      .orderBy("id")
      .limit(1)
      .$if(this.dialect.rowLocks, (qb) => qb.forUpdate().skipLocked());
    const row = await db
      .updateTable("jobs")
      .set((eb) => ({
        state: "running" satisfies JobState,
        attempts: eb("attempts", "+", 1),
        next_attempt_at: now + leaseMs,
        updated_at: now,
      }))
      .where("id", "=", due)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : rowToJob(row);
  }

  async completeJob(id: string, now: number): Promise<void> {
    // last_error is kept: a job done on its third attempt still shows why the second failed.
    await this.update(id, { state: "done", updated_at: now });
  }

  async retryJobLater(id: string, error: string, nextAttemptAt: number, now: number): Promise<void> {
    await this.update(id, { state: "pending", last_error: error, next_attempt_at: nextAttemptAt, updated_at: now });
  }

  async holdJob(id: string, error: string, now: number): Promise<void> {
    await this.update(id, { state: "held", last_error: error, updated_at: now });
  }

  async releaseHeldJob(id: string, now: number): Promise<boolean> {
    // A release is an operator saying "the cause is fixed, try again": attempts restart from zero so
    // the job gets the whole retry schedule again instead of being held after one more failure.
    const result = await this.dialect.db
      .updateTable("jobs")
      .set({ state: "pending", attempts: 0, next_attempt_at: now, updated_at: now })
      .where("id", "=", id)
      .where("state", "=", "held" satisfies JobState)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listJobs(filter: { state?: JobState; kind?: string; limit?: number }): Promise<JobRecord[]> {
    const rows = await this.dialect.db
      .selectFrom("jobs")
      .selectAll()
      .$if(filter.state !== undefined, (qb) => qb.where("state", "=", filter.state!))
      .$if(filter.kind !== undefined, (qb) => qb.where("kind", "=", filter.kind!))
      .orderBy("created_at")
      .orderBy("id")
      .limit(filter.limit ?? DEFAULT_LIST_LIMIT)
      .execute();
    return rows.map(rowToJob);
  }

  private async update(
    id: string,
    set: { state: JobState; updated_at: number; last_error?: string; next_attempt_at?: number },
  ): Promise<void> {
    await this.dialect.db.updateTable("jobs").set(set).where("id", "=", id).execute();
  }
}
