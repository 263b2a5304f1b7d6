// The editor configuration as the page passes it to DocsAPI.DocEditor, and what DS makes of it.
// spec: onlyoffice 1 (permissions and their defaults, customization.review).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface Permissions {
  edit: boolean;
  review: boolean;
  comment: boolean;
  fillForms: boolean;
  download: boolean;
  print: boolean;
  copy: boolean;
  chat: boolean;
  protect: boolean;
}

export interface EffectiveConfig {
  key: string;
  url: string;
  fileType: string;
  documentType: string;
  title: string;
  mode: "edit" | "view";
  callbackUrl: string;
  user: { id: string; name: string };
  permissions: Permissions;
  /** The permissions exactly as signed, for inspection. */
  signedPermissions: JsonObject;
  forcesave: boolean;
  trackChanges: boolean | undefined;
  reviewDisplay: string | undefined;
  showReviewChanges: boolean | undefined;
  watermark: Json | undefined;
  lang: string | undefined;
  /** Whole signed config (claims minus iat/exp): DS takes the token's values over the plain ones. */
  signed: JsonObject;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === "boolean" ? v : fallback;
}

export function effectivePermissions(p: JsonObject): Permissions {
  const edit = bool(p.edit, true);
  const review = bool(p.review, edit);
  return {
    edit,
    review,
    comment: bool(p.comment, edit),
    fillForms: bool(p.fillForms, edit || review),
    download: bool(p.download, true),
    print: bool(p.print, true),
    copy: bool(p.copy, true),
    chat: bool(p.chat, true),
    protect: bool(p.protect, true),
  };
}

/** A connection is an *editor* (counted for status 1/2/4) when the mode is edit and it may change something. */
export function isEditorConnection(c: Pick<EffectiveConfig, "mode" | "permissions">): boolean {
  const p = c.permissions;
  return c.mode === "edit" && (p.edit || p.review || p.comment || p.fillForms);
}

/** Text documents get track changes when the user may review but not edit, or when the config forces it. */
export function insertsAsTrackedChange(c: EffectiveConfig): boolean {
  if (c.documentType !== "word") return false;
  return c.trackChanges === true || (!c.permissions.edit && c.permissions.review);
}

export function canInsertText(c: EffectiveConfig): boolean {
  return isEditorConnection(c) && (c.permissions.edit || (c.documentType === "word" && c.permissions.review));
}

/** Canonical JSON (sorted keys) so "equal exactly" ignores key order only. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}
