// Markdown rendered on the server (issue 4, item 4). Safety comes from markdown-it's own options,
// not from filtering its output: raw HTML is escaped (html: false) and every link or image URL must be
// http, https or mailto, so no javascript:, data: or vbscript: URL and no element outside
// markdown-it's fixed set can appear. Images still obey the viewer's CSP (img-src 'self' data: blob:),
// so a remote image never loads and cannot track the reader.
import MarkdownIt from "markdown-it";
import { type Html, trustedHtml } from "../../../pages/html.js";
import type { Lang } from "../../../pages/language.js";
import { MAX_TEXT_CHARS, renderPlainText } from "./render-text.js";

const SAFE_URL = /^(?:https?:|mailto:)/i;

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = (url: string) => SAFE_URL.test(url.trim());
  const openLink =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    // A link must never navigate the viewer (often inside the business system's iframe) away.
    tokens[idx]?.attrSet("target", "_blank");
    tokens[idx]?.attrSet("rel", "noopener noreferrer nofollow");
    return openLink(tokens, idx, options, env, self);
  };
  return md;
}

const markdown = createMarkdown();

export function renderMarkdown(text: string, lang: Lang): Html {
  // Past the size cap the document is shown as text rather than half-rendered.
  if (text.length > MAX_TEXT_CHARS) return renderPlainText(text, lang);
  // Trusted only because of the configuration above; see the file comment.
  return trustedHtml(`<article class="dg-markdown">${markdown.render(text)}</article>`);
}
