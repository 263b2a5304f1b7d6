// Composition of the save pipeline for start-server.ts: one spool, the intake the ONLYOFFICE engine
// calls (only when onlyoffice.* is configured), and the worker (always: saves stored while DS was
// configured must still upload after it is switched off).
import type { DocgateConfig, StateStore } from "@docgate/core";
import type { Logger } from "pino";
import type { BusinessClient } from "../adapters/source/index.js";
import { createDsDownloader, type DsDownloader } from "./ds-download.js";
import type { SaveIntake } from "./save-intake.js";
import { SaveWorker, type SaveWorkerOptions } from "./save-worker.js";
import { Spool } from "./spool.js";
import { SpoolSaveIntake } from "./spool-save-intake.js";

export interface SavePipeline {
  spool: Spool;
  intake: SaveIntake | undefined;
  worker: SaveWorker;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface SavePipelineDeps {
  config: DocgateConfig;
  store: StateStore;
  logger: Logger;
  businessClient: BusinessClient;
  now?(): number;
  worker?: Partial<
    Pick<SaveWorkerOptions, "concurrency" | "maintenanceIntervalMs" | "recoveryMinAgeMs" | "stopGraceMs">
  >;
}

export function createSavePipeline(deps: SavePipelineDeps): SavePipeline {
  const { config, store } = deps;
  const logger = deps.logger.child({ component: "saves" });
  const now = deps.now ?? Date.now;
  const spool = new Spool(config.server.dataDir);
  const worker = new SaveWorker({
    store,
    spool,
    businessClient: deps.businessClient,
    config,
    logger,
    now,
    stopGraceMs: config.server.shutdownGraceMs,
    // A download from DS refreshes its file's mtime at least every idle timeout; anything older than
    // twice that (and a minute) was abandoned by a process that died (recover-spool.ts).
    recoveryMinAgeMs: Math.max(60_000, 2 * config.fetch.idleTimeoutMs),
    ...deps.worker,
  });
  let downloader: DsDownloader | undefined;
  let intake: SaveIntake | undefined;
  if (config.onlyoffice) {
    downloader = createDsDownloader({
      publicUrl: config.onlyoffice.publicUrl,
      internalUrl: config.onlyoffice.internalUrl,
      connectTimeoutMs: config.fetch.connectTimeoutMs,
      idleTimeoutMs: config.fetch.idleTimeoutMs,
      totalTimeoutMs: config.fetch.totalTimeoutMs,
      maxBytes: config.fetch.maxDownloadBytes,
    });
    intake = new SpoolSaveIntake({
      store,
      spool,
      downloader,
      dsPublicUrl: config.onlyoffice.publicUrl,
      dsInternalUrl: config.onlyoffice.internalUrl,
      maxBytes: config.fetch.maxDownloadBytes,
      logger,
      now,
      onEnqueued: () => worker.wake(),
      uploads: { worker, leaseMs: config.saves.leaseMs },
    });
  }
  return {
    spool,
    intake,
    worker,
    start: () => worker.start(),
    close: async () => {
      await worker.stop();
      await downloader?.close();
    },
  };
}
