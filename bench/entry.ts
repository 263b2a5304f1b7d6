// Benchmark: entry requests per second and latency with unique signed URLs, against docgate (real
// process, SQLite state, info-level logging to a file) and, in the same run, a bare fastify route that only
// redirects, in alternating rounds. Then a fixed 1,000 requests/s run on docgate for its p99.
// Run: npm run bench:entry   (figures are printed; record them in docs/benchmarks.md)
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { sampleMeta, sampleUserinfo, signTestUrl } from "../test/support/entry-fixtures.js";
import { REPO_ROOT, startDocgate } from "../test/support/processes.js";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECRET = "bench-secret-0123456789abcdef";
const CONTEXT = "http://127.0.0.1:9";

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non3xx: number;
}

function makeUrls(baseUrl: string, count: number): string[] {
  const ts = Date.now();
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const docId = `bench-${i}`;
    const u = signTestUrl({
      baseUrl,
      context: CONTEXT,
      docId,
      secret: SECRET,
      repoId: "bench",
      ts,
      userinfo: sampleUserinfo(),
      meta: sampleMeta(docId),
    });
    const parsed = new URL(u);
    urls.push(parsed.pathname + parsed.search);
  }
  return urls;
}

async function load(url: string, paths: string[], overallRate?: number): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    overallRate,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length] as string;
          return req;
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non3xx: result.non2xx - (result["3xx"] ?? 0),
  };
}

async function startBare(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "bench/bare-redirect-server.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on("data", (d: Buffer) => {
      const line = d
        .toString()
        .split("\n")
        .find((l) => l.includes("bare listening"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Both servers run side by side and the rounds alternate between them: this machine's speed drifts by
// a third within minutes (other tenants), so a bare run minutes before the docgate run compared two
// different machines. Each round's ratio compares runs seconds apart; the median round is reported.
const logFile = join(tmpdir(), `docgate-bench-entry-${process.pid}.log`);
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
const bareServer = await startBare();
// Logs go to a file, as in production, not into a pipe that this (load-generating) process must drain.
const gateServer = await startDocgate(
  {
    server: { logLevel: "info" },
    repos: [{ id: "bench", secrets: [SECRET], context: CONTEXT, tsWindowMs: 600_000 }],
  },
  { logFile },
);
const rounds: Array<{ bare: Figures; docgate: Figures; ratio: number }> = [];
let fixed: Figures;
try {
  // Warm-up: both JITs, and docgate's database, with URLs of their own.
  await load(bareServer.url, makeUrls(bareServer.url, 1000));
  await load(gateServer.url, makeUrls(gateServer.url, 20_000));
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await load(bareServer.url, makeUrls(bareServer.url, 1000));
    // Fresh unique URLs every round: a signed URL opens one session only.
    const docgate = await load(gateServer.url, makeUrls(gateServer.url, 120_000));
    rounds.push({ bare, docgate, ratio: Number((docgate.rps / bare.rps).toFixed(3)) });
  }
  fixed = await load(gateServer.url, makeUrls(gateServer.url, 1000 * DURATION_S + 5_000), 1000);
} finally {
  bareServer.stop();
  await gateServer.stop();
  rmSync(logFile, { force: true });
}
const ratios = rounds.map((r) => r.ratio);
const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
  durationS: DURATION_S,
  connections: CONNECTIONS,
  rounds,
  bareRedirectMedianRps: median(rounds.map((r) => r.bare.rps)),
  docgateEntryMedianRps: median(rounds.map((r) => r.docgate.rps)),
  ratioMedian: median(ratios),
  ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  docgateAt1000rps: fixed,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
