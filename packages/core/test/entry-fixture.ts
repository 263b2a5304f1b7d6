// Test fixtures for the entry module: a registered repo and a small independent signer (the SDK
// has its own tests; core's tests must not depend on it).
import { createHmac } from "node:crypto";
import type { RepoConfig } from "../src/config/schema.js";
import { DocgateError } from "../src/errors/docgate-error.js";

export const SECRET = "test-secret-0123456789abcdef";
export const NOW = 1_700_000_000_000;
export const ENTRY_PATH = "/docs/app/driver-callback";

export const REPO: RepoConfig = {
  id: "crm",
  secrets: [SECRET],
  context: "http://oa.example.com:8080",
  headerPrefix: "x-",
  tsWindowMs: 10_000,
  tsFutureSkewMs: 5_000,
  frameAncestors: [],
  allowPrivateNetwork: false,
};

export const lookupRepo = (id: string): RepoConfig | undefined => (id === REPO.id ? REPO : undefined);

export function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64");
}

export function sampleUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: "301", display_name: "张三", email: "zhangsan@example.com", photo_url: "", ...overrides };
}

export function sampleMeta(docId = "doc-1", overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: docId,
    name: "合同 contract.docx",
    modified_at: "2024-03-25T02:57:38.000Z",
    created_by: { id: "301", name: "docstest02" },
    permissions: { read: true, write: true, download: true, print: true },
    ...overrides,
  };
}

/** Valid entry parameters in the order most signers use; override or drop (value undefined) any. */
export function entryPairs(overrides: Record<string, string | undefined> = {}): Array<[string, string]> {
  const base: Record<string, string | undefined> = {
    repoId: REPO.id,
    docId: "doc-1",
    action: "edit",
    userinfo: base64Json(sampleUser()),
    meta: base64Json(sampleMeta()),
    downloadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
    uploadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
    params: "zdocs_access_token=abc.def;x-param-2=bbb",
    ts: String(NOW),
    ...overrides,
  };
  return Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined);
}

export function hmac(message: string, secret = SECRET): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** Signs `path?query` built with URLSearchParams and appends HMAC last, as real signers do. */
export function signPairs(pairs: Array<[string, string]>, secret = SECRET, path = ENTRY_PATH): string {
  const message = `${path}?${new URLSearchParams(pairs).toString()}`;
  return `${message}&HMAC=${hmac(message, secret)}`;
}

/** Runs `fn` and returns the DocgateError it throws; fails the test if it returns or throws anything else. */
export function catchDocgate(fn: () => unknown): DocgateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DocgateError) return error;
    throw new Error(`expected a DocgateError, got ${String(error)}`);
  }
  throw new Error("expected a DocgateError, but nothing was thrown");
}
