import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCeiling, backoffDelay, nextSaveState } from "../src/index.js";

const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };

describe("backoff", () => {
  it("doubles the ceiling per attempt and caps it", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffCeiling(a, policy))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
    expect(backoffCeiling(0, policy)).toBe(1000);
    expect(backoffCeiling(10_000, policy)).toBe(60_000);
  });

  it("full jitter: uniform between 0 and the ceiling", () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(3999);
  });

  it("never leaves [0, min(max, base*2^(n-1))], whatever the random source returns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(2)),
        (attempt, base, max, r) => {
          const p = { baseDelayMs: base, maxDelayMs: max };
          const d = backoffDelay(attempt, p, () => r);
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(Math.min(max, base * 2 ** Math.max(0, Math.floor(attempt) - 1)));
        },
      ),
    );
  });
});

describe("nextSaveState", () => {
  const now = 1_700_000_000_000;
  it("success is done", () => {
    expect(nextSaveState({ kind: "success" }, 1, policy, now)).toEqual({ state: "done" });
  });

  it("a retryable failure is pending after the back-off", () => {
    const next = nextSaveState({ kind: "failure", retryable: true, reason: "HTTP 503" }, 2, policy, now, () => 0.5);
    expect(next).toEqual({ state: "pending", nextAttemptAt: now + 1000, reason: "HTTP 503" });
  });

  it("a retryable failure on the last attempt is held, saying why", () => {
    const next = nextSaveState({ kind: "failure", retryable: true, reason: "HTTP 503" }, 5, policy, now);
    expect(next).toEqual({ state: "held", reason: "gave up after 5 attempts: HTTP 503" });
  });

  it("a non-retryable failure is held at once with its reason", () => {
    const next = nextSaveState({ kind: "failure", retryable: false, reason: "HTTP 403" }, 1, policy, now);
    expect(next).toEqual({ state: "held", reason: "HTTP 403" });
  });
});
