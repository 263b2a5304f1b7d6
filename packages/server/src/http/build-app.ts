import { randomUUID } from "node:crypto";
import { type DocgateConfig, DocgateError, type RepoConfig, type StateStore } from "@docgate/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import "./fastify-types.js";
import type { SessionEngine } from "../engines/session-engine.js";
import { createAccessLogger } from "../logging/create-logger.js";
import { lazyChildLoggerFactory } from "../logging/lazy-child-logger.js";
import { Spool } from "../saves/spool.js";
import { installErrorHandling, sendError } from "./error-handler.js";
import { parseQueryLazily } from "./lazy-query.js";
import { RequestLog } from "./request-log.js";
import { registerAdminSaveRoutes } from "./routes/admin-saves-routes.js";
import { registerEntryRoute } from "./routes/entry-route.js";
import { registerHealthRoutes } from "./routes/health-routes.js";
import { registerSessionRoute } from "./routes/session-route.js";

export interface AppDeps {
  config: DocgateConfig;
  store: StateStore;
  logger: Logger;
  now?: () => number;
  isAccepting?: () => boolean;
  /** Engines to route sessions to (composition root builds them from the configuration). */
  engines?: readonly SessionEngine[];
  /** The save pipeline's spool and worker wake-up, for the admin API (defaults: the data dir's spool). */
  saves?: { spool: Spool; wake(): void };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app without listening, so tests can use fastify.inject() (practice 9). */
export function buildApp(deps: AppDeps): FastifyInstance {
  const { config, store } = deps;
  const now = deps.now ?? Date.now;
  const repos = new Map<string, RepoConfig>(config.repos.map((r) => [r.id, r]));
  const lookupRepo = (id: string) => repos.get(id);
  const engines = deps.engines ?? [];

  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: config.server.trustProxy,
    // A proxy's request id is kept when it is well-formed, so logs line up across hops.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // One line per request (request-log.ts).
    logController: new RequestLog(createAccessLogger(deps.logger)),
    childLoggerFactory: lazyChildLoggerFactory,
    routerOptions: { maxParamLength: 200, querystringParser: parseQueryLazily },
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Malformed URLs are rejected by the router before any hook: route them through the same
    // mapper so they get our codes and never echo the URL.
    frameworkErrors: (_error, request, reply) => {
      sendError(request, reply, new DocgateError("DOCGATE_BAD_REQUEST", { detail: "The request URL is malformed." }));
    },
  });
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", String(request.id));
    done();
  });
  // Declared up front so every request object has one shape (fastify's advice for hot paths).
  app.decorateRequest("frameAncestors", undefined);
  app.decorateRequest("logFacts", undefined);
  app.decorateRequest("logMessage", undefined);
  installErrorHandling(app);

  registerHealthRoutes(app, { store, isAccepting: deps.isAccepting ?? (() => true) });
  registerEntryRoute(app, {
    store,
    lookupRepo,
    sessionTtlMs: config.server.sessionTtlMs,
    now,
    publicUrl: config.server.publicUrl,
    engines,
    defaultPreference: config.preview.engine,
  });
  registerSessionRoute(app, {
    store,
    now,
    engines,
    frameAncestorsOf: (repoId) => lookupRepo(repoId)?.frameAncestors ?? [],
    langOf: (repoId) => lookupRepo(repoId)?.lang,
  });
  for (const engine of engines) engine.registerRoutes(app);
  // No admin.token: the admin API does not exist (404), see admin-saves-routes.ts.
  if (config.admin.token) {
    registerAdminSaveRoutes(app, {
      token: config.admin.token,
      store,
      spool: deps.saves?.spool ?? new Spool(config.server.dataDir),
      wake: deps.saves?.wake ?? (() => {}),
      now,
    });
  }
  return app;
}
