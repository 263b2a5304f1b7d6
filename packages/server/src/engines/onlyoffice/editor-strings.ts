// The editor page's own strings, zh-CN and en (kept beside the page; the type makes both languages
// carry every key). Error messages come from the error catalogue.
import type { Lang } from "../../pages/language.js";
import type { EditorNotice } from "./open-editor.js";

const EN = {
  opening: "Opening the editor…",
  waiting_for_save: "The previous version is being saved. Please wait: the editor opens by itself when it is done.",
  code: "Code",
  editor_error: "Editor error",
  reload: "Reload",
  readonly_write_permission_false:
    "You asked to edit, but the business system did not grant write permission: the document is open read-only.",
  readonly_role_auditor:
    "Your role is auditor: the document is open read-only, with all tracked changes and comments shown.",
  joined_live_session:
    "Others are editing this document: you joined their session. The newer version loads after this session ends.",
} as const;

type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  opening: "正在打开编辑器…",
  waiting_for_save: "正在保存上一个版本，请稍候：保存完成后编辑器会自动打开。",
  code: "错误码",
  editor_error: "编辑器错误",
  reload: "重新加载",
  readonly_write_permission_false: "您请求了编辑，但业务系统未授予写权限，文档以只读方式打开。",
  readonly_role_auditor: "您的角色为审计者（auditor）：文档以只读方式打开，并显示全部修订和批注。",
  joined_live_session: "其他人正在编辑此文档：您已加入当前的编辑会话，较新的版本将在本次会话结束后加载。",
};

export const EDITOR_STRINGS: Record<Lang, Record<Key, string>> = { en: EN, "zh-CN": ZH };

export function editorText(lang: Lang, key: Key): string {
  return EDITOR_STRINGS[lang][key];
}

export function noticeText(lang: Lang, notice: EditorNotice): string {
  return EDITOR_STRINGS[lang][notice];
}
