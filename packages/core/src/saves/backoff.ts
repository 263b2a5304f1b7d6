// Retry maths for the save pipeline (issue 3, item 5; config: saves.*). Pure: the random source is a
// parameter so tests can pin it.

export interface BackoffPolicy {
  /** Delay ceiling of the first retry. */
  baseDelayMs: number;
  /** No delay ceiling grows beyond this. */
  maxDelayMs: number;
}

/**
 * The ceiling for the retry that follows failed attempt number `attempt` (1-based):
 * min(maxDelayMs, baseDelayMs * 2^(attempt-1)). Computed without overflow for any attempt count.
 */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^52 already exceeds any sane maxDelayMs; stop doubling before the number stops being exact.
  const exponent = Math.min(n - 1, 52);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/**
 * "Full jitter" (uniform in [0, ceiling]): many saves failing together against one business system
 * spread out instead of retrying in lock-step. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, policy);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * ceiling);
}
