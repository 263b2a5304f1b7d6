// docx edit: a paragraph appended at the end of the body, before the body's <w:sectPr>
// (spec: onlyoffice 6, "a paragraph added to a docx"). Everything else in the package is left intact.
import type JSZip from "jszip";
import { DocumentFormatError, mainPart, readPart } from "./ooxml-parts.js";
import { escapeXml, textLines } from "./xml-text.js";

export interface TrackedChange {
  id: number;
  author: string;
  date: string;
}

function paragraph(line: string, tracked: TrackedChange | undefined): string {
  const run = `<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`;
  if (!tracked) return `<w:p>${run}</w:p>`;
  // A tracked insertion: both the paragraph mark and the run are marked as inserted.
  const a = `w:author="${escapeXml(tracked.author)}" w:date="${tracked.date}"`;
  return `<w:p><w:pPr><w:rPr><w:ins w:id="${tracked.id}" ${a}/></w:rPr></w:pPr><w:ins w:id="${tracked.id + 1}" ${a}>${run}</w:ins></w:p>`;
}

/** Where the new paragraphs go: before the body-level sectPr if there is one, else before </w:body>. */
export function insertionPoint(xml: string): number {
  const bodyEnd = xml.lastIndexOf("</w:body>");
  if (bodyEnd < 0) throw new DocumentFormatError("word document has no </w:body> (w: prefix expected)");
  const sect = xml.lastIndexOf("<w:sectPr", bodyEnd);
  if (sect < 0) return bodyEnd;
  const lastBlockEnd = Math.max(xml.lastIndexOf("</w:p>", bodyEnd), xml.lastIndexOf("</w:tbl>", bodyEnd));
  // A sectPr before the last block end belongs to a paragraph's properties, not to the body.
  return sect > lastBlockEnd ? sect : bodyEnd;
}

export async function appendDocxText(zip: JSZip, text: string, tracked?: TrackedChange): Promise<void> {
  const part = await mainPart(zip);
  const xml = await readPart(zip, part);
  let id = tracked?.id ?? 0;
  const paragraphs = textLines(text)
    .map((line) => {
      const p = paragraph(line, tracked ? { ...tracked, id } : undefined);
      id += 2;
      return p;
    })
    .join("");
  const at = insertionPoint(xml);
  zip.file(part, xml.slice(0, at) + paragraphs + xml.slice(at));
}
