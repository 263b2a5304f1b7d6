// Session ids and browser-binding tokens (spec: entry 2: "an opaque id in the redirect target plus an
// httpOnly cookie that binds it to that browser").
import { randomBytes } from "node:crypto";

/**
 * `<creation time in ms, 12 hex digits><base64url of 32 random bytes>`. The random part is the
 * capability (256 bits). The prefix makes ids ascend, so each new session lands at the right edge of
 * the sessions index instead of on a random page: with group commit, consecutive entries then share
 * the pages they write (bench/entry.ts). It tells the holder when the session began, nothing more.
 */
export function newSessionCredentials(now: number): { sessionId: string; bindingToken: string } {
  const bytes = entropy(64);
  return {
    sessionId: timePrefix(now) + bytes.toString("base64url", 0, 32),
    bindingToken: bytes.toString("base64url", 32, 64),
  };
}

/**
 * CSPRNG bytes drawn from a pool refilled 128 entries at a time, as Node's own randomUUID() does: one
 * call into OpenSSL per entry was a measurable part of the entry's cost. Every byte is used once.
 */
const POOL_BYTES = 64 * 128;
let pool = Buffer.alloc(0);
let offset = 0;

function entropy(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + bytes);
  offset += bytes;
  return out;
}

/** Fixed width, so text order is time order until the year 10889. */
export function timePrefix(epochMs: number): string {
  return Math.max(0, Math.floor(epochMs)).toString(16).padStart(12, "0");
}

/** Ids of this shape, and the plain 43-character ids sessions had before the time prefix (still live). */
const SESSION_ID = /^(?:[0-9a-f]{12})?[A-Za-z0-9_-]{43}$/;

export function looksLikeSessionId(id: string): boolean {
  return SESSION_ID.test(id);
}
