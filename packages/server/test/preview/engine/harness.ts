// A docgate app with the built-in preview engine (real LibreOffice pool, real SQLite, real cache
// on disk) and a business system on loopback that serves documents and counts downloads.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type DocgateConfigInput, parseConfig, type StateStore } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import {
  sampleMeta,
  signTestUrl,
  TEST_REPO_ID,
  TEST_SECRET,
  targetOf,
} from "../../../../../test/support/entry-fixtures.js";
import { createBusinessClient } from "../../../src/adapters/source/index.js";
import { createStateStore } from "../../../src/adapters/state/create-state-store.js";
import { BuiltinEngine } from "../../../src/engines/preview/builtin-engine.js";
import { buildApp } from "../../../src/http/build-app.js";
import { createLogger } from "../../../src/logging/create-logger.js";

export const PUBLIC_URL = "http://127.0.0.1:8001";
export const HTML = { accept: "text/html,application/xhtml+xml" };
export const JSON_ACCEPT = { accept: "application/json" };

export interface BusinessSystem {
  origin: string;
  /** Documents by docId. */
  files: Map<string, Buffer>;
  /** GET requests received per docId. */
  downloads(docId: string): number;
  /** docIds whose download sends its headers and a few bytes, then stalls. */
  stalls: Set<string>;
  close(): Promise<void>;
}

export async function startBusinessSystem(): Promise<BusinessSystem> {
  const files = new Map<string, Buffer>();
  const counts = new Map<string, number>();
  const stalls = new Set<string>();
  const server: Server = createServer((req, res) => {
    const match = /^\/files\/([^/?]+)\/content/.exec(req.url ?? "");
    const docId = match ? decodeURIComponent(match[1]!) : "";
    counts.set(docId, (counts.get(docId) ?? 0) + 1);
    if (stalls.has(docId)) {
      res.writeHead(200, { "content-length": 1000 });
      res.write("0123456789");
      return;
    }
    const body = files.get(docId);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files,
    downloads: (docId) => counts.get(docId) ?? 0,
    stalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PreviewApp {
  app: FastifyInstance;
  engine: BuiltinEngine;
  store: StateStore;
  dataDir: string;
  /** Signs an entry URL for docId, enters, and returns the session path and binding cookie. */
  open(docId: string, meta?: Record<string, unknown>): Promise<{ path: string; cookie: string }>;
  /** Files in the cache's tmp/ and the pool's partial outputs: none may survive a request. */
  leftovers(): string[];
  close(): Promise<void>;
}

export async function createPreviewApp(
  business: BusinessSystem,
  overrides: Pick<DocgateConfigInput, "preview" | "fetch" | "admin"> = {},
): Promise<PreviewApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "docgate-preview-app-"));
  const { config } = parseConfig({
    state: { url: `sqlite:${join(dataDir, "state.db")}` },
    server: { publicUrl: PUBLIC_URL, internalUrl: PUBLIC_URL, dataDir, logLevel: "debug" },
    repos: [{ id: TEST_REPO_ID, secrets: [TEST_SECRET], context: business.origin }],
    preview: { workers: 1, ...overrides.preview },
    fetch: overrides.fetch,
    admin: overrides.admin,
  });
  const store = await createStateStore(config.state.url);
  await store.migrate();
  const logger = createLogger("warn", new Writable({ write: (_c, _e, cb) => cb() }));
  const businessClient = createBusinessClient(config.fetch);
  const engine = new BuiltinEngine({ config, store, logger, businessClient, now: Date.now });
  const app = buildApp({ config, store, logger, engines: [engine] });
  await app.ready();
  return {
    app,
    engine,
    store,
    dataDir,
    open: async (docId, meta = {}) => {
      const url = signTestUrl({
        baseUrl: PUBLIC_URL,
        context: business.origin,
        docId,
        meta: sampleMeta(docId, meta),
      });
      const res = await app.inject({ url: targetOf(url), headers: HTML });
      if (res.statusCode !== 303) throw new Error(`entry answered ${res.statusCode}: ${res.body}`);
      const setCookie = res.headers["set-cookie"];
      const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
      return {
        path: new URL(res.headers.location as string).pathname,
        cookie: list.map((c) => c.split(";")[0]).join("; "),
      };
    },
    leftovers: () => {
      const tmp = join(dataDir, "cache", "tmp");
      return readdirSync(tmp, { recursive: true }).map(String);
    },
    close: async () => {
      await app.close();
      await engine.close();
      await businessClient.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
