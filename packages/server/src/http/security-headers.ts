import { randomBytes } from "node:crypto";

// Every HTML response gets a strict CSP with a per-response nonce; frame-ancestors comes from the
// repo's configuration so only the registered business system can embed docgate (issue 2, item 4).
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface CspOptions {
  nonce: string;
  frameAncestors: readonly string[];
  /** Extra sources per directive, e.g. { "script-src": ["https://ds.example.com"] } for an editor. */
  extra?: Record<string, readonly string[]>;
}

export function buildCsp({ nonce, frameAncestors, extra = {} }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "style-src": [`'nonce-${nonce}'`],
    "script-src": [`'nonce-${nonce}'`],
    "connect-src": ["'self'"],
    "frame-ancestors": frameAncestors.length > 0 ? ["'self'", ...frameAncestors] : ["'self'"],
  };
  for (const [name, sources] of Object.entries(extra)) {
    directives[name] = [...(directives[name] ?? []), ...sources];
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
} as const;
