// Remembers deterministic preview failures per content key for a while. The same bytes fail the
// same way: without this, every re-open of a document that hangs LibreOffice would hold a worker
// until the timeout again. A new modified_at is a new key, so a fixed document is retried at once.
// Transient failures (busy, upstream errors, a failed conversion) are never remembered.
import type { DocgateError, ErrorCode } from "@docgate/core";

const DETERMINISTIC: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "DOCGATE_FILE_CORRUPT",
  "DOCGATE_FILE_PASSWORD_PROTECTED",
  "DOCGATE_FORMAT_UNSUPPORTED",
  "DOCGATE_FILE_TOO_LARGE",
  "DOCGATE_CONVERSION_TIMEOUT",
  "DOCGATE_CONVERSION_LIMIT",
  "DOCGATE_FORMAT_DISGUISED",
]);

const MAX_ENTRIES = 10_000;

export class FailureMemory {
  private readonly failures = new Map<string, { error: DocgateError; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  remember(key: string, error: DocgateError): void {
    if (!DETERMINISTIC.has(error.code) || this.ttlMs <= 0) return;
    this.failures.delete(key);
    this.failures.set(key, { error, until: this.now() + this.ttlMs });
    // Bounded: the oldest memory goes first (Map keeps insertion order).
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_ENTRIES) break;
      this.failures.delete(oldest);
    }
  }

  get(key: string): DocgateError | undefined {
    const known = this.failures.get(key);
    if (!known) return undefined;
    if (known.until <= this.now()) {
      this.failures.delete(key);
      return undefined;
    }
    return known.error;
  }
}
