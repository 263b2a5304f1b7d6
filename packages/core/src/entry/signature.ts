// HMAC verification of the entry URL (spec: entry 2, "Signature and freshness").
import { createHmac, hash, timingSafeEqual } from "node:crypto";
import { DocgateError } from "../errors/docgate-error.js";
import type { ParsedTarget } from "./raw-query.js";

/** Which form of the message the signature matched; worth logging when integrators debug. */
export type SignatureForm = "raw" | "encodeURIComponent";

export interface SignatureCheck {
  form: SignatureForm;
  /** The message the signature covers. */
  message: string;
  /** sha256 hex of that message: the single-use key (spec: entry 2, replay). */
  fingerprint: string;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** lowercase_hex(HMAC-SHA256(key = UTF-8(secret), message = UTF-8(message))) (spec: entry 2). */
export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** sha256 hex; the replay fingerprint of a verified message. */
export function sha256Hex(message: string): string {
  // The one-shot form: twice as fast as createHash for a message this size.
  return hash("sha256", message, "hex");
}

/**
 * The one fallback form (docgate rule, spec: entry 2): the decoded parameters, in received order,
 * re-encoded with encodeURIComponent. Signers that hand-build their query (space as %20, `:` and
 * `/` escaped) land here; nothing beyond this one form is tried.
 */
export function fallbackMessage(parsed: Pick<ParsedTarget, "path" | "pairs">): string {
  const query = parsed.pairs.map((p) => `${encodeURIComponent(p.key)}=${encodeURIComponent(p.value)}`).join("&");
  return `${parsed.path}?${query}`;
}

/** Constant-time comparison of the sent hex (either case) against an expected digest. */
function digestMatches(sent: Buffer, expected: Buffer): boolean {
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Verifies `parsed.hmac` against every active secret (rotation, spec: entry 2), first over the raw
 * message, then over the single fallback. Throws DOCGATE_SIGNATURE_INVALID when nothing matches.
 *
 * The fingerprint hashes the message the signature covers, never the HMAC text: an upper-case copy
 * of the HMAC, or a re-encoded URL that only the fallback accepts, is still the same signed URL and
 * must hit the same single-use record.
 */
export function verifySignature(parsed: ParsedTarget, secrets: readonly string[]): SignatureCheck {
  if (!HEX_SHA256.test(parsed.hmac)) {
    throw new DocgateError("DOCGATE_SIGNATURE_INVALID", { detail: "HMAC must be 64 hexadecimal characters" });
  }
  const sent = Buffer.from(parsed.hmac, "hex");
  if (matchesAnySecret(sent, parsed.signedMessage, secrets)) {
    return { form: "raw", message: parsed.signedMessage, fingerprint: sha256Hex(parsed.signedMessage) };
  }
  // Built only when the raw form failed: what it costs depends on the URL, never on a secret.
  const fallback = fallbackMessage(parsed);
  if (fallback !== parsed.signedMessage && matchesAnySecret(sent, fallback, secrets)) {
    return { form: "encodeURIComponent", message: fallback, fingerprint: sha256Hex(fallback) };
  }
  throw new DocgateError("DOCGATE_SIGNATURE_INVALID");
}

function matchesAnySecret(sent: Buffer, message: string, secrets: readonly string[]): boolean {
  let matched = false;
  // Every secret is tried even after a match, so timing does not reveal which one is active.
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(message, "utf8").digest();
    if (digestMatches(sent, expected)) matched = true;
  }
  return matched;
}
