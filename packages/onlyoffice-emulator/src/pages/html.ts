// Escaping for the server-rendered emulator pages.
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON safe to embed in a <script type="application/json"> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export const BANNER = "ONLYOFFICE emulator";

export const PAGE_STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f4f4f4;color:#222}
header{background:#446995;color:#fff;padding:6px 12px;font-weight:600}
header small{font-weight:400;opacity:.85;margin-left:8px}
main{padding:12px}
.error{color:#a00;font-weight:600}
pre{background:#fff;border:1px solid #ccc;padding:8px;white-space:pre-wrap;min-height:3em}
textarea{width:100%;min-height:4em;box-sizing:border-box}
button{margin:6px 6px 6px 0}
#emulator-users li.viewer{opacity:.7}
`;
