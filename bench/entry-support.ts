// What bench/entry.ts and bench/entry-cpu.ts share: the bench repo, unique signed entry URLs, the bare
// fastify baseline as its own process, and an autocannon run over a list of request targets.
import { spawn } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { sampleMeta, sampleUserinfo, signTestUrl } from "../test/support/entry-fixtures.js";
import { REPO_ROOT, type RunningProcess, startDocgate } from "../test/support/processes.js";

export const BENCH_SECRET = "bench-secret-0123456789abcdef";
export const BENCH_CONTEXT = "http://127.0.0.1:9";

export interface Figures {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non3xx: number;
}

let lastTs = 0;

/**
 * `count` request targets, each a distinct signed entry URL (a signed URL opens one session only):
 * docIds `bench-<i>` under a ts no earlier batch used.
 */
export function makeEntryTargets(baseUrl: string, count: number): string[] {
  const ts = Math.max(Date.now(), lastTs + 1);
  lastTs = ts;
  const targets: string[] = [];
  for (let i = 0; i < count; i++) {
    const docId = `bench-${i}`;
    const url = new URL(
      signTestUrl({
        baseUrl,
        context: BENCH_CONTEXT,
        docId,
        secret: BENCH_SECRET,
        repoId: "bench",
        ts,
        userinfo: sampleUserinfo(),
        meta: sampleMeta(docId),
      }),
    );
    targets.push(url.pathname + url.search);
  }
  return targets;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  /** Requests per second offered in all; absent: as fast as the server answers. */
  overallRate?: number;
}

export async function load(url: string, targets: string[], options: LoadOptions): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    overallRate: options.overallRate,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          req.path = targets[i++ % targets.length] as string;
          return req;
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non3xx: result.non2xx - (result["3xx"] ?? 0),
  };
}

export interface BareServer {
  url: string;
  pid: number;
  stop(): void;
}

/** bench/bare-redirect-server.ts in its own process. */
export async function startBare(): Promise<BareServer> {
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
  return { url, pid: child.pid as number, stop: () => child.kill("SIGTERM") };
}

/** `docgate serve` with SQLite state and info-level logs to `logFile`, as in production. */
export function startBenchDocgate(logFile: string): Promise<RunningProcess> {
  return startDocgate(
    {
      server: { logLevel: "info" },
      repos: [{ id: "bench", secrets: [BENCH_SECRET], context: BENCH_CONTEXT, tsWindowMs: 600_000 }],
    },
    { logFile },
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
