// Benchmark: entry requests per second and latency with unique signed URLs, against docgate (real
// process, SQLite state, info-level logging to a file) and, in the same run, a bare fastify route that only
// redirects. Then a fixed 1,000 requests/s run on docgate for its p99.
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

async function bare(): Promise<Figures> {
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
  await load(url, ["/docs/app/driver-callback?warmup=1"]);
  const figures = await load(url, makeUrls(url, 1000));
  child.kill("SIGTERM");
  return figures;
}

async function docgate(overallRate?: number): Promise<Figures> {
  // Logs go to a file, as in production, not into a pipe that this (load-generating) process must drain.
  const logFile = join(tmpdir(), `docgate-bench-entry-${process.pid}.log`);
  const server = await startDocgate(
    {
      server: { logLevel: "info" },
      repos: [{ id: "bench", secrets: [SECRET], context: CONTEXT, tsWindowMs: 600_000 }],
    },
    { logFile },
  );
  try {
    // Warm-up with its own unique URLs, then the measured run with fresh ones.
    await load(server.url, makeUrls(server.url, 20_000), overallRate);
    const count = overallRate ? overallRate * DURATION_S + 5_000 : 120_000;
    return await load(server.url, makeUrls(server.url, count), overallRate);
  } finally {
    await server.stop();
    rmSync(logFile, { force: true });
  }
}

const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
const baseline = await bare();
const gate = await docgate();
const fixed = await docgate(1000);
const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))),
  durationS: DURATION_S,
  connections: CONNECTIONS,
  bareRedirect: baseline,
  docgateEntry: gate,
  ratio: Number((gate.rps / baseline.rps).toFixed(3)),
  docgateAt1000rps: fixed,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
