// pptx edit: a text box shape added to the first slide's shape tree.
import type JSZip from "jszip";
import { DocumentFormatError, firstReferencedPart, mainPart, readPart } from "./ooxml-parts.js";
import { escapeXml, textLines } from "./xml-text.js";

export async function firstSlidePart(zip: JSZip): Promise<string> {
  const presentation = await mainPart(zip);
  const xml = await readPart(zip, presentation);
  return firstReferencedPart(zip, presentation, xml, "p:sldId");
}

function nextShapeId(slideXml: string): number {
  let max = 1;
  for (const m of slideXml.matchAll(/<p:cNvPr\b[^>]*\sid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max + 1;
}

function textBox(id: number, index: number, text: string): string {
  const y = 457200 + index * 685800; // stack boxes half an inch apart, 0.75 in per box
  const paragraphs = textLines(text)
    .map((l) => `<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>${escapeXml(l)}</a:t></a:r></a:p>`)
    .join("");
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="TextBox ${id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>` +
    `<p:spPr><a:xfrm><a:off x="457200" y="${y}"/><a:ext cx="8229600" cy="457200"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>` +
    `<p:txBody><a:bodyPr wrap="square" rtlCol="0"><a:spAutoFit/></a:bodyPr><a:lstStyle/>${paragraphs}</p:txBody></p:sp>`
  );
}

export async function appendPptxText(zip: JSZip, text: string): Promise<void> {
  const slide = await firstSlidePart(zip);
  const xml = await readPart(zip, slide);
  const end = xml.lastIndexOf("</p:spTree>");
  if (end < 0) throw new DocumentFormatError(`${slide} has no </p:spTree> (p: prefix expected)`);
  if (!/xmlns:a="/.test(xml)) throw new DocumentFormatError(`${slide} does not declare the a: namespace`);
  const index = (xml.match(/txBox="1"/g) ?? []).length;
  zip.file(slide, xml.slice(0, end) + textBox(nextShapeId(xml), index, text) + xml.slice(end));
}
