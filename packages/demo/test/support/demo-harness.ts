// A demo business system in a temporary directory, driven with fastify.inject(), plus helpers that
// call it the way docgate does: verify the entry URL with docgate's own verifier, then send the
// params three ways (spec: entry 3) with core's mapping.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { mapParams, repoSchema, type VerifiedEntry, verifyEntry } from "@docgate/core";
import { buildDemoApp, type DemoApp } from "../../src/index.js";
import type { DocumentWithLatest } from "../../src/store/document-store.js";

export const DOCGATE_URL = "http://127.0.0.1:18001";
export const CONTEXT = "http://127.0.0.1:19000";
export const REPO_ID = "demo";
export const SECRET = "demo-test-secret-0123456789abcdef";

export interface Harness {
  demo: DemoApp;
  dir: string;
  clock: { now: number };
  close(): Promise<void>;
  addDocument(name: string, bytes: Buffer | string, createdBy?: string): Promise<DocumentWithLatest>;
  /** Clicks Preview/Edit as `user`: GET /open, returns the signed URL docgate would receive. */
  open(docId: string, action: "view" | "edit", user?: string): Promise<string>;
  /** docgate's verification of a signed URL (throws a DocgateError when docgate would refuse it). */
  verify(url: string): VerifiedEntry;
}

export function createHarness(options: { tokenTtlMs?: number; maxUploadBytes?: number } = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), "docgate-demo-test-"));
  const clock = { now: Date.UTC(2024, 2, 25, 2, 57, 38, 0) };
  const demo = buildDemoApp({
    dataDir: dir,
    context: CONTEXT,
    docgate: { publicUrl: DOCGATE_URL, repoId: REPO_ID, secret: SECRET },
    editor: { kind: "emulator", publicUrl: "http://127.0.0.1:18090" },
    now: () => clock.now,
    ...options,
  });
  const repo = repoSchema.parse({ id: REPO_ID, secrets: [SECRET], context: CONTEXT });
  return {
    demo,
    dir,
    clock,
    close: async () => {
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    },
    addDocument: async (name, bytes, createdBy = "editor") => {
      const file = await demo.ctx.documents.receive(Readable.from([Buffer.from(bytes)]), 1 << 30);
      return demo.ctx.documents.createDocument(name, createdBy, file, "upload");
    },
    open: async (docId, action, user = "editor") => {
      const res = await demo.app.inject({
        method: "GET",
        url: `/open/${encodeURIComponent(docId)}?action=${action}`,
        headers: { cookie: `demo_user=${user}` },
      });
      if (res.statusCode !== 302) throw new Error(`/open answered ${res.statusCode}: ${res.body}`);
      return res.headers.location as string;
    },
    verify: (url) => {
      const u = new URL(url);
      return verifyEntry({
        rawTarget: u.pathname + u.search,
        lookupRepo: (id) => (id === REPO_ID ? repo : undefined),
        now: clock.now,
      });
    },
  };
}

/** The request docgate makes to downloadUrl/uploadUrl for a verified entry: params as query, cookie and headers. */
export function docgateCall(entry: VerifiedEntry, url: string): { url: string; headers: Record<string, string> } {
  const mapped = mapParams(entry.params, "x-");
  const target = new URL(url);
  for (const [k, v] of mapped.query) target.searchParams.append(k, v);
  const headers: Record<string, string> = { ...mapped.headers };
  if (mapped.cookieHeader !== "") headers.cookie = mapped.cookieHeader;
  return { url: target.pathname + target.search, headers };
}

/** A multipart/form-data body with one part, serialised by the platform's FormData. */
export async function multipartBody(
  field: string,
  bytes: Buffer | string,
  filename = "content",
  type = "application/octet-stream",
): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  form.append(field, new Blob([Buffer.from(bytes)], { type }), filename);
  const response = new Response(form);
  return {
    body: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get("content-type") as string,
  };
}
