// The browser-binding cookie (issue 2, item 4). Two copies of the same value:
// - "dgb": SameSite=None; Secure; Partitioned, so it also works when the business system shows
//   docgate in a cross-site iframe (CHIPS keeps it in that embedding's partition). Browsers treat
//   http://localhost and 127.0.0.1 as secure, so this works in local setups too.
// - "dgbl": SameSite=Lax without Secure, for plain-http deployments opened top-level.
// Path-scoped to the session so sessions never see each other's cookies.
const NAMES = ["dgb", "dgbl"] as const;

export function bindingCookies(sessionId: string, token: string, maxAgeSeconds: number, https: boolean): string[] {
  const common = `${token}; Path=/s/${sessionId}; Max-Age=${maxAgeSeconds}; HttpOnly`;
  return [
    `dgb=${common}; SameSite=None; Secure; Partitioned`,
    `dgbl=${common}; SameSite=Lax${https ? "; Secure" : ""}`,
  ];
}

export function readBindingCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const found = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if ((NAMES as readonly string[]).includes(name)) found.set(name, part.slice(eq + 1).trim());
  }
  return found.get("dgb") ?? found.get("dgbl");
}
