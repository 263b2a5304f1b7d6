// One save pipeline on real parts: a SQLite (or PostgreSQL) state store, the spool in a temp data dir,
// the real business client, a business system and a DS file stub on 127.0.0.1.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  type DocgateConfig,
  type DocgateConfigInput,
  parseConfig,
  type SessionRecord,
  type StateStore,
} from "@docgate/core";
import { createBusinessClient } from "../../../src/adapters/source/index.js";
import { createStateStore } from "../../../src/adapters/state/create-state-store.js";
import { createLogger } from "../../../src/logging/create-logger.js";
import { createSavePipeline, type SavePipeline } from "../../../src/saves/create-save-pipeline.js";
import type { AcceptSaveInput, SaveIntake } from "../../../src/saves/save-intake.js";
import { type BusinessSystem, startBusinessSystem } from "./business-system.js";
import { type DsStub, startDsStub } from "./ds-stub.js";

export const REPO_ID = "crm";
export const REPO_SECRET = "save-tests-secret-0123456789";
export const DS_PUBLIC = "http://ds.public.test:8443";
export const PARAMS: Array<[string, string]> = [
  ["zdocs_access_token", "tok-SECRET-123"],
  ["x-tenant", "t1"],
];

export interface SaveHarness {
  dir: string;
  config: DocgateConfig;
  store: StateStore;
  bs: BusinessSystem;
  ds: DsStub;
  pipeline: SavePipeline;
  intake: SaveIntake;
  logs(): string;
  createSession(overrides?: Partial<SessionRecord>): Promise<SessionRecord>;
  /** Serves `bytes` on the DS stub and returns a callback input whose url is on DS's public origin. */
  saveInput(session: SessionRecord, bytes: Buffer, overrides?: Partial<AcceptSaveInput>): AcceptSaveInput;
  close(): Promise<void>;
}

export interface HarnessOptions {
  stateUrl?: string;
  config?: Partial<DocgateConfigInput>;
  /** Do not start the worker (intake-only tests). */
  noWorker?: boolean;
  recoveryMinAgeMs?: number;
  /** Where docgate reaches DS (default: the file stub); e.g. the emulator's address. */
  dsInternalUrl?: string;
}

export async function createSaveHarness(options: HarnessOptions = {}): Promise<SaveHarness> {
  const dir = mkdtempSync(join(tmpdir(), "docgate-saves-"));
  const bs = await startBusinessSystem();
  const ds = await startDsStub();
  const { config } = parseConfig({
    ...options.config,
    server: { dataDir: dir, shutdownGraceMs: 2_000 },
    state: { url: options.stateUrl ?? `sqlite:${join(dir, "state.db")}` },
    onlyoffice: { publicUrl: DS_PUBLIC, internalUrl: options.dsInternalUrl ?? ds.origin, jwtSecret: "ds-secret" },
    saves: {
      baseDelayMs: 20,
      maxDelayMs: 150,
      maxAttempts: 8,
      pollIntervalMs: 20,
      leaseMs: 3_000,
      ...options.config?.saves,
    },
    repos: [{ id: REPO_ID, secrets: [REPO_SECRET], context: bs.origin }],
  });
  const store = await createStateStore(config.state.url);
  await store.migrate();
  let logText = "";
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const logger = createLogger("debug", sink);
  const businessClient = createBusinessClient(config.fetch);
  const pipeline = createSavePipeline({
    config,
    store,
    logger,
    businessClient,
    worker: { recoveryMinAgeMs: options.recoveryMinAgeMs ?? 0, maintenanceIntervalMs: 100, stopGraceMs: 1_000 },
  });
  if (!options.noWorker) await pipeline.start();
  let n = 0;
  return {
    dir,
    config,
    store,
    bs,
    ds,
    pipeline,
    intake: pipeline.intake!,
    logs: () => logText,
    async createSession(overrides = {}) {
      const docId = overrides.docId ?? `doc-${randomBytes(4).toString("hex")}`;
      const session: SessionRecord = {
        id: randomBytes(32).toString("base64url"),
        browserBindingHash: "a".repeat(64),
        browserBound: null,
        repoId: REPO_ID,
        docId,
        requestedAction: "edit",
        effectiveMode: "edit",
        readOnlyReason: null,
        user: { id: "u-301", display_name: "张三", email: "zs@example.com" },
        meta: {
          id: docId,
          name: "合同.docx",
          modified_at: "2024-01-01T00:00:00.000Z",
          created_by: { id: "u-301", name: "张三" },
          permissions: { read: true, write: true, download: true, print: true, copy: true },
          extension: { previewWithTrackChange: false, trackChangeForceOn: false },
        },
        downloadUrl: `${bs.origin}/docs/${docId}/content`,
        uploadUrl: `${bs.origin}/docs/${docId}/content`,
        params: PARAMS.map(([k, v]) => [k, v]),
        engine: "onlyoffice",
        createdAt: Date.now(),
        expiresAt: Date.now() + 3600_000,
        ...overrides,
      };
      await store.createSession(session);
      return session;
    },
    saveInput(session, bytes, overrides = {}) {
      n += 1;
      const path = `/cache/files/data/key${n}_${n}/output.docx/output.docx`;
      ds.files.set(path, { bytes });
      return {
        key: `key-${session.docId}`,
        status: 2,
        final: true,
        dsUrl: `${DS_PUBLIC}${path}?md5=abc&expires=9999999999`,
        fileType: "docx",
        lastEditorId: session.user.id,
        repoId: session.repoId,
        docId: session.docId,
        sessionId: session.id,
        fileName: session.meta.name,
        dedupeKey: `${session.docId}:${n}`,
        ...overrides,
      };
    },
    async close() {
      await pipeline.close();
      await businessClient.close();
      await store.close();
      await bs.close().catch(() => {});
      await ds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function fileBytes(label: string, size = 4096): Buffer {
  const head = Buffer.from(`PK-fake-docx:${label}:`);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}
