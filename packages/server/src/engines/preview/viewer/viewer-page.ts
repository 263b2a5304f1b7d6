// The built-in viewer page (issue 4, items 4-6), rendered on the server. The toolbar only contains
// the controls the session's permissions allow; protections that must hold without JavaScript (no
// printing, no selection) are in the page's own nonced style, the rest is in client/*.js.
import type { MetaPermissions, NATIVE_FORMATS, SessionRecord } from "@docgate/core";
import { type Html, html, jsonForScript, trustedHtml } from "../../../pages/html.js";
import type { Lang } from "../../../pages/language.js";
import { layout } from "../../../pages/layout.js";
import { type StringKey, t } from "../../../pages/strings.js";
import { renderCsv } from "./render-csv.js";
import { renderMarkdown } from "./render-markdown.js";
import { decodeText, renderJson, renderPlainText } from "./render-text.js";
import type { ResolvedWatermark } from "./resolve-watermark.js";

/** How the viewer shows a document: office files arrive as "pdf" renditions. */
export type ViewerKind = (typeof NATIVE_FORMATS)[string];

export interface ViewerPageOptions {
  session: SessionRecord;
  lang: Lang;
  nonce: string;
  /** Where the browser fetches the document: the PDF rendition, or the original bytes of a native format. */
  renditionUrl: string;
  kind: ViewerKind;
  watermark: ResolvedWatermark | null;
  permissions: MetaPermissions;
  /** viewerAssetBase(), e.g. /viewer-assets/3f9c0a1b2c3d. */
  assetBase: string;
  /** For text, markdown, csv and json: the document itself, rendered into the page on the server. */
  content?: string | Uint8Array;
  /** The download link; defaults to renditionUrl with download=1. Only used when download is allowed. */
  downloadUrl?: string;
}

/** What the page lets the user do. spec: entry 4, "download false also means no copying text out". */
export function viewerAbilities(p: MetaPermissions): { download: boolean; print: boolean; copy: boolean } {
  return { download: p.download, print: p.print, copy: p.download && p.copy };
}

function withDownloadFlag(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}download=1`;
}

const CLIENT_STRINGS = [
  "viewer_loading",
  "viewer_load_failed",
  "viewer_copy_blocked",
  "viewer_search_none",
] as const satisfies readonly StringKey[];

function button(lang: Lang, action: string, key: StringKey, label: string | Html): Html {
  return html`<button type="button" class="dg-button" data-action="${action}" title="${t(lang, key)}" aria-label="${t(lang, key)}">${label}</button>`;
}

function toolbar(o: ViewerPageOptions, can: ReturnType<typeof viewerAbilities>): Html {
  const { lang, kind } = o;
  const pdf = kind === "pdf";
  const image = kind === "image" || kind === "svg";
  return html`<header class="dg-toolbar" role="toolbar" aria-label="${t(lang, "viewer_toolbar")}">
  <h1 class="dg-title" data-testid="doc-name" title="${o.session.meta.name}">${o.session.meta.name}</h1>
  ${
    pdf
      ? html`<div class="dg-group" data-group="pages">
    ${button(lang, "prev-page", "viewer_prev_page", "‹")}
    <input class="dg-page-input" data-testid="page-input" inputmode="numeric" value="1" size="3" aria-label="${t(lang, "viewer_page_number")}">
    <span class="dg-muted">/ <span data-testid="page-count">–</span></span>
    ${button(lang, "next-page", "viewer_next_page", "›")}
  </div>`
      : ""
  }
  <div class="dg-group" data-group="zoom">
    ${button(lang, "zoom-out", "viewer_zoom_out", "−")}
    <span class="dg-zoom-level" data-testid="zoom-level">100%</span>
    ${button(lang, "zoom-in", "viewer_zoom_in", "+")}
    ${pdf || !image ? "" : button(lang, "actual-size", "viewer_actual_size", "1:1")}
    ${pdf ? button(lang, "fit-width", "viewer_fit_width", t(lang, "viewer_fit_width")) : ""}
    ${image ? button(lang, "fit-page", "viewer_fit_page", t(lang, "viewer_fit_page")) : ""}
  </div>
  ${
    pdf
      ? html`<div class="dg-group dg-search" role="search" data-group="search">
    <input type="search" class="dg-search-input" data-testid="search-input" placeholder="${t(lang, "viewer_search")}" aria-label="${t(lang, "viewer_search")}" enterkeyhint="search">
    ${button(lang, "search-prev", "viewer_search_prev", "↑")}
    ${button(lang, "search-next", "viewer_search_next", "↓")}
    <span class="dg-muted" data-testid="search-status" aria-live="polite"></span>
  </div>`
      : ""
  }
  <div class="dg-group" data-group="actions">
    ${button(lang, "fullscreen", "viewer_fullscreen", t(lang, "viewer_fullscreen"))}
    ${can.print ? button(lang, "print", "viewer_print", t(lang, "viewer_print")) : ""}
    ${
      can.download
        ? html`<a class="dg-button" data-action="download" href="${o.downloadUrl ?? withDownloadFlag(o.renditionUrl)}" download title="${t(lang, "viewer_download")}">${t(lang, "viewer_download")}</a>`
        : ""
    }
  </div>
</header>`;
}

function textContent(o: ViewerPageOptions): string {
  if (o.content === undefined) throw new TypeError(`renderViewerPage: kind "${o.kind}" needs the document's content`);
  return typeof o.content === "string" ? o.content : decodeText(o.content);
}

/** Loading text, then (viewer.js) the error code and message if the document cannot be shown. */
function status(o: ViewerPageOptions): Html {
  return html`<p class="dg-status" data-testid="viewer-status" role="status">${o.kind === "pdf" ? t(o.lang, "viewer_loading") : ""}</p>`;
}

function stage(o: ViewerPageOptions): Html {
  const { kind, lang } = o;
  switch (kind) {
    case "pdf":
      return html`<div class="dg-pages" data-testid="pages"></div>`;
    case "image":
    case "svg":
      // SVG goes through <img> too: in an image context its scripts never run and it cannot load
      // anything, whatever it contains.
      return html`<div class="dg-page dg-image-page"><img class="dg-image" data-testid="image" src="${o.renditionUrl}" alt="${o.session.meta.name}" draggable="false"></div>`;
    case "markdown":
      return html`<div class="dg-page dg-doc">${renderMarkdown(textContent(o), lang)}</div>`;
    case "csv":
      return html`<div class="dg-page dg-doc dg-wide">${renderCsv(textContent(o), lang)}</div>`;
    case "json":
      return html`<div class="dg-page dg-doc">${renderJson(textContent(o), lang)}</div>`;
    case "text":
      return html`<div class="dg-page dg-doc">${renderPlainText(textContent(o), lang)}</div>`;
  }
}

// Server-side protections, effective even if the scripts never load.
const NO_PRINT_CSS = "@media print { html, body { display: none !important; } }";
const NO_COPY_CSS =
  ".dg-nocopy, .dg-nocopy *:not(input) { -webkit-user-select: none !important; user-select: none !important; -webkit-touch-callout: none !important; }";

export function renderViewerPage(o: ViewerPageOptions): string {
  const can = viewerAbilities(o.permissions);
  const config = {
    kind: o.kind,
    name: o.session.meta.name,
    renditionUrl: o.renditionUrl,
    assetBase: o.assetBase,
    lang: o.lang,
    watermark: o.watermark,
    permissions: can,
    strings: Object.fromEntries(CLIENT_STRINGS.map((k) => [k, t(o.lang, k)])),
  };
  const protections = [can.print ? "" : NO_PRINT_CSS, can.copy ? "" : NO_COPY_CSS].join("\n");
  // The empty icon saves a request (and a 404) for /favicon.ico on every open.
  const head = html`<link rel="icon" href="data:,">
<link rel="stylesheet" href="${o.assetBase}/viewer.css" nonce="${o.nonce}">
${o.kind === "pdf" ? html`<link rel="modulepreload" href="${o.assetBase}/pdf.min.mjs" nonce="${o.nonce}">` : ""}
<style nonce="${o.nonce}">${trustedHtml(protections)}</style>
<script type="application/json" id="dg-config" nonce="${o.nonce}">${jsonForScript(config)}</script>
<script type="module" src="${o.assetBase}/viewer.js" nonce="${o.nonce}"></script>`;
  const classes = ["dg-viewer", can.copy ? "" : "dg-nocopy", can.print ? "" : "dg-noprint"].filter(Boolean).join(" ");
  const body = html`<div class="${classes}" data-kind="${o.kind}" data-testid="viewer">
${toolbar(o, can)}
<main class="dg-stage" data-testid="stage" tabindex="-1">${status(o)}${stage(o)}</main>
</div>`;
  return layout({ lang: o.lang, title: o.session.meta.name, nonce: o.nonce, head, body });
}
