// One HTTP call for a doctor check, with a timeout, never following redirects, and errors turned
// into words an operator recognises (connection refused, host not found, timed out).

export type ProbeOutcome =
  | { ok: true; status: number; headers: Headers; text: string; sentAtMs: number; receivedAtMs: number }
  | { ok: false; error: string };

export interface ProbeRequest {
  method?: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** A fetch error as a short explanation: "connection refused (ECONNREFUSED)", "timed out after 5000 ms". */
export function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms (timed out)`;
  }
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const code = cause?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (ECONNREFUSED): nothing listens at that address and port";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `host name not found (${code}): DNS cannot resolve it from this host`;
    case "ECONNRESET":
      return "connection reset (ECONNRESET)";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable (${code})`;
    case "UND_ERR_CONNECT_TIMEOUT":
      return `no connection within ${timeoutMs} ms (timed out)`;
  }
  if (code) return `${code}${cause?.message ? `: ${cause.message}` : ""}`;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}

export async function probe(url: string, request: ProbeRequest): Promise<ProbeOutcome> {
  const sentAtMs = Date.now();
  try {
    const response = await fetch(url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = request.method === "HEAD" ? "" : await response.text();
    return { ok: true, status: response.status, headers: response.headers, text, sentAtMs, receivedAtMs: Date.now() };
  } catch (err) {
    return { ok: false, error: describeFetchError(err, request.timeoutMs) };
  }
}

/** `base` + `path` without a doubled or missing slash (a base may carry a path, e.g. http://host/ds/). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
