// GET /admin/metrics/preview: the preview engine's counters in the Prometheus text format
// (prom-client), for operators. Registered only when admin.token is set, and then only with
// `Authorization: Bearer <admin.token>`: like the rest of /admin, an unconfigured docgate exposes nothing.
import { createHash, timingSafeEqual } from "node:crypto";
import { DocgateError } from "@docgate/core";
import type { FastifyInstance } from "fastify";
import { Counter, Gauge, Registry } from "prom-client";
import type { PreviewMetrics } from "../builtin-engine.js";

type Reading = (m: PreviewMetrics) => number | undefined;

// name, help, type, reading. Counters only ever grow in the engine; prom-client reads them at scrape.
const SERIES: Array<[string, string, "counter" | "gauge", Reading]> = [
  ["cache_hits_total", "Rendition cache hits.", "counter", (m) => m.cache?.hits],
  ["cache_misses_total", "Rendition cache misses.", "counter", (m) => m.cache?.misses],
  ["cache_evicted_size_total", "Entries evicted over cacheMaxBytes.", "counter", (m) => m.cache?.evictedBySize],
  ["cache_evicted_age_total", "Entries evicted over cacheMaxAgeMs.", "counter", (m) => m.cache?.evictedByAge],
  ["cache_entries", "Entries in the rendition cache.", "gauge", (m) => m.cache?.entries],
  ["cache_bytes", "Bytes in the rendition cache, downloads in progress included.", "gauge", (m) => m.cache?.bytes],
  ["cache_writing_bytes", "Bytes of downloads in progress into the cache.", "gauge", (m) => m.cache?.writingBytes],
  ["downloads_total", "Sources downloaded from business systems.", "counter", (m) => m.pipeline?.downloads],
  ["conversions_total", "Conversions started by the pipeline.", "counter", (m) => m.pipeline?.conversions],
  ["pool_jobs_total", "Conversions handed to a LibreOffice worker.", "counter", (m) => m.pool?.jobs],
  ["pool_failures_total", "Conversions that failed.", "counter", (m) => m.pool?.failures],
  ["pool_timeouts_total", "Conversions killed at jobTimeoutMs.", "counter", (m) => m.pool?.timeouts],
  ["pool_restarts_total", "Workers replaced after a timeout or crash.", "counter", (m) => m.pool?.restarts],
  ["pool_recycles_total", "Workers replaced on schedule.", "counter", (m) => m.pool?.recycles],
  ["pool_limits_total", "Conversions stopped at the memory ceiling or CPU limit.", "counter", (m) => m.pool?.limits],
  ["pool_rejected_total", "Conversions refused with DOCGATE_PREVIEW_BUSY.", "counter", (m) => m.pool?.rejected],
  ["pool_queue_length", "Conversions waiting for a worker.", "gauge", (m) => m.pool?.queueLength],
  ["pool_busy_workers", "Workers converting now.", "gauge", (m) => m.pool?.busyWorkers],
  ["pool_ready_workers", "Workers idle and ready.", "gauge", (m) => m.pool?.readyWorkers],
];

export function previewRegistry(read: () => PreviewMetrics): Registry {
  const registry = new Registry();
  for (const [suffix, help, type, reading] of SERIES) {
    const name = `docgate_preview_${suffix}`;
    if (type === "gauge") {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect: function () {
          this.set(reading(read()) ?? 0);
        },
      });
    } else {
      new Counter({
        name,
        help,
        registers: [registry],
        collect: function () {
          this.reset();
          this.inc(reading(read()) ?? 0);
        },
      });
    }
  }
  new Counter({
    name: "docgate_preview_failures_total",
    help: "Preview failures by error code.",
    labelNames: ["code"],
    registers: [registry],
    collect: function () {
      this.reset();
      for (const [code, n] of Object.entries(read().pipeline?.failures ?? {})) this.inc({ code }, n ?? 0);
    },
  });
  return registry;
}

function sameToken(header: string | undefined, token: string): boolean {
  const presented = /^Bearer +(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

export function registerPreviewMetricsRoute(app: FastifyInstance, token: string, read: () => PreviewMetrics): void {
  const registry = previewRegistry(read);
  app.get("/admin/metrics/preview", async (request, reply) => {
    if (!sameToken(request.headers.authorization, token)) {
      throw new DocgateError("DOCGATE_UNAUTHORIZED", { detail: "Send Authorization: Bearer <admin.token>." });
    }
    return reply
      .header("cache-control", "no-store")
      .type(registry.contentType)
      .send(await registry.metrics());
  });
}
