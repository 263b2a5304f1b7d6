// DS fetching document.url (spec: onlyoffice 3): GET with a Bearer token whose claims are
// {payload: {url}}, a few tries a fixed interval apart, only 200/206 accepted, a size cap, a timeout.
// Redirects are not followed: stricter than DS, a redirect is a failed try.
import { signToken } from "../jwt.js";

export interface FetchSettings {
  secret: string;
  header: string;
  tokenTtlSec: number;
  attempts: number;
  intervalMs: number;
  timeoutMs: number;
  maxBytes: number;
}

export interface FetchAttempt {
  url: string;
  attempt: number;
  at: string;
  status?: number;
  error?: string;
  bytes?: number;
}

export class DownloadError extends Error {
  override name = "DownloadError";
  constructor(
    message: string,
    readonly attempts: FetchAttempt[],
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class TooLarge extends Error {}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge(`content-length ${declared} > ${maxBytes}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new TooLarge(`body exceeds ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

export async function fetchDocument(
  url: string,
  s: FetchSettings,
  record: (a: FetchAttempt) => void,
): Promise<Uint8Array> {
  const attempts: FetchAttempt[] = [];
  for (let attempt = 1; attempt <= s.attempts; attempt++) {
    if (attempt > 1) await sleep(s.intervalMs);
    const entry: FetchAttempt = { url, attempt, at: new Date().toISOString() };
    attempts.push(entry);
    record(entry);
    try {
      const token = await signToken({ payload: { url } }, s.secret, s.tokenTtlSec);
      const res = await fetch(url, {
        headers: { [s.header]: `Bearer ${token}` },
        redirect: "manual",
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      entry.status = res.status;
      if (res.status !== 200 && res.status !== 206) {
        await res.body?.cancel();
        entry.error = `HTTP ${res.status}`;
        continue;
      }
      const bytes = await readCapped(res, s.maxBytes);
      entry.bytes = bytes.byteLength;
      return bytes;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      // Above the cap DS gives up at once: the file will not shrink on the next try.
      if (err instanceof TooLarge) break;
    }
  }
  throw new DownloadError(`download of ${url} failed: ${attempts.map((a) => a.error).join("; ")}`, attempts);
}
