// The document list: upload, and for each document its latest version and the Preview/Edit buttons.
import { html, type SafeHtml } from "../html.js";
import type { DocumentWithLatest } from "../store/document-store.js";
import type { DemoUser } from "../users.js";
import { layout, type PageContext } from "./layout.js";

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Preview and Edit, each in a new tab or embedded in this site's page. */
export function openButtons(user: DemoUser, docId: string): SafeHtml {
  const id = encodeURIComponent(docId);
  const edit = user.canEdit
    ? html`<a class="btn edit" data-testid="edit-tab" href="/open/${id}?action=edit" target="_blank" rel="noopener">编辑 Edit</a>
<a class="btn edit" data-testid="edit-embed" href="/embed/${id}?action=edit">嵌入编辑 Edit in page</a>`
    : "";
  return html`<span class="actions">
<a class="btn" data-testid="preview-tab" href="/open/${id}?action=view" target="_blank" rel="noopener">预览 Preview</a>
<a class="btn" data-testid="preview-embed" href="/embed/${id}?action=view">嵌入预览 Preview in page</a>
${edit}
<a class="btn" data-testid="versions" href="/docs/${id}">版本 Versions</a>
</span>`;
}

export function homePage(ctx: PageContext, documents: readonly DocumentWithLatest[]): string {
  const rows = documents.map(
    (d) => html`<tr data-testid="document-row" data-doc-id="${d.id}" data-doc-name="${d.name}">
  <td><a href="/docs/${encodeURIComponent(d.id)}" data-testid="doc-name">${d.name}</a></td>
  <td data-testid="version">v${d.latest.n} <span class="muted">(${d.versionCount})</span></td>
  <td><code data-testid="modified-at">${d.latest.modifiedAt}</code></td>
  <td>${formatSize(d.latest.size)}</td>
  <td>${openButtons(ctx.user, d.id)}</td>
</tr>`,
  );
  const upload = ctx.user.canEdit
    ? html`<form class="upload" method="post" action="/docs" enctype="multipart/form-data" data-testid="upload-form">
  <label>上传文档 Upload a document <input type="file" name="file" required data-testid="upload-input"></label>
  <button type="submit" data-testid="upload-submit">上传 Upload</button>
</form>`
    : html`<p class="upload muted">${ctx.user.displayName} may not upload documents.</p>`;
  const body = html`<h1>文档 Documents</h1>
${upload}
<table data-testid="documents">
<thead><tr><th>名称 Name</th><th>版本 Version</th><th>modified_at</th><th>大小 Size</th><th></th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="5" class="muted">No documents yet.</td></tr>`}</tbody>
</table>`;
  return layout(ctx, "文档 Documents", body);
}
