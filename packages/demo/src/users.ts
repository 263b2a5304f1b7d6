// The demo's users and what each may do. These are the business system's own rights; the demo
// translates them into meta (spec: entry 4) when it signs an entry URL for that user.

export type DemoUserId = "editor" | "commenter" | "reviewer" | "viewer";

export interface DemoUser {
  id: DemoUserId;
  /** userinfo.id sent to docgate. */
  userinfoId: string;
  displayName: string;
  email: string;
  /** One line for the user switcher: what this user shows off. */
  description: string;
  /** Whether the demo offers this user an Edit button (and gives their token the right to upload). */
  canEdit: boolean;
  /** The rights part of meta for this user (permissions, role, extension, waterMark). */
  rights: DemoRights;
}

export interface DemoRights {
  permissions: { read: boolean; write: boolean; download: boolean; print: boolean; copy: boolean };
  role?: "contributor" | "commenter" | "auditor";
  extension?: { trackChangeForceOn?: boolean; previewWithTrackChange?: boolean };
  waterMark?: { line1: string; line2?: string; withDate?: boolean; fontcolor?: string; transparent?: number };
}

const ALL = { read: true, write: true, download: true, print: true, copy: true };

export const DEMO_USERS: readonly DemoUser[] = Object.freeze([
  {
    id: "editor",
    userinfoId: "u-editor",
    displayName: "王编辑 Wang (editor)",
    email: "wang.editor@demo.example",
    description: "编辑者 Editor: full editing rights",
    canEdit: true,
    rights: { permissions: ALL, role: "contributor" },
  },
  {
    id: "commenter",
    userinfoId: "u-commenter",
    displayName: "李评论 Li (commenter)",
    email: "li.commenter@demo.example",
    description: "评论者 Commenter: may only add comments",
    canEdit: true,
    rights: { permissions: ALL, role: "commenter" },
  },
  {
    id: "reviewer",
    userinfoId: "u-reviewer",
    displayName: "赵审阅 Zhao (reviewer)",
    email: "zhao.reviewer@demo.example",
    description: "审阅者 Reviewer: edits with track changes forced on",
    canEdit: true,
    rights: { permissions: ALL, role: "contributor", extension: { trackChangeForceOn: true } },
  },
  {
    id: "viewer",
    userinfoId: "u-viewer",
    displayName: "陈查看 Chen (viewer)",
    email: "chen.viewer@demo.example",
    description: "查看者 Viewer: read only, watermarked, no download, print or copy",
    canEdit: false,
    rights: {
      permissions: { read: true, write: false, download: false, print: false, copy: false },
      waterMark: { line1: "陈查看 Chen · 仅供查看", line2: "docgate demo · view only", withDate: true },
    },
  },
]);

export const DEFAULT_USER: DemoUserId = "editor";

export function findUser(id: string | undefined): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.id === id);
}
