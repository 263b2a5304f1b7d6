// A stop-gap page until the viewer (viewer/render-viewer-page.ts, another engineer's) lands:
// it fetches the rendition the way the real viewer does and shows either the text, an image, a
// link to the PDF, or the error code and message from the JSON error. Swap for renderViewerPage.
import type { SessionRecord } from "@docgate/core";
import { html, jsonForScript, trustedHtml } from "../../pages/html.js";
import type { Lang } from "../../pages/language.js";
import { layout } from "../../pages/layout.js";
import type { ViewerKind } from "./rendition-kind.js";

export interface TemporaryViewerInput {
  session: SessionRecord;
  lang: Lang;
  nonce: string;
  renditionUrl: string;
  kind: ViewerKind;
}

const SCRIPT = `
const data = JSON.parse(document.getElementById("dg-data").textContent);
const out = document.getElementById("dg-view");
fetch(data.renditionUrl, { credentials: "same-origin" }).then(async (res) => {
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const error = body.error || { code: "DOCGATE_INTERNAL", message: res.statusText };
    out.dataset.state = "error";
    out.querySelector("[data-testid=error-code]").textContent = error.code;
    out.querySelector("[data-testid=error-message]").textContent = error.message;
    return;
  }
  const blob = await res.blob();
  out.dataset.state = "ready";
  out.dataset.bytes = String(blob.size);
  if (data.kind === "image") {
    const img = document.createElement("img");
    img.src = URL.createObjectURL(blob);
    out.append(img);
  } else if (data.kind !== "pdf") {
    const pre = document.createElement("pre");
    pre.textContent = await blob.text();
    out.append(pre);
  }
});`;

export function renderTemporaryViewerPage(input: TemporaryViewerInput): string {
  const { session, lang, nonce, renditionUrl, kind } = input;
  const body = html`<main>
<div class="card">
  <h1 data-testid="doc-name">${session.meta.name}</h1>
  <div id="dg-view" data-testid="viewer" data-kind="${kind}" data-state="loading">
    <p class="bad"><span class="code" data-testid="error-code"></span> <span data-testid="error-message"></span></p>
  </div>
</div>
</main>
<script type="application/json" id="dg-data">${jsonForScript({ renditionUrl, kind })}</script>
<script nonce="${nonce}">${trustedHtml(SCRIPT)}</script>`;
  return layout({ lang, title: session.meta.name, nonce, body });
}
