// The built-in preview engine (issue 4): LibreOffice pool + rendition cache + viewer page.
//
// Time to first page, and where failures show: the session page waits for the rendition, up to
// PAGE_WAIT_MS. A warm conversion takes well under that, and the viewer's assets are cached by the
// browser (immutable, versioned URLs), so waiting costs about the time the browser would have spent
// fetching them in parallel; in exchange every failure that happens within the budget (damaged,
// password-protected, too large, unsupported content: all fast) becomes the bilingual error page
// with its code, and the page's own rendition request is a cache hit. A conversion still running
// after the budget gets the page at once, showing "loading", and its rendition request joins the
// flight already under way (a failure then reaches the page as the rendition's JSON error; a reload
// shows the coded error page, since deterministic failures are remembered per content key).
// Text-like kinds (text, markdown, csv, json) are rendered into the page on the server, so their page
// always waits for the download (there is no conversion).
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { DocgateError } from "@docgate/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EngineDeps } from "../create-engines.js";
import type { SessionEngine, SessionRequestContext } from "../session-engine.js";
import type { CacheStats } from "./cache-index.js";
import { registerPreviewMetricsRoute } from "./http/metrics-route.js";
import { registerRenditionRoute, renditionPath } from "./http/rendition-route.js";
import { LibreOfficePool } from "./libreoffice/libreoffice-pool.js";
import type { PoolStats } from "./libreoffice/pool-options.js";
import { configuredSandboxMode, resolveSandbox, type SandboxState } from "./libreoffice/sandbox.js";
import { loadOrCreateNameKey } from "./name-key.js";
import { type PipelineStats, PreviewPipeline } from "./preview-pipeline.js";
import { readTextContent } from "./read-text-content.js";
import { needsContent, renderPreviewPage, watermarkFor } from "./render-preview-page.js";
import { RenditionCache } from "./rendition-cache.js";
import { canPreview, planFor } from "./rendition-kind.js";
import { settleWithin } from "./settle-within.js";
import { registerViewerAssets } from "./viewer/viewer-assets.js";

export interface PreviewMetrics {
  cache: CacheStats | null;
  pool: PoolStats | null;
  pipeline: PipelineStats | null;
}

const SWEEP_INTERVAL_MS = 60_000;
/** How long the session page waits for a rendition before it is sent to wait in the browser. */
export const PAGE_WAIT_MS = 3_000;

export class BuiltinEngine implements SessionEngine {
  readonly id = "builtin" as const;
  private pool: LibreOfficePool | undefined;
  private pipelineReady: Promise<PreviewPipeline> | undefined;
  private pipelineNow: PreviewPipeline | undefined;
  private cacheNow: RenditionCache | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly closing = new AbortController();
  /** Whether LibreOffice workers run sandboxed on this host (docs/security.md). */
  readonly sandbox: SandboxState;

  /** Throws DOCGATE_PREVIEW_SANDBOX_UNAVAILABLE when the sandbox is required and cannot run here. */
  constructor(private readonly deps: EngineDeps) {
    this.sandbox = resolveSandbox(configuredSandboxMode(deps.config));
    if (this.sandbox.mode === "required" && !this.sandbox.active) {
      throw new DocgateError("DOCGATE_PREVIEW_SANDBOX_UNAVAILABLE", { detail: this.sandbox.reason });
    }
  }

  canView(extension: string): boolean {
    return canPreview(extension);
  }

  canEdit(): boolean {
    return false;
  }

  registerRoutes(app: FastifyInstance): void {
    registerViewerAssets(app);
    registerRenditionRoute(app, {
      store: this.deps.store,
      pipeline: () => this.pipeline(),
      frameAncestorsOf: (repoId) => this.repo(repoId)?.frameAncestors ?? [],
      now: this.deps.now,
    });
    const token = this.deps.config.admin.token;
    if (token) registerPreviewMetricsRoute(app, token, () => this.metrics());
  }

  /** Opens the cache and starts the workers in the background; serving never waits for them. */
  async start(): Promise<void> {
    const { mode, active, reason } = this.sandbox;
    if (active) this.deps.logger.info({ sandbox: mode }, "preview: LibreOffice workers run sandboxed (bubblewrap)");
    else this.deps.logger.warn({ sandbox: mode, reason }, "preview: LibreOffice workers run WITHOUT a sandbox");
    await this.pipeline();
    this.converter();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort(new DocgateError("DOCGATE_UNAVAILABLE", { detail: "docgate is shutting down." }));
    if (this.sweep) clearInterval(this.sweep);
    await this.pool?.close();
  }

  async handleSession({
    session,
    reply,
    lang,
    wantsHtml,
    frameAncestors,
  }: SessionRequestContext): Promise<FastifyReply> {
    const plan = planFor(session.meta.name);
    const pipeline = await this.pipeline();
    const known = pipeline.knownFailure(session);
    if (known) throw known;
    // Start the download and conversion now; whoever asks next for this content joins the flight.
    const pending = pipeline.ensureRendition(session);
    const renditionUrl = renditionPath(session.id);
    const watermark = watermarkFor(session, this.repo(session.repoId), this.deps.now());
    if (!wantsHtml) {
      pending.then(
        (rendition) => rendition.release(),
        () => {},
      );
      return reply.send({ kind: plan.kind, renditionUrl, permissions: session.meta.permissions, watermark });
    }
    const rendition = await settleWithin(pending, needsContent(plan.kind) ? undefined : PAGE_WAIT_MS);
    let content: Uint8Array | undefined;
    if (rendition) {
      try {
        if (needsContent(plan.kind)) content = await readTextContent(rendition.path, rendition.size);
      } finally {
        rendition.release();
      }
    }
    const page = renderPreviewPage({
      session,
      lang,
      renditionUrl,
      kind: plan.kind,
      frameAncestors,
      watermark,
      content,
    });
    return reply.header("content-security-policy", page.csp).type("text/html; charset=utf-8").send(page.html);
  }

  /** Counters for monitoring: cache hits/misses/evictions, pool jobs/timeouts/restarts, downloads. */
  metrics(): PreviewMetrics {
    return {
      cache: this.cacheNow?.stats() ?? null,
      pool: this.pool?.stats() ?? null,
      pipeline: this.pipelineNow?.stats() ?? null,
    };
  }

  private pipeline(): Promise<PreviewPipeline> {
    this.pipelineReady ??= (async () => {
      const { config, businessClient } = this.deps;
      const cache = await RenditionCache.open({
        dir: join(config.server.dataDir, "cache"),
        maxBytes: config.preview.cacheMaxBytes,
        maxAgeMs: config.preview.cacheMaxAgeMs,
        nameKey: await loadOrCreateNameKey(join(config.server.dataDir, "keys", "cache-names.key")),
        now: this.deps.now,
      });
      this.cacheNow = cache;
      this.sweep = setInterval(() => cache.sweep(), SWEEP_INTERVAL_MS);
      this.sweep.unref();
      this.pipelineNow = new PreviewPipeline({
        cache,
        converter: () => this.converter(),
        client: businessClient,
        lookupRepo: (id) => this.repo(id),
        now: this.deps.now,
        signal: this.closing.signal,
      });
      return this.pipelineNow;
    })();
    return this.pipelineReady;
  }

  /** The pool, created on first use (start() or the first conversion); workers start in the background. */
  private converter(): LibreOfficePool {
    if (this.closed) throw new DocgateError("DOCGATE_UNAVAILABLE", { detail: "The preview engine is closed." });
    if (!this.pool) {
      const { config, logger } = this.deps;
      const workDir = join(config.server.dataDir, "preview-work");
      mkdirSync(workDir, { recursive: true });
      this.pool = new LibreOfficePool({
        size: config.preview.workers || availableParallelism(),
        workDir,
        jobTimeoutMs: config.preview.jobTimeoutMs,
        maxJobsPerWorker: config.preview.maxJobsPerWorker,
        maxRssBytes: config.preview.maxWorkerRssMb * 1024 * 1024,
        memoryLimitBytes: config.preview.workerMemoryLimitMb * 1024 * 1024,
        cpuLimitMs: config.preview.jobCpuLimitMs,
        sandbox: this.sandbox.mode,
        maxQueue: config.preview.queueLimit,
        eager: true,
        logger,
      });
    }
    return this.pool;
  }

  private repo(repoId: string) {
    return this.deps.config.repos.find((r) => r.id === repoId);
  }
}
