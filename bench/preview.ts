// Benchmark: the built-in preview's LibreOffice pool against per-document `soffice --convert-to`
// and against a bare warm UNO loop, 1 vs 2 workers, and cached re-open through a real docgate.
// Same run, same 20 generated documents (docx/xlsx/pptx, a few pages each).
// Run: npx tsx bench/preview.ts   (prints a JSON report; record it in docs/benchmarks.md, "Preview")
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { LibreOfficePool } from "../packages/server/src/engines/preview/libreoffice/libreoffice-pool.js";
import { bareUnoLoop, spawnPerDocument } from "./preview-baselines.js";
import { type BenchDoc, writeBenchDocs } from "./preview-docs.js";
import { cachedReopen } from "./preview-reopen.js";

const work = mkdtempSync(join(tmpdir(), "docgate-bench-preview-"));

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { totalMs: round(total), meanMs: round(total / times.length), p50Ms: round(at(0.5)), maxMs: round(at(1)) };
}

async function warmPool(size: number, warmUp: BenchDoc): Promise<LibreOfficePool> {
  const pool = new LibreOfficePool({ size, workDir: work, eager: true });
  // One warm-up conversion per worker, concurrently, so every worker has run once before timing.
  await Promise.all(
    Array.from({ length: size }, (_, i) => pool.convert(`warm-${i}`, warmUp.path, join(work, `warm-${size}-${i}.pdf`))),
  );
  return pool;
}

/** Each document converted after the previous one finished: latency per document. */
async function sequential(pool: LibreOfficePool, docs: BenchDoc[], tag: string): Promise<number[]> {
  const times: number[] = [];
  for (const [i, doc] of docs.entries()) {
    const started = performance.now();
    await pool.convert(`${tag}-${i}`, doc.path, join(work, tag, `${i}.pdf`));
    times.push(performance.now() - started);
  }
  return times;
}

/** All documents submitted at once: wall time for the batch, i.e. throughput. */
async function batch(
  pool: LibreOfficePool,
  docs: BenchDoc[],
  tag: string,
): Promise<{ wallMs: number; docsPerSecond: number }> {
  const started = performance.now();
  await Promise.all(docs.map((doc, i) => pool.convert(`${tag}-${i}`, doc.path, join(work, tag, `${i}.pdf`))));
  const wallMs = performance.now() - started;
  return { wallMs: Math.round(wallMs), docsPerSecond: Math.round((docs.length / wallMs) * 1000 * 100) / 100 };
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const docs = await writeBenchDocs(work, Number(process.env.BENCH_DOCS ?? 20));
  const [warmUp] = await writeBenchDocs(mkdtempSync(join(work, "warm-")), 1);
  const log = (what: string) => process.stderr.write(`[bench] ${what}\n`);

  log("bare warm UNO loop");
  const bare = await bareUnoLoop(docs, warmUp!, work);
  log("pool, 1 worker");
  const pool1 = await warmPool(1, warmUp!);
  const pool1Sequential = await sequential(pool1, docs, "p1-seq");
  const pool1Batch = await batch(pool1, docs, "p1-batch");
  await pool1.close();
  log("pool, 2 workers");
  const pool2 = await warmPool(2, warmUp!);
  const pool2Batch = await batch(pool2, docs, "p2-batch");
  await pool2.close();
  log("soffice --convert-to per document, fresh profile each (libreoffice-convert's way)");
  const spawnFresh = await spawnPerDocument(docs, work, true);
  log("soffice --convert-to per document, one reused profile");
  const spawnShared = await spawnPerDocument(docs, work, false);
  log("cached re-open through docgate");
  const reopen = await cachedReopen(docs);

  const s = {
    bare: summary(bare),
    pool1Sequential: summary(pool1Sequential),
    spawnFresh: summary(spawnFresh),
    spawnShared: summary(spawnShared),
  };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const reopenTtfb = summary(reopen.reopenTtfbMs);
  const report = {
    date: new Date().toISOString(),
    machine: {
      nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
      cpu: cpus()[0]?.model ?? "unknown",
      ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      loadavgBefore: loadBefore.map((n) => Math.round(n * 100) / 100),
      loadavgAfter: loadavg().map((n) => Math.round(n * 100) / 100),
      soffice: execFileSync("/usr/bin/soffice", ["--version"], { encoding: "utf8" }).trim(),
    },
    documents: {
      count: docs.length,
      formats: Object.fromEntries(["docx", "xlsx", "pptx"].map((f) => [f, docs.filter((d) => d.format === f).length])),
      shapes: "docx: 90 paragraphs (~3 pages); xlsx: 150x6 cells + a second sheet; pptx: 4 slides",
    },
    perDocument: s,
    throughput: { pool1Batch, pool2Batch },
    cachedReopen: {
      firstOpen: summary(reopen.firstOpenMs),
      reopenRenditionTtfb: reopenTtfb,
      reopenEntryToFirstByte: summary(reopen.reopenEntryToFirstByteMs),
    },
    targets: {
      poolVsSpawnFresh: { speedup: ratio(s.spawnFresh.totalMs, s.pool1Sequential.totalMs), target: ">= 4" },
      poolVsSpawnSharedProfile: { speedup: ratio(s.spawnShared.totalMs, s.pool1Sequential.totalMs), target: ">= 4" },
      poolVsBareUno: { overhead: ratio(s.pool1Sequential.totalMs, s.bare.totalMs), target: "<= 1.25" },
      cachedReopenTtfbMaxMs: { value: reopenTtfb.maxMs, target: "< 50" },
      twoWorkersVsOne: { speedup: ratio(pool2Batch.docsPerSecond, pool1Batch.docsPerSecond), target: ">= 1.6" },
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
