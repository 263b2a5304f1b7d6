// Checks a page for injected markup by PARSING it (parse5, the HTML5 algorithm browsers use), not by
// searching strings: an injection is any element, attribute or script the page's own template did not make.
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { expect } from "vitest";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

export function parsePage(body: string) {
  return parse(body);
}

function walk(node: Node, visit: (el: Element) => void): void {
  if ("tagName" in node) visit(node as Element);
  const children = "childNodes" in node ? (node.childNodes as Node[]) : [];
  for (const child of children) walk(child, visit);
  if ("content" in node && node.content) walk(node.content as unknown as Node, visit);
}

export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  const children = "childNodes" in node ? (node.childNodes as Node[]) : [];
  return children.map(textOf).join("");
}

/**
 * Asserts the page has no injected element or handler: only expected tags, no on* attributes,
 * no javascript: URLs, every <script> carries the CSP nonce, and each payload shows up as plain text.
 */
export function expectNoInjection(body: string, payloads: string[], nonce?: string): void {
  const doc = parse(body);
  const allowed = new Set([
    "html",
    "head",
    "body",
    "meta",
    "title",
    "style",
    "main",
    "div",
    "h1",
    "h2",
    "p",
    "dl",
    "dt",
    "dd",
    "span",
    "b",
    "script",
    "a",
    "button",
    "header",
    "nav",
    "section",
    "footer",
    "img",
    "canvas",
    "input",
    "label",
    "ul",
    "li",
  ]);
  walk(doc as unknown as Node, (el) => {
    expect(allowed.has(el.tagName), `unexpected <${el.tagName}>`).toBe(true);
    for (const attr of el.attrs) {
      expect(attr.name.startsWith("on"), `handler attribute ${attr.name}`).toBe(false);
      expect(/^\s*javascript:/i.test(attr.value), `javascript: URL in ${attr.name}`).toBe(false);
    }
    if (el.tagName === "script") {
      const n = el.attrs.find((a) => a.name === "nonce")?.value;
      expect(n, "script without nonce").toBeTruthy();
      if (nonce) expect(n).toBe(nonce);
      for (const p of payloads) expect(textOf(el)).not.toContain(p);
    }
    if (el.tagName === "img") {
      expect(el.attrs.find((a) => a.name === "src")?.value ?? "").not.toBe("x");
    }
  });
  const text = textOf(doc as unknown as Node);
  for (const p of payloads) expect(text, `payload not shown as text: ${p}`).toContain(p);
}
