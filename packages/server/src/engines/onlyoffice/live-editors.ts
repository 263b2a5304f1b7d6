// Who is in which DS session, per process (spec: onlyoffice 4, "which user's credentials upload a
// save": the last editor's, else the session owner's). DS names users by editorConfig.user.id, which
// is userinfo.id, so docgate remembers which browser session each user id opened the key with. Kept in
// memory: another process that receives the callback falls back to the session in the callback URL,
// which is always a real editor of that key.
export interface KeyParticipants {
  /** DS user id → docgate session id, for sessions that opened this key to edit. */
  sessions: Map<string, string>;
  /** Editors DS last reported (status 1 `users`). */
  editors: string[];
  touchedAt: number;
}

const MAX_KEYS = 10_000;

export class LiveEditors {
  readonly #byKey = new Map<string, KeyParticipants>();

  join(key: string, userId: string, sessionId: string, now: number): void {
    const entry = this.#entry(key, now);
    entry.sessions.set(userId, sessionId);
  }

  /** Status 1: the editors DS reports now. */
  setEditors(key: string, users: readonly string[], now: number): void {
    this.#entry(key, now).editors = [...users];
  }

  editors(key: string): readonly string[] {
    return this.#byKey.get(key)?.editors ?? [];
  }

  sessionOf(key: string, userId: string | undefined): string | undefined {
    return userId === undefined ? undefined : this.#byKey.get(key)?.sessions.get(userId);
  }

  /** The key is finished (final save): nobody joins it again. */
  forget(key: string): void {
    this.#byKey.delete(key);
  }

  #entry(key: string, now: number): KeyParticipants {
    let entry = this.#byKey.get(key);
    if (entry) {
      // Re-insert so iteration order is least recently touched first.
      this.#byKey.delete(key);
    } else {
      entry = { sessions: new Map(), editors: [], touchedAt: now };
    }
    entry.touchedAt = now;
    this.#byKey.set(key, entry);
    // Keys whose session ended with a status 4 and never came back are never forgotten explicitly;
    // bound the map by dropping the least recently touched.
    while (this.#byKey.size > MAX_KEYS) {
      const oldest = this.#byKey.keys().next().value;
      if (oldest === undefined) break;
      this.#byKey.delete(oldest);
    }
    return entry;
  }
}
