// kill -9 of docgate after a save was acknowledged (spooled, job row committed) and before or during
// its upload: a new process on the same data dir and state file uploads exactly the stored bytes.
// The saves are stored by the intake in this test process (as the callback route does before it
// answers {"error":0}); `docgate serve` runs as a real process and is killed with SIGKILL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StateStore } from "@docgate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStateStore } from "../../packages/server/src/adapters/state/create-state-store.js";
import { createLogger } from "../../packages/server/src/logging/create-logger.js";
import { createDsDownloader, type DsDownloader } from "../../packages/server/src/saves/ds-download.js";
import type { SavePayload } from "../../packages/server/src/saves/save-job.js";
import { Spool } from "../../packages/server/src/saves/spool.js";
import { SpoolSaveIntake } from "../../packages/server/src/saves/spool-save-intake.js";
import { type BusinessSystem, startBusinessSystem } from "../../packages/server/test/saves/support/business-system.js";
import { type DsStub, startDsStub } from "../../packages/server/test/saves/support/ds-stub.js";
import { fileBytes, PARAMS, REPO_ID, REPO_SECRET } from "../../packages/server/test/saves/support/save-harness.js";
import { waitForJob } from "../../packages/server/test/saves/support/wait.js";
import { untilNoProcessMatches } from "../support/process-list.js";
import { type RunningProcess, startDocgate } from "../support/processes.js";

const DS_PUBLIC = "http://ds.public.test:8443";

let dir: string;
let dataDir: string;
let stateUrl: string;
let store: StateStore;
let bs: BusinessSystem;
let ds: DsStub;
let downloader: DsDownloader;
let intake: SpoolSaveIntake;
const running: RunningProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "docgate-crash-"));
  dataDir = join(dir, "data");
  stateUrl = `sqlite:${join(dataDir, "docgate.db")}`;
  bs = await startBusinessSystem();
  ds = await startDsStub();
  store = await createStateStore(stateUrl);
  await store.migrate();
  downloader = createDsDownloader({
    publicUrl: DS_PUBLIC,
    internalUrl: ds.origin,
    connectTimeoutMs: 2000,
    idleTimeoutMs: 5000,
    totalTimeoutMs: 30_000,
    maxBytes: 1e8,
  });
  intake = new SpoolSaveIntake({
    store,
    spool: new Spool(dataDir),
    downloader,
    dsPublicUrl: DS_PUBLIC,
    dsInternalUrl: ds.origin,
    maxBytes: 1e8,
    logger: createLogger("silent"),
    now: Date.now,
  });
});

afterAll(async () => {
  for (const p of running) {
    if (p.child.exitCode === null && p.child.signalCode === null) await p.stop("SIGKILL");
  }
  await downloader.close();
  await store.close();
  await bs.close();
  await ds.close();
  await untilNoProcessMatches(dir);
  rmSync(dir, { recursive: true, force: true });
});

async function acknowledgedSave(docId: string, bytes: Buffer): Promise<string> {
  const sessionId = `session-${docId}`;
  const now = Date.now();
  await store.createSession({
    id: sessionId,
    browserBindingHash: "a".repeat(64),
    browserBound: true,
    repoId: REPO_ID,
    docId,
    requestedAction: "edit",
    effectiveMode: "edit",
    readOnlyReason: null,
    user: { id: "u1", display_name: "U", email: "u@example.com" },
    meta: {
      id: docId,
      name: "a.docx",
      modified_at: "2024-01-01T00:00:00.000Z",
      created_by: { id: "u1", name: "U" },
      permissions: { read: true, write: true, download: true, print: true, copy: true },
      extension: { previewWithTrackChange: false, trackChangeForceOn: false },
    },
    downloadUrl: `${bs.origin}/docs/${docId}/content`,
    uploadUrl: `${bs.origin}/docs/${docId}/content`,
    params: PARAMS,
    engine: "onlyoffice",
    createdAt: now,
    expiresAt: now + 3600_000,
  });
  const path = `/cache/files/data/${docId}_1/output.docx/output.docx`;
  ds.files.set(path, { bytes });
  const { jobId } = await intake.acceptSave({
    key: `key-${docId}`,
    status: 2,
    final: true,
    dsUrl: `${DS_PUBLIC}${path}?md5=x&expires=1`,
    fileType: "docx",
    repoId: REPO_ID,
    docId,
    sessionId,
    fileName: "a.docx",
    dedupeKey: `${docId}:2`,
  });
  return jobId;
}

function serve(): Promise<RunningProcess> {
  return startDocgate({
    server: { dataDir, logLevel: "info" },
    state: { url: stateUrl },
    saves: { pollIntervalMs: 50, leaseMs: 2_000, baseDelayMs: 50, maxDelayMs: 300, maxAttempts: 100 },
    repos: [{ id: REPO_ID, secrets: [REPO_SECRET], context: bs.origin }],
  }).then((p) => {
    running.push(p);
    return p;
  });
}

describe("kill -9 and restart", () => {
  it("resumes a save killed mid-upload and one not yet uploaded; each arrives once, byte for byte", async () => {
    const midUpload = fileBytes("mid-upload", 200_000);
    const notYet = fileBytes("not-yet", 30_000);
    const a = await acknowledgedSave("doc-a", midUpload);
    // The first upload hangs at the business system; everything after it is refused with 503.
    bs.script.push("hang");
    bs.fallback = () => ({ status: 503 });
    const first = await serve();
    await bs.waitForRequests(1, 30_000);
    const b = await acknowledgedSave("doc-b", notYet);
    await bs.waitForRequests(2, 30_000);
    expect(await first.stop("SIGKILL")).toBe(null);
    const claimed = await store.getJob(a);
    expect(claimed).toMatchObject({ state: "running", attempts: 1 });
    expect((await store.getJob(b))?.state).not.toBe("done");
    expect(bs.saved()).toHaveLength(0);

    // The business system recovers; a new process takes over (a's lease expires, b is due).
    bs.fallback = (n) => ({
      status: 200,
      body: { modified_at: new Date(Date.UTC(2024, 1, 1, 0, 0, n)).toISOString() },
    });
    const second = await serve();
    const doneA = await waitForJob(store, a, "done", 40_000);
    await waitForJob(store, b, "done", 40_000);
    expect(doneA.attempts).toBeGreaterThanOrEqual(2);
    const saved = bs.saved();
    expect(saved.filter((u) => u.path === "/docs/doc-a/content").map((u) => u.bytes.equals(midUpload))).toEqual([true]);
    expect(saved.filter((u) => u.path === "/docs/doc-b/content").map((u) => u.bytes.equals(notYet))).toEqual([true]);
    expect((await store.getDocument(REPO_ID, "doc-a"))?.savedModifiedAt).toMatch(/^2024-02-01T/);
    const spoolFile = (doneA.payload as unknown as SavePayload).spoolFile;
    // The spool file goes once the job is done.
    await expect.poll(() => new Spool(dataDir).dataSize(spoolFile)).toBeUndefined();
    expect(await second.stop("SIGTERM")).toBe(0);
  }, 120_000);
});
