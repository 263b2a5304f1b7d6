// The in-memory index behind RenditionCache: sizes, times, pins and the eviction policy.
// Kept apart from the file handling so the policy is easy to read and to test.

export interface CacheEntry {
  key: string;
  size: number;
  /** When the entry was written: its age counts from here. */
  writtenAt: number;
  /** Last use, for least-recently-used eviction. */
  usedAt: number;
  /** Readers and writers holding the entry; a pinned entry is never evicted. */
  pins: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries removed because the cache was over cacheMaxBytes. */
  evictedBySize: number;
  /** Entries removed because they were older than cacheMaxAgeMs. */
  evictedByAge: number;
  entries: number;
  /** Committed entries plus writes in progress. */
  bytes: number;
  /** Of which writes in progress (downloads into the cache). */
  writingBytes: number;
  maxBytes: number;
}

export class CacheIndex {
  // A Map iterates in insertion order; re-inserting on use keeps it in LRU order, so eviction
  // walks from the front without sorting.
  private readonly entries = new Map<string, CacheEntry>();
  /** Committed entries only; writes in progress are `writing`. */
  private bytes = 0;
  private writing = 0;
  private readonly counters = { hits: 0, misses: 0, evictedBySize: 0, evictedByAge: 0 };

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs: number,
    private readonly remove: (entry: CacheEntry) => void,
  ) {}

  /** Adds (or replaces) an entry as the most recently used; callers add older entries first. */
  add(entry: CacheEntry): void {
    const old = this.entries.get(entry.key);
    if (old) {
      this.bytes -= old.size;
      this.entries.delete(entry.key);
    }
    this.entries.set(entry.key, entry);
    this.bytes += entry.size;
  }

  /** A hit moves the entry to the back of the LRU order; a too-old entry is a miss. */
  get(key: string, now: number): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry || this.tooOld(entry, now)) {
      this.counters.misses++;
      if (entry) this.evict(now);
      return undefined;
    }
    this.counters.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Counts `bytes` of a write in progress and evicts to make room; false when the cap is still
   * crossed (only pinned entries and other writes are left). The bytes stay counted either way,
   * until unreserve().
   */
  reserve(bytes: number, now: number): boolean {
    this.writing += bytes;
    this.evict(now);
    return this.total() <= this.maxBytes;
  }

  unreserve(bytes: number): void {
    this.writing -= bytes;
  }

  /** Removes every unpinned entry past its age, then least recently used ones until under the size cap. */
  evict(now: number): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.pins === 0 && this.tooOld(entry, now)) {
        this.drop(entry);
        this.counters.evictedByAge++;
      }
    }
    if (this.total() <= this.maxBytes) return;
    for (const entry of [...this.entries.values()]) {
      if (this.total() <= this.maxBytes) break;
      if (entry.pins > 0) continue;
      this.drop(entry);
      this.counters.evictedBySize++;
    }
  }

  stats(): CacheStats {
    return {
      ...this.counters,
      entries: this.entries.size,
      bytes: this.total(),
      writingBytes: this.writing,
      maxBytes: this.maxBytes,
    };
  }

  private total(): number {
    return this.bytes + this.writing;
  }

  private tooOld(entry: CacheEntry, now: number): boolean {
    return now - entry.writtenAt > this.maxAgeMs;
  }

  private drop(entry: CacheEntry): void {
    this.entries.delete(entry.key);
    this.bytes -= entry.size;
    this.remove(entry);
  }
}
