import type { SessionRecord } from "@docgate/core";
import { html } from "./html.js";
import type { Lang } from "./language.js";
import { layout } from "./layout.js";
import { type StringKey, t } from "./strings.js";

const PERMISSIONS = ["read", "write", "download", "print", "copy"] as const;

/** The session page: who, what and how the document is open. Engines replace its body later. */
export function renderSessionPage(session: SessionRecord, lang: Lang, nonce: string): string {
  const { meta, user } = session;
  const readOnlyNotice =
    session.readOnlyReason !== null
      ? html`<p class="notice" data-testid="readonly-notice">${t(lang, `readonly_${session.readOnlyReason}` as StringKey)}</p>`
      : "";
  const body = html`<main>
<div class="card">
  <h1 data-testid="doc-name">${meta.name}</h1>
  ${readOnlyNotice}
  <dl>
    <dt>${t(lang, "user")}</dt><dd data-testid="user-name">${user.display_name} &lt;${user.email}&gt;</dd>
    <dt>${t(lang, "mode")}</dt><dd data-testid="mode" data-mode="${session.effectiveMode}">${t(lang, session.effectiveMode === "edit" ? "mode_edit" : "mode_view")}</dd>
    <dt>${t(lang, "version")}</dt><dd>${meta.modified_at}</dd>
    ${meta.role ? html`<dt>${t(lang, "role")}</dt><dd>${meta.role}</dd>` : ""}
    ${meta.waterMark ? html`<dt>${t(lang, "watermark")}</dt><dd data-testid="watermark-lines">${meta.waterMark.lines.map((l) => html`<span>${l}</span> `)}</dd>` : ""}
  </dl>
  <h2>${t(lang, "permissions")}</h2>
  <dl data-testid="permissions">
    ${PERMISSIONS.map(
      (p) =>
        html`<dt>${t(lang, `perm_${p}`)}</dt><dd data-permission="${p}" data-allowed="${String(meta.permissions[p])}">${t(lang, meta.permissions[p] ? "yes" : "no")}</dd>`,
    )}
  </dl>
  <p class="muted">${t(lang, "engine_pending")}</p>
</div>
</main>`;
  return layout({ lang, title: meta.name, nonce, body });
}
