// docgate inside this site's page: the iframe points at the demo's own /open endpoint, which signs
// the entry URL when the frame loads and redirects the frame to docgate (another site).
import { html } from "../html.js";
import type { DocumentRecord } from "../store/document-store.js";
import { layout, type PageContext } from "./layout.js";

export function embedPage(ctx: PageContext, doc: DocumentRecord, action: "view" | "edit"): string {
  const id = encodeURIComponent(doc.id);
  const title = `${action === "edit" ? "编辑 Edit" : "预览 Preview"}: ${doc.name}`;
  const body = html`<p><a href="/">← 文档 Documents</a> · <a href="/docs/${id}">版本 Versions</a> ·
<a href="/open/${id}?action=${action}" target="_blank" rel="noopener">在新标签页打开 Open in a new tab</a></p>
<h1>${title}</h1>
<iframe class="embed-frame" id="docgate-frame" data-testid="docgate-frame" title="${title}"
  src="/open/${id}?action=${action}" allow="clipboard-read; clipboard-write; fullscreen"></iframe>`;
  return layout(ctx, title, body);
}
