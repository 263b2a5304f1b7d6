// The ONLYOFFICE engine on real parts for fastify.inject() tests: the real app and entry route, a
// SQLite state store in a temp dir, the real business client against a business system on 127.0.0.1,
// and the real save pipeline (spool + worker), whose intake is wrapped only to record its calls.
// DS itself is not involved: tests sign DS's tokens themselves. DS's file links (the `url` of a save
// callback) are served by the saves tests' DS file stub, at onlyoffice.publicUrl.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type DocgateConfig, type DocgateConfigInput, parseConfig, type StateStore } from "@docgate/core";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { SignJWT } from "jose";
import { signTestUrl, TEST_REPO_ID, TEST_SECRET, targetOf } from "../../../../../test/support/entry-fixtures.js";
import { type BusinessClient, createBusinessClient } from "../../../src/adapters/source/index.js";
import { createStateStore } from "../../../src/adapters/state/create-state-store.js";
import { OnlyofficeEngine } from "../../../src/engines/onlyoffice/onlyoffice-engine.js";
import type { SignedEditorConfig } from "../../../src/engines/onlyoffice/open-editor.js";
import { buildApp } from "../../../src/http/build-app.js";
import { createLogger } from "../../../src/logging/create-logger.js";
import { createSavePipeline, type SavePipeline } from "../../../src/saves/create-save-pipeline.js";
import type { AcceptSaveInput, SaveIntake } from "../../../src/saves/save-intake.js";
import { type DsStub, startDsStub } from "../../saves/support/ds-stub.js";
import { type BusinessFiles, startBusinessFiles } from "./business-files.js";

export const PUBLIC_URL = "http://127.0.0.1:8001";
export const INTERNAL_URL = "http://docgate.internal:8001";
export const DS_PUBLIC = "http://ds.public.test:8443";
export const JWT_SECRET = "oo-test-jwt-secret-0123456789";
export const PARAMS = "zdocs_access_token=tok123;x-tenant=t1";

export interface OpenOptions {
  docId?: string;
  action?: "view" | "edit";
  userinfo?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  params?: string;
}

export interface OoHarness {
  app: FastifyInstance;
  store: StateStore;
  config: DocgateConfig;
  bs: BusinessFiles;
  ds: DsStub;
  engine: OnlyofficeEngine;
  pipeline: SavePipeline;
  /** Every call the engine made to the save intake, in order. */
  intakeCalls: AcceptSaveInput[];
  logs(): string;
  /** Goes through the real entry route; returns the session id. */
  open(options?: OpenOptions): Promise<string>;
  session(sessionId: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The JSON of a ready session (fails the test otherwise). */
  editorConfig(sessionId: string, headers?: Record<string, string>): Promise<SignedEditorConfig>;
  close(): Promise<void>;
}

type OnlyofficeInput = NonNullable<DocgateConfigInput["onlyoffice"]>;

export async function createOoHarness(
  overrides: Omit<Partial<DocgateConfigInput>, "onlyoffice"> & { onlyoffice?: Partial<OnlyofficeInput> } = {},
): Promise<OoHarness> {
  const dir = mkdtempSync(join(tmpdir(), "docgate-oo-"));
  const bs = await startBusinessFiles();
  const ds = await startDsStub();
  const { config } = parseConfig({
    state: { url: `sqlite:${join(dir, "state.db")}` },
    repos: [
      { id: TEST_REPO_ID, secrets: [TEST_SECRET], context: bs.origin, frameAncestors: ["http://localhost:9000"] },
    ],
    saves: { baseDelayMs: 20, maxDelayMs: 150, pollIntervalMs: 20, leaseMs: 3_000 },
    ...overrides,
    onlyoffice: { publicUrl: DS_PUBLIC, internalUrl: ds.origin, jwtSecret: JWT_SECRET, ...overrides.onlyoffice },
    server: { publicUrl: PUBLIC_URL, internalUrl: INTERNAL_URL, dataDir: dir, logLevel: "debug", ...overrides.server },
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
  const businessClient: BusinessClient = createBusinessClient(config.fetch);
  const pipeline = createSavePipeline({
    config,
    store,
    logger,
    businessClient,
    worker: { recoveryMinAgeMs: 0, maintenanceIntervalMs: 100, stopGraceMs: 1_000 },
  });
  await pipeline.start();
  const intakeCalls: AcceptSaveInput[] = [];
  const real = pipeline.intake as SaveIntake;
  const recording: SaveIntake = {
    acceptSave(input) {
      intakeCalls.push(input);
      return real.acceptSave(input);
    },
  };
  const onlyoffice = config.onlyoffice as NonNullable<DocgateConfig["onlyoffice"]>;
  const engine = new OnlyofficeEngine({
    config: { ...config, onlyoffice },
    store,
    businessClient,
    saveIntake: recording,
    logger,
    now: Date.now,
  });
  const app = buildApp({ config, store, logger, engines: [engine] });
  await app.ready();

  let docCounter = 0;
  const harness: OoHarness = {
    app,
    store,
    config,
    bs,
    ds,
    engine,
    pipeline,
    intakeCalls,
    logs: () => logText,
    async open(o = {}) {
      const docId = o.docId ?? `oo-doc-${++docCounter}-${Date.now().toString(36)}`;
      const url = signTestUrl({
        baseUrl: PUBLIC_URL,
        context: bs.origin,
        docId,
        action: o.action ?? "edit",
        userinfo: o.userinfo,
        meta: o.meta ?? undefined,
        params: o.params ?? PARAMS,
      });
      const res = await app.inject({ method: "GET", url: targetOf(url) });
      if (res.statusCode !== 303) throw new Error(`entry failed: ${res.statusCode} ${res.body}`);
      return String(res.headers.location).split("/s/")[1] as string;
    },
    session: (sessionId, headers = { accept: "application/json" }) =>
      app.inject({ method: "GET", url: `/s/${sessionId}`, headers }),
    async editorConfig(sessionId, headers = {}) {
      const res = await harness.session(sessionId, { accept: "application/json", ...headers });
      if (res.statusCode !== 200) throw new Error(`session JSON: ${res.statusCode} ${res.body}`);
      const body = res.json() as { status: string; config: SignedEditorConfig };
      if (body.status !== "ready") throw new Error(`session not ready: ${res.body}`);
      return body.config;
    },
    async close() {
      await app.close();
      await pipeline.close();
      await businessClient.close();
      await store.close();
      await bs.close();
      await ds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A token as DS signs it for fetching document.url: `{payload: {url}}`, 5 minutes (spec: onlyoffice 3). */
export async function dsFetchToken(url: string, secret = JWT_SECRET, expSec = 300): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ payload: { url } })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + expSec)
    .sign(new TextEncoder().encode(secret));
}

/** Callback tokens as DS signs them: body token = fields at the top level; header token = {payload}. */
export async function dsCallbackTokens(fields: Record<string, unknown>, secret = JWT_SECRET) {
  const key = new TextEncoder().encode(secret);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
  return { body: await sign({ ...fields }), header: await sign({ payload: fields }) };
}

/** The path of document.url or callbackUrl, for inject. */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

export function sampleDocx(label: string): Buffer {
  return Buffer.from(`PK\u0003\u0004 docx bytes for ${label}`);
}
