// Entry URLs carry the HMAC, the user's params (often access tokens), userinfo and meta. Logs keep
// only what helps an operator trace a request, and never a credential (DEVELOPERS.md: no secrets in logs).
const LOGGED_QUERY_VALUES = new Set(["repoId", "docId", "action", "ts"]);

export function sanitizeUrl(rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  if (q === -1) return rawUrl;
  const path = rawUrl.slice(0, q);
  const parts = rawUrl
    .slice(q + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq === -1 ? pair : pair.slice(0, eq);
      let name = key;
      if (/[%+]/.test(key)) {
        try {
          name = decodeURIComponent(key.replace(/\+/g, " "));
        } catch {
          // keep the raw key
        }
      }
      return LOGGED_QUERY_VALUES.has(name) ? pair.slice(0, 200) : `${key.slice(0, 50)}=[redacted]`;
    });
  return `${path}?${parts.join("&")}`;
}
