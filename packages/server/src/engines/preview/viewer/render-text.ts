// Plain text, code and JSON for the viewer, rendered on the server through the auto-escaping
// templates: the document's bytes only ever become text nodes (issue 4, item 4).
import { type Html, html } from "../../../pages/html.js";
import type { Lang } from "../../../pages/language.js";
import { type StringKey, t } from "../../../pages/strings.js";

/** Characters shown before a notice says the rest was left out: keeps the page a sane size. */
export const MAX_TEXT_CHARS = 2_000_000;

/** A localised string with `{name}` slots filled (values are escaped later by the template). */
export function fill(lang: Lang, key: StringKey, values: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m));
}

/**
 * Bytes to text: a BOM decides (UTF-8, UTF-16LE/BE); otherwise strict UTF-8, and when that fails,
 * GB18030 (a superset of GBK/GB2312), the encoding of most non-UTF-8 text files in docgate's market.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

function truncated(text: string, lang: Lang): { text: string; notice: Html | "" } {
  if (text.length <= MAX_TEXT_CHARS) return { text, notice: "" };
  return {
    text: text.slice(0, MAX_TEXT_CHARS),
    notice: html`<p class="dg-notice" data-testid="viewer-notice">${fill(lang, "viewer_text_truncated", { shown: MAX_TEXT_CHARS })}</p>`,
  };
}

/** Lines as spans so CSS counters can number them (numbers are never part of a copied selection). */
function codeBlock(text: string, className: string): Html {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return html`<pre class="dg-code ${className}"><code>${lines.map((l) => html`<span class="dg-line">${l}\n</span>`)}</code></pre>`;
}

export function renderPlainText(text: string, lang: Lang): Html {
  const cut = truncated(text, lang);
  return html`${cut.notice}${codeBlock(cut.text, "dg-text")}`;
}

/**
 * Re-indents JSON that JSON.parse accepted, copying every literal exactly as written: parsing to
 * values and stringifying again would silently change numbers beyond 2^53 and escaped strings.
 */
export function prettyJson(source: string): string {
  let out = "";
  let depth = 0;
  const newline = () => `\n${"  ".repeat(depth)}`;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      const next = source.slice(i + 1).match(/^\s*(.)/)?.[1];
      if (next === close) {
        out += c + close;
        i = source.indexOf(close, i + 1);
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === "}" || c === "]") {
      depth--;
      out += newline() + c;
    } else if (c === ",") {
      out += c + newline();
    } else if (c === ":") {
      out += ": ";
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** Pretty-printed JSON; a file that does not parse is shown as plain text under a notice. */
export function renderJson(text: string, lang: Lang): Html {
  const cut = truncated(text.replace(/^\uFEFF/, ""), lang);
  if (cut.notice) return renderPlainText(text, lang);
  try {
    JSON.parse(cut.text);
  } catch (error) {
    const message = (error as Error).message.slice(0, 200);
    return html`<p class="dg-notice" data-testid="viewer-notice">${fill(lang, "viewer_json_invalid", { error: message })}</p>${codeBlock(cut.text, "dg-text")}`;
  }
  return codeBlock(prettyJson(cut.text), "dg-json");
}
