import { availableParallelism, tmpdir } from "node:os";
import type { SandboxMode } from "./sandbox.js";

/** A pino-compatible subset, so the pool does not depend on how logging is set up. */
export interface PoolLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface LibreOfficePoolOptions {
  /** Resident LibreOffice processes. Default: the number of CPU cores. */
  size?: number;
  /** Where worker directories (profiles, soffice temp files) are created. Default: the OS temp dir. */
  workDir?: string;
  /** A conversion running longer is killed with its worker. Default 120 s. */
  jobTimeoutMs?: number;
  /** Time allowed for one soffice to start and accept a connection. Default 60 s. */
  startupTimeoutMs?: number;
  /** Replace a worker after this many jobs, bounding leaks inside LibreOffice. Default 200. */
  maxJobsPerWorker?: number;
  /** Replace a worker whose soffice resident set exceeds this many bytes between jobs. Default 1 GiB. */
  maxRssBytes?: number;
  /**
   * The memory ceiling of one worker's soffice while a job runs, in bytes of resident set: crossing
   * it kills the worker and fails the job with DOCGATE_CONVERSION_LIMIT. Default 2 GiB.
   */
  memoryLimitBytes?: number;
  /** The kernel's hard stop behind memoryLimitBytes (RLIMIT_AS). Default memoryLimitBytes + 2 GiB. */
  addressSpaceBytes?: number;
  /** CPU time one conversion may use; beyond it DOCGATE_CONVERSION_LIMIT. Default 60 s. */
  cpuLimitMs?: number;
  /** Run workers in the bubblewrap sandbox: required (fail without it), preferred, or off. */
  sandbox?: SandboxMode;
  /** Conversions allowed to wait for a worker; beyond this, DOCGATE_PREVIEW_BUSY. Default 64. */
  maxQueue?: number;
  /** Start all workers in the background at construction (true) or at the first job (false). */
  eager?: boolean;
  pythonPath?: string;
  sofficePath?: string;
  logger?: PoolLogger;
}

export type ResolvedPoolOptions = Required<Omit<LibreOfficePoolOptions, "logger">> &
  Pick<LibreOfficePoolOptions, "logger">;

export function resolvePoolOptions(options: LibreOfficePoolOptions): ResolvedPoolOptions {
  const resolved: ResolvedPoolOptions = {
    size: options.size ?? availableParallelism(),
    workDir: options.workDir ?? tmpdir(),
    jobTimeoutMs: options.jobTimeoutMs ?? 120_000,
    startupTimeoutMs: options.startupTimeoutMs ?? 60_000,
    maxJobsPerWorker: options.maxJobsPerWorker ?? 200,
    maxRssBytes: options.maxRssBytes ?? 1024 ** 3,
    memoryLimitBytes: options.memoryLimitBytes ?? 2 * 1024 ** 3,
    addressSpaceBytes: options.addressSpaceBytes ?? (options.memoryLimitBytes ?? 2 * 1024 ** 3) + 2 * 1024 ** 3,
    cpuLimitMs: options.cpuLimitMs ?? 60_000,
    sandbox: options.sandbox ?? "required",
    maxQueue: options.maxQueue ?? 64,
    eager: options.eager ?? true,
    // The distribution's python is the one that can import uno; a venv python first on PATH cannot.
    pythonPath: options.pythonPath ?? "/usr/bin/python3",
    sofficePath: options.sofficePath ?? "/usr/bin/soffice",
    logger: options.logger,
  };
  const positive = [
    "size",
    "jobTimeoutMs",
    "startupTimeoutMs",
    "maxJobsPerWorker",
    "maxRssBytes",
    "memoryLimitBytes",
    "cpuLimitMs",
  ] as const;
  for (const key of positive) {
    if (!(resolved[key] >= 1)) throw new RangeError(`LibreOffice pool: ${key} must be at least 1`);
  }
  if (!(resolved.maxQueue >= 0)) throw new RangeError("LibreOffice pool: maxQueue must not be negative");
  return resolved;
}

/** Counters for metrics; all but the gauges only ever grow. */
export interface PoolStats {
  /** Conversions handed to a worker. */
  jobs: number;
  /** Conversions that ended in an error (including timeouts). */
  failures: number;
  timeouts: number;
  /** Workers replaced after a timeout or crash. */
  restarts: number;
  /** Workers replaced on schedule (job count or memory). */
  recycles: number;
  /** Conversions stopped at the memory ceiling or the CPU-time limit (their workers replaced). */
  limits: number;
  /** Requests that joined a conversion already in flight for the same key. */
  shared: number;
  /** Requests refused with DOCGATE_PREVIEW_BUSY. */
  rejected: number;
  /** Gauges. */
  queueLength: number;
  busyWorkers: number;
  readyWorkers: number;
  startingWorkers: number;
}
