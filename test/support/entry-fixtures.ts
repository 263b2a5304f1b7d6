// Shared fixtures for tests that go through the entry route: a registered repo, sample userinfo
// and meta as business systems send them, and signing through the real SDK.
import { signEntryUrl } from "@docgate/sdk";

export const TEST_SECRET = "test-secret-0123456789abcdef";
export const TEST_REPO_ID = "crm";

export function sampleUserinfo(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: "301", display_name: "张三 Zhang San", email: "zhangsan@example.com", photo_url: "", ...overrides };
}

export function sampleMeta(docId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: docId,
    name: "合同 contract.docx",
    size: 9897,
    version: "1",
    created_at: "2024-03-25T02:57:38.000Z",
    modified_at: "2024-03-25T02:57:38.000Z",
    created_by: { id: "301", name: "docstest02" },
    permissions: { read: true, write: true, download: true, print: true, copy: true },
    ...overrides,
  };
}

export interface SignOptions {
  baseUrl: string;
  context: string;
  docId?: string;
  action?: "view" | "edit";
  userinfo?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  params?: string;
  ts?: number;
  secret?: string;
  repoId?: string;
}

export function signTestUrl(o: SignOptions): string {
  const docId = o.docId ?? "doc-1";
  return signEntryUrl({
    baseUrl: o.baseUrl,
    repoId: o.repoId ?? TEST_REPO_ID,
    secret: o.secret ?? TEST_SECRET,
    docId,
    action: o.action ?? "view",
    userinfo: o.userinfo ?? sampleUserinfo(),
    meta: o.meta ?? sampleMeta(docId),
    downloadUrl: `${o.context}/files/${encodeURIComponent(docId)}/content`,
    uploadUrl: `${o.context}/files/${encodeURIComponent(docId)}/content`,
    params: o.params ?? "zdocs_access_token=tok123",
    ts: o.ts,
  });
}

/** The request target (path + query) of an absolute URL, as fastify.inject wants it. */
export function targetOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
