// GET /s/:sessionId/rendition (issue 4, item 6): the file the viewer shows, checked against the
// session on every request (same browser binding as the session page) and streamed from the cache,
// never from a static directory.
import { createReadStream } from "node:fs";
import { DocgateError, type SessionRecord, type StateStore } from "@docgate/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import { loadRequestSession } from "../../../http/request-session.js";
import type { PreviewPipeline } from "../preview-pipeline.js";
import { parseByteRange } from "./byte-range.js";
import { contentDisposition } from "./content-disposition.js";

export interface RenditionRouteDeps {
  store: StateStore;
  pipeline(): Promise<PreviewPipeline>;
  frameAncestorsOf(repoId: string): readonly string[];
  now(): number;
}

// Why no-store: the URL carries the session id, so a browser cache could never serve it to a later
// session anyway, and a document the user may not download should not be left in the disk cache.
const FILE_HEADERS = {
  "x-content-type-options": "nosniff",
  "cache-control": "private, no-store",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  // Opened directly (an SVG, say), the file is inert: no scripts, no requests, an opaque origin.
  "content-security-policy": "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
  "accept-ranges": "bytes",
} as const;

export function renditionPath(sessionId: string): string {
  return `/s/${sessionId}/rendition`;
}

export function registerRenditionRoute(app: FastifyInstance, deps: RenditionRouteDeps): void {
  app.get<{ Params: { sessionId: string }; Querystring: { download?: string } }>(
    "/s/:sessionId/rendition",
    async (request, reply) => {
      const session = await loadRequestSession(request, deps);
      // A session routed elsewhere (ONLYOFFICE) has no rendition here.
      if (session.engine !== "builtin") throw new DocgateError("DOCGATE_NOT_FOUND");
      const pipeline = await deps.pipeline();
      if (request.query.download === "1") {
        if (!session.meta.permissions.download) {
          throw new DocgateError("DOCGATE_PERMISSION_DENIED", {
            detail: "Downloading is not allowed for this document.",
          });
        }
        const source = await pipeline.ensureSource(session);
        return sendFile(reply, request.headers.range, {
          ...source,
          contentType: "application/octet-stream",
          disposition: contentDisposition("attachment", baseName(session)),
        });
      }
      const rendition = await pipeline.ensureRendition(session);
      return sendFile(reply, request.headers.range, { ...rendition, disposition: "inline" });
    },
  );
}

interface FileToSend {
  path: string;
  size: number;
  contentType: string;
  disposition: string;
  release(): void;
}

function sendFile(reply: FastifyReply, range: string | undefined, file: FileToSend): FastifyReply {
  try {
    reply
      .headers(FILE_HEADERS)
      .header("content-type", file.contentType)
      .header("content-disposition", file.disposition);
    const answer = parseByteRange(range, file.size);
    if (answer.kind === "unsatisfiable") {
      file.release();
      return reply.code(416).header("content-range", `bytes */${file.size}`).header("content-length", 0).send();
    }
    const { start, end } = answer.kind === "partial" ? answer : { start: 0, end: file.size - 1 };
    if (answer.kind === "partial") reply.code(206).header("content-range", `bytes ${start}-${end}/${file.size}`);
    reply.header("content-length", Math.max(0, end - start + 1));
    if (file.size === 0) {
      file.release();
      return reply.send("");
    }
    // The lease pins the cache entry until the last byte left (or the client went away).
    const stream = createReadStream(file.path, { start, end });
    stream.once("close", file.release);
    return reply.send(stream);
  } catch (err) {
    file.release();
    throw err;
  }
}

/** The file name the user sees on download: meta.name without any leading path (spec: entry 4). */
function baseName(session: SessionRecord): string {
  return session.meta.name.split(/[\\/]/).pop() || "document";
}
