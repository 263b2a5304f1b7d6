// Composition of the emulator: state, services, routes.
import Fastify, { type FastifyInstance } from "fastify";
import { CallbackSender } from "./callbacks/callback-sender.js";
import type { ResolvedOptions } from "./options.js";
import { registerDsRoutes } from "./routes/ds-routes.js";
import { registerEditorRoutes } from "./routes/editor-routes.js";
import { registerInspectionRoutes } from "./routes/inspection-routes.js";
import { ConnectionEvents } from "./session/connection-events.js";
import type { SessionContext } from "./session/context.js";
import { SessionError, SessionManager } from "./session/session-manager.js";
import { FileLinks } from "./store/file-links.js";
import { ForgottenFiles } from "./store/forgotten-files.js";
import { KeyRecords } from "./store/key-records.js";

export interface EmulatorApp {
  app: FastifyInstance;
  ctx: SessionContext;
  sessions: SessionManager;
}

export function buildApp(o: ResolvedOptions): EmulatorApp {
  const app = Fastify({ logger: o.logger, forceCloseConnections: true, bodyLimit: 4 * 1024 * 1024 });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  let sessions: SessionManager | undefined;
  const ctx: SessionContext = {
    options: o,
    keys: new KeyRecords({
      secret: o.jwtSecret,
      header: o.jwtHeader,
      tokenTtlSec: o.outboxTokenTtlSec,
      attempts: o.downloadAttempts,
      intervalMs: o.downloadRetryIntervalMs,
      timeoutMs: o.downloadTimeoutMs,
      maxBytes: o.maxDownloadBytes,
    }),
    sender: new CallbackSender({
      secret: o.jwtSecret,
      header: o.jwtHeader,
      tokenTtlSec: o.outboxTokenTtlSec,
      headerTokenLimit: o.headerTokenLimit,
      retryBaseMs: o.callbackRetryBaseMs,
      retries: o.callbackRetries,
      timeoutMs: o.callbackTimeoutMs,
    }),
    links: new FileLinks(o.urlTtlMs),
    forgotten: new ForgottenFiles(),
    // A closed event stream is a lost connection: the user leaves (the emulator's websocket).
    events: new ConnectionEvents((id) => sessions?.leave(id, "closed")),
    connections: new Map(),
  };
  sessions = new SessionManager(ctx);

  app.setErrorHandler((err, req, reply) => {
    // spec: onlyoffice 5: the command service always answers HTTP 200.
    if (req.url.startsWith("/command") || req.url.startsWith("/coauthoring/CommandService.ashx")) {
      return reply.code(200).send({ error: 5 });
    }
    if (err instanceof SessionError) return reply.code(err.httpStatus).send({ message: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ message: (err as Error).message });
    req.log.error(err);
    return reply.code(500).send({ message: "ONLYOFFICE emulator: internal error" });
  });

  registerDsRoutes(app, ctx, sessions);
  registerEditorRoutes(app, ctx, sessions);
  registerInspectionRoutes(app, ctx);
  app.addHook("onClose", async () => {
    ctx.events.closeAll();
    for (const r of ctx.keys.all()) clearTimeout(r.saveTimer);
  });
  return { app, ctx, sessions };
}
