// The editor configuration docgate hands to DocsAPI.DocEditor (spec: onlyoffice 1). Pure: the server
// supplies URLs, the key and the date, signs the result (config.token, spec: onlyoffice 3) and
// adds the event handlers in the page.
import { fileExtension, ONLYOFFICE_DOCUMENT_TYPES } from "../engines/formats.js";
import type { EntryAction, Meta, UserInfo, WaterMark } from "../entry/types.js";
import { DocgateError } from "../errors/docgate-error.js";
import { type EditorPermissions, mapRole, type ReviewCustomization, type RoleMapping } from "./role-mapping.js";
import { toWatermarkOnDraw, type WatermarkOnDraw } from "./watermark.js";

export interface EditorConfigInput {
  meta: Meta;
  user: UserInfo;
  /** The session's effective mode (write=false already applied). */
  mode: EntryAction;
  key: string;
  /** docgate's internal URL DS fetches the file from (spec: onlyoffice 1, reachable from DS). */
  documentUrl: string;
  callbackUrl: string;
  language: EditorLanguage;
  /** The browser's User-Agent: phones and tablets get DS's mobile editor. */
  userAgent?: string;
  /** onlyoffice.forcesave: the Save button (status 6). */
  forcesave: boolean;
  /** onlyoffice.chat. */
  chat: boolean;
  /** meta.waterMark, or the repo's template when meta has none. */
  watermark?: WaterMark;
  /** The date withDate appends, already formatted (YYYY-MM-DD). */
  date: string;
}

export interface EditorConfig {
  documentType: "word" | "cell" | "slide" | "pdf";
  type: "desktop" | "mobile";
  document: {
    fileType: string;
    key: string;
    title: string;
    url: string;
    permissions: EditorPermissions;
    info: { owner: string; uploaded: string };
    options?: { watermark_on_draw: WatermarkOnDraw };
  };
  editorConfig: {
    mode: EntryAction;
    callbackUrl: string;
    lang: string;
    region?: string;
    user: { id: string; name: string; image?: string };
    coEditing: { mode: "fast"; change: boolean };
    customization: {
      forcesave: boolean;
      autosave: boolean;
      comments: boolean;
      review?: ReviewCustomization;
    };
  };
}

export interface EditorLanguage {
  lang: string;
  region?: string;
}

/** onlyoffice.lang, or with "auto" the page's language (repo setting or the browser's). */
export function editorLanguage(configured: string, pageLang: "zh-CN" | "en"): EditorLanguage {
  const tag = configured === "auto" ? pageLang : configured;
  if (tag === "zh-CN" || tag === "zh") return { lang: "zh", region: "zh-CN" };
  if (tag === "en") return { lang: "en", region: "en-US" };
  return tag.includes("-") ? { lang: tag, region: tag } : { lang: tag };
}

const MOBILE_UA = /Mobi|Android|iPhone|iPad|iPod|HarmonyOS|OpenHarmony/i;

export function deviceType(userAgent: string | undefined): "desktop" | "mobile" {
  return userAgent !== undefined && MOBILE_UA.test(userAgent) ? "mobile" : "desktop";
}

export interface BuiltEditorConfig {
  config: EditorConfig;
  mapping: RoleMapping;
}

export function buildEditorConfig(input: EditorConfigInput): BuiltEditorConfig {
  const { meta, user } = input;
  const fileType = fileExtension(meta.name);
  const documentType = ONLYOFFICE_DOCUMENT_TYPES[fileType];
  if (!documentType) {
    throw new DocgateError("DOCGATE_FORMAT_UNSUPPORTED", { detail: `".${fileType}" is not an ONLYOFFICE format` });
  }
  const mapping = mapRole({
    documentType,
    mode: input.mode,
    meta,
    chat: input.chat,
    watermarked: input.watermark !== undefined,
  });
  const editing = mapping.mode === "edit";
  const config: EditorConfig = {
    documentType,
    type: deviceType(input.userAgent),
    document: {
      fileType,
      key: input.key,
      title: meta.name.split(/[\\/]/).pop() || meta.name,
      url: input.documentUrl,
      permissions: mapping.permissions,
      info: { owner: (meta.owner ?? meta.created_by).name, uploaded: meta.created_at ?? meta.modified_at },
    },
    editorConfig: {
      mode: mapping.mode,
      callbackUrl: input.callbackUrl,
      lang: input.language.lang,
      ...(input.language.region ? { region: input.language.region } : {}),
      user: userOf(user),
      coEditing: { mode: "fast", change: true },
      customization: {
        forcesave: editing && input.forcesave,
        autosave: true,
        // Comments stay visible to everyone (the auditor row needs them); who may add them is permissions.comment.
        comments: true,
        ...(mapping.review ? { review: mapping.review } : {}),
      },
    },
  };
  if (input.watermark) config.document.options = { watermark_on_draw: toWatermarkOnDraw(input.watermark, input.date) };
  return { config, mapping };
}

/** DS user ids are userinfo.id: the callbacks' `users` name them (spec: onlyoffice 4). */
function userOf(user: UserInfo): EditorConfig["editorConfig"]["user"] {
  const out: EditorConfig["editorConfig"]["user"] = { id: user.id, name: user.display_name };
  // Only http(s) images: the editor shows it as an avatar, so nothing like javascript: or data:.
  if (user.photo_url && /^https?:\/\//i.test(user.photo_url)) out.image = user.photo_url;
  return out;
}
