import type { JobRecord, JobState, StateStore } from "@docgate/core";

export async function waitForJob(
  store: StateStore,
  id: string,
  state: JobState,
  timeoutMs = 15_000,
): Promise<JobRecord> {
  const start = Date.now();
  for (;;) {
    const job = await store.getJob(id);
    if (job?.state === state) return job;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`job ${id} is ${job?.state} (${job?.lastError}), not ${state}, after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 15));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
