import { mkdirSync } from "node:fs";
import type { DocgateConfig, StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { createStateStore } from "./adapters/state/create-state-store.js";
import { buildApp } from "./http/build-app.js";

export interface RunningServer {
  app: FastifyInstance;
  store: StateStore;
  /** The address actually listened on (port 0 resolves to a real port). */
  url: string;
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60_000;

/** The composition root: state, HTTP, housekeeping, graceful shutdown. */
export async function startServer(config: DocgateConfig, logger: Logger): Promise<RunningServer> {
  mkdirSync(config.server.dataDir, { recursive: true });
  const store = await createStateStore(config.state.url, { dataDir: config.server.dataDir });
  await store.migrate();

  let accepting = true;
  const app = buildApp({ config, store, logger, isAccepting: () => accepting });
  const address = await app.listen({ port: config.server.port, host: config.server.host });

  const purge = setInterval(() => {
    const now = Date.now();
    Promise.all([store.purgeExpiredSessions(now), store.purgeExpiredEntries(now)]).catch((err) =>
      logger.warn({ err }, "purging expired sessions failed"),
    );
  }, PURGE_INTERVAL_MS);
  purge.unref();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      clearInterval(purge);
      // In-flight requests finish (up to the grace period); new ones get 503 (return503OnClosing).
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.server.shutdownGraceMs).unref());
      await Promise.race([app.close(), grace]);
      await store.close();
    })();
    return closing;
  };
  return { app, store, url: address, close };
}
