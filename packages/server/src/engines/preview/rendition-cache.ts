// The rendition cache (issue 4, item 3; spec: entry 5). Content identity is (repoId, docId,
// modified_at), never a file name: kkFileView keys by name and shows the wrong file.
//
// Layout: <dir>/<sha256>.<kind> for committed entries, <dir>/tmp/ for writes in progress (a rename
// publishes them, so a reader never sees half a file; tmp/ is emptied at start, since anything in it
// belongs to a process that died).
//
// The index lives in memory and is rebuilt from the directory at start. Why not the state store:
// these files are on this machine's disk, while the state store may be a PostgreSQL shared by
// several docgate nodes; a scan of N files at start is cheap, and the files themselves are the
// truth (an index row without its file, or the reverse, cannot happen). Times survive restarts in
// the files' timestamps: mtime = when written (age), atime = last use (LRU), set explicitly.
//
// Documents with a live ONLYOFFICE edit session are not this cache's business: Document Server
// holds their working copy (spec: entry 5, "kept until it ends"); this cache only holds preview
// data, which is always safe to drop and rebuild.
import { createHash, randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { type CacheEntry, CacheIndex, type CacheStats } from "./cache-index.js";

export type CacheKind = "source" | "pdf";

export interface ContentKey {
  repoId: string;
  docId: string;
  modifiedAt: string;
  kind: CacheKind;
}

export interface CacheOptions {
  dir: string;
  maxBytes: number;
  maxAgeMs: number;
  now?: () => number;
}

/** A pinned entry: it cannot be evicted until released. */
export interface CacheLease {
  key: string;
  path: string;
  size: number;
  release(): void;
}

const ENTRY = /^([0-9a-f]{64})\.(source|pdf)$/;

/** sha256 over the length-prefixed parts, so no two different tuples can collide by concatenation. */
export function cacheKey(k: ContentKey): string {
  const hash = createHash("sha256");
  for (const part of [k.repoId, k.docId, k.modifiedAt, k.kind]) {
    hash.update(`${Buffer.byteLength(part)}:`).update(part);
  }
  return `${hash.digest("hex")}.${k.kind}`;
}

export class RenditionCache {
  readonly dir: string;
  readonly tmpDir: string;
  private readonly index: CacheIndex;
  private readonly now: () => number;
  private readonly leased = new WeakMap<CacheLease, CacheEntry>();

  private constructor(options: CacheOptions) {
    this.dir = options.dir;
    this.tmpDir = join(options.dir, "tmp");
    this.now = options.now ?? Date.now;
    this.index = new CacheIndex(options.maxBytes, options.maxAgeMs, (entry) => this.unlink(entry));
  }

  /** Opens the cache directory, removes abandoned temp files and rebuilds the index. */
  static async open(options: CacheOptions): Promise<RenditionCache> {
    const cache = new RenditionCache(options);
    await rm(cache.tmpDir, { recursive: true, force: true });
    await mkdir(cache.tmpDir, { recursive: true });
    const found: CacheEntry[] = [];
    for (const name of await readdir(cache.dir)) {
      if (!ENTRY.test(name)) continue;
      const info = await stat(join(cache.dir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      found.push({ key: name, size: info.size, writtenAt: info.mtimeMs, usedAt: info.atimeMs, pins: 0 });
    }
    for (const entry of found.sort((a, b) => a.usedAt - b.usedAt)) cache.index.add(entry);
    cache.index.evict(cache.now());
    return cache;
  }

  /** The committed entry for `key`, pinned; undefined (a miss) when absent or too old. */
  lookup(key: string): CacheLease | undefined {
    const now = this.now();
    const entry = this.index.get(key, now);
    if (!entry) return undefined;
    entry.usedAt = now;
    // Remember the use across restarts; a failure only costs LRU accuracy.
    const when = new Date(now);
    utimes(this.pathOf(key), when, new Date(entry.writtenAt)).catch(() => {});
    return this.lease(entry);
  }

  /** A fresh path in tmp/ for a write in progress; pass it to commit() or remove it. */
  tempPath(suffix = ""): string {
    return join(this.tmpDir, `${randomBytes(12).toString("hex")}${suffix}`);
  }

  /** Publishes a finished temp file under `key` (atomic rename) and returns it pinned. */
  async commit(key: string, tempPath: string): Promise<CacheLease> {
    const path = this.pathOf(key);
    const info = await stat(tempPath);
    await rename(tempPath, path);
    const now = this.now();
    const entry: CacheEntry = { key, size: info.size, writtenAt: now, usedAt: now, pins: 1 };
    this.index.add(entry);
    this.index.evict(now);
    entry.pins--;
    return this.lease(entry);
  }

  /** Another pin on a leased entry, for a caller that joined someone else's flight. */
  share(lease: CacheLease): CacheLease {
    const entry = this.leased.get(lease);
    if (!entry) throw new Error("not a lease of this cache");
    return this.lease(entry);
  }

  /** Evicts by age and size now (also runs after every commit). */
  sweep(): void {
    this.index.evict(this.now());
  }

  stats(): CacheStats {
    return this.index.stats();
  }

  pathOf(key: string): string {
    return join(this.dir, key);
  }

  private lease(entry: CacheEntry): CacheLease {
    entry.pins++;
    let released = false;
    const lease: CacheLease = {
      key: entry.key,
      path: this.pathOf(entry.key),
      size: entry.size,
      release: () => {
        if (released) return;
        released = true;
        entry.pins--;
        // An entry that had to outlive its eviction time while pinned goes now.
        if (entry.pins === 0) this.index.evict(this.now());
      },
    };
    this.leased.set(lease, entry);
    return lease;
  }

  // Synchronous on purpose: an asynchronous unlink could land after a new commit of the same key.
  private unlink(entry: CacheEntry): void {
    try {
      unlinkSync(this.pathOf(entry.key));
    } catch {
      // Already gone: nothing to free.
    }
  }
}
