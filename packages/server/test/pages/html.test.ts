import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript, trustedHtml } from "../../src/pages/html.js";
import { pickLang } from "../../src/pages/language.js";
import { STRINGS } from "../../src/pages/strings.js";

describe("html templates", () => {
  it("escapes every interpolated string, including attribute breakers", () => {
    const evil = `"><script>alert(1)</script><img src=x onerror='a'>\``;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain("<script>");
    expect(out).not.toContain(`"><`);
    expect(out).toContain("&lt;script&gt;");
    expect(out).toContain("&quot;&gt;");
    expect(escapeHtml("'`&")).toBe("&#39;&#96;&amp;");
  });

  it("keeps nested templates and arrays, drops null/undefined/false", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`${[inner, null, undefined, false, 0]}`.value).toBe("<b>&lt;i&gt;</b>0");
    expect(html`${trustedHtml("<hr>")}`.value).toBe("<hr>");
  });

  it("jsonForScript can never close a script element", () => {
    const out = jsonForScript({ a: "</script><script>x()</script>", b: "\u2028<!--" }).value;
    expect(out).not.toMatch(/<\/script/i);
    expect(out).not.toContain("<!--");
    expect(JSON.parse(out)).toEqual({ a: "</script><script>x()</script>", b: "\u2028<!--" });
  });
});

describe("page language", () => {
  it("prefers ?lang, then Accept-Language by quality, then zh-CN", () => {
    expect(pickLang("en-US,en;q=0.9", "zh-CN")).toBe("zh-CN");
    expect(pickLang("en-US,en;q=0.9")).toBe("en");
    expect(pickLang("fr;q=1, zh-TW;q=0.5, en;q=0.4")).toBe("zh-CN");
    expect(pickLang("en;q=0.2, zh;q=0.8")).toBe("zh-CN");
    expect(pickLang(undefined)).toBe("zh-CN");
    expect(pickLang("de")).toBe("zh-CN");
  });

  it("has every string in both languages", () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS["zh-CN"]).sort());
    for (const value of [...Object.values(STRINGS.en), ...Object.values(STRINGS["zh-CN"])])
      expect(value.length).toBeGreaterThan(0);
  });
});
