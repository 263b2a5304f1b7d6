import type { MetaPermissions, SessionRecord } from "@docgate/core";
import { type DefaultTreeAdapterMap, parse } from "parse5";
import { describe, expect, it } from "vitest";
import type { ResolvedWatermark } from "../../src/engines/preview/viewer/resolve-watermark.js";
import { viewerCsp } from "../../src/engines/preview/viewer/viewer-csp.js";
import { renderViewerPage, type ViewerPageOptions } from "../../src/engines/preview/viewer/viewer-page.js";
import { textOf } from "../support/html-safety.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const NONCE = "bm9uY2Utbm9uY2Utbm9uY2U=";
const PAYLOAD = `</script><script>alert(1)</script><img src=x onerror=alert(2)>`;
const ALL: MetaPermissions = { read: true, write: false, download: true, print: true, copy: true };
const NONE: MetaPermissions = { read: true, write: false, download: false, print: false, copy: false };
const WATERMARK: ResolvedWatermark = {
  lines: [PAYLOAD, "zhangsan@example.com 2024-03-25"],
  color: "#cecece",
  opacity: 0.7,
  angle: -45,
  fontSize: 16,
  fontFamily: '"黑体", sans-serif',
  spacing: 50,
};

function session(name: string): SessionRecord {
  return {
    id: "s1",
    browserBindingHash: "",
    browserBound: true,
    repoId: "crm",
    docId: "d1",
    requestedAction: "view",
    effectiveMode: "view",
    readOnlyReason: null,
    user: { id: "u", display_name: "U", email: "u@example.com" },
    meta: {
      id: "d1",
      name,
      modified_at: "2024-03-25T02:57:38.000Z",
      created_by: { id: "u", name: "U" },
      permissions: ALL,
      extension: { previewWithTrackChange: false, trackChangeForceOn: false },
    },
    downloadUrl: "http://oa.example.com/f",
    uploadUrl: null,
    params: [],
    engine: "builtin",
    createdAt: 0,
    expiresAt: 1,
  };
}

function page(overrides: Partial<ViewerPageOptions> = {}): string {
  return renderViewerPage({
    session: session("report.pdf"),
    lang: "en",
    nonce: NONCE,
    renditionUrl: "/s/s1/rendition",
    kind: "pdf",
    watermark: WATERMARK,
    permissions: ALL,
    assetBase: "/viewer-assets/abc123",
    ...overrides,
  });
}

function elements(body: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node) out.push(node as Element);
    for (const child of ("childNodes" in node ? node.childNodes : []) as Node[]) walk(child);
  };
  walk(parse(body) as unknown as Node);
  return out;
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const actions = (body: string) =>
  elements(body)
    .map((e) => attr(e, "data-action"))
    .filter(Boolean);

describe("renderViewerPage: controls follow permissions", () => {
  it("offers print and a download link (download=1 on the rendition URL) when allowed", () => {
    const body = page();
    expect(actions(body)).toEqual(expect.arrayContaining(["print", "download", "fit-width", "zoom-in", "search-next"]));
    const link = elements(body).find((e) => attr(e, "data-action") === "download");
    expect(link && attr(link, "href")).toBe("/s/s1/rendition?download=1");
    expect(body).not.toContain("@media print { html, body { display: none");
    expect(elements(body).find((e) => attr(e, "data-testid") === "viewer")?.attrs).not.toContainEqual(
      expect.objectContaining({ value: expect.stringContaining("dg-nocopy") }),
    );
  });

  it("has no download or print control, and blocks selection and printing in CSS, when not allowed", () => {
    const body = page({ permissions: NONE });
    expect(actions(body)).not.toContain("download");
    expect(actions(body)).not.toContain("print");
    expect(body).not.toContain("download=1");
    const style = elements(body).filter((e) => e.tagName === "style" && attr(e, "nonce") === NONCE);
    const css = style.map((s) => textOf(s as unknown as Node)).join("\n");
    expect(css).toContain("@media print { html, body { display: none !important; } }");
    expect(css).toContain("user-select: none !important");
    const root = elements(body).find((e) => attr(e, "data-testid") === "viewer");
    expect(attr(root as Element, "class")).toBe("dg-viewer dg-nocopy dg-noprint");
  });

  it("treats download=false as no copying even when copy=true (spec: entry 4)", () => {
    const body = page({ permissions: { ...NONE, copy: true, print: true } });
    expect(attr(elements(body).find((e) => attr(e, "data-testid") === "viewer") as Element, "class")).toContain(
      "dg-nocopy",
    );
    expect(actions(body)).toContain("print");
  });

  it("turns copying off when copy=false even if download is allowed", () => {
    const body = page({ permissions: { ...ALL, copy: false } });
    expect(actions(body)).toContain("download");
    expect(body).toContain("dg-nocopy");
  });

  it("uses an explicit download URL when given", () => {
    const body = page({ downloadUrl: "/s/s1/original?download=1" });
    const link = elements(body).find((e) => attr(e, "data-action") === "download");
    expect(link && attr(link, "href")).toBe("/s/s1/original?download=1");
  });
});

describe("renderViewerPage: injection", () => {
  it("escapes the name and keeps watermark lines inside JSON data, every script nonced", () => {
    const body = page({ session: session(`${PAYLOAD}.pdf`) });
    const els = elements(body);
    for (const el of els) {
      for (const a of el.attrs) expect(a.name.startsWith("on"), a.name).toBe(false);
      if (el.tagName === "script") expect(attr(el, "nonce")).toBe(NONCE);
      if (el.tagName === "img") throw new Error("an <img> was injected");
    }
    expect(els.filter((e) => e.tagName === "script")).toHaveLength(2);
    const title = els.find((e) => attr(e, "data-testid") === "doc-name");
    expect(textOf(title as unknown as Node)).toBe(`${PAYLOAD}.pdf`);
    const config = JSON.parse(textOf(els.find((e) => attr(e, "id") === "dg-config") as unknown as Node));
    expect(config.watermark.lines[0]).toBe(PAYLOAD);
    expect(config.permissions).toEqual({ download: true, print: true, copy: true });
  });

  it("renders native kinds from content on the server, and refuses to render them without it", () => {
    const body = page({ kind: "markdown", content: Buffer.from("# Hello 你好\n\n<script>alert(1)</script>") });
    const els = elements(body);
    expect(els.find((e) => e.tagName === "h1" && textOf(e as unknown as Node) === "Hello 你好")).toBeDefined();
    expect(els.filter((e) => e.tagName === "script")).toHaveLength(2);
    expect(() => page({ kind: "csv" })).toThrow(/needs the document's content/);
  });

  it("shows images (and SVG) through <img>, so SVG scripts cannot run", () => {
    const img = elements(page({ kind: "svg" })).find((e) => e.tagName === "img");
    expect(img && attr(img, "src")).toBe("/s/s1/rendition");
    expect(img && attr(img, "draggable")).toBe("false");
  });

  it("speaks Chinese when asked", () => {
    expect(page({ lang: "zh-CN" })).toContain("适合宽度");
  });
});

describe("viewerCsp", () => {
  it("allows the nonce, same-origin workers and fonts, with Trusted Types and no unsafe-*", () => {
    const csp = viewerCsp(NONCE, ["https://oa.example.com"]);
    const directives = Object.fromEntries(
      csp.split("; ").map((d) => {
        const [name, ...sources] = d.split(" ");
        return [name, sources];
      }),
    );
    expect(directives["script-src"]).toEqual([`'nonce-${NONCE}'`]);
    expect(directives["style-src"]).toEqual([`'nonce-${NONCE}'`]);
    expect(directives["worker-src"]).toEqual(["'self'"]);
    expect(directives["font-src"]).toEqual(["'self'"]);
    expect(directives["require-trusted-types-for"]).toEqual(["'script'"]);
    expect(directives["trusted-types"]).toEqual(["default"]);
    expect(directives["frame-ancestors"]).toEqual(["'self'", "https://oa.example.com"]);
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
  });
});
