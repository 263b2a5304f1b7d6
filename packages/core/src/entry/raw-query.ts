// Splits an entry request target into the signed message and its parameters without re-encoding
// anything: the signature covers the bytes exactly as the business system sent them (spec: entry 2).
import { DocgateError } from "../errors/docgate-error.js";

/** One `key=value` segment of the query, as received and form-decoded. */
export interface RawPair {
  /** The bytes between `&`s before the first `=`, untouched. */
  rawKey: string;
  /** The bytes after the first `=` (empty when there is no `=`), untouched. */
  rawValue: string;
  key: string;
  value: string;
}

export interface ParsedTarget {
  /** The path exactly as received (origin-form; an absolute-form target has its origin removed). */
  path: string;
  /** Every pair except HMAC, in received order. */
  pairs: RawPair[];
  /** `path + "?" + query` with the trailing `&HMAC=..` removed and nothing else touched. */
  signedMessage: string;
  /** The HMAC value as sent (decoded). */
  hmac: string;
}

/** Longer targets are refused before any work: no legitimate entry URL comes near this. */
export const MAX_TARGET_LENGTH = 64 * 1024;

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
const NEEDS_DECODING = /[%+]/;

/**
 * Form-decodes one component (`+` is a space, then UTF-8 percent-decoding), as URLSearchParams
 * does on the signer's side, but strictly: malformed escapes are an error, not U+FFFD.
 */
export function formDecode(raw: string, what: string | (() => string)): string {
  // Most names and many values need no decoding (the common case, on every entry).
  if (!NEEDS_DECODING.test(raw)) return raw;
  try {
    return decodeURIComponent(raw.includes("+") ? raw.replaceAll("+", " ") : raw);
  } catch {
    const name = typeof what === "string" ? what : what();
    throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: `${name}: malformed percent-encoding` });
  }
}

/** Parses a request target such as `/docs/app/driver-callback?a=1&b=2&HMAC=..` (spec: entry 1-2). */
export function parseRawTarget(rawTarget: string): ParsedTarget {
  if (typeof rawTarget !== "string" || rawTarget.length === 0) {
    throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: "empty request target" });
  }
  if (rawTarget.length > MAX_TARGET_LENGTH) {
    throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: `request target longer than ${MAX_TARGET_LENGTH}` });
  }
  // A request target is ASCII (RFC 9112 3.2): anything else was not percent-encoded by the signer,
  // so it cannot match a signature, and refusing it early keeps later re-encoding total.
  if (/[^\u0021-\u007e]/.test(rawTarget)) {
    throw new DocgateError("DOCGATE_BAD_REQUEST", {
      detail: "request target contains spaces, control or non-ASCII characters; percent-encode them",
    });
  }
  // spec: entry 2, "scheme/host/port excluded": a proxy-style absolute-form target signs the same
  // message as the origin-form one.
  const target = rawTarget.replace(ABSOLUTE_FORM, "");
  if (!target.startsWith("/")) {
    throw new DocgateError("DOCGATE_BAD_REQUEST", { detail: "request target must start with /" });
  }
  const q = target.indexOf("?");
  if (q < 0) throw new DocgateError("DOCGATE_PARAM_MISSING", { detail: "the entry URL has no query" });
  const path = target.slice(0, q);
  const query = target.slice(q + 1);

  const segments = query.split("&");
  const pairs: RawPair[] = [];
  const seen = new Set<string>();
  let hmacIndex = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    // URLSearchParams never produces empty segments; accepting them would let `a=1&` and `a=1`
    // be different signed messages for the same parameters, so they are refused outright.
    if (segment.length === 0) {
      throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: `empty parameter at position ${i + 1}` });
    }
    const eq = segment.indexOf("=");
    const rawKey = eq < 0 ? segment : segment.slice(0, eq);
    const rawValue = eq < 0 ? "" : segment.slice(eq + 1);
    // The error's wording is built only on failure: building it for every pair cost more than decoding.
    const key = formDecode(rawKey, () => `parameter name at position ${i + 1}`);
    const value = formDecode(rawValue, () => `parameter ${JSON.stringify(truncate(key))}`);
    // Names are compared after decoding, so `docId` and `doc%49d` are the same parameter.
    if (seen.has(key)) {
      throw new DocgateError("DOCGATE_PARAM_DUPLICATE", { detail: `${JSON.stringify(truncate(key))} appears twice` });
    }
    seen.add(key);
    if (key === "HMAC") hmacIndex = i;
    pairs.push({ rawKey, rawValue, key, value });
  }

  if (hmacIndex < 0) throw new DocgateError("DOCGATE_PARAM_MISSING", { detail: "HMAC is missing" });
  // spec: entry 1, "HMAC ... always the last parameter": anything after it would be unsigned.
  if (hmacIndex !== pairs.length - 1) {
    throw new DocgateError("DOCGATE_PARAM_INVALID", { detail: "HMAC must be the last parameter" });
  }
  const hmacPair = pairs.pop()!;
  const hmacSegmentLength = segments[segments.length - 1]!.length;
  // Remove "&HMAC=..", or "HMAC=.." when it is the only parameter; the rest stays byte-for-byte.
  const cut = target.length - hmacSegmentLength - (pairs.length > 0 ? 1 : 0);
  return { path, pairs, signedMessage: target.slice(0, cut), hmac: hmacPair.value };
}

/** Keeps user-supplied text in error details short. */
export function truncate(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
