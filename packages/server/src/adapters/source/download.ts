// GET downloadUrl (spec: entry 3, download): the body is the file. It is handed on as a stream with
// the size cap in front of it, never collected in memory; the cap is also checked against
// Content-Length up front so an oversized file is refused before any byte is read.
import { pipeline } from "node:stream";
import { ByteLimit, tooLarge } from "./byte-limit.js";
import { agentFor, type ClientContext, scopeFor } from "./client-context.js";
import { discardBody } from "./discard-body.js";
import { describeUrl } from "./same-origin.js";
import { sendWithinContext } from "./send-within-context.js";
import type { DownloadRequest, DownloadResult } from "./types.js";
import { statusError } from "./upstream-error.js";

function declaredLength(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

export async function download(ctx: ClientContext, req: DownloadRequest): Promise<DownloadResult> {
  const scope = scopeFor(ctx, req.url, req.signal);
  const { url, response } = await sendWithinContext({
    method: "GET",
    url: req.url,
    repo: req.repo,
    params: req.params,
    headers: { "user-agent": ctx.options.userAgent },
    maxRedirects: ctx.options.maxRedirects,
    dispatcher: agentFor(ctx, req.repo),
    scope,
  });
  const status = response.statusCode;
  if (status < 200 || status > 299) throw await statusError(status, describeUrl(url), response.body, req.params);

  const max = ctx.options.maxDownloadBytes;
  const contentLength = declaredLength(response.headers["content-length"]);
  if (contentLength !== undefined && contentLength > max) {
    discardBody(response.body);
    throw tooLarge(max, contentLength);
  }
  const limiter = new ByteLimit(max, scope.mapError);
  // pipeline destroys the upstream body when the consumer stops or the cap trips, and destroys the
  // limiter (which classifies the error) when the upstream fails or the call is aborted.
  pipeline(response.body, limiter, () => {});
  const type = response.headers["content-type"];
  return {
    status,
    headers: response.headers,
    contentType: (Array.isArray(type) ? type[0] : type) ?? "application/octet-stream",
    contentLength,
    body: limiter,
  };
}
