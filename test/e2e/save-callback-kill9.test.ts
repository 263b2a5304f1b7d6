// The save path through real processes: `docgate serve` with onlyoffice.* pointing at the ONLYOFFICE
// *emulator*, a business system in this test. A real status 2 from the emulator reaches docgate's
// callback route; docgate stores it and acknowledges; its upload hangs at the business system; docgate
// is killed with SIGKILL; a new docgate on the same data dir uploads the edited file, once.
// Before that: callbacks with a bad or missing JWT are refused and store nothing.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StateStore } from "@docgate/core";
import { SignJWT } from "jose";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../packages/onlyoffice-emulator/src/index.js";
import { makeDocx } from "../../packages/onlyoffice-emulator/test/support/fixtures.js";
import { editorAction, openEditor } from "../../packages/onlyoffice-emulator/test/support/harness.js";
import { createStateStore } from "../../packages/server/src/adapters/state/create-state-store.js";
import { poolDirPrefixFor, startTime } from "../../packages/server/src/engines/preview/libreoffice/stale-pool-dirs.js";
import { type BusinessSystem, startBusinessSystem } from "../../packages/server/test/saves/support/business-system.js";
import { waitForJob } from "../../packages/server/test/saves/support/wait.js";
import { sampleMeta, sampleUserinfo, signTestUrl, TEST_REPO_ID, TEST_SECRET } from "../support/entry-fixtures.js";
import { processesMatching, untilNoProcessMatches } from "../support/process-list.js";
import { freePort, type RunningProcess, startDocgate } from "../support/processes.js";

const JWT_SECRET = "e2e-save-kill9-jwt-secret-0123456789";
const PARAMS = "zdocs_access_token=kill9-token;x-tenant=t7";

let emu: RunningEmulator;
let bs: BusinessSystem;
let root: string;
let dataDir: string;
let stateUrl: string;
let port: number;
const processes: RunningProcess[] = [];
let store: StateStore;

function serve(): Promise<RunningProcess> {
  return startDocgate({
    server: { port, dataDir, logLevel: "info" },
    state: { url: stateUrl },
    repos: [{ id: TEST_REPO_ID, secrets: [TEST_SECRET], context: bs.origin }],
    onlyoffice: { publicUrl: emu.url, jwtSecret: JWT_SECRET },
    saves: { pollIntervalMs: 50, leaseMs: 2_000, baseDelayMs: 50, maxDelayMs: 300, maxAttempts: 100 },
  }).then((p) => {
    processes.push(p);
    return p;
  });
}

/** What Chromium does on the entry page, over HTTP: entry → session → signed editor config. */
async function editorConfig(docgate: RunningProcess, docId: string): Promise<Record<string, unknown>> {
  const entry = signTestUrl({
    baseUrl: docgate.url,
    context: bs.origin,
    docId,
    action: "edit",
    userinfo: sampleUserinfo({ id: "301", display_name: "张三" }),
    meta: sampleMeta(docId, { name: "合同.docx" }),
    params: PARAMS,
  });
  const res = await fetch(entry, { redirect: "manual" });
  expect(res.status).toBe(303);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const session = await fetch(new URL(res.headers.get("location")!, docgate.url), {
    headers: { accept: "application/json", cookie },
  });
  const body = (await session.json()) as { status: string; config: Record<string, unknown> };
  expect(body.status).toBe("ready");
  return body.config;
}

async function spoolFiles(): Promise<string[]> {
  try {
    return readdirSync(join(dataDir, "spool"));
  } catch {
    return [];
  }
}

beforeAll(async () => {
  bs = await startBusinessSystem();
  emu = await startEmulator({ port: 0, jwtSecret: JWT_SECRET, saveDelayMs: 100, callbackRetryBaseMs: 200 });
  port = await freePort();
  root = mkdtempSync(join(tmpdir(), "docgate-kill9-"));
  dataDir = join(root, "data");
  stateUrl = `sqlite:${join(dataDir, "docgate.db")}`;
  store = await createStateStore(stateUrl);
  await store.migrate();
}, 90_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.stop("SIGKILL");
  await store?.close();
  await emu?.close();
  await bs?.close();
  await untilNoProcessMatches(root);
  rmSync(root, { recursive: true, force: true });
});

describe("a save acknowledged by docgate survives kill -9", () => {
  it("refuses callbacks with a bad or missing JWT and stores nothing", { timeout: 90_000 }, async () => {
    const docgate = await serve();
    bs.files.set("/files/jwt-doc/content", Buffer.from(await makeDocx(["x"])));
    const config = await editorConfig(docgate, "jwt-doc");
    const callbackUrl = (config.editorConfig as { callbackUrl: string }).callbackUrl;
    const fields = {
      key: (config.document as { key: string }).key,
      status: 2,
      url: `${emu.url}/cache/x`,
      users: ["301"],
    };
    const wrong = await new SignJWT(fields)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("nope-nope-nope"));
    for (const body of [fields, { ...fields, token: wrong }]) {
      const res = await fetch(callbackUrl.replace(/^https?:\/\/[^/]+/, docgate.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect([401, 403]).toContain(res.status);
    }
    expect(await store.listJobs({ kind: "save-upload" })).toEqual([]);
    expect(await spoolFiles()).toEqual([]);
    await docgate.stop("SIGTERM");
  });

  it("uploads the edited file once after docgate is killed mid-upload and restarted", {
    timeout: 120_000,
  }, async () => {
    const docId = "kill9-doc";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["Business paragraph"])));
    bs.script.push("hang");
    bs.fallback = () => ({ status: 503 });
    const first = await serve();
    const config = await editorConfig(first, docId);
    const key = (config.document as { key: string }).key;
    const editor = await openEditor(emu.url, config);
    expect(editor.attrs.state).toBe("editing");
    await editorAction(emu.url, editor.connectionId, "insert", { text: "Survives kill -9" });
    await editorAction(emu.url, editor.connectionId, "close");
    const cb = await emu.waitForCallback((r) => r.key === key && r.status === 2, 30_000);
    expect(cb.outcome).toBe("acknowledged");
    await bs.waitForRequests(1, 30_000);
    const firstPool = poolDirPrefixFor(first.child.pid!, startTime(first.child.pid!)!);
    expect(await first.stop("SIGKILL")).toBe(null);
    // Its LibreOffice workers outlive it only to kill soffice and delete their files.
    await expect.poll(() => processesMatching(firstPool), { timeout: 20_000 }).toEqual([]);

    const [job] = (await store.listJobs({ kind: "save-upload" })).filter((j) => j.docId === docId);
    expect(job).toMatchObject({ state: "running", attempts: 1 });
    expect(bs.saved()).toHaveLength(0);

    bs.fallback = () => ({ status: 200, body: { modified_at: "2024-06-06T06:06:06.006Z" } });
    const second = await serve();
    // The new process removes what the dead one's pool left in the data dir.
    await expect
      .poll(() => readdirSync(join(dataDir, "preview-work")).filter((n) => n.startsWith(firstPool)))
      .toEqual([]);
    await waitForJob(store, job!.id, "done", 60_000);
    const saved = bs.saved().filter((u) => u.path === `/files/${docId}/content`);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.query.get("zdocs_access_token")).toBe("kill9-token");
    const xml = await (await JSZip.loadAsync(saved[0]!.bytes)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Survives kill -9");
    expect(xml).toContain("Business paragraph");
    expect((await store.getDocument(TEST_REPO_ID, docId))?.savedModifiedAt).toBe("2024-06-06T06:06:06.006Z");
    await expect.poll(spoolFiles).toEqual([]);
    expect(await second.stop("SIGTERM")).toBe(0);
  });
});
