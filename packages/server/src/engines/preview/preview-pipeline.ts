// From a session to a file the viewer can show (issue 4, items 3 and 7):
//   cache hit                      -> done: no download, no conversion;
//   miss, native format (pdf, ...) -> download the source into the cache and serve it;
//   miss, office format            -> download the source, convert it with the pool, cache the PDF.
// Concurrent opens of the same content share one flight per cache key (10 opens: 1 download,
// 1 conversion). Every temp file is removed on every path; deterministic failures are remembered
// for the same content key for a while, so a hanging document cannot hold a worker on every open.
import { open } from "node:fs/promises";
import { DocgateError, type ErrorCode, isDocgateError, type SessionRecord } from "@docgate/core";
import type { BusinessClient, RepoTarget } from "../../adapters/source/index.js";
import { downloadTo } from "./download-to.js";
import { FailureMemory } from "./failure-memory.js";
import type { CacheKind, CacheLease, RenditionCache } from "./rendition-cache.js";
import { matchesSignature, planFor, type ViewerKind } from "./rendition-kind.js";

/** The subset of LibreOfficePool the pipeline uses (a fake can stand in for it in unit tests). */
export interface Converter {
  convert(key: string, inputPath: string, outputPath: string, options: { format: string }): Promise<unknown>;
}

export interface PipelineDeps {
  cache: RenditionCache;
  /** The pool, created on first use. */
  converter(): Converter;
  client: BusinessClient;
  lookupRepo(repoId: string): RepoTarget | undefined;
  now?: () => number;
  /** How long a deterministic failure is answered from memory for the same content. */
  failureTtlMs?: number;
  /**
   * Aborts downloads in flight when the engine closes. Deliberately not a request's signal: a flight
   * serves every viewer of the content, so one closed tab must not cancel the others' download.
   */
  signal?: AbortSignal;
}

/** A file ready to serve, pinned in the cache until release(). */
export interface Rendition {
  path: string;
  contentType: string;
  size: number;
  kind: ViewerKind;
  release(): void;
}

export interface PipelineStats {
  downloads: number;
  conversions: number;
  failures: Partial<Record<ErrorCode, number>>;
}

export class PreviewPipeline {
  private readonly flights = new Map<string, Promise<CacheLease>>();
  private readonly failures: FailureMemory;
  private readonly counters: PipelineStats = { downloads: 0, conversions: 0, failures: {} };

  constructor(private readonly deps: PipelineDeps) {
    this.failures = new FailureMemory(deps.failureTtlMs ?? 5 * 60_000, deps.now ?? Date.now);
  }

  /** The rendition the viewer shows for this session's content. */
  async ensureRendition(session: SessionRecord): Promise<Rendition> {
    const plan = planFor(session.meta.name);
    const lease = plan.convert ? await this.ensurePdf(session, plan.extension) : await this.ensureSource(session);
    return {
      path: lease.path,
      size: lease.size,
      contentType: plan.contentType,
      kind: plan.kind,
      release: lease.release,
    };
  }

  /** The original bytes of this session's content, pinned (downloaded once per content key). */
  ensureSource(session: SessionRecord): Promise<CacheLease> {
    const key = this.keyOf(session, "source");
    const extension = planFor(session.meta.name).extension;
    return this.cachedOrFlight(key, async () => {
      const repo = this.deps.lookupRepo(session.repoId);
      if (!repo) throw new DocgateError("DOCGATE_REPO_UNKNOWN");
      const { cache } = this.deps;
      const temp = cache.tempPath();
      try {
        this.counters.downloads++;
        const request = { url: session.downloadUrl, repo, params: session.params, signal: this.deps.signal };
        await downloadTo(this.deps.client, request, temp, (bytes) => cache.grow(temp, bytes));
        if (!matchesSignature(extension, await readHead(temp))) {
          throw new DocgateError("DOCGATE_FILE_CORRUPT", { detail: `The content is not a .${extension} file.` });
        }
        return await cache.commit(key, temp);
      } finally {
        await cache.discard(temp);
      }
    });
  }

  /** A failure already known for this session's content (e.g. to show the error page at once). */
  knownFailure(session: SessionRecord): DocgateError | undefined {
    const plan = planFor(session.meta.name);
    return this.failures.get(this.keyOf(session, plan.convert ? "pdf" : "source"));
  }

  stats(): PipelineStats {
    return { ...this.counters, failures: { ...this.counters.failures } };
  }

  private ensurePdf(session: SessionRecord, format: string): Promise<CacheLease> {
    const key = this.keyOf(session, "pdf");
    return this.cachedOrFlight(key, async () => {
      const source = await this.ensureSource(session);
      const temp = this.deps.cache.tempPath(".pdf");
      try {
        this.counters.conversions++;
        await this.deps.converter().convert(key, source.path, temp, { format });
        return await this.deps.cache.commit(key, temp);
      } finally {
        source.release();
        await this.deps.cache.discard(temp);
      }
    });
  }

  /**
   * A cache hit, or the one flight for `key`. The flight's lease is held until every caller that
   * awaited it has taken its own pin (their continuations run as microtasks, before setImmediate).
   */
  private async cachedOrFlight(key: string, work: () => Promise<CacheLease>): Promise<CacheLease> {
    const hit = this.deps.cache.lookup(key);
    if (hit) return hit;
    const known = this.failures.get(key);
    if (known) throw known;
    let flight = this.flights.get(key);
    if (!flight) {
      flight = work().then(
        (lease) => {
          setImmediate(lease.release);
          return lease;
        },
        (err: unknown) => {
          throw this.failed(key, err);
        },
      );
      const current = flight;
      this.flights.set(key, current);
      void current.then(
        () => this.flights.delete(key),
        () => this.flights.delete(key),
      );
    }
    return this.deps.cache.share(await flight);
  }

  private failed(key: string, err: unknown): DocgateError {
    const error = isDocgateError(err)
      ? err
      : new DocgateError("DOCGATE_CONVERSION_FAILED", { cause: err instanceof Error ? err : new Error(String(err)) });
    this.counters.failures[error.code] = (this.counters.failures[error.code] ?? 0) + 1;
    this.failures.remember(key, error);
    return error;
  }

  private keyOf(session: SessionRecord, kind: CacheKind): string {
    // spec: entry 5, content identity is (repoId, docId, modified_at); never the file name.
    return this.deps.cache.keyOf({
      repoId: session.repoId,
      docId: session.docId,
      modifiedAt: session.meta.modified_at,
      kind,
    });
  }
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
