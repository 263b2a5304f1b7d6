// Limits on one conversion that the kernel cannot express for a resident process: a CPU-time budget
// per job (RLIMIT_CPU would count the worker's whole life) and the resident-set ceiling checked while
// the job runs, not only between jobs. The address-space rlimit set in the worker is the hard stop
// behind the resident-set check; this watch is what turns a runaway document into a clear error.
import { cpuTimeMs, residentBytes } from "./process-group.js";

export type ResourceLimit = "memory" | "cpu";

export interface JobLimits {
  /** Resident-set ceiling of soffice while a job runs. */
  memoryLimitBytes: number;
  cpuLimitMs: number;
}

/** The job crossed a limit; the worker has been killed. */
export class WorkerLimitError extends Error {
  constructor(
    readonly limit: ResourceLimit,
    message: string,
  ) {
    super(message);
  }
}

const INTERVAL_MS = 100;

/**
 * Samples `pid` every 100 ms until stopped; calls `exceeded` once, with the limit crossed. A
 * document that allocates faster than the samples is stopped by the address-space rlimit instead.
 */
export function watchJob(pid: number, limits: JobLimits, exceeded: (error: WorkerLimitError) => void): () => void {
  const cpuAtStart = cpuTimeMs(pid) ?? 0;
  const check = (): WorkerLimitError | undefined => {
    const rss = residentBytes(pid);
    if (rss !== undefined && rss > limits.memoryLimitBytes) {
      return new WorkerLimitError(
        "memory",
        `LibreOffice grew to ${mib(rss)} MiB (ceiling ${mib(limits.memoryLimitBytes)} MiB)`,
      );
    }
    const cpu = cpuTimeMs(pid);
    if (cpu !== undefined && cpu - cpuAtStart > limits.cpuLimitMs) {
      return new WorkerLimitError("cpu", `the conversion used more than ${limits.cpuLimitMs / 1000} s of CPU time`);
    }
    return undefined;
  };
  const timer = setInterval(() => {
    const error = check();
    if (!error) return;
    clearInterval(timer);
    exceeded(error);
  }, INTERVAL_MS);
  return () => clearInterval(timer);
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
