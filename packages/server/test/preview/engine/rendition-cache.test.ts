// The rendition cache on its own: keyed names, atomic commits, pins, eviction by size and age (writes
// in progress counted), counters, and the index rebuilt from disk after a restart.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CacheOptions, cacheKey, RenditionCache } from "../../../src/engines/preview/rendition-cache.js";
import { expectCode } from "../support.js";

const dirs: string[] = [];
let clock = 1_000_000;
const now = () => clock;

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "docgate-cache-"));
  dirs.push(dir);
  return dir;
}

async function put(cache: RenditionCache, key: string, content: string): Promise<void> {
  const temp = cache.tempPath();
  writeFileSync(temp, content);
  (await cache.commit(key, temp)).release();
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NAME_KEY = randomBytes(32);
const open = (options: Omit<CacheOptions, "nameKey">) => RenditionCache.open({ ...options, nameKey: NAME_KEY });

const key = (docId: string, modifiedAt = "2024-01-01T00:00:00.000Z", kind: "pdf" | "source" = "pdf") =>
  cacheKey({ repoId: "crm", docId, modifiedAt, kind }, NAME_KEY);

describe("cacheKey", () => {
  it("differs for every part of the content identity and never depends on a file name", () => {
    const keys = new Set([
      key("a"),
      key("b"),
      key("a", "2024-01-01T00:00:00.001Z"),
      key("a", undefined, "source"),
      cacheKey({ repoId: "hr", docId: "a", modifiedAt: "2024-01-01T00:00:00.000Z", kind: "pdf" }, NAME_KEY),
    ]);
    expect(keys.size).toBe(5);
    expect(key("a")).toBe(key("a"));
    expect(key("a")).toMatch(/^[0-9a-f]{32}\/[0-9a-f]{64}\.pdf$/);
  });

  it("cannot be forged by moving characters between parts", () => {
    const a = cacheKey({ repoId: "crm", docId: "ab", modifiedAt: "c", kind: "pdf" }, NAME_KEY);
    const b = cacheKey({ repoId: "crm", docId: "a", modifiedAt: "bc", kind: "pdf" }, NAME_KEY);
    expect(a).not.toBe(b);
  });

  it("cannot be derived without the server's key, and keeps each repo's entries in a directory of its own", () => {
    const identity = { repoId: "crm", docId: "42", modifiedAt: "2024-01-01T00:00:00.000Z", kind: "pdf" } as const;
    const [repoDir, name] = cacheKey(identity, NAME_KEY).split("/");
    // Another key (an attacker's guess) names neither the directory nor the file.
    const [otherDir, otherName] = cacheKey(identity, randomBytes(32)).split("/");
    expect(otherDir).not.toBe(repoDir);
    expect(otherName).not.toBe(name);
    // Nothing of the identity shows in the path, and the old unkeyed digest is not it either.
    expect(`${repoDir}/${name}`).not.toMatch(/crm|42|2024/);
    const sameRepo = cacheKey({ ...identity, docId: "43" }, NAME_KEY).split("/")[0];
    const otherRepo = cacheKey({ ...identity, repoId: "hr" }, NAME_KEY).split("/")[0];
    expect(sameRepo).toBe(repoDir);
    expect(otherRepo).not.toBe(repoDir);
  });
});

describe("RenditionCache", () => {
  it("misses, then hits after an atomic commit, counting both", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 1000, maxAgeMs: 60_000, now });
    expect(cache.lookup(key("a"))).toBeUndefined();
    await put(cache, key("a"), "hello");
    const lease = cache.lookup(key("a"));
    expect(lease?.size).toBe(5);
    expect(await readFile(lease!.path, "utf8")).toBe("hello");
    lease!.release();
    expect(readdirSync(cache.tmpDir)).toEqual([]);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 5 });
  });

  it("evicts the least recently used entries beyond maxBytes, never a pinned one", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 25, maxAgeMs: 60_000, now });
    await put(cache, key("a"), "a".repeat(10));
    clock++;
    await put(cache, key("b"), "b".repeat(10));
    clock++;
    cache.lookup(key("a"))!.release(); // a is now more recent than b
    const pinned = cache.lookup(key("b"))!; // ...but b is being read
    clock++;
    await put(cache, key("c"), "c".repeat(10)); // 30 bytes > 25: someone must go
    // b is pinned, so a (the least recently used unpinned entry) goes.
    expect(existsSync(cache.pathOf(key("a")))).toBe(false);
    expect(existsSync(pinned.path)).toBe(true);
    expect(cache.stats()).toMatchObject({ evictedBySize: 1, entries: 2, bytes: 20 });
    pinned.release();
    expect(cache.lookup(key("a"))).toBeUndefined();
  });

  it("keeps an over-size pinned entry until its last reader releases it", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 5, maxAgeMs: 60_000, now });
    const temp = cache.tempPath();
    writeFileSync(temp, "x".repeat(8));
    const lease = await cache.commit(key("big"), temp);
    expect(existsSync(lease.path)).toBe(true);
    lease.release();
    expect(existsSync(lease.path)).toBe(false);
    expect(cache.stats()).toMatchObject({ evictedBySize: 1, entries: 0, bytes: 0 });
  });

  it("treats entries older than maxAgeMs as misses and removes them", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 1000, maxAgeMs: 1000, now });
    await put(cache, key("old"), "old");
    await put(cache, key("swept"), "swept");
    clock += 1001;
    expect(cache.lookup(key("old"))).toBeUndefined();
    expect(existsSync(cache.pathOf(key("old")))).toBe(false);
    expect(existsSync(cache.pathOf(key("swept")))).toBe(false); // the same pass took every old entry
    expect(cache.stats()).toMatchObject({ evictedByAge: 2, entries: 0 });
  });

  it("rebuilds its index from disk at start and removes abandoned temp files", async () => {
    const dir = newDir();
    const first = await open({ dir, maxBytes: 1000, maxAgeMs: 60_000, now });
    await put(first, key("kept"), "kept!");
    writeFileSync(first.tempPath(), "half a conversion");
    writeFileSync(join(dir, "stray.txt"), "not ours");
    const second = await open({ dir, maxBytes: 1000, maxAgeMs: 60_000, now });
    expect(readdirSync(second.tmpDir)).toEqual([]);
    expect(second.stats()).toMatchObject({ entries: 1, bytes: 5 });
    const lease = second.lookup(key("kept"));
    expect(await readFile(lease!.path, "utf8")).toBe("kept!");
    lease!.release();
  });

  it("evicts at start what is already too old, using the files' timestamps", async () => {
    const dir = newDir();
    const first = await open({ dir, maxBytes: 1000, maxAgeMs: 60_000 });
    await put(first, key("stale"), "stale");
    const later = Date.now() + 120_000;
    const second = await open({ dir, maxBytes: 1000, maxAgeMs: 60_000, now: () => later });
    expect(second.stats()).toMatchObject({ entries: 0, evictedByAge: 1 });
    expect(readdirSync(dir).flatMap((name) => (name === "tmp" ? [] : readdirSync(join(dir, name))))).toEqual([]);
  });

  it("removes at start files that are not entries of its layout, e.g. unkeyed names from before", async () => {
    const dir = newDir();
    const old = `${"a".repeat(64)}.pdf`;
    writeFileSync(join(dir, old), "an old rendition");
    mkdirSync(join(dir, "b".repeat(32)));
    writeFileSync(join(dir, "b".repeat(32), "stray.txt"), "not an entry");
    const cache = await open({ dir, maxBytes: 1000, maxAgeMs: 60_000, now });
    expect(existsSync(join(dir, old))).toBe(false);
    expect(existsSync(join(dir, "b".repeat(32), "stray.txt"))).toBe(false);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});

describe("RenditionCache size cap with writes in progress", () => {
  it("counts a write as it grows and evicts least recently used entries before it crosses the cap", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 30, maxAgeMs: 60_000, now });
    await put(cache, key("a"), "a".repeat(10));
    clock++;
    await put(cache, key("b"), "b".repeat(10));
    const temp = cache.tempPath();
    cache.grow(temp, 5);
    expect(cache.stats()).toMatchObject({ bytes: 25, writingBytes: 5, entries: 2 });
    cache.grow(temp, 10); // 35 > 30: the least recently used entry goes before the bytes land
    expect(existsSync(cache.pathOf(key("a")))).toBe(false);
    expect(cache.stats()).toMatchObject({ bytes: 25, writingBytes: 15, entries: 1, evictedBySize: 1 });
    writeFileSync(temp, "t".repeat(15));
    (await cache.commit(key("t"), temp)).release();
    expect(cache.stats()).toMatchObject({ bytes: 25, writingBytes: 0, entries: 2 });
  });

  it("fails a write with a retryable DOCGATE_PREVIEW_BUSY when pinned entries leave no room, and forgets it when discarded", async () => {
    const cache = await open({ dir: newDir(), maxBytes: 30, maxAgeMs: 60_000, now });
    await put(cache, key("pinned"), "p".repeat(20));
    const reader = cache.lookup(key("pinned"))!;
    const temp = cache.tempPath();
    writeFileSync(temp, "partial");
    cache.grow(temp, 10);
    const err = await expectCode(
      Promise.resolve().then(() => cache.grow(temp, 1)),
      "DOCGATE_PREVIEW_BUSY",
    );
    expect(err.retryable).toBe(true);
    expect(existsSync(reader.path)).toBe(true);
    await cache.discard(temp);
    expect(existsSync(temp)).toBe(false);
    expect(cache.stats()).toMatchObject({ bytes: 20, writingBytes: 0 });
    reader.release();
  });
});
