// One document: its versions, newest first, each with the modified_at docgate sees.
import { html } from "../html.js";
import type { DocumentRecord, VersionRecord } from "../store/document-store.js";
import { findUser } from "../users.js";
import { formatSize, openButtons } from "./home-page.js";
import { layout, type PageContext } from "./layout.js";

function who(id: string): string {
  return findUser(id)?.displayName ?? id;
}

function origin(v: VersionRecord): string {
  switch (v.source) {
    case "sample":
      return "示例 sample";
    case "upload":
      return `上传 uploaded by ${who(v.author)}`;
    case "docgate":
      return `docgate 保存 saved by ${who(v.author)}`;
  }
}

export function documentPage(ctx: PageContext, doc: DocumentRecord, versions: readonly VersionRecord[]): string {
  const canDownload = ctx.user.rights.permissions.download;
  const id = encodeURIComponent(doc.id);
  const rows = versions.map(
    (v) => html`<tr data-testid="version-row" data-version="${v.n}" data-source="${v.source}">
  <td>v${v.n}</td>
  <td><code data-testid="modified-at">${v.modifiedAt}</code></td>
  <td>${formatSize(v.size)}</td>
  <td>${origin(v)}</td>
  <td><code title="${v.sha256}">${v.sha256.slice(0, 12)}</code></td>
  <td>${canDownload ? html`<a href="/docs/${id}/versions/${v.n}/file" data-testid="download-version">下载 Download</a>` : ""}</td>
</tr>`,
  );
  const body = html`<h1 data-testid="document-title">${doc.name}</h1>
<p>${openButtons(ctx.user, doc.id)}</p>
<h2>版本 Versions</h2>
<table data-testid="versions-table">
<thead><tr><th>版本 Version</th><th>modified_at</th><th>大小 Size</th><th>来源 Origin</th><th>sha256</th><th></th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  return layout(ctx, doc.name, body);
}
