// N resident LibreOffice workers behind a bounded queue. Why this shape (vs kkFileView): warm
// processes convert small files in a fraction of a second; a per-job timeout kills and replaces a
// hung soffice instead of blocking the pool; content keys (not file names) drive single-flight.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DocgateError, isDocgateError } from "@docgate/core";
import { type ConversionResult, convertOnWorker, publishCopy } from "./conversion-job.js";
import { type DocumentFormat, documentFormat } from "./formats.js";
import { LibreOfficeWorker, WorkerTimeoutError } from "./libreoffice-worker.js";
import {
  type LibreOfficePoolOptions,
  type PoolStats,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from "./pool-options.js";
import { resolveSandbox, type SandboxState } from "./sandbox.js";
import { SingleFlight } from "./single-flight.js";
import { poolDirPrefix, removeStalePoolDirs } from "./stale-pool-dirs.js";
import { StartupBackoff } from "./startup-backoff.js";

interface QueuedJob {
  inputPath: string;
  outputPath: string;
  format: DocumentFormat;
  resolve: (result: ConversionResult) => void;
  reject: (err: unknown) => void;
}

export interface ConvertOptions {
  /** The format when the input path has no meaningful extension (e.g. a spooled source). */
  format?: string;
}

export class LibreOfficePool {
  /** Holds every worker directory; removed by close(). */
  readonly rootDir: string;
  /** Settles when the directories of pools whose process died are removed; their names. */
  readonly staleDirsRemoved: Promise<string[]>;
  /** Whether workers run sandboxed, and why not when they do not. */
  readonly sandbox: SandboxState;
  private readonly options: ResolvedPoolOptions;
  private readonly workers = new Set<LibreOfficeWorker>();
  private readonly idle: LibreOfficeWorker[] = [];
  private readonly queue: QueuedJob[] = [];
  private readonly flights = new SingleFlight<ConversionResult>();
  private readonly running = new Set<Promise<unknown>>();
  /** Retired workers still being killed and cleaned up. */
  private readonly dying = new Set<Promise<void>>();
  private readonly backoff = new StartupBackoff();
  private readonly counters = {
    ...{ jobs: 0, failures: 0, timeouts: 0, limits: 0 },
    ...{ restarts: 0, recycles: 0, shared: 0, rejected: 0 },
  };
  private closed: Promise<void> | undefined;

  /**
   * Returns at once; workers start in the background (eager) or with the first job. Throws
   * DOCGATE_PREVIEW_SANDBOX_UNAVAILABLE when the sandbox is required and this host cannot make it.
   */
  constructor(options: LibreOfficePoolOptions = {}) {
    this.options = resolvePoolOptions(options);
    this.sandbox = resolveSandbox(this.options.sandbox);
    if (this.options.sandbox === "required" && !this.sandbox.active) {
      throw new DocgateError("DOCGATE_PREVIEW_SANDBOX_UNAVAILABLE", { detail: this.sandbox.reason });
    }
    this.rootDir = mkdtempSync(join(this.options.workDir, poolDirPrefix()));
    this.staleDirsRemoved = this.removeStaleDirs();
    if (this.options.eager) this.fill();
  }

  /**
   * Converts `inputPath` to a PDF at `outputPath`. `key` identifies the content (e.g. a hash of
   * the source bytes): concurrent calls with the same key share one conversion.
   */
  async convert(
    key: string,
    inputPath: string,
    outputPath: string,
    options: ConvertOptions = {},
  ): Promise<ConversionResult> {
    if (this.closed) throw new DocgateError("DOCGATE_UNAVAILABLE", { detail: "The preview pool is closed." });
    const format = documentFormat(inputPath, options.format);
    const flight = this.flights.run(key, () => this.enqueue(inputPath, outputPath, format));
    if (!flight.shared) return flight.promise;
    this.counters.shared++;
    return publishCopy(await flight.promise, outputPath);
  }

  stats(): PoolStats {
    return {
      ...this.counters,
      queueLength: this.queue.length,
      busyWorkers: this.running.size,
      readyWorkers: this.idle.length,
      startingWorkers: Math.max(0, this.workers.size - this.idle.length - this.running.size),
    };
  }

  /** Worker directories currently in use (each holds a profile), e.g. to check for orphans. */
  workerDirs(): string[] {
    return [...this.workers].map((w) => w.dir);
  }

  /** Fails waiting jobs, kills every process, removes every profile; safe to call twice. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.backoff.cancel();
      for (const job of this.queue.splice(0)) {
        job.reject(new DocgateError("DOCGATE_UNAVAILABLE", { detail: "The preview pool is closing." }));
      }
      await Promise.all([...this.workers].map((w) => w.destroy()));
      await Promise.allSettled([...this.running, ...this.dying, this.staleDirsRemoved]);
      rmSync(this.rootDir, { recursive: true, force: true });
    })();
    return this.closed;
  }

  /** In the background: a start must not wait for disk clean-up, nor fail because of it. */
  private async removeStaleDirs(): Promise<string[]> {
    const { logger, workDir } = this.options;
    try {
      const removed = await removeStalePoolDirs(workDir);
      if (removed.length > 0) logger?.info({ workDir, removed }, "removed preview work left by a stopped process");
      return removed;
    } catch (err) {
      logger?.warn(
        { workDir, err },
        "could not remove preview work left by a stopped process; retried at the next start",
      );
      return [];
    }
  }

  private enqueue(inputPath: string, outputPath: string, format: DocumentFormat): Promise<ConversionResult> {
    // Back-pressure: waiting jobs are bounded; running ones are bounded by the pool size.
    if (this.queue.length >= this.options.maxQueue) {
      this.counters.rejected++;
      return Promise.reject(new DocgateError("DOCGATE_PREVIEW_BUSY", { facts: { queueLength: this.queue.length } }));
    }
    if (this.backoff.persistent && this.workers.size === 0) return Promise.reject(this.cannotStart());
    return new Promise((resolve, reject) => {
      this.queue.push({ inputPath, outputPath, format, resolve, reject });
      this.fill();
      this.dispatch();
    });
  }

  /** Starts workers until the pool has its configured size. */
  private fill(): void {
    while (!this.closed && this.workers.size < this.options.size && !this.backoff.waiting) {
      this.spawnWorker();
    }
  }

  private spawnWorker(): void {
    const { logger } = this.options;
    const worker = new LibreOfficeWorker({ ...this.options, rootDir: this.rootDir, sandboxed: this.sandbox.active });
    this.workers.add(worker);
    worker.onUnexpectedExit = () => this.retire(worker, "crashed");
    worker.ready.then(
      () => {
        this.backoff.succeeded();
        if (!this.closed && worker.isAlive) {
          this.idle.push(worker);
          this.dispatch();
        }
      },
      (err: Error) => {
        this.workers.delete(worker);
        this.track(worker.destroy());
        if (this.closed) return;
        logger?.warn({ err, dir: worker.dir }, "LibreOffice worker failed to start");
        // Repeated start failures mean a broken installation: fail waiting jobs rather than hold them.
        if (this.backoff.failed(() => this.fill()) && this.workers.size === 0) {
          for (const job of this.queue.splice(0)) job.reject(this.cannotStart(err));
        }
      },
    );
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const job = this.queue.shift()!;
      const run = this.execute(worker, job);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
  }

  private async execute(worker: LibreOfficeWorker, job: QueuedJob): Promise<void> {
    const { jobTimeoutMs } = this.options;
    this.counters.jobs++;
    try {
      job.resolve(await convertOnWorker(worker, job.inputPath, job.outputPath, job.format, jobTimeoutMs));
    } catch (err) {
      this.counters.failures++;
      if (isDocgateError(err) && err.cause instanceof WorkerTimeoutError) {
        this.counters.timeouts++;
        this.retire(worker, "timed out");
      } else if (isDocgateError(err) && err.code === "DOCGATE_CONVERSION_LIMIT") {
        this.counters.limits++;
        this.retire(worker, "over a limit");
      }
      job.reject(this.closed ? new DocgateError("DOCGATE_UNAVAILABLE", { cause: err }) : err);
    }
    this.release(worker);
  }

  /** Back to the idle list, unless it is due for recycling or already gone. */
  private release(worker: LibreOfficeWorker): void {
    if (this.closed || !this.workers.has(worker)) return;
    if (!worker.isAlive) {
      this.retire(worker, "crashed");
    } else if (worker.jobs >= this.options.maxJobsPerWorker) {
      this.retire(worker, "job limit");
    } else if ((worker.residentBytes() ?? 0) > this.options.maxRssBytes) {
      this.retire(worker, "memory limit");
    } else {
      this.idle.push(worker);
    }
    this.dispatch();
  }

  /** Removes a worker for good and starts its replacement. */
  private retire(
    worker: LibreOfficeWorker,
    reason: "crashed" | "timed out" | "over a limit" | "job limit" | "memory limit",
  ): void {
    if (!this.workers.delete(worker)) return;
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (reason === "job limit" || reason === "memory limit") this.counters.recycles++;
    else this.counters.restarts++;
    this.options.logger?.info({ reason, jobs: worker.jobs, dir: worker.dir }, "replacing LibreOffice worker");
    this.track(worker.destroy());
    this.fill();
  }

  /** close() waits for workers still being torn down before it removes the root directory. */
  private track(dying: Promise<void>): void {
    this.dying.add(dying);
    void dying.finally(() => this.dying.delete(dying));
  }

  private cannotStart(cause?: unknown): DocgateError {
    return new DocgateError("DOCGATE_CONVERSION_FAILED", { detail: "LibreOffice cannot start.", cause });
  }
}
