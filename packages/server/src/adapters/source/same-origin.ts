// The host rule (spec: entry 3): a URL docgate calls must have exactly the scheme, host and port of
// the repo's registered context. Checked on the first hop and on every redirect hop.
// NOTE: duplicates the pure check core will hold in packages/core/src/entry/host-rule.ts.

export type OriginCheck = { ok: true; url: URL } | { ok: false; reason: string };

function parse(raw: string | URL, base?: URL): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

/**
 * Parses a context like `http://oa.example.com:8080`. Anything beyond an origin (path, query,
 * userinfo) makes the context unusable rather than silently widened or narrowed.
 */
export function parseContext(context: string): URL | null {
  const url = parse(context);
  if (!url || !isHttp(url) || url.username || url.password) return null;
  if (url.pathname !== "/" || url.search || url.hash) return null;
  return url;
}

/**
 * Checks `raw` (resolved against `base` for a relative redirect Location) against the context.
 * WHATWG URL parsing normalises case, default ports, IDN and IP spellings on both sides, so a plain
 * comparison of protocol, hostname and port is exact.
 */
export function checkSameOrigin(raw: string | URL, context: string, base?: URL): OriginCheck {
  const ctx = parseContext(context);
  if (!ctx) return { ok: false, reason: "the repo's context is not a plain http(s) origin" };
  const url = parse(raw, base);
  if (!url) return { ok: false, reason: "the URL cannot be parsed" };
  if (!isHttp(url)) return { ok: false, reason: `scheme ${url.protocol} is not http or https` };
  // Userinfo would send credentials docgate never registered, and hides the real host from readers.
  if (url.username || url.password) return { ok: false, reason: "the URL carries userinfo" };
  if (url.protocol !== ctx.protocol) return { ok: false, reason: "scheme differs from the context" };
  if (url.hostname !== ctx.hostname) return { ok: false, reason: "host differs from the context" };
  if (url.port !== ctx.port) return { ok: false, reason: "port differs from the context" };
  // The fragment is never sent; dropping it keeps logs and request lines honest.
  url.hash = "";
  return { ok: true, url };
}

/** Origin + path only: safe for error details, because params travel in the query (spec: entry 3). */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
