// The rendition cache (issue 4, item 3; spec: entry 5). Content identity is (repoId, docId,
// modified_at), never a file name: kkFileView keys by name and shows the wrong file.
//
// Layout: <dir>/<repo tag>/<name>.<kind> for committed entries, <dir>/tmp/ for writes in progress (a
// rename publishes them, so a reader never sees half a file; tmp/ is emptied at start, since anything
// in it belongs to a process that died). Tag and name are HMACs keyed with a server-side secret
// (name-key.ts): nobody can derive where a document's rendition lives, and each repo's files are in
// a directory of their own (docs/security.md, "Cache names").
//
// The size cap counts what is being written into tmp/ too: a download reserves its bytes as they
// arrive (grow), evicting least recently used entries first, and fails with DOCGATE_PREVIEW_BUSY
// when pinned entries and other writes leave no room.
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
import { createHmac, randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DocgateError } from "@docgate/core";
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
  /** The server-side secret names are keyed with (name-key.ts). */
  nameKey: Buffer;
  now?: () => number;
}

/** A pinned entry: it cannot be evicted until released. */
export interface CacheLease {
  key: string;
  path: string;
  size: number;
  release(): void;
}

const REPO_DIR = /^[0-9a-f]{32}$/;
const ENTRY = /^[0-9a-f]{64}\.(source|pdf)$/;

/** HMAC-SHA256 over length-prefixed parts, so no two different tuples can collide by concatenation. */
function keyedHex(nameKey: Buffer, parts: string[]): string {
  const mac = createHmac("sha256", nameKey);
  for (const part of parts) mac.update(`${Buffer.byteLength(part)}:`).update(part);
  return mac.digest("hex");
}

/** `<repo tag>/<name>.<kind>`: the entry's path below the cache directory. */
export function cacheKey(k: ContentKey, nameKey: Buffer): string {
  const repoTag = keyedHex(nameKey, ["repo", k.repoId]).slice(0, 32);
  return `${repoTag}/${keyedHex(nameKey, [k.repoId, k.docId, k.modifiedAt, k.kind])}.${k.kind}`;
}

export class RenditionCache {
  readonly dir: string;
  readonly tmpDir: string;
  private readonly index: CacheIndex;
  private readonly now: () => number;
  private readonly leased = new WeakMap<CacheLease, CacheEntry>();
  private readonly nameKey: Buffer;
  /** Bytes reserved by each write in progress in tmp/, by path. */
  private readonly writing = new Map<string, number>();

  private constructor(options: CacheOptions) {
    this.dir = options.dir;
    this.tmpDir = join(options.dir, "tmp");
    this.now = options.now ?? Date.now;
    this.nameKey = options.nameKey;
    this.index = new CacheIndex(options.maxBytes, options.maxAgeMs, (entry) => this.unlink(entry));
  }

  /**
   * Opens the cache directory, removes abandoned temp files and rebuilds the index. Files that are
   * not entries of this layout (e.g. names from before keyed names) are removed: the cache only
   * holds what can be made again.
   */
  static async open(options: CacheOptions): Promise<RenditionCache> {
    const cache = new RenditionCache(options);
    await rm(cache.tmpDir, { recursive: true, force: true });
    await mkdir(cache.tmpDir, { recursive: true });
    const found: CacheEntry[] = [];
    for (const name of await readdir(cache.dir)) {
      if (name === "tmp") continue;
      if (!REPO_DIR.test(name)) {
        await rm(join(cache.dir, name), { recursive: true, force: true });
        continue;
      }
      found.push(...(await scanRepoDir(cache.dir, name)));
    }
    for (const entry of found.sort((a, b) => a.usedAt - b.usedAt)) cache.index.add(entry);
    cache.index.evict(cache.now());
    return cache;
  }

  /** The key of a content identity in this cache (keyed with the server-side secret). */
  keyOf(k: ContentKey): string {
    return cacheKey(k, this.nameKey);
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

  /** A fresh path in tmp/ for a write in progress; pass it to commit() or discard(). */
  tempPath(suffix = ""): string {
    const path = join(this.tmpDir, `${randomBytes(12).toString("hex")}${suffix}`);
    this.writing.set(path, 0);
    return path;
  }

  /**
   * Counts `bytes` more of a write in progress against the size cap, evicting least recently used
   * entries to make room. Throws DOCGATE_PREVIEW_BUSY when pinned entries and other writes leave
   * none: the write must stop (the caller discards it).
   */
  grow(tempPath: string, bytes: number): void {
    const reserved = this.writing.get(tempPath);
    if (reserved === undefined) throw new Error("not a write in progress of this cache");
    this.writing.set(tempPath, reserved + bytes);
    if (!this.index.reserve(bytes, this.now())) {
      throw new DocgateError("DOCGATE_PREVIEW_BUSY", { detail: "(the preview cache is full of documents in use)" });
    }
  }

  /** Forgets a write that will not be committed, and removes its file. */
  async discard(tempPath: string): Promise<void> {
    this.release(tempPath);
    await rm(tempPath, { force: true });
  }

  /** Publishes a finished temp file under `key` (atomic rename) and returns it pinned. */
  async commit(key: string, tempPath: string): Promise<CacheLease> {
    const path = this.pathOf(key);
    const info = await stat(tempPath);
    await mkdir(dirname(path), { recursive: true });
    await rename(tempPath, path);
    this.release(tempPath);
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

  /** Hands a write's reservation back; its bytes are counted as an entry from now on, or not at all. */
  private release(tempPath: string): void {
    const reserved = this.writing.get(tempPath);
    if (reserved === undefined) return;
    this.writing.delete(tempPath);
    this.index.unreserve(reserved);
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

async function scanRepoDir(dir: string, repoTag: string): Promise<CacheEntry[]> {
  const found: CacheEntry[] = [];
  for (const name of await readdir(join(dir, repoTag)).catch(() => [] as string[])) {
    const path = join(dir, repoTag, name);
    const info = await stat(path).catch(() => undefined);
    if (!ENTRY.test(name) || !info?.isFile()) {
      await rm(path, { recursive: true, force: true });
      continue;
    }
    found.push({ key: `${repoTag}/${name}`, size: info.size, writtenAt: info.mtimeMs, usedAt: info.atimeMs, pins: 0 });
  }
  return found;
}
