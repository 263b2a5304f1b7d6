// The demo business system as a fastify app (no socket: tests drive it with inject()).
import Fastify, { type FastifyInstance } from "fastify";
import type { DocgateTarget } from "../entry-link.js";
import type { EditorInfo } from "../pages/layout.js";
import { openDemoDatabase } from "../store/database.js";
import { DocumentStore } from "../store/document-store.js";
import { TokenStore } from "../store/token-store.js";
import { registerCallbackRoutes } from "./callback-routes.js";
import type { DemoContext } from "./demo-context.js";
import { registerUiRoutes } from "./ui-routes.js";

export interface DemoAppOptions {
  dataDir: string;
  /** The demo's origin as docgate reaches it (the repo's context), e.g. http://127.0.0.1:9000. */
  context: string;
  docgate: DocgateTarget;
  editor: EditorInfo;
  /** Default 8 h: docgate's session lifetime, so saves late in a long editing session still authenticate. */
  tokenTtlMs?: number;
  /** Default 100 MiB. */
  maxUploadBytes?: number;
  now?: () => number;
  /** Request log (pino JSON lines); no logging when absent. */
  logFile?: string;
}

export interface DemoApp {
  app: FastifyInstance;
  ctx: DemoContext;
  close(): Promise<void>;
}

export function buildDemoApp(options: DemoAppOptions): DemoApp {
  const now = options.now ?? Date.now;
  const db = openDemoDatabase(options.dataDir);
  const ctx: DemoContext = {
    documents: new DocumentStore(db, options.dataDir, now),
    tokens: new TokenStore(db, now),
    context: options.context.replace(/\/+$/, ""),
    docgate: { ...options.docgate, publicUrl: options.docgate.publicUrl.replace(/\/+$/, "") },
    editor: options.editor,
    tokenTtlMs: options.tokenTtlMs ?? 8 * 3600_000,
    maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
    now,
  };
  const app = Fastify({ logger: options.logFile ? { level: "info", file: options.logFile } : false });
  // Multipart bodies are read by the routes themselves, streaming (busboy), never buffered here.
  app.addContentTypeParser("multipart/form-data", (_request, _payload, done) => done(null, undefined));
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const docgateOrigin = new URL(ctx.docgate.publicUrl).origin;
  app.addHook("onSend", async (_request, reply) => {
    reply.header(
      "content-security-policy",
      `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-src 'self' ${docgateOrigin}; frame-ancestors 'self'`,
    );
    reply.header("x-content-type-options", "nosniff");
  });
  app.get("/healthz", async (_request, reply) => reply.header("cache-control", "no-store").send({ status: "ok" }));
  registerUiRoutes(app, ctx);
  registerCallbackRoutes(app, ctx);
  const purge = setInterval(() => ctx.tokens.purgeExpired(), 10 * 60_000);
  purge.unref();
  return {
    app,
    ctx,
    close: async () => {
      clearInterval(purge);
      await app.close();
      db.close();
    },
  };
}
