// Tokens the demo hands to docgate in `params` (spec: entry 3): random, scoped to one user and one
// document, read-only unless the user may edit, and expiring. Only their SHA-256 is stored, so the
// database alone does not let anyone call the content endpoints.
import { createHash, randomBytes } from "node:crypto";
import type { DemoDatabase } from "./database.js";

export interface TokenGrant {
  userId: string;
  docId: string;
  canWrite: boolean;
  expiresAt: number;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** base64url of 32 random bytes: 43 characters that are safe as a cookie, header and query value. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class TokenStore {
  constructor(
    private readonly db: DemoDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: Omit<TokenGrant, "expiresAt">, ttlMs: number): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = this.now() + ttlMs;
    this.db
      .prepare("INSERT INTO tokens (hash, user_id, doc_id, can_write, expires_at) VALUES (?, ?, ?, ?, ?)")
      .run(hashToken(token), grant.userId, grant.docId, grant.canWrite ? 1 : 0, expiresAt);
    return { token, expiresAt };
  }

  /** The grant of a live token; undefined when unknown, malformed or expired. */
  lookup(token: string): TokenGrant | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db
      .prepare("SELECT user_id, doc_id, can_write, expires_at FROM tokens WHERE hash = ?")
      .get(hashToken(token)) as { user_id: string; doc_id: string; can_write: number; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.now()) return undefined;
    return { userId: row.user_id, docId: row.doc_id, canWrite: row.can_write === 1, expiresAt: row.expires_at };
  }

  purgeExpired(): number {
    return this.db.prepare("DELETE FROM tokens WHERE expires_at <= ?").run(this.now()).changes;
  }
}
