import { DocgateError, type ErrorCode, isDocgateError } from "@docgate/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderErrorPage } from "../pages/error-page.js";
import { buildCsp, COMMON_HEADERS, newNonce } from "./security-headers.js";

// The one error-to-HTTP mapper at the edge (ARCHITECTURE.md practice 5): browsers get the bilingual
// HTML page, machines get {"error":{code,message}}; unknown errors are a generic 500, logged with the
// stack and never shown.

export function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? "").includes("text/html");
}

function fromFastifyError(err: FastifyError): DocgateError | undefined {
  const status = err.statusCode ?? 500;
  if (status === 404) return new DocgateError("DOCGATE_NOT_FOUND");
  if (status === 405) return new DocgateError("DOCGATE_METHOD_NOT_ALLOWED");
  if (status === 413) return new DocgateError("DOCGATE_FILE_TOO_LARGE");
  if (status >= 400 && status < 500) return new DocgateError("DOCGATE_BAD_REQUEST");
  return undefined;
}

export function toDocgateError(err: unknown): { error: DocgateError; unexpected: boolean } {
  if (isDocgateError(err)) return { error: err, unexpected: false };
  const mapped =
    err && typeof err === "object" && "statusCode" in err ? fromFastifyError(err as FastifyError) : undefined;
  if (mapped) return { error: mapped, unexpected: false };
  return { error: new DocgateError("DOCGATE_INTERNAL"), unexpected: true };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: DocgateError): FastifyReply {
  reply.code(error.status).headers(COMMON_HEADERS);
  if (error.code === "DOCGATE_UNAUTHORIZED") reply.header("www-authenticate", "Bearer");
  if (error.retryable && error.status === 503) reply.header("retry-after", "5");
  if (wantsHtml(request)) {
    const nonce = newNonce();
    reply
      .header("content-security-policy", buildCsp({ nonce, frameAncestors: request.frameAncestors ?? [] }))
      .type("text/html; charset=utf-8");
    return reply.send(
      renderErrorPage({
        code: error.code,
        status: error.status,
        detail: error.detail,
        facts: error.facts,
        requestId: String(request.id),
        nonce,
      }),
    );
  }
  return reply.type("application/json; charset=utf-8").send({
    error: {
      code: error.code,
      message: error.message,
      requestId: String(request.id),
      ...(Object.keys(error.facts).length > 0 ? { facts: error.facts } : {}),
    },
  });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const { error, unexpected } = toDocgateError(err);
    if (unexpected) request.log.error({ err }, "unexpected error");
    else {
      // Said on the request's one line (request-log.ts).
      request.logFacts = { ...request.logFacts, code: error.code };
      request.logMessage = "request rejected";
    }
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new DocgateError("DOCGATE_NOT_FOUND")));
}

export function errorCodeOf(err: unknown): ErrorCode {
  return toDocgateError(err).error.code;
}
