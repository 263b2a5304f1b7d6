// A document's modified_at (spec: entry 4): `YYYY-MM-DDTHH:mm:ss.SSSZ` in UTC, and, because docgate
// keys its caches by (repoId, docId, modified_at) (spec: entry 5), every new version must get a value
// strictly greater than the previous one, even when two versions land in the same millisecond or the
// clock steps back.

/** The modified_at for a new version, given the document's latest one (if any) and the clock. */
export function nextModifiedAt(previous: string | undefined, nowMs: number): string {
  let ms = Math.trunc(nowMs);
  if (previous !== undefined) {
    const last = Date.parse(previous);
    if (!Number.isFinite(last)) throw new Error(`stored modified_at is not a date: ${previous}`);
    if (ms <= last) ms = last + 1;
  }
  return new Date(ms).toISOString();
}

export const MODIFIED_AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
