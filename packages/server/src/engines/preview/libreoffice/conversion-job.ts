// One conversion on one worker, with the file discipline the rendition cache relies on: the PDF
// appears at its final path complete or not at all, and no partial file survives any failure.
// The worker sees only its own directories (sandbox.ts): the input is linked (or copied) into its
// `in/`, the PDF comes back through its `out/`, and both are emptied after every job, so a worker
// holds the current job's files and nothing else.
import { randomBytes } from "node:crypto";
import { copyFile, link, mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DocgateError } from "@docgate/core";
import type { DocumentFormat } from "./formats.js";
import { WorkerLimitError } from "./job-watch.js";
import { type LibreOfficeWorker, WorkerDiedError, WorkerTimeoutError } from "./libreoffice-worker.js";
import { replyError } from "./uno-protocol.js";

export interface ConversionResult {
  outputPath: string;
  pages: number;
  durationMs: number;
  /** True when this caller joined a conversion another caller started. */
  shared: boolean;
}

/** A sibling of the target, hidden, so a rename publishes it atomically on the same file system. */
function partialPath(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.${randomBytes(6).toString("hex")}.part`);
}

export async function convertOnWorker(
  worker: LibreOfficeWorker,
  inputPath: string,
  outputPath: string,
  format: DocumentFormat,
  timeoutMs: number,
): Promise<ConversionResult> {
  const started = performance.now();
  await mkdir(dirname(outputPath), { recursive: true });
  const partial = partialPath(resolve(outputPath));
  // Fixed names: nothing of the original file name reaches LibreOffice; the format is a known one.
  const input = join(worker.layout.in, `document.${format.format}`);
  const output = join(worker.layout.out, "document.pdf");
  try {
    await stageInput(resolve(inputPath), input);
    const reply = await worker.run({ input, output, ...format }, timeoutMs).catch((err: unknown) => {
      throw conversionError(err, timeoutMs);
    });
    if (!reply.ok) throw replyError(reply);
    await moveOut(output, partial);
    await rename(partial, outputPath);
    return { outputPath, pages: reply.pages ?? 0, durationMs: performance.now() - started, shared: false };
  } catch (err) {
    // Runs after the worker answered or was killed, so nothing can still be writing the file.
    await rm(partial, { force: true });
    throw err;
  } finally {
    await emptyJobDirs(worker);
  }
}

function conversionError(err: unknown, timeoutMs: number): unknown {
  if (err instanceof WorkerTimeoutError) {
    return new DocgateError("DOCGATE_CONVERSION_TIMEOUT", { detail: `(limit ${timeoutMs} ms)`, cause: err });
  }
  if (err instanceof WorkerLimitError) {
    return new DocgateError("DOCGATE_CONVERSION_LIMIT", { detail: `(${err.limit})`, cause: err });
  }
  if (err instanceof WorkerDiedError) return new DocgateError("DOCGATE_CONVERSION_FAILED", { cause: err });
  return err;
}

/** A hard link when the source is on the same file system (no copy of a large file), else a copy.
 * The sandbox mounts `in/` read-only, so a shared inode cannot be written through it. */
async function stageInput(source: string, staged: string): Promise<void> {
  await link(source, staged).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== "EXDEV" && err.code !== "EPERM") throw err;
    await copyFile(source, staged);
  });
}

/** The worker's output into the cache's directory: a rename, or a copy across file systems. */
async function moveOut(output: string, target: string): Promise<void> {
  await rename(output, target).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== "EXDEV") throw err;
    await copyFile(output, target);
  });
}

async function emptyJobDirs(worker: LibreOfficeWorker): Promise<void> {
  for (const dir of [worker.layout.in, worker.layout.out]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.map((name) => rm(join(dir, name), { recursive: true, force: true })));
  }
}

/** Gives a caller that joined someone else's conversion its own copy at its own path. */
export async function publishCopy(result: ConversionResult, outputPath: string): Promise<ConversionResult> {
  if (resolve(outputPath) !== resolve(result.outputPath)) {
    await mkdir(dirname(outputPath), { recursive: true });
    const partial = partialPath(resolve(outputPath));
    try {
      await copyFile(result.outputPath, partial);
      await rename(partial, outputPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }
  return { ...result, outputPath, shared: true };
}
