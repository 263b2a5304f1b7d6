// POST uploadUrl (spec: entry 3, upload): multipart `file` part, filename `content`. Success is a 2xx
// whose JSON reply has the business system's new `modified_at`; every other outcome throws an error
// whose `retryable` tells the save worker to back off and retry (network, timeout, 429, 5xx) or to
// hold the save for an operator (other 4xx, a reply without modified_at, a redirect).
import { DocgateError } from "@docgate/core";
import { agentFor, type ClientContext, scopeFor } from "./client-context.js";
import { createMultipartBody } from "./multipart-body.js";
import { describeUrl } from "./same-origin.js";
import { sendWithinContext } from "./send-within-context.js";
import type { UploadReply, UploadRequest, UploadResult } from "./types.js";
import { readCapped, safeSnippet, statusError, UpstreamStatusError } from "./upstream-error.js";

/** Replies are small JSON documents; anything longer is not one. */
const MAX_REPLY_BYTES = 64 * 1024;

function parseReply(text: string): UploadReply | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "the reply is not JSON";
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "the reply is not a JSON object";
  const modifiedAt = (json as Record<string, unknown>)["modified_at"];
  if (typeof modifiedAt !== "string" || modifiedAt.trim() === "") return "the reply has no modified_at string";
  return json as UploadReply;
}

export async function upload(ctx: ClientContext, req: UploadRequest): Promise<UploadResult> {
  const scope = scopeFor(ctx, req.url, req.signal);
  try {
    const multipart = createMultipartBody(req.file, req.mimeType, req.fileSize);
    const headers: Record<string, string> = {
      "user-agent": ctx.options.userAgent,
      "content-type": multipart.contentType,
    };
    if (multipart.contentLength !== undefined) headers["content-length"] = String(multipart.contentLength);
    const { url, response } = await sendWithinContext({
      method: "POST",
      url: req.url,
      repo: req.repo,
      params: req.params,
      headers,
      body: multipart.body,
      maxRedirects: 0,
      dispatcher: agentFor(ctx, req.repo),
      scope,
    });
    const status = response.statusCode;
    const target = describeUrl(url);
    if (status < 200 || status > 299) throw await statusError(status, target, response.body, req.params);

    const reply = await readCapped(response.body, MAX_REPLY_BYTES).catch((err: unknown) => {
      throw scope.mapError(err);
    });
    const parsed = reply.truncated ? "the reply is longer than 64 KiB" : parseReply(reply.text);
    if (typeof parsed === "string") {
      const snippet = safeSnippet(reply.text, req.params);
      // Retrying would re-save the same bytes and likely get the same reply: hold it for a person.
      throw new UpstreamStatusError(status, false, `${target} answered HTTP ${status} but ${parsed}: ${snippet}`);
    }
    return { status, json: parsed };
  } catch (err) {
    // The file stream belongs to this attempt; a retry opens the spooled file again.
    req.file.destroy();
    throw err instanceof DocgateError ? err : scope.mapError(err);
  }
}
