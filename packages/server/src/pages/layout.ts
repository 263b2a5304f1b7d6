import { type Html, html, trustedHtml } from "./html.js";
import type { Lang } from "./language.js";

// Shared page chrome. Styles are inline and allowed by the per-response CSP nonce
// (http/security-headers.ts), so no static directory serves anything user-influenced.
const BASE_CSS = `
:root { color-scheme: light; --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --accent:#0969da; --bad:#cf222e; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color:var(--fg); background:#f6f8fa; }
main { max-width: 760px; margin: 0 auto; padding: 24px 16px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:20px 24px; margin-bottom:16px; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 16px 0 6px; }
.muted { color: var(--muted); }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; background:#eff2f5; padding:1px 6px; border-radius:4px; }
dl { display:grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.bad { color: var(--bad); }
.notice { border-left: 4px solid #bf8700; background:#fff8c5; padding: 8px 12px; border-radius: 4px; margin: 8px 0; }
@media (max-width: 520px) { dl { grid-template-columns: 1fr; } main { padding: 12px 8px; } }
`;

export interface LayoutOptions {
  lang: Lang;
  title: string;
  nonce: string;
  body: Html;
  head?: Html;
}

export function layout({ lang, title, nonce, body, head }: LayoutOptions): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style nonce="${nonce}">${trustedHtml(BASE_CSS)}</style>
${head ?? ""}
</head>
<body>
${body}
</body>
</html>`.value;
}
