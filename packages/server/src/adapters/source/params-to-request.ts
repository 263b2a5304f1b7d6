// params → query, Cookie and headers on one request (spec: entry 3, seed 004). The mapping is core's
// mapParams; this file applies it to a concrete URL, and re-checks what could break the request
// itself, because the client may be handed pairs that did not come through parseParams at entry.
import { DocgateError, isReservedHeaderName, mapParams } from "@docgate/core";
import type { ParamPairs } from "./types.js";

/** RFC 9110 token: what a header name may hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** CR/LF would split the request, NUL truncates it in many servers (spec: entry 3, docgate rule). */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** HTTP/1.1 would send anything beyond ASCII as Latin-1, which the business system would misread. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/** Headers this client sets itself; a param spelled in another case would otherwise go out twice. */
const CLIENT_OWNED = new Set(["user-agent"]);

export interface ParamsRequest {
  url: URL;
  headers: Record<string, string>;
}

function invalid(detail: string): DocgateError {
  return new DocgateError("DOCGATE_PARAMS_INVALID", { detail });
}

/**
 * Adds each pair to the query unless the URL already carries it (a redirect Location often keeps the
 * query it was given), so a pair is present exactly as often as params lists it.
 */
function withQuery(target: URL, pairs: ReadonlyArray<readonly [string, string]>): URL {
  const url = new URL(target);
  const present = new Map<string, number>();
  for (const [k, v] of url.searchParams) present.set(`${k}\0${v}`, (present.get(`${k}\0${v}`) ?? 0) + 1);
  const extra = new URLSearchParams();
  for (const [k, v] of pairs) {
    const seen = present.get(`${k}\0${v}`) ?? 0;
    if (seen > 0) present.set(`${k}\0${v}`, seen - 1);
    else extra.append(k, v);
  }
  const added = extra.toString();
  if (added) url.search = url.search ? `${url.search}&${added}` : `?${added}`;
  return url;
}

/** Builds the URL and headers for one call: `?k=v&...`, `Cookie: k=v; ...`, and prefixed pairs as headers. */
export function paramsToRequest(target: URL, params: ParamPairs, headerPrefix: string): ParamsRequest {
  const mapped = mapParams(params, headerPrefix);
  for (const [key, value] of params) {
    const shown = JSON.stringify(key.slice(0, 40));
    if (!TOKEN.test(key)) throw invalid(`params key ${shown} is not a token.`);
    if (CONTROL.test(value)) throw invalid(`the value of ${shown} contains a control character.`);
  }
  for (const [key, value] of Object.entries(mapped.headers)) {
    const shown = JSON.stringify(key.slice(0, 40));
    if (isReservedHeaderName(key) || CLIENT_OWNED.has(key.toLowerCase())) {
      throw invalid(`params key ${shown} would set a reserved header.`);
    }
    if (!PRINTABLE_ASCII.test(value)) throw invalid(`the value of header param ${shown} is not printable ASCII.`);
  }
  const headers: Record<string, string> = { ...mapped.headers };
  if (mapped.cookieHeader) headers["cookie"] = mapped.cookieHeader;
  return { url: withQuery(target, mapped.query), headers };
}
