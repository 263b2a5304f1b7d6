// The ts window (spec: entry 2, "Freshness"). The errors carry the server time so the error page
// can show integrators how far their clock is off.
import { DocgateError } from "../errors/docgate-error.js";

export interface FreshnessRule {
  /** How long after ts the URL is accepted (repo tsWindowMs, default 10 000). */
  tsWindowMs: number;
  /** How far ts may be ahead of the server clock (repo tsFutureSkewMs, default 5 000). */
  tsFutureSkewMs: number;
}

/** Epoch milliseconds, digits only: a signed or fractional ts is a malformed URL, not a time. */
const TS_PATTERN = /^\d{1,16}$/;

/** Parses the `ts` parameter (spec: entry 1, "epoch milliseconds when the URL was made"). */
export function parseTs(raw: string): number {
  const ts = Number(raw);
  if (!TS_PATTERN.test(raw) || !Number.isSafeInteger(ts)) {
    throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: "ts: expected epoch milliseconds (digits only)" });
  }
  return ts;
}

function serverTime(now: number): string {
  // A nonsensical clock must not turn into a RangeError (and a 5xx) here.
  const date = new Date(now);
  return Number.isNaN(date.getTime()) ? String(now) : date.toISOString();
}

/**
 * Accepts `ts` when `-tsFutureSkewMs <= now - ts <= tsWindowMs`; otherwise throws
 * DOCGATE_TS_EXPIRED or DOCGATE_TS_IN_FUTURE with facts { serverTime, ts, ageMs }.
 * Returns the age in milliseconds (negative when ts is slightly ahead).
 */
export function checkFreshness(ts: number, now: number, rule: FreshnessRule): number {
  const ageMs = now - ts;
  if (ageMs <= rule.tsWindowMs && -ageMs <= rule.tsFutureSkewMs) return ageMs;
  const facts = { serverTime: serverTime(now), ts, ageMs };
  if (ageMs > rule.tsWindowMs) {
    throw new DocgateError("DOCGATE_TS_EXPIRED", {
      detail: `ts is ${ageMs} ms old; the limit is ${rule.tsWindowMs} ms`,
      facts,
    });
  }
  if (-ageMs > rule.tsFutureSkewMs) {
    throw new DocgateError("DOCGATE_TS_IN_FUTURE", {
      detail: `ts is ${-ageMs} ms ahead of the server clock; the limit is ${rule.tsFutureSkewMs} ms`,
      facts,
    });
  }
  return ageMs;
}
