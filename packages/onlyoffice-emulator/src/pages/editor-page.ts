// The editor iframe page. Every effective setting DS would apply is exposed as a data attribute on
// #emulator-editor so tests can check what DS would have done (spec: onlyoffice 1 and 6).
import type { EffectiveConfig } from "../config/editor-config.js";
import type { DsError } from "../ds-errors.js";
import { EDITOR_SCRIPT } from "./editor-script.js";
import { BANNER, escapeHtml, PAGE_STYLE, scriptJson } from "./html.js";

export interface EditorView {
  connectionId: string;
  config: EffectiveConfig;
  role: "editor" | "viewer";
  canInsert: boolean;
  text: string;
  title: string;
  users: { id: string; name: string; editor: boolean }[];
}

export interface RefusalView {
  error: DsError;
  detail: string;
  requestRefresh: boolean;
  config?: EffectiveConfig;
}

export interface PageContext {
  handlers: string[];
  parentOrigin: string | undefined;
}

function attrs(map: Record<string, unknown>): string {
  return Object.entries(map)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` data-${k}="${escapeHtml(typeof v === "string" ? v : JSON.stringify(v))}"`)
    .join("");
}

function configAttrs(c: EffectiveConfig): Record<string, unknown> {
  return {
    key: c.key,
    mode: c.mode,
    "document-type": c.documentType,
    "file-type": c.fileType,
    permissions: c.permissions,
    "signed-permissions": c.signedPermissions,
    forcesave: c.forcesave,
    "track-changes": c.trackChanges,
    "review-display": c.reviewDisplay,
    "show-review-changes": c.showReviewChanges,
    watermark: c.watermark,
    lang: c.lang,
    "user-id": c.user.id,
    "user-name": c.user.name,
  };
}

function page(body: string, boot: unknown): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${BANNER}</title><style>${PAGE_STYLE}</style></head><body>${body}<script type="application/json" id="emulator-boot">${scriptJson(boot)}</script><script>${EDITOR_SCRIPT}</script></body></html>`;
}

export function renderEditor(v: EditorView, ctx: PageContext): string {
  const c = v.config;
  const editing = v.role === "editor";
  const users = v.users
    .map(
      (u) =>
        `<li class="${u.editor ? "editor" : "viewer"}">${escapeHtml(u.name)} (${escapeHtml(u.id)})${u.editor ? "" : " - viewing"}</li>`,
    )
    .join("");
  const tools = v.canInsert
    ? `<label for="emulator-text">Text to insert</label><textarea id="emulator-text" data-live></textarea><button id="emulator-insert" data-live>Insert text</button>`
    : "";
  const save = editing && c.forcesave ? `<button id="emulator-save" data-live>Save</button>` : "";
  const main =
    `<header>${BANNER}<small id="emulator-title">${escapeHtml(v.title)}</small></header>` +
    `<main id="emulator-editor"${attrs({
      state: editing ? "editing" : "viewing",
      role: v.role,
      "connection-id": v.connectionId,
      "can-insert": v.canInsert,
      title: v.title,
      changes: "0",
      "user-count": String(v.users.length),
      ...configAttrs(c),
    })}>` +
    `<p>${editing ? "Editing" : "Viewing (read-only)"} as ${escapeHtml(c.user.name)}</p>` +
    `<h2>Users in this session</h2><ul id="emulator-users">${users}</ul>` +
    tools +
    save +
    `<button id="emulator-close" data-live>Close</button>` +
    `<p id="emulator-status" role="status"></p>` +
    `<h2>Document</h2><pre id="emulator-content">${escapeHtml(v.text)}</pre></main>`;
  return page(main, { connectionId: v.connectionId, handlers: ctx.handlers, parentOrigin: ctx.parentOrigin });
}

export function renderRefusal(v: RefusalView, ctx: PageContext): string {
  const main =
    `<header>${BANNER}</header>` +
    `<main id="emulator-editor"${attrs({
      state: v.requestRefresh ? "refresh-requested" : "error",
      "error-code": String(v.error.errorCode),
      "error-description": v.error.errorDescription,
      "error-detail": v.detail,
      ...(v.config ? configAttrs(v.config) : {}),
    })}>` +
    `<p class="error" id="emulator-error">${escapeHtml(v.error.errorDescription)}</p>` +
    `<p id="emulator-status" role="status">${escapeHtml(v.detail)}</p></main>`;
  return page(main, {
    refused: true,
    requestRefresh: v.requestRefresh,
    error: v.error,
    handlers: ctx.handlers,
    parentOrigin: ctx.parentOrigin,
  });
}
