// Small pure pieces of the preview engine: the rendition plan per extension, signatures of native
// binary formats, Range parsing, Content-Disposition and the bounded text read.
import { describe, expect, it } from "vitest";
import { parseByteRange } from "../../../src/engines/preview/http/byte-range.js";
import { contentDisposition } from "../../../src/engines/preview/http/content-disposition.js";
import { withoutCutCharacter } from "../../../src/engines/preview/read-text-content.js";
import { canPreview, matchesSignature, planFor } from "../../../src/engines/preview/rendition-kind.js";

describe("planFor", () => {
  it("converts office formats to PDF and serves native formats as they are", () => {
    expect(planFor("a/b/报告.DOCX")).toMatchObject({ extension: "docx", kind: "pdf", convert: true });
    expect(planFor("scan.pdf")).toMatchObject({ kind: "pdf", convert: false, contentType: "application/pdf" });
    expect(planFor("p.JPG")).toMatchObject({ kind: "image", contentType: "image/jpeg" });
    expect(planFor("x.svg")).toMatchObject({ kind: "svg", contentType: "image/svg+xml" });
    expect(planFor("readme.md")).toMatchObject({ kind: "markdown", convert: false });
    expect(planFor("data.csv")).toMatchObject({ kind: "csv", convert: false });
    expect(planFor("notes.txt")).toMatchObject({ kind: "text", contentType: "text/plain; charset=utf-8" });
  });

  it("refuses what it cannot show with DOCGATE_FORMAT_UNSUPPORTED", () => {
    expect(() => planFor("a.xyz")).toThrow(expect.objectContaining({ code: "DOCGATE_FORMAT_UNSUPPORTED" }));
    expect(() => planFor("noextension")).toThrow(expect.objectContaining({ code: "DOCGATE_FORMAT_UNSUPPORTED" }));
    expect(canPreview("html")).toBe(false);
    expect(canPreview("pptx")).toBe(true);
  });
});

describe("matchesSignature", () => {
  it("checks the leading bytes of binary native formats only", () => {
    expect(matchesSignature("pdf", Buffer.from("\n%PDF-1.7"))).toBe(true);
    expect(matchesSignature("pdf", Buffer.from("<html>"))).toBe(false);
    expect(matchesSignature("png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(matchesSignature("jpg", Buffer.from("GIF89a"))).toBe(false);
    expect(matchesSignature("txt", Buffer.alloc(0))).toBe(true);
  });
});

describe("parseByteRange", () => {
  it("answers one range, a suffix, an open end, and ignores what it does not support", () => {
    expect(parseByteRange(undefined, 10)).toEqual({ kind: "whole" });
    expect(parseByteRange("bytes=0-3", 10)).toEqual({ kind: "partial", start: 0, end: 3 });
    expect(parseByteRange("bytes=4-", 10)).toEqual({ kind: "partial", start: 4, end: 9 });
    expect(parseByteRange("bytes=-3", 10)).toEqual({ kind: "partial", start: 7, end: 9 });
    expect(parseByteRange("bytes=5-999", 10)).toEqual({ kind: "partial", start: 5, end: 9 });
    expect(parseByteRange("bytes=10-", 10)).toEqual({ kind: "unsatisfiable" });
    expect(parseByteRange("bytes=5-3", 10)).toEqual({ kind: "whole" });
    expect(parseByteRange("bytes=0-1,3-4", 10)).toEqual({ kind: "whole" });
    expect(parseByteRange("items=0-1", 10)).toEqual({ kind: "whole" });
  });
});

describe("contentDisposition", () => {
  it("keeps quotes and control characters out, and the exact name in filename*", () => {
    const header = contentDisposition("attachment", '合同"\r\nx.docx');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="');
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('合同"\r\nx.docx')}`);
  });
});

describe("withoutCutCharacter", () => {
  it("drops a UTF-8 character cut by the read limit and keeps complete ones", () => {
    const text = Buffer.from("ab你好");
    expect(withoutCutCharacter(text).toString()).toBe("ab你好");
    expect(withoutCutCharacter(text.subarray(0, text.length - 1)).toString()).toBe("ab你");
    expect(withoutCutCharacter(text.subarray(0, text.length - 2)).toString()).toBe("ab你");
    expect(withoutCutCharacter(Buffer.from("abc")).toString()).toBe("abc");
  });
});
