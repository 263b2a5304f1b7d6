// downloadUrl and uploadUrl, as a real integrator implements them (spec: entry 3): docgate's calls
// are authenticated with the token the demo signed into `params`, files are streamed both ways, and
// an upload answers with the new version's modified_at.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { readCallbackToken } from "../auth/callback-credentials.js";
import type { TokenGrant } from "../store/token-store.js";
import type { DemoContext } from "./demo-context.js";
import { mimeTypeFor } from "./mime.js";
import { receiveUpload, UploadError } from "./multipart.js";

/** The JSON a successful upload answers with; docgate records `modified_at` (spec: entry 3, 5). */
export interface UploadReplyBody {
  modified_at: string;
  version: number;
  size: number;
  id: string;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header("cache-control", "no-store").send({ error: { code, message } });
}

/** 401 when the token is missing, inconsistent, unknown or expired; 403 when it is for something else. */
function authorize(
  ctx: DemoContext,
  request: FastifyRequest<{ Params: { docId: string } }>,
  reply: FastifyReply,
  needWrite: boolean,
): TokenGrant | undefined {
  const read = readCallbackToken({ headers: request.headers, query: request.query as Record<string, unknown> });
  if (!read.ok) {
    refuse(reply, 401, "token_missing", read.reason);
    return undefined;
  }
  const grant = ctx.tokens.lookup(read.token);
  if (!grant) {
    refuse(reply, 401, "token_invalid", "the token is unknown or has expired");
    return undefined;
  }
  if (grant.docId !== request.params.docId) {
    refuse(reply, 403, "token_scope", "the token is for another document");
    return undefined;
  }
  if (needWrite && !grant.canWrite) {
    refuse(reply, 403, "read_only", "the token does not allow saving this document");
    return undefined;
  }
  return grant;
}

export function registerCallbackRoutes(app: FastifyInstance, ctx: DemoContext): void {
  app.get<{ Params: { docId: string } }>("/api/docs/:docId/content", async (request, reply) => {
    if (!authorize(ctx, request, reply, false)) return reply;
    const doc = ctx.documents.getDocument(request.params.docId);
    const version = doc && ctx.documents.latestVersion(doc.id);
    if (!doc || !version) return refuse(reply, 404, "not_found", "no such document");
    const { stream, size } = ctx.documents.openVersion(version);
    return reply
      .header("content-type", mimeTypeFor(doc.name))
      .header("content-length", String(size))
      .header("cache-control", "no-store")
      .header("x-demo-modified-at", version.modifiedAt)
      .send(stream);
  });

  app.post<{ Params: { docId: string } }>("/api/docs/:docId/content", async (request, reply) => {
    const grant = authorize(ctx, request, reply, true);
    if (!grant) return reply;
    const doc = ctx.documents.getDocument(request.params.docId);
    if (!doc) return refuse(reply, 404, "not_found", "no such document");
    let upload: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      upload = await receiveUpload(request.raw, ctx.documents, ctx.maxUploadBytes);
    } catch (err) {
      if (err instanceof UploadError) {
        return refuse(reply.header("connection", "close"), err.status, "bad_upload", err.message);
      }
      throw err;
    }
    const version = ctx.documents.addVersion(doc.id, upload.file, "docgate", grant.userId);
    request.log.info({ docId: doc.id, version: version.n, modifiedAt: version.modifiedAt }, "saved from docgate");
    const body: UploadReplyBody = {
      modified_at: version.modifiedAt,
      version: version.n,
      size: version.size,
      id: doc.id,
    };
    return reply.code(200).header("cache-control", "no-store").send(body);
  });
}
