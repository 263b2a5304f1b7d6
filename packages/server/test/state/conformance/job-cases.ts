// JobStore cases: dedupe, leases, claims under concurrency, hold and release (ARCHITECTURE practice 7).
import type { StateStore } from "@docgate/core";
import { expect, it } from "vitest";
import { makeJob, T0 } from "./fixtures.js";

const LEASE = 60_000;

export function jobCases(store: () => StateStore): void {
  it("enqueues a pending job due now, round-tripping its payload", async () => {
    const job = makeJob();
    const { job: stored, created } = await store().enqueueJob(job);
    expect(created).toBe(true);
    expect(stored).toEqual({
      id: job.id,
      kind: job.kind,
      state: "pending",
      repoId: job.repoId,
      docId: job.docId,
      dedupeKey: job.dedupeKey,
      payload: job.payload,
      attempts: 0,
      nextAttemptAt: T0,
      lastError: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(await store().getJob(job.id)).toEqual(stored);
    expect(await store().getJob("nope")).toBeUndefined();
  });

  it("dedupes on dedupeKey, returning the existing job", async () => {
    const first = makeJob({ dedupeKey: "save:doc-1:key-7" });
    const original = (await store().enqueueJob(first)).job;
    const again = await store().enqueueJob(makeJob({ dedupeKey: "save:doc-1:key-7", payload: { other: 1 } }));
    expect(again).toEqual({ job: original, created: false });
    // The very same job enqueued twice (a retried callback) is a dedupe too, not an error.
    expect(await store().enqueueJob(first)).toEqual({ job: original, created: false });
    expect(await store().listJobs({})).toHaveLength(1);
  });

  it("creates exactly one job from 20 concurrent enqueues with one dedupeKey", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store().enqueueJob(makeJob({ dedupeKey: "same" }))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
  });

  it("claims a due job of the asked kind, recording the attempt and the lease", async () => {
    const job = makeJob();
    await store().enqueueJob(job);
    expect(await store().claimDueJob("other-kind", T0, LEASE)).toBeUndefined();
    expect(await store().claimDueJob(job.kind, T0 - 1, LEASE)).toBeUndefined();
    const claimed = await store().claimDueJob(job.kind, T0 + 5, LEASE);
    expect(claimed).toMatchObject({ id: job.id, state: "running", attempts: 1, nextAttemptAt: T0 + 5 + LEASE });
    expect(claimed?.updatedAt).toBe(T0 + 5);
    expect(await store().getJob(job.id)).toEqual(claimed);
  });

  it("does not hand out a running job until its lease expires, then re-claims it", async () => {
    const job = makeJob();
    await store().enqueueJob(job);
    await store().claimDueJob(job.kind, T0, LEASE);
    expect(await store().claimDueJob(job.kind, T0 + LEASE - 1, LEASE)).toBeUndefined();
    const reclaimed = await store().claimDueJob(job.kind, T0 + LEASE, LEASE);
    expect(reclaimed).toMatchObject({ id: job.id, state: "running", attempts: 2, nextAttemptAt: T0 + 2 * LEASE });
  });

  it("enqueues a job already claimed by its caller: running, one attempt, claimable after the lease", async () => {
    const job = makeJob({ claimedUntil: T0 + LEASE });
    const { job: stored, created } = await store().enqueueJob(job);
    expect(created).toBe(true);
    expect(stored).toMatchObject({ state: "running", attempts: 1, nextAttemptAt: T0 + LEASE });
    expect(await store().claimDueJob(job.kind, T0 + LEASE - 1, LEASE)).toBeUndefined();
    expect(await store().claimDueJob(job.kind, T0 + LEASE, LEASE)).toMatchObject({ id: job.id, attempts: 2 });
    // Dedupe is unchanged: the same save enqueued again (claimed or not) returns the stored job.
    expect((await store().enqueueJob({ ...job, claimedUntil: undefined })).created).toBe(false);
  });

  it("claims the job due first", async () => {
    const later = makeJob({ now: T0 + 10 });
    const sooner = makeJob({ now: T0 + 5 });
    await store().enqueueJob(later);
    await store().enqueueJob(sooner);
    expect((await store().claimDueJob("save-upload", T0 + 20, LEASE))?.id).toBe(sooner.id);
    expect((await store().claimDueJob("save-upload", T0 + 20, LEASE))?.id).toBe(later.id);
    expect(await store().claimDueJob("save-upload", T0 + 20, LEASE)).toBeUndefined();
  });

  it("hands one job to exactly one of 20 parallel claimers", async () => {
    await store().enqueueJob(makeJob());
    const claims = await Promise.all(Array.from({ length: 20 }, () => store().claimDueJob("save-upload", T0, LEASE)));
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
  });

  it("hands 5 jobs to 5 of 20 parallel claimers, each job once", async () => {
    for (let i = 0; i < 5; i++) await store().enqueueJob(makeJob());
    const claims = await Promise.all(Array.from({ length: 20 }, () => store().claimDueJob("save-upload", T0, LEASE)));
    const ids = claims.flatMap((c) => (c === undefined ? [] : [c.id]));
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("completes a job: done jobs are never claimed again", async () => {
    const job = makeJob();
    await store().enqueueJob(job);
    await store().claimDueJob(job.kind, T0, LEASE);
    await store().completeJob(job.id, T0 + 7);
    expect(await store().getJob(job.id)).toMatchObject({ state: "done", updatedAt: T0 + 7, attempts: 1 });
    expect(await store().claimDueJob(job.kind, T0 + 10 * LEASE, LEASE)).toBeUndefined();
  });

  it("retries later: pending with the error, claimable from nextAttemptAt", async () => {
    const job = makeJob();
    await store().enqueueJob(job);
    await store().claimDueJob(job.kind, T0, LEASE);
    await store().retryJobLater(job.id, "upload failed: HTTP 503 服务不可用", T0 + 30_000, T0 + 1);
    expect(await store().getJob(job.id)).toMatchObject({
      state: "pending",
      lastError: "upload failed: HTTP 503 服务不可用",
      nextAttemptAt: T0 + 30_000,
      updatedAt: T0 + 1,
    });
    expect(await store().claimDueJob(job.kind, T0 + 29_999, LEASE)).toBeUndefined();
    expect(await store().claimDueJob(job.kind, T0 + 30_000, LEASE)).toMatchObject({ id: job.id, attempts: 2 });
    await store().completeJob(job.id, T0 + 30_001);
    expect((await store().getJob(job.id))?.lastError).toBe("upload failed: HTTP 503 服务不可用");
  });

  it("holds a job out of reach of claimers until released, then retries it from scratch", async () => {
    const job = makeJob();
    await store().enqueueJob(job);
    await store().claimDueJob(job.kind, T0, LEASE);
    await store().holdJob(job.id, "HTTP 400 rejected", T0 + 2);
    expect(await store().getJob(job.id)).toMatchObject({ state: "held", lastError: "HTTP 400 rejected" });
    expect(await store().claimDueJob(job.kind, T0 + 10 * LEASE, LEASE)).toBeUndefined();
    expect(await store().releaseHeldJob(job.id, T0 + 100)).toBe(true);
    expect(await store().getJob(job.id)).toMatchObject({ state: "pending", nextAttemptAt: T0 + 100, attempts: 0 });
    expect(await store().releaseHeldJob(job.id, T0 + 101)).toBe(false);
    expect(await store().releaseHeldJob("nope", T0 + 101)).toBe(false);
    expect(await store().claimDueJob(job.kind, T0 + 100, LEASE)).toMatchObject({ id: job.id, attempts: 1 });
  });

  it("lists jobs oldest first, filtered by state and kind, limited", async () => {
    const a = makeJob({ now: T0 + 1 });
    const b = makeJob({ now: T0 + 2, kind: "evict" });
    const c = makeJob({ now: T0 + 3 });
    const d = makeJob({ now: T0 + 4 });
    for (const j of [c, a, d, b]) await store().enqueueJob(j);
    await store().holdJob(c.id, "x", T0 + 5);
    await store().holdJob(b.id, "y", T0 + 5);
    const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id);
    expect(ids(await store().listJobs({}))).toEqual([a.id, b.id, c.id, d.id]);
    expect(ids(await store().listJobs({ state: "held" }))).toEqual([b.id, c.id]);
    expect(ids(await store().listJobs({ kind: "save-upload" }))).toEqual([a.id, c.id, d.id]);
    expect(ids(await store().listJobs({ state: "held", kind: "save-upload" }))).toEqual([c.id]);
    expect(ids(await store().listJobs({ state: "pending", limit: 1 }))).toEqual([a.id]);
    expect(await store().listJobs({ state: "done" })).toEqual([]);
  });
}
