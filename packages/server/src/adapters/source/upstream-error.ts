// Failed answers from the business system, classified for the save worker (spec: entry 3, upload):
// 5xx and 429 are retried with back-off; any other 4xx, and a 2xx whose reply lacks `modified_at`,
// are held for an operator. The catalogue marks DOCGATE_UPSTREAM_STATUS retryable by default; this
// subclass carries the per-answer decision.
import type { Readable } from "node:stream";
import { DocgateError } from "@docgate/core";
import { discardBody } from "./discard-body.js";
import type { ParamPairs } from "./types.js";

export class UpstreamStatusError extends DocgateError {
  override readonly retryable: boolean;
  readonly upstreamStatus: number;

  constructor(upstreamStatus: number, retryable: boolean, detail: string) {
    super("DOCGATE_UPSTREAM_STATUS", { detail, facts: { upstreamStatus } });
    this.name = "UpstreamStatusError";
    this.retryable = retryable;
    this.upstreamStatus = upstreamStatus;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Reads at most `maxBytes` of a body as UTF-8, then releases the rest so the socket is not held. */
export async function readCapped(body: Readable, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      chunks.push(buf);
      size += buf.length;
      if (size > maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    discardBody(body);
  }
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"), truncated };
}

const SNIPPET_CHARS = 200;

/**
 * A short, printable excerpt of a reply for error details. Business systems sometimes echo the
 * request back, so every params value (they hold access tokens) is masked before it is shown.
 */
export function safeSnippet(text: string, params: ParamPairs): string {
  let out = text;
  for (const [, value] of params) {
    if (value.length >= 4) out = out.split(value).join("***");
  }
  out = out.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return out.length > SNIPPET_CHARS ? `${out.slice(0, SNIPPET_CHARS)}…` : out;
}

/** A non-2xx answer: the status, and a snippet of what came with it. */
export async function statusError(
  status: number,
  target: string,
  body: Readable,
  params: ParamPairs,
): Promise<UpstreamStatusError> {
  const snippet = await readCapped(body, 4096).then(
    (r) => safeSnippet(r.text, params),
    () => "",
  );
  const detail = `${target} answered HTTP ${status}${snippet ? `: ${snippet}` : "."}`;
  return new UpstreamStatusError(status, isRetryableStatus(status), detail);
}
