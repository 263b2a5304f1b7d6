import type { Lang } from "./language.js";

// Page strings, zh-CN and en. Keys are stable; a test checks both languages have every key.
export const STRINGS = {
  "zh-CN": {
    document: "文档",
    user: "用户",
    mode: "打开方式",
    mode_view: "只读预览",
    mode_edit: "编辑",
    permissions: "权限",
    perm_read: "查看",
    perm_write: "编辑",
    perm_download: "下载",
    perm_print: "打印",
    perm_copy: "复制",
    yes: "允许",
    no: "不允许",
    version: "版本（modified_at）",
    readonly_write_permission_false: "您请求了编辑，但业务系统未授予写权限，文档以只读方式打开。",
    engine_pending: "预览与编辑引擎尚未接入：此页面显示会话信息。",
    role: "角色",
    watermark: "水印",
  },
  en: {
    document: "Document",
    user: "User",
    mode: "Opened for",
    mode_view: "Viewing (read-only)",
    mode_edit: "Editing",
    permissions: "Permissions",
    perm_read: "View",
    perm_write: "Edit",
    perm_download: "Download",
    perm_print: "Print",
    perm_copy: "Copy",
    yes: "allowed",
    no: "not allowed",
    version: "Version (modified_at)",
    readonly_write_permission_false:
      "You asked to edit, but the business system did not grant write permission: the document is open read-only.",
    engine_pending: "No preview or editing engine is attached yet: this page shows the session.",
    role: "Role",
    watermark: "Watermark",
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type StringKey = keyof (typeof STRINGS)["en"];

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[lang][key];
}
