// The host rule (spec: entry 3): downloadUrl and uploadUrl must have exactly the scheme, host and
// port of the repo's registered context. Pure; the HTTP client applies the same check to every
// redirect hop and must fetch the normalised URL returned here, never the original text.
import { DocgateError } from "../errors/docgate-error.js";

export { type IpAddress, isPrivateAddress, parseIpAddress } from "./private-address.js";

export type UrlCheck =
  | { ok: true; url: URL }
  | { ok: false; code: "DOCGATE_PARAM_INVALID" | "DOCGATE_HOST_NOT_ALLOWED"; reason: string };

/** scheme "://" authority, read from the raw text before WHATWG normalisation hides anything. */
const AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/;

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Parsed repo contexts: a handful of configured strings, read on every entry (never mutated). */
const contexts = new Map<string, URL | null>();

function parseContext(context: string): URL | null {
  let parsed = contexts.get(context);
  if (parsed === undefined) {
    parsed = parseUrl(context);
    if (contexts.size < 1024) contexts.set(context, parsed);
  }
  return parsed;
}

function fail(code: "DOCGATE_PARAM_INVALID" | "DOCGATE_HOST_NOT_ALLOWED", reason: string): UrlCheck {
  return { ok: false, code, reason };
}

/**
 * Checks `value` against `context` (e.g. `http://oa.example.com:8080`). Hosts are compared after
 * WHATWG URL normalisation (lower case, punycode, IPv4 number forms, IPv6 compression, default
 * port dropped), which is the form docgate fetches. Strict beyond that:
 * - whitespace, control characters and backslashes are refused, because WHATWG silently drops or
 *   rewrites them and other parsers do not, so the text could name different hosts to different readers;
 * - any userinfo (`http://ok@evil`, even an empty `http://@ok`) is refused;
 * - `scheme:host` without `//` is refused;
 * - a trailing dot is not removed: `ok.com.` differs from `ok.com` unless the context has it too;
 * - only the origin of the context counts; a path in the context does not restrict paths.
 * A query string is allowed and kept (the spec says there "should" be none; zOffice integrations
 * that carry one keep working, and params are appended after it). A fragment is dropped.
 */
export function checkUrlWithinContext(value: string, context: string): UrlCheck {
  if (/[\u0000-\u0020\u007f\\]/.test(value)) {
    return fail("DOCGATE_PARAM_INVALID", "contains whitespace, a control character or a backslash");
  }
  const url = parseUrl(value);
  if (!url) return fail("DOCGATE_PARAM_INVALID", "not an absolute URL");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail("DOCGATE_HOST_NOT_ALLOWED", "scheme must be http or https");
  }
  const authority = AUTHORITY.exec(value);
  if (!authority) return fail("DOCGATE_PARAM_INVALID", "must be written scheme://host/...");
  if (authority[1]!.includes("@") || url.username !== "" || url.password !== "") {
    return fail("DOCGATE_HOST_NOT_ALLOWED", "must not contain a user name or password");
  }
  const origin = parseContext(context);
  if (!origin) return fail("DOCGATE_HOST_NOT_ALLOWED", "the repo's context is not a valid URL");
  if (url.protocol !== origin.protocol)
    return fail("DOCGATE_HOST_NOT_ALLOWED", "scheme differs from the repo's context");
  if (url.hostname !== origin.hostname) return fail("DOCGATE_HOST_NOT_ALLOWED", "host differs from the repo's context");
  if (url.port !== origin.port) return fail("DOCGATE_HOST_NOT_ALLOWED", "port differs from the repo's context");
  url.hash = "";
  return { ok: true, url };
}

/**
 * The entry-time form (spec: entry 3): returns the normalised href or throws a DocgateError whose
 * detail names the field, e.g. `downloadUrl: host differs from the repo's context`.
 */
export function assertUrlWithinContext(field: string, value: string, context: string): string {
  const check = checkUrlWithinContext(value, context);
  if (!check.ok) {
    throw new DocgateError(check.code, { detail: `${field}: ${check.reason}`, facts: { field } });
  }
  return check.url.href;
}
