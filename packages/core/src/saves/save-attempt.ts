// The save job's state machine (issue 3, item 5; spec: entry 3, upload; ARCHITECTURE practice 7).
// One upload attempt ends in one of three outcomes, and each maps to exactly one next state:
//
//   success                              → done
//   retryable failure, attempts < max    → pending, due after a capped, jittered back-off
//   retryable failure, attempts >= max   → held (an operator retries or downloads; never dropped)
//   non-retryable failure                → held with the reason
//
// `attempts` is the job's claim count (JobStore counts at claim, before the side effect), so a worker
// killed mid-upload still uses up an attempt and a crash loop cannot retry forever unseen.
import { type BackoffPolicy, backoffDelay } from "./backoff.js";

export type AttemptOutcome = { kind: "success" } | { kind: "failure"; retryable: boolean; reason: string };

export type NextSaveState =
  | { state: "done" }
  | { state: "pending"; nextAttemptAt: number; reason: string }
  | { state: "held"; reason: string };

export interface SaveRetryPolicy extends BackoffPolicy {
  maxAttempts: number;
}

export function nextSaveState(
  outcome: AttemptOutcome,
  attempts: number,
  policy: SaveRetryPolicy,
  now: number,
  random: () => number = Math.random,
): NextSaveState {
  if (outcome.kind === "success") return { state: "done" };
  if (!outcome.retryable) return { state: "held", reason: outcome.reason };
  if (attempts >= policy.maxAttempts) {
    return { state: "held", reason: `gave up after ${attempts} attempts: ${outcome.reason}` };
  }
  return { state: "pending", nextAttemptAt: now + backoffDelay(attempts, policy, random), reason: outcome.reason };
}
