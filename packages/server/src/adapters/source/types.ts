// The shapes of the business-system client (spec: entry 3). Kept local and small so this adapter
// does not wait on core's entry module; a registered repo satisfies RepoTarget structurally.
import type { Readable } from "node:stream";

/** What the client needs to know about the repo it calls (a subset of the configured repo). */
export interface RepoTarget {
  /** The registered origin, e.g. `http://oa.example.com:8080` (spec: entry 3, host rule). */
  context: string;
  /** Allow the context's host name to resolve to private/loopback addresses. */
  allowPrivateNetwork: boolean;
  /** params keys with this prefix are also sent as headers (default `x-`). */
  headerPrefix: string;
}

/** params from the entry URL, split on `;` and each pair on its first `=` (spec: entry 3). */
export type ParamPairs = ReadonlyArray<readonly [string, string]>;

/** The standard DNS lookup signature, injectable so tests can stall or fake resolution. */
export type LookupFunction = typeof import("node:dns").lookup;

export interface BusinessClientOptions {
  connectTimeoutMs: number;
  /** Longest silence while waiting for headers or between body chunks. */
  idleTimeoutMs: number;
  /** Longest a whole call may take, body included. */
  totalTimeoutMs: number;
  maxDownloadBytes: number;
  maxRedirects: number;
  /** Defaults to node:dns lookup. Every answer still passes the private-address guard. */
  lookup?: LookupFunction;
  /** Defaults to `docgate/0.1`. */
  userAgent?: string;
}

export interface DownloadRequest {
  url: string;
  repo: RepoTarget;
  params: ParamPairs;
  signal?: AbortSignal;
}

export interface DownloadResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  contentLength?: number;
  /** The file bytes, capped at maxDownloadBytes; errors are DocgateErrors (or the caller's abort reason). */
  body: Readable;
}

export interface UploadRequest {
  url: string;
  repo: RepoTarget;
  params: ParamPairs;
  file: Readable;
  /** When known, the request carries a Content-Length; otherwise it is sent chunked. */
  fileSize?: number;
  mimeType: string;
  signal?: AbortSignal;
}

/** The business system's reply to a successful save: JSON with its new `modified_at` (spec: entry 3). */
export interface UploadReply {
  modified_at: string;
  [key: string]: unknown;
}

export interface UploadResult {
  status: number;
  json: UploadReply;
}

export interface BusinessClient {
  download(request: DownloadRequest): Promise<DownloadResult>;
  upload(request: UploadRequest): Promise<UploadResult>;
  /** Closes pooled connections; in-flight calls finish first. */
  close(): Promise<void>;
}
