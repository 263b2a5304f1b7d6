// A small fastify server for the viewer's browser tests: it serves the real viewer page
// (renderViewerPage with the real CSP), the real viewer assets, and rendition bytes from fixtures.
// The rendition route here is a stand-in for the built-in engine's (which checks the session);
// everything the browser runs is production code.
import type { MetaPermissions, SessionRecord } from "@docgate/core";
import Fastify, { type FastifyInstance } from "fastify";
import type { ResolvedWatermark } from "../../packages/server/src/engines/preview/viewer/resolve-watermark.js";
import {
  registerViewerAssets,
  viewerAssetBase,
} from "../../packages/server/src/engines/preview/viewer/viewer-assets.js";
import { viewerCsp } from "../../packages/server/src/engines/preview/viewer/viewer-csp.js";
import { renderViewerPage, type ViewerKind } from "../../packages/server/src/engines/preview/viewer/viewer-page.js";
import { newNonce } from "../../packages/server/src/http/security-headers.js";
import type { Lang } from "../../packages/server/src/pages/language.js";

export interface HarnessDocument {
  name: string;
  kind: ViewerKind;
  bytes: Buffer;
  contentType: string;
  permissions?: Partial<MetaPermissions>;
  watermark?: ResolvedWatermark | null;
  lang?: Lang;
  /** The rendition route answers with this JSON error instead of the bytes. */
  failWith?: { status: number; code: string; message: string };
}

export interface ViewerHarness {
  origin: string;
  /** Registers a document and returns the URL of its viewer page. */
  add(doc: HarnessDocument): string;
  /** How often each document's rendition was fetched (by document id). */
  renditionHits: Map<string, number>;
  close(): Promise<void>;
}

const ALL_ALLOWED: MetaPermissions = { read: true, write: false, download: true, print: true, copy: true };

function sessionFor(id: string, doc: HarnessDocument, permissions: MetaPermissions): SessionRecord {
  return {
    id,
    browserBindingHash: "",
    browserBound: null,
    repoId: "harness",
    docId: id,
    requestedAction: "view",
    effectiveMode: "view",
    readOnlyReason: null,
    user: { id: "u1", display_name: "张三 Zhang San", email: "zhangsan@example.com" },
    meta: {
      id,
      name: doc.name,
      modified_at: "2024-03-25T02:57:38.000Z",
      created_by: { id: "u1", name: "Zhang San" },
      permissions,
      extension: { previewWithTrackChange: false, trackChangeForceOn: false },
    },
    downloadUrl: "http://127.0.0.1:1/unused",
    uploadUrl: null,
    params: [],
    engine: "builtin",
    createdAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
  };
}

export async function startViewerHarness(): Promise<ViewerHarness> {
  const app: FastifyInstance = Fastify({ logger: false });
  const docs = new Map<string, HarnessDocument>();
  const renditionHits = new Map<string, number>();
  registerViewerAssets(app);

  app.get<{ Params: { id: string } }>("/view/:id", async (request, reply) => {
    const doc = docs.get(request.params.id);
    if (!doc) return reply.code(404).send("no such document");
    const permissions = { ...ALL_ALLOWED, ...doc.permissions };
    const nonce = newNonce();
    const native = ["text", "markdown", "csv", "json"].includes(doc.kind);
    const page = renderViewerPage({
      session: sessionFor(request.params.id, doc, permissions),
      lang: doc.lang ?? "en",
      nonce,
      renditionUrl: `/rendition/${request.params.id}`,
      kind: doc.kind,
      watermark: doc.watermark ?? null,
      permissions,
      assetBase: viewerAssetBase(),
      ...(native ? { content: doc.bytes } : {}),
    });
    return reply
      .header("content-security-policy", viewerCsp(nonce, []))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(page);
  });

  app.get<{ Params: { id: string } }>("/rendition/:id", async (request, reply) => {
    const doc = docs.get(request.params.id);
    if (!doc) return reply.code(404).send("no such document");
    renditionHits.set(request.params.id, (renditionHits.get(request.params.id) ?? 0) + 1);
    if (doc.failWith) {
      const { status, code, message } = doc.failWith;
      return reply.code(status).header("x-content-type-options", "nosniff").send({ error: { code, message } });
    }
    return reply
      .header("content-type", doc.contentType)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(doc.bytes);
  });

  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  let counter = 0;
  return {
    origin,
    renditionHits,
    add(doc) {
      const id = `doc-${++counter}`;
      docs.set(id, doc);
      return `${origin}/view/${id}`;
    },
    close: () => app.close(),
  };
}
