import { z } from "zod";

export const previewEngineSchema = z
  .enum(["auto", "onlyoffice", "builtin"])
  .describe("auto: office formats go to ONLYOFFICE when configured, otherwise to the built-in preview.");

// The built-in preview (LibreOffice worker pool, rendition cache, viewer).
export const previewSchema = z
  .object({
    engine: previewEngineSchema.default("auto"),
    workers: z
      .number()
      .int()
      .min(0)
      .max(64)
      .default(0)
      .describe("Resident LibreOffice workers; 0 means one per CPU core."),
    jobTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(120_000)
      .describe("A conversion taking longer is killed and its worker replaced."),
    maxJobsPerWorker: z
      .number()
      .int()
      .positive()
      .default(200)
      .describe("A worker is recycled after this many conversions."),
    maxWorkerRssMb: z
      .number()
      .int()
      .positive()
      .default(1536)
      .describe("A worker is recycled when LibreOffice grows past this much memory."),
    workerMemoryLimitMb: z
      .number()
      .int()
      .positive()
      .default(2048)
      .describe(
        "Memory ceiling of one LibreOffice worker while it converts (resident set): a conversion that crosses it is stopped and the open gets DOCGATE_CONVERSION_LIMIT. The kernel's address-space limit (RLIMIT_AS) sits 2 GiB above it.",
      ),
    jobCpuLimitMs: z
      .number()
      .int()
      .positive()
      .default(60_000)
      .describe(
        "CPU time one conversion may use; beyond it the worker is replaced and the open gets DOCGATE_CONVERSION_LIMIT.",
      ),
    sandbox: z
      .enum(["required", "preferred", "off"])
      .optional()
      .describe(
        "Run LibreOffice workers in a bubblewrap sandbox (no network, only their own files; docs/security.md). required: refuse to start without it (the default outside dev mode); preferred: sandbox when this host can, warn otherwise (the default in dev mode); off: never (not for untrusted documents).",
      ),
    queueLimit: z
      .number()
      .int()
      .positive()
      .default(64)
      .describe("Conversions waiting for a worker; beyond this, opens get DOCGATE_PREVIEW_BUSY."),
    cacheMaxBytes: z
      .number()
      .int()
      .positive()
      .default(2 * 1024 ** 3)
      .describe("Total size of cached sources and renditions; the least recently used are evicted first."),
    cacheMaxAgeMs: z
      .number()
      .int()
      .positive()
      .default(7 * 24 * 3600_000)
      .describe("Cached renditions older than this are evicted."),
  })
  .prefault({});
