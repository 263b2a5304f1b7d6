// The frame every demo page shares: title, current user and switcher, and which editor is in use.
import { html, type SafeHtml } from "../html.js";
import { DEMO_USERS, type DemoUser } from "../users.js";

export interface EditorInfo {
  /** "emulator": the ONLYOFFICE emulator stands in for Document Server; say so on every page. */
  kind: "emulator" | "document-server";
  publicUrl: string;
}

export interface PageContext {
  user: DemoUser;
  editor: EditorInfo;
  docgateUrl: string;
  /** Where the user switcher returns to. */
  path: string;
}

export function editorBanner(editor: EditorInfo): SafeHtml {
  if (editor.kind === "emulator") {
    return html`<p class="banner emulator" data-testid="editor-banner" data-editor="emulator">
  编辑器：<strong>ONLYOFFICE 模拟器</strong>（测试替身，不是真正的 ONLYOFFICE Document Server）。
  Editing uses the <strong>ONLYOFFICE emulator</strong>, a stand-in for tests, <strong>not</strong> the real Document Server.
  Set ONLYOFFICE_URL and ONLYOFFICE_JWT_SECRET to use a real one.</p>`;
  }
  return html`<p class="banner" data-testid="editor-banner" data-editor="document-server">
  编辑器 Editor: ONLYOFFICE Document Server at <code>${editor.publicUrl}</code></p>`;
}

function userSwitcher(ctx: PageContext): SafeHtml {
  const options = DEMO_USERS.map(
    (u) => html`<option value="${u.id}"${u.id === ctx.user.id ? html` selected` : ""}>${u.displayName}</option>`,
  );
  return html`<form class="switch" method="post" action="/user" data-testid="user-switcher">
  <input type="hidden" name="returnTo" value="${ctx.path}">
  <label>当前用户 Current user <select name="user" data-testid="user-select">${options}</select></label>
  <button type="submit" data-testid="switch-user">切换 Switch</button>
</form>
<p class="muted" data-testid="current-user" data-user="${ctx.user.id}">${ctx.user.displayName}: ${ctx.user.description}</p>`;
}

export function layout(ctx: PageContext, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · docgate demo</title>
<link rel="stylesheet" href="/assets/demo.css">
</head>
<body>
<header>
  <a class="brand" href="/">演示业务系统 Demo business system</a>
  <span class="muted">documents open in <a href="${ctx.docgateUrl}/healthz">docgate</a></span>
  ${userSwitcher(ctx)}
</header>
${editorBanner(ctx.editor)}
<main>${body}</main>
</body>
</html>`.value;
}

/** A page for refusals and mistakes the user can act on. */
export function messagePage(ctx: PageContext, title: string, message: string): string {
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1><p data-testid="message">${message}</p><p><a href="/">返回 Back to the documents</a></p>`,
  );
}

export const DEMO_CSS = `
body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1d2433; background: #f6f7f9; }
header { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; padding: 12px 24px; background: #1f3a5f; color: #fff; }
header a, header .muted { color: #dfe7f2; }
.brand { font-weight: 600; font-size: 17px; text-decoration: none; color: #fff; }
.switch { display: flex; gap: 8px; align-items: center; margin-left: auto; }
main { padding: 16px 24px; }
.banner { margin: 0; padding: 8px 24px; background: #e8f0fb; border-bottom: 1px solid #c9d8ee; }
.banner.emulator { background: #fff4d6; border-color: #f0d27a; }
.muted { color: #5b6475; margin: 0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.btn { display: inline-block; padding: 3px 10px; border: 1px solid #9fb3cf; border-radius: 4px; text-decoration: none; color: #1f3a5f; background: #fff; }
.btn.edit { border-color: #5a8f5a; color: #245c24; }
.upload { margin: 12px 0 20px; padding: 12px; background: #fff; border: 1px solid #e3e6eb; }
code { font-size: 13px; white-space: nowrap; }
.embed-frame { width: 100%; height: calc(100vh - 190px); min-height: 480px; border: 1px solid #c9d8ee; background: #fff; }
`;
