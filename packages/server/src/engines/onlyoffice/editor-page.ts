// The ONLYOFFICE session page (issue 3, item 2): api.js from DS's public URL, the signed config as
// JSON data, notices (read-only, joined a live session), the "saving the previous version" wait, and
// an error overlay with a docgate code. Everything user-influenced is escaped by the html template or
// embedded with jsonForScript.
import { ERROR_CATALOGUE, type ErrorCode } from "@docgate/core";
import { html, jsonForScript, trustedHtml } from "../../pages/html.js";
import type { Lang } from "../../pages/language.js";
import { layout } from "../../pages/layout.js";
import { EDITOR_SCRIPT } from "./editor-script.js";
import { EDITOR_STRINGS, editorText, noticeText } from "./editor-strings.js";
import type { EditorNotice, OpenEditorResult } from "./open-editor.js";

const EDITOR_CSS = `
html, body { height: 100%; }
body { display: flex; flex-direction: column; background: #fff; }
[hidden] { display: none !important; }
.dg-notices:empty { display: none; }
.dg-notices { flex: none; padding: 4px 12px; }
.dg-notices .notice { margin: 4px 0; }
.dg-editor { flex: 1; min-height: 0; position: relative; }
.dg-editor > * { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
.dg-opening { padding: 12px; }
.dg-waiting { flex: none; margin: 24px auto; max-width: 640px; }
.dg-overlay { position: fixed; inset: 0; background: rgba(246,248,250,.96); display: flex; align-items: center; justify-content: center; padding: 16px; z-index: 10; }
.dg-overlay .card { max-width: 640px; width: 100%; }
`;

/** Error codes the page may show; messages from the catalogue, both languages. */
const PAGE_ERRORS: ErrorCode[] = [
  "DOCGATE_EDITOR_FAILED",
  "DOCGATE_EDITOR_UNAVAILABLE",
  "DOCGATE_SESSION_EXPIRED",
  "DOCGATE_SESSION_NOT_FOUND",
  "DOCGATE_SESSION_BROWSER_MISMATCH",
  "DOCGATE_INTERNAL",
];

export interface EditorPageInput {
  lang: Lang;
  nonce: string;
  title: string;
  /** `${onlyoffice.publicUrl}/web-apps/apps/api/documents/api.js` */
  apiUrl: string;
  result: OpenEditorResult;
}

export function renderEditorPage(input: EditorPageInput): string {
  const { lang, result } = input;
  const ready = result.status === "ready";
  const notices: EditorNotice[] = ready ? result.notices : [];
  const data = {
    state: result.status,
    config: ready ? result.config : null,
    retryAfterMs: ready ? 0 : result.retryAfterMs,
    apiUrl: input.apiUrl,
    text: EDITOR_STRINGS[lang],
    errors: Object.fromEntries(PAGE_ERRORS.map((c) => [c, { zh: ERROR_CATALOGUE[c].zh, en: ERROR_CATALOGUE[c].en }])),
  };
  const body = html`<div class="dg-notices" id="dg-notices">${notices.map(
    (n) => html`<p class="notice" data-notice="${n}" data-testid="notice-${n}">${noticeText(lang, n)}</p>`,
  )}</div>
<div class="dg-waiting card" id="dg-waiting" data-testid="waiting-for-save" role="status"${ready ? trustedHtml(" hidden") : ""}>
  <p>${EDITOR_STRINGS["zh-CN"].waiting_for_save}</p>
  <p lang="en">${EDITOR_STRINGS.en.waiting_for_save}</p>
</div>
<div class="dg-editor"><div id="editor"><p class="muted dg-opening">${editorText(lang, "opening")}</p></div></div>
<div class="dg-overlay" id="dg-overlay" role="alert" data-testid="editor-error" hidden>
  <div class="card">
    <h1 class="bad" id="dg-overlay-zh"></h1>
    <h1 class="bad" lang="en" id="dg-overlay-en"></h1>
    <p class="muted" lang="en" id="dg-overlay-detail" data-testid="editor-error-detail"></p>
    <dl><dt>错误码 / Code</dt><dd><span class="code" id="dg-overlay-code" data-testid="editor-error-code"></span></dd></dl>
    <button type="button" id="dg-reload">${editorText(lang, "reload")}</button>
  </div>
</div>
<script type="application/json" id="dg-data" nonce="${input.nonce}">${jsonForScript(data)}</script>
<script src="${input.apiUrl}" nonce="${input.nonce}"></script>
<script nonce="${input.nonce}">${trustedHtml(EDITOR_SCRIPT)}</script>`;
  return layout({
    lang,
    title: input.title,
    nonce: input.nonce,
    body,
    head: html`<style nonce="${input.nonce}">${trustedHtml(EDITOR_CSS)}</style>`,
  });
}
