// A minimal signature check for business systems' own tests: "does docgate accept what my signer
// makes?". It checks only the HMAC over the URL as given (no fallback form, no ts window, no
// fields); docgate itself does all of that (spec: entry 2).
import { timingSafeEqual } from "node:crypto";
import { hmacHex } from "./sign-entry-url.js";

/** Removes `scheme://host[:port]`: the signature covers the path and query only (spec: entry 2). */
function requestTarget(url: string): string {
  return url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, "");
}

/**
 * True when `url` ends with `&HMAC=<hex>` (or `?HMAC=`) and that HMAC is HMAC-SHA256 of the rest of
 * the path and query under one of `secrets`. Never throws; anything malformed is false.
 */
export function verifyEntryUrlSignature(url: string, secrets: string | readonly string[]): boolean {
  if (typeof url !== "string") return false;
  const target = requestTarget(url);
  const match = /[?&]HMAC=([0-9a-fA-F]{64})$/.exec(target);
  if (!match || !target.startsWith("/")) return false;
  const message = target.slice(0, match.index + (target[match.index] === "?" ? 1 : 0));
  const sent = Buffer.from(match[1]!, "hex");
  let ok = false;
  for (const secret of typeof secrets === "string" ? [secrets] : secrets) {
    const expected = Buffer.from(hmacHex(secret, message), "hex");
    if (timingSafeEqual(sent, expected)) ok = true;
  }
  return ok;
}
