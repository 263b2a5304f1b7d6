// The built-in preview engine (issue 4): LibreOffice pool + rendition cache + viewer page.
//
// Time to first page: the page is answered at once and fetches its rendition itself, while the
// session request has already started the download and conversion in the background. The browser
// spends the conversion time loading the viewer's scripts instead of waiting on a blank tab, and the
// rendition request joins the flight already under way. A failure already known for this content
// (a corrupt file opened again, say) becomes the bilingual error page right away; a failure that
// happens while the page loads reaches the page as the rendition's JSON error, which it shows with
// its code.
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EngineDeps } from "../create-engines.js";
import type { SessionEngine, SessionRequestContext } from "../session-engine.js";
import type { CacheStats } from "./cache-index.js";
import { registerRenditionRoute, renditionPath } from "./http/rendition-route.js";
import { LibreOfficePool } from "./libreoffice/libreoffice-pool.js";
import type { PoolStats } from "./libreoffice/pool-options.js";
import { type PipelineStats, PreviewPipeline } from "./preview-pipeline.js";
import { renderPreviewPage } from "./render-preview-page.js";
import { RenditionCache } from "./rendition-cache.js";
import { canPreview, planFor } from "./rendition-kind.js";

export interface PreviewMetrics {
  cache: CacheStats | null;
  pool: PoolStats | null;
  pipeline: PipelineStats | null;
}

const SWEEP_INTERVAL_MS = 60_000;

export class BuiltinEngine implements SessionEngine {
  readonly id = "builtin" as const;
  private pool: LibreOfficePool | undefined;
  private pipelineReady: Promise<PreviewPipeline> | undefined;
  private pipelineNow: PreviewPipeline | undefined;
  private cacheNow: RenditionCache | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly deps: EngineDeps) {}

  canView(extension: string): boolean {
    return canPreview(extension);
  }

  canEdit(): boolean {
    return false;
  }

  registerRoutes(app: FastifyInstance): void {
    registerRenditionRoute(app, {
      store: this.deps.store,
      pipeline: () => this.pipeline(),
      frameAncestorsOf: (repoId) => this.repo(repoId)?.frameAncestors ?? [],
      now: this.deps.now,
    });
  }

  /** Opens the cache and starts the workers in the background; serving never waits for them. */
  async start(): Promise<void> {
    await this.pipeline();
    this.converter();
  }

  async close(): Promise<void> {
    this.closed = true;
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
    // Start the download and conversion now; the page's rendition request joins this flight.
    pipeline.ensureRendition(session).then(
      (rendition) => rendition.release(),
      (err: unknown) => this.deps.logger.debug({ err, session: session.id.slice(0, 8) }, "preview prefetch failed"),
    );
    const renditionUrl = renditionPath(session.id);
    if (!wantsHtml) {
      return reply.send({
        kind: plan.kind,
        renditionUrl,
        permissions: session.meta.permissions,
        watermark: session.meta.waterMark ?? null,
      });
    }
    const page = renderPreviewPage({ session, lang, renditionUrl, kind: plan.kind, frameAncestors });
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
      });
      return this.pipelineNow;
    })();
    return this.pipelineReady;
  }

  /** The pool, created on first use (start() or the first conversion); workers start in the background. */
  private converter(): LibreOfficePool {
    if (this.closed) throw new Error("the preview engine is closed");
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
