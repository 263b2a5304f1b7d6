// Downloading DS's saved file (spec: onlyoffice 4). The callback's `url` is built on the host the
// browser used to reach DS, so docgate rewrites DS's public origin to its internal one first; a url
// on any other origin is refused: a callback must never make docgate fetch an arbitrary address.
import { createHash, type Hash } from "node:crypto";
import type { Readable } from "node:stream";
import { Transform, type TransformCallback } from "node:stream";
import { Agent, request } from "undici";
import { STAGE_BUFFER_BYTES } from "../adapters/source/byte-limit.js";

export interface DsDownloadOptions {
  publicUrl: string;
  /** Defaults to publicUrl. */
  internalUrl?: string;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
}

/** Base URL without trailing slash, and its path prefix ending in "/". */
function base(url: string): { origin: string; prefix: string } {
  const u = new URL(url);
  return { origin: u.origin, prefix: `${u.pathname.replace(/\/+$/, "")}/` };
}

/**
 * Returns the internal URL to fetch for a callback `url`, or a reason it is refused. Accepts urls on
 * DS's public base (rewritten) or already on its internal base; keeps the path and query as sent
 * (the query carries DS's md5/expires signature).
 */
export function rewriteDsUrl(dsUrl: string, publicUrl: string, internalUrl = publicUrl): URL | string {
  let url: URL;
  try {
    url = new URL(dsUrl);
  } catch {
    return "the callback url cannot be parsed";
  }
  if (url.username || url.password) return "the callback url carries credentials";
  const pub = base(publicUrl);
  const internal = base(internalUrl);
  for (const from of [pub, internal]) {
    if (url.origin === from.origin && url.pathname.startsWith(from.prefix)) {
      const rest = url.pathname.slice(from.prefix.length);
      return new URL(`${internal.origin}${internal.prefix}${rest}${url.search}`);
    }
  }
  return `the callback url is not on Document Server's origin (${url.origin})`;
}

/** Counts and hashes bytes on their way to disk, failing once more than maxBytes have passed. */
export class HashAndCount extends Transform {
  readonly #hash: Hash = createHash("sha256");
  #bytes = 0;
  readonly #max: number;

  constructor(maxBytes: number) {
    super({ highWaterMark: STAGE_BUFFER_BYTES });
    this.#max = maxBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  digest(): string {
    return this.#hash.digest("hex");
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.#max) {
      cb(new Error(`the file is larger than ${this.#max} bytes`));
      return;
    }
    this.#hash.update(chunk);
    cb(null, chunk);
  }
}

export interface DsDownload {
  body: Readable;
  /** The Content-Length DS announced, if it did (DS serves its files with one). */
  length: number | undefined;
}

export interface DsDownloader {
  /** GETs the rewritten url; resolves with the body stream of a 200 answer, else rejects with why. */
  open(url: URL, signal?: AbortSignal): Promise<DsDownload>;
  close(): Promise<void>;
}

export function createDsDownloader(options: DsDownloadOptions): DsDownloader {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: options.idleTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
  });
  return {
    async open(url, signal) {
      const timeout = AbortSignal.timeout(options.totalTimeoutMs);
      const response = await request(url, {
        method: "GET",
        dispatcher: agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        headers: { "user-agent": "docgate/0.1" },
      });
      if (response.statusCode !== 200) {
        response.body.on("error", () => {});
        response.body.destroy();
        // An expired link (410), a tampered one (403), a redirect: all mean "not stored", DS retries.
        throw new Error(`Document Server answered HTTP ${response.statusCode} for ${url.origin}${url.pathname}`);
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.body.on("error", () => {});
        response.body.destroy();
        throw new Error(`Document Server announced ${declared} bytes; the limit is ${options.maxBytes}`);
      }
      return { body: response.body, length: Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined };
    },
    close: () => agent.close(),
  };
}
