// Markdown, CSV, JSON and text rendering, checked by PARSING the output with parse5 (the HTML5
// algorithm browsers use): no script, no handler attribute, no URL other than http(s)/mailto.
import { type DefaultTreeAdapterMap, parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { MAX_CSV_ROWS, parseCsv, renderCsv } from "../../src/engines/preview/viewer/render-csv.js";
import { renderMarkdown } from "../../src/engines/preview/viewer/render-markdown.js";
import {
  decodeText,
  MAX_TEXT_CHARS,
  prettyJson,
  renderJson,
  renderPlainText,
} from "../../src/engines/preview/viewer/render-text.js";
import { textOf } from "../support/html-safety.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function elements(markup: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) out.push(node as Element);
    for (const child of ("childNodes" in node ? node.childNodes : []) as Node[]) walk(child);
  };
  walk(parseFragment(markup) as unknown as Node);
  return out;
}

function expectSafe(markup: string): Element[] {
  const els = elements(markup);
  for (const el of els) {
    expect(["script", "iframe", "object", "embed", "style", "form", "svg", "math", "base", "meta"]).not.toContain(
      el.tagName,
    );
    for (const attr of el.attrs) {
      expect(attr.name.startsWith("on"), `handler attribute ${attr.name}`).toBe(false);
      expect(attr.name, "inline style").not.toBe("style");
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name)) {
        expect(attr.value, `${attr.name} on <${el.tagName}>`).toMatch(/^(https?:|mailto:)/i);
      }
    }
  }
  return els;
}

const textOfMarkup = (markup: string) => textOf(parseFragment(markup) as unknown as Node);

describe("markdown", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">raw</a>',
    "[js](javascript:alert(4))",
    "[JS upper](JAVASCRIPT:alert(5))",
    "[spaced](  javascript:alert(6))",
    "[entity](java&#x09;script:alert(7))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(9))",
    "<javascript:alert(10)>",
    "![img](javascript:alert(11))",
    "![data img](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "[ref][r]\n\n[r]: javascript:alert(12)",
    "[relative](../etc/passwd)",
    '<svg onload="alert(13)">',
    "<style>body{display:none}</style>",
  ];

  it("renders structure and keeps only http, https and mailto links, opening in a new tab", () => {
    const out = renderMarkdown(
      "# Title 标题\n\n**bold** [site](https://example.com/a?b=1) <mailto:a@example.com> www.example.org\n\n| a | b |\n|---|---|\n| 1 | 2 |",
      "en",
    ).value;
    const els = expectSafe(out);
    const tags = els.map((e) => e.tagName);
    expect(tags).toEqual(expect.arrayContaining(["h1", "strong", "a", "table", "td"]));
    const links = els.filter((e) => e.tagName === "a");
    expect(links.map((a) => a.attrs.find((x) => x.name === "href")?.value)).toEqual([
      "https://example.com/a?b=1",
      "mailto:a@example.com",
      "http://www.example.org",
    ]);
    for (const a of links) {
      expect(a.attrs).toEqual(
        expect.arrayContaining([
          { name: "target", value: "_blank" },
          { name: "rel", value: "noopener noreferrer nofollow" },
        ]),
      );
    }
  });

  hostile.forEach((payload, i) => {
    it(`neutralises hostile input ${i + 1}: ${payload.slice(0, 40)}`, () => {
      const out = renderMarkdown(`before\n\n${payload}\n\nafter`, "en").value;
      const els = expectSafe(out);
      expect(els.filter((e) => e.tagName === "a" || e.tagName === "img")).toEqual([]);
      expect(textOfMarkup(out)).toContain("after");
    });
  });

  it("shows raw HTML as visible text", () => {
    expect(textOfMarkup(renderMarkdown("<script>alert(1)</script>", "en").value)).toContain(
      "<script>alert(1)</script>",
    );
  });
});

describe("csv", () => {
  it("parses quotes, doubled quotes, delimiters and line breaks inside fields, CRLF and a BOM", () => {
    const { rows, total } = parseCsv('\uFEFFa,b\r\n"x, y","line1\nline2"\r\n"say ""hi""",\r\n');
    expect(rows).toEqual([
      ["a", "b"],
      ["x, y", "line1\nline2"],
      ['say "hi"', ""],
    ]);
    expect(total).toBe(3);
  });

  it("detects semicolon and tab delimiters", () => {
    expect(parseCsv("a;b;c\n1;2;3").rows[1]).toEqual(["1", "2", "3"]);
    expect(parseCsv("a\tb\n1\t2").rows[1]).toEqual(["1", "2"]);
  });

  it("renders an escaped table with a header row, padding short rows", () => {
    const out = renderCsv('name,note\n<b>x</b>,"<script>alert(1)</script>"\nonly-one\n', "en").value;
    const els = expectSafe(out);
    expect(els.filter((e) => e.tagName === "th").map((e) => textOf(e as unknown as Node))).toEqual(["name", "note"]);
    const rows = els.filter((e) => e.tagName === "tr").slice(1);
    expect(rows.map((r) => r.childNodes.length)).toEqual([2, 2]);
    expect(textOfMarkup(out)).toContain("<script>alert(1)</script>");
    expect(els.some((e) => e.tagName === "b")).toBe(false);
  });

  it("shows at most MAX_CSV_ROWS rows and says how many there are", () => {
    const text = ["h1,h2", ...Array.from({ length: 1500 }, (_, i) => `${i},v${i}`)].join("\n");
    const out = renderCsv(text, "en").value;
    const els = expectSafe(out);
    expect(els.filter((e) => e.tagName === "tr")).toHaveLength(MAX_CSV_ROWS);
    expect(textOfMarkup(out)).toContain(`Showing the first ${MAX_CSV_ROWS} of 1501 rows.`);
    expect(textOfMarkup(renderCsv(text, "zh-CN").value)).toContain(`仅显示前 ${MAX_CSV_ROWS} 行，共 1501 行。`);
  });
});

describe("json", () => {
  it("pretty-prints while copying every literal exactly (numbers beyond 2^53, escapes)", () => {
    const source = '{"big":12345678901234567890,"s":"a\\"}{[,:b","e":{},"l":[],"n":[1,{"k":-0.5e10}]}';
    expect(prettyJson(source)).toBe(
      '{\n  "big": 12345678901234567890,\n  "s": "a\\"}{[,:b",\n  "e": {},\n  "l": [],\n  "n": [\n    1,\n    {\n      "k": -0.5e10\n    }\n  ]\n}',
    );
    expect(JSON.parse(prettyJson(source))).toEqual(JSON.parse(source));
  });

  it("renders escaped, line-numbered code", () => {
    const out = renderJson('{"html":"<img src=x onerror=alert(1)>"}', "en").value;
    const els = expectSafe(out);
    expect(els.filter((e) => e.tagName === "span")).toHaveLength(3);
    expect(textOfMarkup(out)).toContain('"html": "<img src=x onerror=alert(1)>"');
  });

  it("falls back to plain text with a notice when the JSON does not parse", () => {
    const out = renderJson('{"a": <script>', "zh-CN").value;
    expectSafe(out);
    expect(textOfMarkup(out)).toMatch(/不是有效的 JSON（.+），按纯文本显示。/);
    expect(textOfMarkup(out)).toContain('{"a": <script>');
  });
});

describe("plain text", () => {
  it("escapes everything and numbers lines", () => {
    const out = renderPlainText("a <b>\r\n</pre><script>x</script>\n", "en").value;
    const els = expectSafe(out);
    expect(els.filter((e) => e.tagName === "span")).toHaveLength(2);
    expect(textOfMarkup(out)).toBe("a <b>\n</pre><script>x</script>\n");
  });

  it("cuts very large files with a notice", () => {
    const out = renderPlainText("x".repeat(MAX_TEXT_CHARS + 10), "en").value;
    expect(textOfMarkup(out)).toContain(`showing the first ${MAX_TEXT_CHARS} characters`);
  });

  it("decodes UTF-8, UTF-8/UTF-16 with a BOM, and GB18030", () => {
    expect(decodeText(Buffer.from("你好 hi"))).toBe("你好 hi");
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x60, 0x4f, 0x7d, 0x59]))).toBe("你好");
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x4f, 0x60]))).toBe("你");
    expect(decodeText(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toBe("你好");
  });
});
