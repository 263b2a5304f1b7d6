// Text shown in view mode (and after each edit): paragraphs of docx, cells of the first sheet, slide texts.
import { loadPackage } from "./edit-document.js";
import { firstSheetPart } from "./edit-xlsx.js";
import { mainPart, readPart, referencedParts } from "./ooxml-parts.js";
import { decodeXml } from "./xml-text.js";

function texts(xml: string, tag: string): string {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, "g");
  return [...xml.matchAll(re)].map((m) => decodeXml(m[1]!)).join("");
}

function blocks(xml: string, blockTag: string, textTag: string): string[] {
  const re = new RegExp(`<${blockTag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${blockTag}>)`, "g");
  return [...xml.matchAll(re)].map((m) => texts(m[0], textTag));
}

export async function extractText(bytes: Uint8Array, fileType: string): Promise<string> {
  const zip = await loadPackage(bytes);
  if (fileType === "docx") {
    return blocks(await readPart(zip, await mainPart(zip)), "w:p", "w:t").join("\n");
  }
  if (fileType === "xlsx") {
    const shared: string[] = [];
    const sst = zip.file("xl/sharedStrings.xml");
    if (sst) shared.push(...blocks(await sst.async("string"), "si", "t"));
    const sheet = await readPart(zip, await firstSheetPart(zip));
    const rows = [...sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)].map((row) => {
      const cells = [...(row[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
        const attrs = c[1] ?? "";
        const body = c[2] ?? "";
        if (/t="s"/.test(attrs)) return shared[Number(texts(body, "v"))] ?? "";
        if (/t="inlineStr"/.test(attrs)) return texts(body, "t");
        return texts(body, "v");
      });
      return cells.join("\t");
    });
    return rows.join("\n");
  }
  if (fileType === "pptx") {
    const presentation = await mainPart(zip);
    const slides = await referencedParts(zip, presentation, await readPart(zip, presentation), "p:sldId");
    const out: string[] = [];
    for (const slide of slides) out.push(...blocks(await readPart(zip, slide), "a:p", "a:t"));
    return out.join("\n");
  }
  return "";
}
