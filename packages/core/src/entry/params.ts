// The params parameter (spec: entry 3): `k1=v1;k2=v2`, handed back on every call docgate makes to
// the business system as query parameters, one Cookie header and, for prefixed keys, headers.
import { DocgateError } from "../errors/docgate-error.js";
import { truncate } from "./raw-query.js";

export type ParamPair = [key: string, value: string];

/** What every call to the business system carries (spec: entry 3, "sent three ways at once"). */
export interface OutboundParams {
  /** Appended to downloadUrl/uploadUrl's query, in order (encode with URLSearchParams). */
  query: ParamPair[];
  /** `k1=v1; k2=v2`, or "" when there are no params (then send no Cookie header). */
  cookieHeader: string;
  /** Only keys that start with the repo's headerPrefix (case-insensitive). */
  headers: Record<string, string>;
}

export const MAX_PARAMS = 64;

/** RFC 9110 token: the only characters a header name (and an RFC 6265 cookie name) may hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** C0 controls and DEL: CR/LF would split headers, NUL truncates in many servers (docgate rule). */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A header value docgate will send: visible ASCII and inner spaces only (no obs-text, no controls). */
const HEADER_VALUE = /^(?:[\u0021-\u007e](?:[\u0020-\u007e]*[\u0021-\u007e])?)?$/;

/**
 * Header names a param may never set, even when it carries the header prefix (docgate rule,
 * spec: entry 3). They decide message framing or connection handling (request smuggling), are
 * built by docgate itself (Cookie, Content-Type with the multipart boundary), or change what the
 * response body means (Range, conditionals, Accept-Encoding), which would corrupt downloads.
 * `sec-*` names are reserved to user agents (fetch "forbidden" headers) and never come from docgate.
 * Authorization is deliberately NOT reserved: params are signed by the business system and only
 * ever sent to its own context (host rule), so passing its own credential there is legitimate, and
 * docgate sets no Authorization header of its own on those calls.
 */
const RESERVED_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "http2-settings",
  "cookie",
  "set-cookie",
  "range",
  "accept-encoding",
]);
const RESERVED_HEADER_PREFIXES = ["content-", "proxy-", "if-", "sec-"];

export function isReservedHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADERS.has(lower) || RESERVED_HEADER_PREFIXES.some((p) => lower.startsWith(p));
}

/** Whether `key` is also sent as a header; header names are case-insensitive, so is the prefix. */
export function isHeaderParam(key: string, headerPrefix: string): boolean {
  return key.toLowerCase().startsWith(headerPrefix.toLowerCase());
}

function invalid(detail: string): DocgateError {
  return new DocgateError("DOCGATE_PARAMS_INVALID", { detail });
}

/**
 * Parses and validates `params` (seed 004 rule: split on `;`, each pair on its first `=`). Empty
 * segments (a trailing `;`) are skipped; a segment without `=` is refused. Keys must be tokens and
 * unique (case-insensitively, since they may become header names); values may not hold control
 * characters, and values of header-bound keys must be valid header values.
 */
export function parseParams(raw: string, headerPrefix: string): ParamPair[] {
  const pairs: ParamPair[] = [];
  const seen = new Set<string>();
  for (const segment of raw.split(";")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    if (eq < 0) throw invalid(`${JSON.stringify(truncate(segment))} has no '='`);
    const key = segment.slice(0, eq);
    const value = segment.slice(eq + 1);
    const shownKey = JSON.stringify(truncate(key));
    if (!TOKEN.test(key)) throw invalid(`key ${shownKey} must be a token (letters, digits, !#$%&'*+.^_\`|~-)`);
    if (seen.has(key.toLowerCase())) throw invalid(`key ${shownKey} appears twice`);
    seen.add(key.toLowerCase());
    if (CONTROL.test(value)) throw invalid(`value of ${shownKey} contains a control character`);
    if (isHeaderParam(key, headerPrefix)) {
      if (isReservedHeaderName(key)) throw invalid(`key ${shownKey} would set a reserved header`);
      if (!HEADER_VALUE.test(value)) {
        throw invalid(`value of header param ${shownKey} must be visible ASCII without leading or trailing spaces`);
      }
    }
    pairs.push([key, value]);
  }
  if (pairs.length > MAX_PARAMS) throw invalid(`more than ${MAX_PARAMS} pairs`);
  return pairs;
}

/** RFC 6265 4.1.1 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash. */
function isCookieOctet(code: number): boolean {
  return code >= 0x21 && code <= 0x7e && code !== 0x22 && code !== 0x2c && code !== 0x3b && code !== 0x5c;
}

/** encodeURIComponent throws on a lone surrogate; such a character becomes U+FFFD instead. */
function percentEncode(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return "%EF%BF%BD";
  }
}

/**
 * Cookie value encoding (docgate rule): a value made only of cookie-octets is sent unchanged, so
 * tokens, JWTs and base64 arrive byte-for-byte. Any other character (space, `"`, `,`, `\`,
 * non-ASCII) is percent-encoded as UTF-8, like encodeURIComponent; `%` itself is left alone, so a
 * server that URL-decodes cookies reads such values back, and one that does not sees plain tokens.
 */
export function encodeCookieValue(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    out += isCookieOctet(code) ? char : percentEncode(char);
  }
  return out;
}

/**
 * The three ways params travel on each call (spec: entry 3): every pair as a query parameter and
 * in one Cookie header, and prefixed pairs as headers. `params=x-param-1=aaa;x-param-2=bbb` gives
 * query `x-param-1=aaa&x-param-2=bbb`, headers x-param-1/x-param-2, `Cookie: x-param-1=aaa; x-param-2=bbb`.
 * Pairs must come from parseParams (validated at entry).
 */
export function mapParams(pairs: ReadonlyArray<readonly [string, string]>, headerPrefix: string): OutboundParams {
  const query: ParamPair[] = pairs.map(([k, v]) => [k, v]);
  const cookieHeader = pairs.map(([k, v]) => `${k}=${encodeCookieValue(v)}`).join("; ");
  // fromEntries defines own properties, so even a key like `__proto__` stays plain data.
  const headers: Record<string, string> = Object.fromEntries(pairs.filter(([k]) => isHeaderParam(k, headerPrefix)));
  return { query, cookieHeader, headers };
}
