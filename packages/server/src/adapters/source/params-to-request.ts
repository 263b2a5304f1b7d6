// params → query, Cookie and headers (spec: entry 3, seed 004): on every call to the business system
// every pair goes out three ways at once. `params=x-param-1=aaa;x-param-2=bbb` on uploadUrl
// `http://host/v2/context/docId/content` gives `POST /v2/context/docId/content?x-param-1=aaa&x-param-2=bbb`,
// headers `x-param-1: aaa`, `x-param-2: bbb` and `Cookie: x-param-1=aaa; x-param-2=bbb`.
// NOTE: duplicates the pure mapping core will hold in packages/core/src/entry/params.ts.
import { DocgateError } from "@docgate/core";
import type { ParamPairs } from "./types.js";

/**
 * Headers params may never set (spec: entry 3, docgate rule): framing and hop-by-hop headers, Host,
 * and the ones this client owns (Cookie carries all pairs; Content-Type and User-Agent are ours).
 */
const RESERVED = new Set([
  "host",
  "content-length",
  "content-type",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "cookie",
  "user-agent",
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Printable ASCII and tab only: no CR/LF/NUL (header injection) and no non-ASCII, which HTTP/1.1
// would send as Latin-1 and the business system would misread.
const SAFE_VALUE = /^[\t\x20-\x7e]*$/;

export interface ParamsRequest {
  url: URL;
  headers: Record<string, string | string[]>;
}

function invalid(detail: string): DocgateError {
  return new DocgateError("DOCGATE_PARAMS_INVALID", { detail });
}

/**
 * Adds each pair to the query unless the URL already carries it (a redirect Location often keeps the
 * query it was given), so a pair is present exactly as often as params lists it.
 */
function withQuery(target: URL, params: ParamPairs): URL {
  const url = new URL(target);
  const present = new Map<string, number>();
  for (const [k, v] of url.searchParams) present.set(`${k}\0${v}`, (present.get(`${k}\0${v}`) ?? 0) + 1);
  const extra = new URLSearchParams();
  for (const [k, v] of params) {
    const seen = present.get(`${k}\0${v}`) ?? 0;
    if (seen > 0) present.set(`${k}\0${v}`, seen - 1);
    else extra.append(k, v);
  }
  const added = extra.toString();
  if (added) url.search = url.search ? `${url.search}&${added}` : `?${added}`;
  return url;
}

/** Builds the URL and headers for one call. Header names match the prefix case-insensitively (HTTP does). */
export function paramsToRequest(target: URL, params: ParamPairs, headerPrefix: string): ParamsRequest {
  const headers: Record<string, string | string[]> = {};
  const prefix = headerPrefix.toLowerCase();
  for (const [key, value] of params) {
    if (!key) throw invalid("a params pair has an empty key.");
    if (!SAFE_VALUE.test(key) || !SAFE_VALUE.test(value) || key.includes("=")) {
      throw invalid(`params pair ${JSON.stringify(key.slice(0, 40))} has characters not allowed in a header.`);
    }
    const lower = key.toLowerCase();
    if (!lower.startsWith(prefix)) continue;
    if (!TOKEN.test(key)) throw invalid(`params key ${JSON.stringify(key.slice(0, 40))} is not a valid header name.`);
    if (RESERVED.has(lower) || lower.startsWith("proxy-")) throw invalid(`params may not set the ${lower} header.`);
    const prior = headers[key];
    headers[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  if (params.length > 0) headers["cookie"] = params.map(([k, v]) => `${k}=${v}`).join("; ");
  return { url: withQuery(target, params), headers };
}
