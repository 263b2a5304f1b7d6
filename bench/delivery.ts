// Benchmark (issue 3): a 200 MiB file streamed from a business system to Document Server (DS) through
// docgate, and a 200 MiB save from DS back to the business system through docgate, against direct
// transfers between the same endpoints in the same run. docgate runs as a real `docgate serve`
// process (SQLite state and spool in a temp dir); its RSS is sampled from /proc every 50 ms by a
// worker thread (so a busy event loop here does not thin the samples).
//
//   download: DS side GETs document.url with DS's Bearer JWT; docgate streams downloadUrl.
//             direct: the same client GETs downloadUrl itself.
//   save:     a signed status 2 callback to callbackUrl; docgate downloads the "DS url" to its spool
//             (fsync), answers {"error":0}, and its worker uploads the file to uploadUrl (multipart).
//             Timed from the callback POST to the business system having received the whole upload.
//             direct: GET the DS url piped into a multipart POST to uploadUrl.
//
// Bodies are generated on the fly from one 64 KiB chunk (no 200 MiB buffer anywhere in this process).
// Run: npm run bench:delivery   (env: BENCH_SIZE_MIB=200, BENCH_RUNS=3). Prints a JSON report.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { Readable } from "node:stream";
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from "node:worker_threads";
import busboy from "busboy";
import { SignJWT } from "jose";
import { sampleMeta, sampleUserinfo, signTestUrl } from "../test/support/entry-fixtures.js";
import { type RunningProcess, startDocgate } from "../test/support/processes.js";

const MIB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_SIZE_MIB ?? 200) * MIB;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHUNK = randomBytes(64 * 1024);
/** The warm-up round (unmeasured) moves smaller files through the same four paths. */
const WARM_UP_SIZE = 16 * MIB;
/** The size the servers serve and the checks expect: SIZE, except during the warm-up round. */
let size = SIZE;
const REPO_ID = "bench";
const REPO_SECRET = "bench-delivery-secret-0123456789abcdef";
const JWT_SECRET = "bench-delivery-ds-jwt-secret-0123456789";
const PARAMS = "zdocs_access_token=bench-token;x-tenant=t1";
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// ---------------------------------------------------------------------------------------------------
// Bodies generated on the fly

function generatedBody(bytes: number): Readable {
  let left = bytes;
  return new Readable({
    highWaterMark: CHUNK.length,
    read() {
      while (left > 0) {
        const n = Math.min(left, CHUNK.length);
        left -= n;
        if (!this.push(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return;
      }
      this.push(null);
    },
  });
}

function serveGenerated(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { "content-type": DOCX_TYPE, "content-length": String(bytes) });
  generatedBody(bytes).pipe(res);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

// The servers, in worker threads (one whose business system is used, one whose DS side is used), so
// neither the direct baselines nor the transfers through docgate share an event loop between the
// sending and the receiving end:
// - the business system: downloadUrl serves the file; uploadUrl parses the multipart upload (busboy)
//   and answers {"modified_at"} like a real one; each complete upload is reported to the main thread;
// - the "DS side": DS's saved-file links, on the origin configured as onlyoffice.publicUrl.

interface UploadDone {
  path: string;
  bytes: number;
  filename: string | undefined;
  /** Epoch milliseconds (performance.timeOrigin + now(): comparable across threads). */
  at: number;
}

type FromServers =
  | { type: "ready"; bsOrigin: string; dsOrigin: string }
  | { type: "size-set" }
  | { type: "download" }
  | ({ type: "upload" } & UploadDone);

const epochMs = (): number => performance.timeOrigin + performance.now();
const DS_FILE = /^\/cache\/files\/data\/[^/]+\/output\.docx\/output\.docx$/;
const BS_FILE = /^\/files\/[^/]+\/content$/;

async function runServers(port: MessagePort): Promise<void> {
  let bytesToServe = SIZE;
  const tell = (m: FromServers) => port.postMessage(m);
  const business = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (!BS_FILE.test(path)) return void res.writeHead(404).end();
    if (req.method === "GET") {
      tell({ type: "download" });
      return serveGenerated(res, bytesToServe);
    }
    if (req.method !== "POST") return void res.writeHead(405).end();
    let bytes = 0;
    let filename: string | undefined;
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers });
    } catch {
      return void res.writeHead(400).end();
    }
    bb.on("file", (name, stream, info) => {
      if (name === "file") filename = info.filename;
      stream.on("data", (chunk: Buffer) => {
        if (name === "file") bytes += chunk.length;
      });
    });
    bb.on("close", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ modified_at: new Date().toISOString(), size: bytes }));
      tell({ type: "upload", path, bytes, filename, at: epochMs() });
    });
    bb.on("error", () => res.writeHead(400).end());
    req.pipe(bb);
  });
  const ds = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (req.method === "GET" && DS_FILE.test(path)) serveGenerated(res, bytesToServe);
    else res.writeHead(404).end();
  });
  port.on("message", (m: { type: "size"; size: number } | { type: "close" }) => {
    if (m.type === "size") {
      bytesToServe = m.size;
      tell({ type: "size-set" });
    } else {
      business.closeAllConnections();
      ds.closeAllConnections();
      business.close();
      ds.close();
      port.close();
    }
  });
  tell({ type: "ready", bsOrigin: await listen(business), dsOrigin: await listen(ds) });
}

class Servers {
  readonly #worker: Worker;
  readonly #waiters = new Map<string, (u: UploadDone) => void>();
  #sizeSet: (() => void) | undefined;
  bsOrigin = "";
  dsOrigin = "";
  downloads = 0;

  private constructor() {
    // This file is TypeScript run by tsx: the worker registers tsx's loader, then imports it.
    const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    this.#worker = new Worker(boot, { eval: true, workerData: { role: "servers" } });
  }

  static start(): Promise<Servers> {
    const servers = new Servers();
    return new Promise((resolve, reject) => {
      servers.#worker.once("error", reject);
      servers.#worker.on("message", (m: FromServers) => {
        if (m.type === "ready") {
          servers.bsOrigin = m.bsOrigin;
          servers.dsOrigin = m.dsOrigin;
          resolve(servers);
        } else if (m.type === "size-set") servers.#sizeSet?.();
        else if (m.type === "download") servers.downloads++;
        else {
          const waiter = servers.#waiters.get(m.path);
          servers.#waiters.delete(m.path);
          waiter?.(m);
        }
      });
    });
  }

  setSize(bytes: number): Promise<void> {
    return new Promise((resolve) => {
      this.#sizeSet = resolve;
      this.#worker.postMessage({ type: "size", size: bytes });
    });
  }

  /** Resolves once an upload to `path` has been received in full and answered. */
  nextUpload(path: string): Promise<UploadDone> {
    return new Promise((resolve) => this.#waiters.set(path, resolve));
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: "close" });
    await this.#worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers (node:http, no keep-alive agent: every transfer opens its own connection)

function send(url: string, options: RequestOptions, body?: Readable | string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, ...options }, resolve);
    req.on("error", reject);
    if (body === undefined) req.end();
    else if (typeof body === "string") req.end(body);
    else {
      body.on("error", (err) => req.destroy(err));
      body.pipe(req);
    }
  });
}

/** Reads the whole body, counting bytes; returns the byte count (and the text if it is short). */
function drain(res: IncomingMessage): Promise<{ bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const head: Buffer[] = [];
    res.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= 64 * 1024) head.push(chunk);
    });
    res.on("end", () => resolve({ bytes, text: Buffer.concat(head).toString("utf8") }));
    res.on("error", reject);
  });
}

function multipart(file: Readable, bytes: number): { body: Readable; headers: Record<string, string> } {
  const boundary = `bench-${randomBytes(12).toString("hex")}`;
  const pre = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="content"\r\nContent-Type: ${DOCX_TYPE}\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts(): AsyncGenerator<Buffer> {
    yield pre;
    for await (const chunk of file) yield chunk as Buffer;
    yield post;
  }
  return {
    body: Readable.from(parts(), { objectMode: false }),
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(pre.length + bytes + post.length),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// DS's tokens (spec: onlyoffice 3): HS256, 5 minutes

function dsToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(JWT_SECRET));
}

// ---------------------------------------------------------------------------------------------------
// docgate's RSS, sampled by a worker thread every 50 ms

interface RssWindow {
  baselineMiB: number;
  peakMiB: number;
  growthMiB: number;
  samples: number;
}

const SAMPLER = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
let peak = 0, samples = 0;
function rss() {
  const m = /VmRSS:\\s+(\\d+) kB/.exec(readFileSync("/proc/" + workerData.pid + "/status", "utf8"));
  return m ? Number(m[1]) : 0;
}
setInterval(() => { try { const v = rss(); samples++; if (v > peak) peak = v; } catch {} }, 50);
parentPort.on("message", (msg) => {
  if (msg === "reset") { peak = 0; samples = 0; try { peak = rss(); samples = 1; } catch {} parentPort.postMessage({ ok: true }); }
  if (msg === "read") { let now = 0; try { now = rss(); } catch {} parentPort.postMessage({ peak: Math.max(peak, now), samples, now }); }
});
`;

function procKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

class RssSampler {
  readonly #worker: Worker;

  constructor(readonly pid: number) {
    this.#worker = new Worker(SAMPLER, { eval: true, workerData: { pid } });
  }

  #ask<T>(msg: string): Promise<T> {
    return new Promise((resolve) => {
      this.#worker.once("message", (m: T) => resolve(m));
      this.#worker.postMessage(msg);
    });
  }

  /** Measures docgate's RSS around `work`: the value right before, and the highest sample during it. */
  async around<T>(work: () => Promise<T>): Promise<{ result: T; rss: RssWindow }> {
    const baseline = procKiB(this.pid, "VmRSS");
    await this.#ask("reset");
    const result = await work();
    const { peak, samples } = await this.#ask<{ peak: number; samples: number }>("read");
    return {
      result,
      rss: { baselineMiB: baseline / 1024, peakMiB: peak / 1024, growthMiB: (peak - baseline) / 1024, samples },
    };
  }

  close(): Promise<number> {
    return this.#worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------------
// One session: what the editor page does over HTTP (entry → session JSON → signed editor config)

interface EditorConfig {
  documentUrl: string;
  callbackUrl: string;
  key: string;
}

async function openSession(docgate: RunningProcess, bs: Servers, docId: string): Promise<EditorConfig> {
  const entry = signTestUrl({
    baseUrl: docgate.url,
    context: bs.bsOrigin,
    docId,
    action: "edit",
    repoId: REPO_ID,
    secret: REPO_SECRET,
    userinfo: sampleUserinfo({ id: "301", display_name: "Bench" }),
    meta: sampleMeta(docId, { name: "bench.docx", size }),
    params: PARAMS,
  });
  const res = await fetch(entry, { redirect: "manual" });
  if (res.status !== 303) throw new Error(`entry answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const session = await fetch(new URL(res.headers.get("location") as string, docgate.url), {
    headers: { accept: "application/json", cookie },
  });
  const body = (await session.json()) as {
    status: string;
    config?: { document: { url: string; key: string }; editorConfig: { callbackUrl: string } };
  };
  if (body.status !== "ready" || !body.config) throw new Error(`session not ready: ${JSON.stringify(body)}`);
  return {
    documentUrl: body.config.document.url,
    callbackUrl: body.config.editorConfig.callbackUrl,
    key: body.config.document.key,
  };
}

// ---------------------------------------------------------------------------------------------------
// The four transfers; each returns seconds for SIZE bytes and checks the byte count

interface Timed {
  seconds: number;
  /** For the save through docgate: time until docgate answered the callback (file spooled). */
  ackSeconds?: number;
}

function expectBytes(what: string, got: number): void {
  if (got !== size) throw new Error(`${what}: received ${got} bytes, expected ${size}`);
}

async function downloadDirect(bs: Servers, docId: string): Promise<Timed> {
  const t0 = performance.now();
  const res = await send(`${bs.bsOrigin}/files/${docId}/content?zdocs_access_token=bench-token`, { method: "GET" });
  const { bytes } = await drain(res);
  const seconds = (performance.now() - t0) / 1000;
  if (res.statusCode !== 200) throw new Error(`direct download answered ${res.statusCode}`);
  expectBytes("direct download", bytes);
  return { seconds };
}

async function downloadThroughDocgate(config: EditorConfig): Promise<Timed> {
  const token = await dsToken({ payload: { url: config.documentUrl } });
  const t0 = performance.now();
  const res = await send(config.documentUrl, { method: "GET", headers: { authorization: `Bearer ${token}` } });
  const { bytes, text } = await drain(res);
  const seconds = (performance.now() - t0) / 1000;
  if (res.statusCode !== 200) throw new Error(`docgate document.url answered ${res.statusCode}: ${text.slice(0, 300)}`);
  expectBytes("download through docgate", bytes);
  return { seconds };
}

async function saveDirect(bs: Servers, dsOrigin: string, docId: string): Promise<Timed> {
  const path = `/files/${docId}/content`;
  const received = bs.nextUpload(path);
  const t0 = performance.now();
  const file = await send(`${dsOrigin}/cache/files/data/${docId}_1/output.docx/output.docx?md5=x&expires=1`, {
    method: "GET",
  });
  if (file.statusCode !== 200) throw new Error(`DS url answered ${file.statusCode}`);
  const { body, headers } = multipart(file, size);
  const res = await send(`${bs.bsOrigin}${path}?zdocs_access_token=bench-token`, { method: "POST", headers }, body);
  const reply = await drain(res);
  const done = await received;
  const seconds = (performance.now() - t0) / 1000;
  if (res.statusCode !== 200 || !/"modified_at"/.test(reply.text)) throw new Error(`direct upload: ${reply.text}`);
  expectBytes("direct save", done.bytes);
  return { seconds };
}

async function saveThroughDocgate(bs: Servers, dsOrigin: string, docId: string, config: EditorConfig) {
  const fields = {
    key: config.key,
    status: 2,
    url: `${dsOrigin}/cache/files/data/${config.key}_1/output.docx/output.docx?md5=x&expires=1`,
    filetype: "docx",
    users: ["301"],
    actions: [{ type: 0, userid: "301" }],
  };
  const bodyToken = await dsToken(fields);
  const headerToken = await dsToken({ payload: fields });
  const received = bs.nextUpload(`/files/${docId}/content`);
  const t0 = performance.now();
  const res = await send(
    config.callbackUrl,
    { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${headerToken}` } },
    JSON.stringify({ ...fields, token: bodyToken }),
  );
  const reply = await drain(res);
  const ackSeconds = (performance.now() - t0) / 1000;
  if (res.statusCode !== 200 || reply.text.replace(/\s/g, "") !== '{"error":0}') {
    throw new Error(`callback answered ${res.statusCode}: ${reply.text.slice(0, 300)}`);
  }
  const done = await received;
  const seconds = (done.at - (performance.timeOrigin + t0)) / 1000;
  expectBytes("save through docgate", done.bytes);
  if (done.filename !== "content") throw new Error(`upload filename ${done.filename}`);
  return { seconds, ackSeconds } satisfies Timed;
}

// ---------------------------------------------------------------------------------------------------
// Figures

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const mibps = (t: Timed): number => SIZE / MIB / t.seconds;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const loadAtStart = loadavg().map((x) => round(x, 2));
  // Two server threads: the business system's and DS's ends of a save never share an event loop.
  const bs = await Servers.start();
  const dsThread = await Servers.start();
  const ds = { origin: dsThread.dsOrigin };
  const docgate = await startDocgate({
    server: { logLevel: "info" },
    repos: [{ id: REPO_ID, secrets: [REPO_SECRET], context: bs.bsOrigin }],
    onlyoffice: { publicUrl: ds.origin, jwtSecret: JWT_SECRET },
  });
  const pid = docgate.child.pid as number;
  const sampler = new RssSampler(pid);

  const runs: Array<Record<string, unknown>> = [];
  const figures = {
    download: { direct: [] as number[], docgate: [] as number[] },
    save: { direct: [] as number[], docgate: [] as number[], docgateAckSeconds: [] as number[] },
  };
  const rssWindows: Array<RssWindow & { transfer: string; run: number }> = [];
  try {
    const startRssMiB = procKiB(pid, "VmRSS") / 1024;
    // Warm-up round, unmeasured: the four paths with a 16 MiB file, so JIT and module loading (in docgate
    // and in this process) are not counted as transfer time, and the RSS baseline includes loaded code.
    size = Math.min(WARM_UP_SIZE, SIZE);
    await Promise.all([bs.setSize(size), dsThread.setSize(size)]);
    await downloadDirect(bs, "warm-direct");
    await downloadThroughDocgate(await openSession(docgate, bs, "warm-dl"));
    await saveDirect(bs, ds.origin, "warm-sv-direct");
    await saveThroughDocgate(bs, ds.origin, "warm-sv", await openSession(docgate, bs, "warm-sv"));
    size = SIZE;
    await Promise.all([bs.setSize(size), dsThread.setSize(size)]);
    const idleRssMiB = procKiB(pid, "VmRSS") / 1024;

    for (let run = 1; run <= RUNS; run++) {
      process.stderr.write(`run ${run}/${RUNS}\n`);
      const dlDirect = await downloadDirect(bs, `dl-direct-${run}`);
      const dlConfig = await openSession(docgate, bs, `dl-${run}`);
      const dl = await sampler.around(() => downloadThroughDocgate(dlConfig));
      const svDirect = await saveDirect(bs, ds.origin, `sv-direct-${run}`);
      const svConfig = await openSession(docgate, bs, `sv-${run}`);
      const sv = await sampler.around(() => saveThroughDocgate(bs, ds.origin, `sv-${run}`, svConfig));

      figures.download.direct.push(mibps(dlDirect));
      figures.download.docgate.push(mibps(dl.result));
      figures.save.direct.push(mibps(svDirect));
      figures.save.docgate.push(mibps(sv.result));
      figures.save.docgateAckSeconds.push(sv.result.ackSeconds ?? Number.NaN);
      rssWindows.push({ transfer: "download", run, ...dl.rss }, { transfer: "save", run, ...sv.rss });
      runs.push({
        run,
        downloadMiBps: { direct: round(mibps(dlDirect)), docgate: round(mibps(dl.result)) },
        saveMiBps: { direct: round(mibps(svDirect)), docgate: round(mibps(sv.result)) },
        saveSeconds: {
          direct: round(svDirect.seconds, 2),
          docgateTotal: round(sv.result.seconds, 2),
          docgateUntilAck: round(sv.result.ackSeconds ?? Number.NaN, 2),
        },
        rssMiB: {
          download: {
            baseline: round(dl.rss.baselineMiB),
            peak: round(dl.rss.peakMiB),
            growth: round(dl.rss.growthMiB),
          },
          save: { baseline: round(sv.rss.baselineMiB), peak: round(sv.rss.peakMiB), growth: round(sv.rss.growthMiB) },
        },
      });
    }

    const vmHwmMiB = procKiB(pid, "VmHWM") / 1024;
    const peakMiB = Math.max(...rssWindows.map((w) => w.peakMiB));
    const maxGrowth = Math.max(...rssWindows.map((w) => w.growthMiB));
    const ratio = (d: number[], g: number[]) => median(g) / median(d);
    const dlRatio = ratio(figures.download.direct, figures.download.docgate);
    const svRatio = ratio(figures.save.direct, figures.save.docgate);
    const cpu = cpus();
    const report = {
      benchmark: "delivery",
      command: "npx tsx bench/delivery.ts",
      date: new Date().toISOString(),
      machine: {
        nproc: availableParallelism(),
        cpuModel: cpu[0]?.model ?? "unknown",
        ramGiB: round(totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
      },
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
      fileMiB: SIZE / MIB,
      runs: RUNS,
      unit: "MiB/s (1 MiB = 2^20 bytes); median of the runs",
      download: {
        directMiBps: round(median(figures.download.direct)),
        docgateMiBps: round(median(figures.download.docgate)),
        ratio: round(dlRatio, 3),
      },
      save: {
        directMiBps: round(median(figures.save.direct)),
        docgateMiBps: round(median(figures.save.docgate)),
        ratio: round(svRatio, 3),
        docgateSecondsUntilAck: round(median(figures.save.docgateAckSeconds), 2),
      },
      rss: {
        afterStartMiB: round(startRssMiB),
        idleAfterWarmUpMiB: round(idleRssMiB),
        baselineBeforeFirstTransferMiB: round(rssWindows[0]?.baselineMiB ?? Number.NaN),
        peakDuringTransfersMiB: round(peakMiB),
        maxGrowthMiB: round(maxGrowth),
        growthOverIdleMiB: round(peakMiB - idleRssMiB),
        vmHwmMiB: round(vmHwmMiB),
        samples: rssWindows.reduce((n, w) => n + w.samples, 0),
      },
      targets: {
        throughputAtLeast80Percent: { download: dlRatio >= 0.8, save: svRatio >= 0.8 },
        rssGrowthUnder64MiB: maxGrowth < 64,
      },
      perRun: runs,
      businessSystemDownloads: bs.downloads,
      conditions:
        "loopback only; business system and DS side in two worker threads, the DS-side client and the direct-save relay in the main thread of the bench process; docgate is a separate process (tsx, NODE_ENV=production, info logs); spool and SQLite in os.tmpdir()",
    };
    console.log(JSON.stringify(report, null, 2));
  } catch (err) {
    process.stderr.write(`${docgate.output().slice(-4000)}\n`);
    throw err;
  } finally {
    await sampler.close();
    await docgate.stop();
    await bs.close();
    await dsThread.close();
  }
}

if (isMainThread) await main();
else if ((workerData as { role?: string } | null)?.role === "servers" && parentPort) await runServers(parentPort);
