// Records for the state-store conformance cases. Times are realistic epoch ms (beyond 2^32) so that a
// BIGINT column read back as a string or truncated to 32 bits would show.
import { randomBytes } from "node:crypto";
import type { NewJob, SessionRecord, StateStore } from "@docgate/core";

export const T0 = 1_760_000_000_000;

/** Builds a fresh, migrated, empty store for one case. */
export type StateStoreFactory = () => Promise<StateStore>;

export function randomId(prefix = "id"): string {
  return `${prefix}-${randomBytes(8).toString("hex")}`;
}

export function makeSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: randomBytes(32).toString("base64url"),
    browserBindingHash: "a".repeat(64),
    browserBound: null,
    repoId: "repo-1",
    docId: "doc-1",
    requestedAction: "edit",
    effectiveMode: "view",
    readOnlyReason: "readonly.no_write_permission",
    user: { id: "301", display_name: "张三 (docstest02)", email: "zhang.san@example.com" },
    meta: {
      id: "doc-1",
      name: "季度报告/2024 第一季度.docx",
      modified_at: "2020-03-25T02:57:38.000Z",
      size: 9897,
      created_by: { id: "301", name: "张三" },
      permissions: { read: true, write: false, download: true, print: false, copy: true },
      role: "commenter",
      extension: { previewWithTrackChange: true, trackChangeForceOn: false },
      waterMark: {
        lines: ["机密文件", '仅限内部 "quoted" \\ 使用'],
        withDate: true,
        fontcolor: "#cecece",
        transparent: 70,
        rotation: 315,
        fontsize: 16,
        font: "黑体",
        spacing: 50,
      },
    },
    downloadUrl: "https://biz.example.com/download?id=doc-1&token=x%20y",
    uploadUrl: "https://biz.example.com/upload?id=doc-1",
    // Order and repeated keys matter (spec: entry 3).
    params: [
      ["token", "abc"],
      ["部门", "研发中心"],
      ["token", "second"],
      ["empty", ""],
    ],
    engine: null,
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    ...overrides,
  };
}

export function makeJob(overrides: Partial<NewJob> = {}): NewJob {
  const id = randomId("job");
  return {
    id,
    kind: "save-upload",
    repoId: "repo-1",
    docId: "doc-1",
    dedupeKey: `dedupe-${id}`,
    payload: { spoolPath: "/spool/文件.docx", users: ["301"], attempt: { nested: [1, 2, 3] }, flag: true, none: null },
    now: T0,
    ...overrides,
  };
}
