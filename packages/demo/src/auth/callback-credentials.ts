// How the demo authenticates docgate's calls to downloadUrl/uploadUrl. The demo signs
// `params=demo_token=<t>;x-demo-token=<t>` into each entry URL, and docgate hands every pair back three
// ways at once (spec: entry 3): as query parameters, in the Cookie header, and (for the `x-` key) as a
// header. A real integrator would read only one of them; the demo insists on all three, and on their
// being the same token, so it proves docgate's side of the contract on every call.

export const TOKEN_COOKIE = "demo_token";
export const TOKEN_QUERY = "demo_token";
export const TOKEN_HEADER = "x-demo-token";

/** The `params` value the demo signs for a token. `x-demo-token` is not a reserved header (docgate rule). */
export function tokenParams(token: string): string {
  return `${TOKEN_COOKIE}=${token};${TOKEN_HEADER}=${token}`;
}

export interface CallbackRequestParts {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

export type CredentialCheck = { ok: true; token: string } | { ok: false; reason: string };

/** Cookie header → name/value pairs (RFC 6265 5.4 as browsers send it; first occurrence wins). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== "" && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

function single(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Reads the token from the Cookie, the header and the query; all three must be there and agree. */
export function readCallbackToken(req: CallbackRequestParts): CredentialCheck {
  const cookie = parseCookieHeader(single(req.headers.cookie)).get(TOKEN_COOKIE);
  const header = single(req.headers[TOKEN_HEADER]);
  const query = single(req.query[TOKEN_QUERY]);
  const missing = [
    cookie === undefined || cookie === "" ? `the ${TOKEN_COOKIE} cookie` : "",
    header === undefined || header === "" ? `the ${TOKEN_HEADER} header` : "",
    query === undefined || query === "" ? `the ${TOKEN_QUERY} query parameter` : "",
  ].filter((m) => m !== "");
  if (missing.length > 0) return { ok: false, reason: `missing ${missing.join(", ")}` };
  if (cookie !== header || header !== query) {
    return { ok: false, reason: "the cookie, header and query tokens differ" };
  }
  return { ok: true, token: query! };
}
