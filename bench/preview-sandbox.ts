// Benchmark: what the LibreOffice sandbox costs. A warm one-worker pool with the sandbox and one
// without convert the same 20 generated documents one after another, in alternating rounds (the
// machine's speed drifts; a ratio within one round compares like with like). Also times a worker's
// start (spawn to ready) both ways.
// Run: npm run bench:preview-sandbox   (prints a JSON report; record it in docs/benchmarks.md)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { LibreOfficePool } from "../packages/server/src/engines/preview/libreoffice/libreoffice-pool.js";
import type { SandboxMode } from "../packages/server/src/engines/preview/libreoffice/sandbox.js";
import { writeBenchDocs } from "./preview-docs.js";
import { previewMachine, sequential, warmPool } from "./preview-pool.js";

const work = mkdtempSync(join(tmpdir(), "docgate-bench-sandbox-"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;
const log = (what: string) => process.stderr.write(`[bench] ${what}\n`);

async function startupMs(sandbox: SandboxMode): Promise<number> {
  const started = performance.now();
  const pool = new LibreOfficePool({ size: 1, workDir: work, eager: true, sandbox });
  while (pool.stats().readyWorkers < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  const ms = performance.now() - started;
  await pool.close();
  return ms;
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const docs = await writeBenchDocs(work, Number(process.env.BENCH_DOCS ?? 20));
  const warmUps = await writeBenchDocs(mkdtempSync(join(work, "warm-")), 3);
  const rounds: Array<{ sandboxedMs: number; unsandboxedMs: number; ratio: number }> = [];
  const startups: Array<{ sandboxedMs: number; unsandboxedMs: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Which side goes first alternates too.
    const order: SandboxMode[] = round % 2 === 0 ? ["required", "off"] : ["off", "required"];
    const totals: Partial<Record<SandboxMode, number>> = {};
    const starts: Partial<Record<SandboxMode, number>> = {};
    for (const sandbox of order) {
      log(`round ${round + 1}: sandbox ${sandbox}`);
      starts[sandbox] = await startupMs(sandbox);
      const pool = await warmPool(work, 1, warmUps, sandbox);
      totals[sandbox] = sum(await sequential(work, pool, docs, `${sandbox}-${round}`));
      await pool.close();
    }
    const sandboxedMs = Math.round(totals.required!);
    const unsandboxedMs = Math.round(totals.off!);
    rounds.push({ sandboxedMs, unsandboxedMs, ratio: round2(sandboxedMs / unsandboxedMs) });
    startups.push({ sandboxedMs: Math.round(starts.required!), unsandboxedMs: Math.round(starts.off!) });
  }
  const report = {
    date: new Date().toISOString(),
    machine: {
      ...previewMachine(loadBefore),
      bwrap: execFileSync("/usr/bin/bwrap", ["--version"], { encoding: "utf8" }).trim(),
    },
    documents: docs.length,
    warmSequential: {
      rounds,
      medianRatio: median(rounds.map((r) => r.ratio)),
      target: "sandboxed / unsandboxed <= 1.10",
    },
    workerStartup: {
      rounds: startups,
      medianSandboxedMs: median(startups.map((s) => s.sandboxedMs)),
      medianUnsandboxedMs: median(startups.map((s) => s.unsandboxedMs)),
    },
  };
  console.log(JSON.stringify(report, null, 2));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
