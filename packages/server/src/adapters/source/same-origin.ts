// The host rule on every hop (spec: entry 3): a URL docgate calls must have exactly the scheme, host
// and port of the repo's registered context. The rule itself is core's checkUrlWithinContext (the
// same check the entry applies); this file adds what only the client needs: resolving a relative
// redirect Location against the hop it came from, and a query-free label for error details.
import { checkUrlWithinContext, type UrlCheck } from "@docgate/core";

export type { UrlCheck };

/** Checks a redirect `Location` (absolute or relative to `from`) against the context. */
export function checkRedirectTarget(location: string, from: URL, context: string): UrlCheck {
  let resolved: URL;
  try {
    resolved = new URL(location, from);
  } catch {
    return { ok: false, code: "DOCGATE_HOST_NOT_ALLOWED", reason: "the Location cannot be parsed" };
  }
  return checkUrlWithinContext(resolved.href, context);
}

/** Origin + path only: safe for error details, because params travel in the query (spec: entry 3). */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
