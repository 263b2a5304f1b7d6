// One conversion on one worker, with the file discipline the rendition cache relies on: the PDF
// appears at its final path complete or not at all, and no partial file survives any failure.
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DocgateError } from "@docgate/core";
import type { DocumentFormat } from "./formats.js";
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
  try {
    const reply = await worker
      .run({ input: resolve(inputPath), output: partial, ...format }, timeoutMs)
      .catch((err: unknown) => {
        if (err instanceof WorkerTimeoutError) {
          throw new DocgateError("DOCGATE_CONVERSION_TIMEOUT", { detail: `(limit ${timeoutMs} ms)`, cause: err });
        }
        if (err instanceof WorkerDiedError) throw new DocgateError("DOCGATE_CONVERSION_FAILED", { cause: err });
        throw err;
      });
    if (!reply.ok) throw replyError(reply);
    await rename(partial, outputPath);
    return { outputPath, pages: reply.pages ?? 0, durationMs: performance.now() - started, shared: false };
  } catch (err) {
    // Runs after the worker answered or was killed, so nothing can still be writing the file.
    await rm(partial, { force: true });
    throw err;
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
