// Benchmark: where the entry's CPU goes, by process and thread, next to the bare fastify route. Each
// server gets the same load from autocannon in this process (unique signed entry URLs, see
// entry-support.ts), first at a fixed offered rate, then as fast as it answers; for each run it reports
// the server's CPU time per request on its main (event-loop) thread and on all its other threads
// (SQLite's checkpoint thread, libuv's pool, V8's GC helpers), and this process's own (autocannon's)
// CPU per request. Throughput ratios drift with the machine's speed; CPU per request drifts less, and
// shows which thread limits docgate and by how much (docs/benchmarks.md, "Entry").
// Linux only (reads /proc). Run: npm run bench:entry-cpu
//   env: BENCH_DURATION seconds per run (10), BENCH_CONNECTIONS (10), BENCH_RATE requests/s (2000)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { type LoadOptions, load, makeEntryTargets, startBare, startBenchDocgate } from "./entry-support.js";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 2000);

if (!existsSync("/proc/self/task")) throw new Error("bench/entry-cpu.ts reads /proc: it runs on Linux only");
const TICK_US = 1_000_000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** CPU time (µs) of every thread of `pid`, by thread id. */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended between the listing and the read
    }
    // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(tid, (Number(fields[11]) + Number(fields[12])) * TICK_US);
  }
  return out;
}

function selfCpu(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

interface CpuRun {
  rps: number;
  p99: number;
  failures: number;
  /** µs of CPU per request. */
  serverMainThread: number;
  serverOtherThreads: number;
  loadGenerator: number;
}

async function measure(url: string, pid: number, targets: string[], options: LoadOptions): Promise<CpuRun> {
  const before = threadCpu(pid);
  const selfBefore = selfCpu();
  const figures = await load(url, targets, options);
  const selfAfter = selfCpu();
  const after = threadCpu(pid);
  let main = 0;
  let others = 0;
  for (const [tid, us] of after) {
    const spent = us - (before.get(tid) ?? 0);
    if (tid === String(pid)) main += spent;
    else others += spent;
  }
  const perRequest = (us: number) => Math.round((us / Math.max(1, figures.total)) * 10) / 10;
  return {
    rps: figures.rps,
    p99: figures.p99,
    failures: figures.errors + figures.non3xx,
    serverMainThread: perRequest(main),
    serverOtherThreads: perRequest(others),
    loadGenerator: perRequest(selfAfter - selfBefore),
  };
}

const logFile = join(tmpdir(), `docgate-bench-entry-cpu-${process.pid}.log`);
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
const bare = await startBare();
const gate = await startBenchDocgate(logFile);
const gatePid = gate.child.pid as number;
const fixed = { connections: CONNECTIONS, durationS: DURATION_S, overallRate: RATE };
const flat = { connections: CONNECTIONS, durationS: DURATION_S };
// Enough unique URLs for a run at the fastest rate docgate has reached here, with room to spare.
const gateTargets = () => makeEntryTargets(gate.url, Math.max(RATE, 15_000) * DURATION_S);
let runs: Record<string, CpuRun>;
try {
  await load(bare.url, makeEntryTargets(bare.url, 1000), { ...flat, durationS: 3 });
  await load(gate.url, makeEntryTargets(gate.url, 20_000), { ...flat, durationS: 3 });
  runs = {
    bareAtFixedRate: await measure(bare.url, bare.pid, makeEntryTargets(bare.url, 1000), fixed),
    docgateAtFixedRate: await measure(gate.url, gatePid, gateTargets(), fixed),
    bareFlatOut: await measure(bare.url, bare.pid, makeEntryTargets(bare.url, 1000), flat),
    docgateFlatOut: await measure(gate.url, gatePid, gateTargets(), flat),
  };
} finally {
  bare.stop();
  await gate.stop();
  rmSync(logFile, { force: true });
}
const { bareAtFixedRate: b, docgateAtFixedRate: d } = runs;
const report = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  loadAverageAtStart: loadAtStart,
  durationS: DURATION_S,
  connections: CONNECTIONS,
  fixedRate: RATE,
  unit: "µs of CPU per request",
  runs,
  // If each server's main thread were the only limit, this would be docgate's share of the bare route's
  // throughput (the ratio), measured at the same offered load.
  mainThreadCostRatio: Math.round((b.serverMainThread / d.serverMainThread) * 1000) / 1000,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
