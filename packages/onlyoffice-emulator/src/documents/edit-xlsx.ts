// xlsx edit: the text goes into column A of the next empty row of the first sheet, as inline strings.
import type JSZip from "jszip";
import { DocumentFormatError, firstReferencedPart, mainPart, readPart } from "./ooxml-parts.js";
import { escapeXml, textLines } from "./xml-text.js";

export async function firstSheetPart(zip: JSZip): Promise<string> {
  const workbook = await mainPart(zip);
  const xml = await readPart(zip, workbook);
  return firstReferencedPart(zip, workbook, xml, "sheet");
}

function lastRowNumber(sheetXml: string): number {
  let max = 0;
  for (const m of sheetXml.matchAll(/<row\b[^>]*\sr="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

export async function appendXlsxText(zip: JSZip, text: string): Promise<void> {
  const sheet = await firstSheetPart(zip);
  let xml = await readPart(zip, sheet);
  let row = lastRowNumber(xml);
  const rows = textLines(text)
    .map((line) => {
      row += 1;
      return `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(line)}</t></is></c></row>`;
    })
    .join("");
  if (/<sheetData\s*\/>/.test(xml)) {
    xml = xml.replace(/<sheetData\s*\/>/, `<sheetData>${rows}</sheetData>`);
  } else {
    const end = xml.lastIndexOf("</sheetData>");
    if (end < 0) throw new DocumentFormatError(`${sheet} has no <sheetData>`);
    xml = xml.slice(0, end) + rows + xml.slice(end);
  }
  // The dimension is a hint; widen it rather than leave it wrong.
  xml = xml.replace(/<dimension\s+ref="[^"]*"\s*\/>/, (tag) => {
    const ref = /ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"/.exec(tag);
    const lastCol = ref?.[3] ?? ref?.[1] ?? "A";
    return `<dimension ref="A1:${lastCol}${row}"/>`;
  });
  zip.file(sheet, xml);
}
