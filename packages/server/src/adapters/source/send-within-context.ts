// One logical call to the business system, hop by hop (spec: entry 3, host rule and params).
// Redirects are followed here, by hand, so that every hop passes the host rule before a byte is sent
// and every hop carries the params. Uploads never follow: 301/302/303 would turn the save into a GET,
// and 307/308 would need the multipart stream again after it has been consumed.
import type { Readable } from "node:stream";
import { checkUrlWithinContext, DocgateError } from "@docgate/core";
import { type Dispatcher, request } from "undici";
import type { CallScope } from "./call-scope.js";
import { discardBody } from "./discard-body.js";
import { paramsToRequest } from "./params-to-request.js";
import { checkRedirectTarget, describeUrl } from "./same-origin.js";
import type { ParamPairs, RepoTarget } from "./types.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface SendOptions {
  method: "GET" | "POST";
  url: string;
  repo: RepoTarget;
  params: ParamPairs;
  /** Headers owned by the client (User-Agent, Content-Type, Content-Length); params cannot override them. */
  headers: Record<string, string>;
  body?: Readable;
  /** 0 refuses any redirect. */
  maxRedirects: number;
  dispatcher: Dispatcher;
  scope: CallScope;
}

export interface SendResult {
  url: URL;
  response: Dispatcher.ResponseData;
}

function redirectError(detail: string): DocgateError {
  return new DocgateError("DOCGATE_UPSTREAM_REDIRECT", { detail });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function sendWithinContext(options: SendOptions): Promise<SendResult> {
  const first = checkUrlWithinContext(options.url, options.repo.context);
  if (!first.ok) {
    throw new DocgateError(first.code, {
      detail: `Refused to call the business system: ${first.reason}.`,
    });
  }
  let current = first.url;
  for (let hop = 0; ; hop++) {
    const mapped = paramsToRequest(current, options.params, options.repo.headerPrefix);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(mapped.url, {
        method: options.method,
        headers: { ...mapped.headers, ...options.headers },
        body: options.body,
        signal: options.scope.signal,
        dispatcher: options.dispatcher,
      });
    } catch (err) {
      throw options.scope.mapError(err);
    }
    const location = firstHeader(response.headers["location"]);
    if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) {
      return { url: mapped.url, response };
    }
    // Not needed for anything: release the connection before deciding.
    discardBody(response.body);
    const next = checkRedirectTarget(location, current, options.repo.context);
    const from = describeUrl(current);
    if (!next.ok) throw redirectError(`${from} redirected outside the repo's context: ${next.reason}.`);
    if (options.body !== undefined) {
      throw redirectError(`${from} answered ${response.statusCode}; uploads are not re-sent to a redirect target.`);
    }
    if (hop >= options.maxRedirects) {
      throw redirectError(`${from} redirected more than ${options.maxRedirects} times.`);
    }
    current = next.url;
  }
}
