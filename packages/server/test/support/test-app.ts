// Builds the real app (real SQLite state store in a temp dir) for fastify.inject() tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type DocgateConfigInput, parseConfig, type StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import { TEST_REPO_ID, TEST_SECRET } from "../../../../test/support/entry-fixtures.js";
import { createStateStore } from "../../src/adapters/state/create-state-store.js";
import { buildApp } from "../../src/http/build-app.js";
import { createLogger } from "../../src/logging/create-logger.js";

export const PUBLIC_URL = "http://127.0.0.1:8001";
export const CONTEXT = "http://127.0.0.1:9000";
export const FRAME_ORIGIN = "http://localhost:9000";

export interface TestApp {
  app: FastifyInstance;
  store: StateStore;
  /** Everything the app logged, as text. */
  logs(): string;
  /** Moves the app's clock by offsetMs from real time (0 restores it). */
  shiftClock(offsetMs: number): void;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<DocgateConfigInput> = {}, store?: StateStore): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "docgate-app-"));
  const { config } = parseConfig({
    state: { url: `sqlite:${join(dir, "state.db")}` },
    repos: [
      {
        id: TEST_REPO_ID,
        secrets: ["old-secret-rotated-0000", TEST_SECRET],
        context: CONTEXT,
        frameAncestors: [FRAME_ORIGIN],
      },
    ],
    ...overrides,
    server: { publicUrl: PUBLIC_URL, internalUrl: PUBLIC_URL, dataDir: dir, logLevel: "debug", ...overrides.server },
  });
  const realStore = store ?? (await createStateStore(config.state.url));
  await realStore.migrate();
  let logText = "";
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  let offset = 0;
  const app = buildApp({
    config,
    store: realStore,
    logger: createLogger("debug", sink),
    now: () => Date.now() + offset,
  });
  await app.ready();
  return {
    app,
    store: realStore,
    logs: () => logText,
    shiftClock: (ms) => {
      offset = ms;
    },
    close: async () => {
      await app.close();
      await realStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
