// spec: onlyoffice 6: the edited file is a real document of the same type containing the edit,
// with everything else intact.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { insertText } from "../src/documents/edit-document.js";
import { insertionPoint } from "../src/documents/edit-docx.js";
import { extractText } from "../src/documents/extract-text.js";
import { makeDocx, makePptx, makeXlsx } from "./support/fixtures.js";

async function part(bytes: Uint8Array, name: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async("string");
}

describe("document edits", () => {
  it("docx: appends a paragraph before the body's sectPr and keeps the other parts", async () => {
    const before = await makeDocx(["First", "Second"]);
    const after = await insertText(before, "docx", "Added <by> emulator & co");
    const xml = await part(after, "word/document.xml");
    expect(xml).toContain(
      '<w:p><w:r><w:t xml:space="preserve">Added &lt;by&gt; emulator &amp; co</w:t></w:r></w:p><w:sectPr>',
    );
    expect(await extractText(after, "docx")).toBe("First\nSecond\nAdded <by> emulator & co");
    const names = Object.keys((await JSZip.loadAsync(after)).files).sort();
    expect(names).toEqual(Object.keys((await JSZip.loadAsync(before)).files).sort());
    expect(await part(after, "[Content_Types].xml")).toBe(await part(before, "[Content_Types].xml"));
  });

  it("docx: a paragraph-level sectPr is not mistaken for the body's", () => {
    const xml =
      '<w:body><w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr></w:p><w:p><w:r><w:t>b</w:t></w:r></w:p></w:body>';
    expect(insertionPoint(xml)).toBe(xml.indexOf("</w:body>"));
  });

  it("docx: inserts a tracked change when asked", async () => {
    const after = await insertText(await makeDocx(), "docx", "Suggested", {
      id: 7,
      author: "Rita",
      date: "2026-01-01T00:00:00Z",
    });
    const xml = await part(after, "word/document.xml");
    expect(xml).toMatch(
      /<w:ins w:id="8" w:author="Rita" w:date="2026-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">Suggested<\/w:t><\/w:r><\/w:ins>/,
    );
  });

  it("docx: each line becomes a paragraph", async () => {
    const after = await insertText(await makeDocx([]), "docx", "one\ntwo");
    expect(await extractText(after, "docx")).toBe("one\ntwo");
  });

  it("xlsx: writes the text as an inline string in the next empty row of the first sheet", async () => {
    const after = await insertText(await makeXlsx(["A", "B"]), "xlsx", "New row");
    const xml = await part(after, "xl/worksheets/sheet1.xml");
    expect(xml).toContain(
      '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">New row</t></is></c></row></sheetData>',
    );
    expect(xml).toContain('<dimension ref="A1:A3"/>');
    expect(await extractText(after, "xlsx")).toBe("A\nB\nNew row");
  });

  it("xlsx: handles an empty <sheetData/>", async () => {
    const zip = await JSZip.loadAsync(await makeXlsx([]));
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace(
      "<sheetData></sheetData>",
      "<sheetData/>",
    );
    zip.file("xl/worksheets/sheet1.xml", sheet);
    const after = await insertText(await zip.generateAsync({ type: "uint8array" }), "xlsx", "first");
    expect(await extractText(after, "xlsx")).toBe("first");
  });

  it("pptx: adds a text box shape to the first slide", async () => {
    const after = await insertText(await makePptx("Title"), "pptx", "Box text");
    const xml = await part(after, "ppt/slides/slide1.xml");
    expect(xml).toMatch(/<p:sp><p:nvSpPr><p:cNvPr id="3" name="TextBox 3"\/><p:cNvSpPr txBox="1"\/>/);
    expect(xml).toContain("<a:t>Box text</a:t>");
    expect(xml.indexOf("Box text")).toBeLessThan(xml.indexOf("</p:spTree>"));
    expect(await extractText(after, "pptx")).toBe("Title\nBox text");
    const again = await insertText(after, "pptx", "Second box");
    expect(await part(again, "ppt/slides/slide1.xml")).toContain('id="4" name="TextBox 4"');
  });

  it("refuses files it cannot edit", async () => {
    await expect(insertText(new Uint8Array([1, 2, 3]), "docx", "x")).rejects.toThrow(/not a zip/);
    await expect(insertText(await makeDocx(), "pdf", "x")).rejects.toThrow(/cannot edit/);
  });
});
