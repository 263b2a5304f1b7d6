import { mkdirSync } from "node:fs";
import type { DocgateConfig, StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { createBusinessClient } from "./adapters/source/index.js";
import { createStateStore } from "./adapters/state/create-state-store.js";
import { createEngines } from "./engines/create-engines.js";
import { buildApp } from "./http/build-app.js";
import { createSavePipeline, type SavePipeline } from "./saves/create-save-pipeline.js";

export interface RunningServer {
  app: FastifyInstance;
  store: StateStore;
  saves: SavePipeline;
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

  const businessClient = createBusinessClient(config.fetch);
  const saves = createSavePipeline({ config, store, logger, businessClient });
  // The ONLYOFFICE engine hands DS's save callbacks to saves.intake (spec: onlyoffice 4).
  const engines = createEngines({ config, store, logger, businessClient, now: Date.now, saveIntake: saves.intake });
  let accepting = true;
  const app = buildApp({
    config,
    store,
    logger,
    engines,
    isAccepting: () => accepting,
    saves: { spool: saves.spool, wake: () => saves.worker.wake() },
  });
  const address = await app.listen({ port: config.server.port, host: config.server.host });
  // Engines start their background work (workers, pools) after the port is open: serve starts fast.
  for (const engine of engines) {
    engine.start?.().catch((err) => logger.error({ err, engine: engine.id }, "engine failed to start"));
  }
  // Resumes saves a previous process left pending (expired leases, spooled files without a job row).
  saves.start().catch((err) => logger.error({ err }, "the save worker failed to start"));

  const purge = setInterval(() => {
    const now = Date.now();
    // Editors recorded before the oldest live session began belong to sessions that have expired.
    const editorsBefore = now - config.server.sessionTtlMs;
    Promise.all([
      store.purgeExpiredSessions(now),
      store.purgeExpiredEntries(now),
      store.purgeEditors(editorsBefore),
    ]).catch((err) => logger.warn({ err }, "purging expired sessions failed"));
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
      await Promise.allSettled(engines.map((e) => e.close?.()));
      // Uploads in flight finish (bounded by shutdownGraceMs) or stay due for the next process.
      await saves.close().catch((err) => logger.warn({ err }, "stopping the save worker failed"));
      await businessClient.close();
      await store.close();
    })();
    return closing;
  };
  return { app, store, saves, url: address, close };
}
