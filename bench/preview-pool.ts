// Pools as the preview benchmarks use them: warmed on every format first, then timed.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { LibreOfficePool } from "../packages/server/src/engines/preview/libreoffice/libreoffice-pool.js";
import type { SandboxMode } from "../packages/server/src/engines/preview/libreoffice/sandbox.js";
import type { BenchDoc } from "./preview-docs.js";

/** Every worker converts one document of each format (docx, xlsx, pptx) before timing starts. */
export async function warmPool(
  work: string,
  size: number,
  warmUps: BenchDoc[],
  sandbox: SandboxMode = "required",
): Promise<LibreOfficePool> {
  const pool = new LibreOfficePool({ size, workDir: work, eager: true, sandbox });
  for (const [n, doc] of warmUps.entries()) {
    // `size` jobs submitted together reach `size` different idle workers.
    await Promise.all(
      Array.from({ length: size }, (_, i) =>
        pool.convert(`warm-${size}-${n}-${i}`, doc.path, join(work, `warm-${size}-${n}-${i}.pdf`)),
      ),
    );
  }
  return pool;
}

/** Each document converted after the previous one finished: latency per document. */
export async function sequential(
  work: string,
  pool: LibreOfficePool,
  docs: BenchDoc[],
  tag: string,
): Promise<number[]> {
  const times: number[] = [];
  for (const [i, doc] of docs.entries()) {
    const started = performance.now();
    await pool.convert(`${tag}-${i}`, doc.path, join(work, tag, `${i}.pdf`));
    times.push(performance.now() - started);
  }
  return times;
}

/** The machine a preview benchmark ran on, as its report records it. */
export function previewMachine(loadBefore: number[]) {
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    cpu: cpus()[0]?.model ?? "unknown",
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadavgBefore: loadBefore.map(round2),
    loadavgAfter: loadavg().map(round2),
    soffice: execFileSync("/usr/bin/soffice", ["--version"], { encoding: "utf8" }).trim(),
  };
}
