// Benchmark: entry requests per second and latency with unique signed URLs, against docgate (real
// process, SQLite state, info-level logging to a file) and, in the same run, a bare fastify route that only
// redirects, in alternating rounds. Then a fixed 1,000 requests/s run on docgate for its p99.
// Run: npm run bench:entry   (figures are printed; record them in docs/benchmarks.md)
import { rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { type Figures, load, makeEntryTargets, median, startBare, startBenchDocgate } from "./entry-support.js";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const run = { connections: CONNECTIONS, durationS: DURATION_S };

// Both servers run side by side and the rounds alternate between them: this machine's speed drifts by
// a third within minutes (other tenants), so a bare run minutes before the docgate run compared two
// different machines. Each round's ratio compares runs seconds apart; the median round is reported.
const logFile = join(tmpdir(), `docgate-bench-entry-${process.pid}.log`);
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
const bareServer = await startBare();
// Logs go to a file, as in production, not into a pipe that this (load-generating) process must drain.
const gateServer = await startBenchDocgate(logFile);
const rounds: Array<{ bare: Figures; docgate: Figures; ratio: number }> = [];
let fixed: Figures;
try {
  // Warm-up: both JITs, and docgate's database, with URLs of their own.
  await load(bareServer.url, makeEntryTargets(bareServer.url, 1000), run);
  await load(gateServer.url, makeEntryTargets(gateServer.url, 20_000), run);
  for (let round = 0; round < ROUNDS; round++) {
    const bare = await load(bareServer.url, makeEntryTargets(bareServer.url, 1000), run);
    // Fresh unique URLs every round: a signed URL opens one session only.
    const docgate = await load(gateServer.url, makeEntryTargets(gateServer.url, 120_000), run);
    rounds.push({ bare, docgate, ratio: Number((docgate.rps / bare.rps).toFixed(3)) });
  }
  fixed = await load(gateServer.url, makeEntryTargets(gateServer.url, 1000 * DURATION_S + 5_000), {
    ...run,
    overallRate: 1000,
  });
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
