// Final saves this process failed to store, per key (spec: onlyoffice 4: DS sends a status 2 once and
// retries it at most 3 times, only after a network error, 429 or 5xx; then the file goes to DS's
// forgotten files). Counting them tells docgate, without waiting out a long timeout, that DS has
// given up, so editors stop waiting for a save that will never arrive (open-editor.ts). Per process
// by design: a retry that reaches another instance is counted there, and the time limit
// (onlyoffice.finalSaveTimeoutMs) covers that case.

/** A status 2 and DS's three retries. */
export const DS_FINAL_SAVE_ATTEMPTS = 4;
const MAX_KEYS = 10_000;

export class FinalSaveFailures {
  readonly #byKey = new Map<string, number>();

  record(key: string): void {
    this.#byKey.set(key, (this.#byKey.get(key) ?? 0) + 1);
    // Keys nobody waits for are never asked about again: bound the map, oldest first.
    while (this.#byKey.size > MAX_KEYS) {
      const oldest = this.#byKey.keys().next().value;
      if (oldest === undefined) break;
      this.#byKey.delete(oldest);
    }
  }

  /** Whether DS has used up its attempts for this key's final save, as far as this process saw. */
  exhausted(key: string): boolean {
    return (this.#byKey.get(key) ?? 0) >= DS_FINAL_SAVE_ATTEMPTS;
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }
}
