// Minimal, valid OOXML packages (docx, xlsx, pptx) written from scratch with jszip, so the demo has
// sample documents without shipping binaries. Only the parts Word, LibreOffice and ONLYOFFICE need.
import JSZip from "jszip";

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const P = "http://schemas.openxmlformats.org/presentationml/2006/main";
const OFFICE = "application/vnd.openxmlformats-officedocument";

export function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function rels(items: Array<[id: string, type: string, target: string]>): string {
  const list = items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`);
  return `${XML}<Relationships xmlns="${PKG_REL}">${list.join("")}</Relationships>`;
}

function contentTypes(overrides: Array<[part: string, type: string]>): string {
  const list = overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`);
  return `${XML}<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${list.join("")}</Types>`;
}

async function pack(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A Word document: a heading-sized first paragraph, then body paragraphs (CJK fonts hinted). */
export function makeDocx(title: string, paragraphs: readonly string[]): Promise<Buffer> {
  const fonts = '<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Noto Sans CJK SC"/>';
  const para = (text: string, size: number, bold = false) =>
    `<w:p><w:r><w:rPr>${fonts}${bold ? "<w:b/>" : ""}<w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
  const body = [para(title, 36, true), ...paragraphs.map((p) => para(p, 24))].join("");
  return pack({
    "[Content_Types].xml": contentTypes([["/word/document.xml", `${OFFICE}.wordprocessingml.document.main+xml`]]),
    "_rels/.rels": rels([["rId1", "officeDocument", "word/document.xml"]]),
    "word/document.xml": `${XML}<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`,
  });
}

/** A workbook with one sheet of inline strings and numbers. */
export function makeXlsx(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<Buffer> {
  const col = (i: number) => String.fromCharCode(65 + i);
  const data = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) =>
            typeof v === "number"
              ? `<c r="${col(c)}${r + 1}"><v>${v}</v></c>`
              : `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`,
          )
          .join("")}</row>`,
    )
    .join("");
  const width = Math.max(1, ...rows.map((r) => r.length));
  return pack({
    "[Content_Types].xml": contentTypes([
      ["/xl/workbook.xml", `${OFFICE}.spreadsheetml.sheet.main+xml`],
      ["/xl/worksheets/sheet1.xml", `${OFFICE}.spreadsheetml.worksheet+xml`],
    ]),
    "_rels/.rels": rels([["rId1", "officeDocument", "xl/workbook.xml"]]),
    "xl/workbook.xml": `${XML}<workbook xmlns="${S}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([["rId1", "worksheet", "worksheets/sheet1.xml"]]),
    "xl/worksheets/sheet1.xml": `${XML}<worksheet xmlns="${S}" xmlns:r="${REL}"><dimension ref="A1:${col(width - 1)}${rows.length}"/><cols><col min="1" max="${width}" width="28" customWidth="1"/></cols><sheetData>${data}</sheetData></worksheet>`,
  });
}

const THEME_COLOURS: Array<[string, string]> = [
  ["dk1", "000000"],
  ["lt1", "FFFFFF"],
  ["dk2", "1F3A5F"],
  ["lt2", "EEF1F5"],
  ["accent1", "4F81BD"],
  ["accent2", "C0504D"],
  ["accent3", "9BBB59"],
  ["accent4", "8064A2"],
  ["accent5", "4BACC6"],
  ["accent6", "F79646"],
  ["hlink", "0000FF"],
  ["folHlink", "800080"],
];

function theme(): string {
  const colours = THEME_COLOURS.map(([n, c]) => `<a:${n}><a:srgbClr val="${c}"/></a:${n}>`).join("");
  const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const font = '<a:latin typeface="Liberation Sans"/><a:ea typeface="Noto Sans CJK SC"/><a:cs typeface=""/>';
  return `${XML}<a:theme xmlns:a="${A}" name="Demo"><a:themeElements><a:clrScheme name="Demo">${colours}</a:clrScheme><a:fontScheme name="Demo"><a:majorFont>${font}</a:majorFont><a:minorFont>${font}</a:minorFont></a:fontScheme><a:fmtScheme name="Demo"><a:fillStyleLst>${fill.repeat(3)}</a:fillStyleLst><a:lnStyleLst>${`<a:ln w="9525">${fill}</a:ln>`.repeat(3)}</a:lnStyleLst><a:effectStyleLst>${"<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3)}</a:effectStyleLst><a:bgFillStyleLst>${fill.repeat(3)}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;
}

const GROUP =
  '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>';

function textBox(id: number, y: number, height: number, size: number, lines: readonly string[]): string {
  const paras = lines
    .map((l) => `<a:p><a:r><a:rPr lang="zh-CN" sz="${size}"/><a:t>${xmlText(l)}</a:t></a:r></a:p>`)
    .join("");
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Text ${id}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="${y}"/><a:ext cx="8229600" cy="${height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>${paras}</p:txBody></p:sp>`;
}

/** A one-slide presentation: a title box and a body box. */
export function makePptx(title: string, lines: readonly string[]): Promise<Buffer> {
  const ns = `xmlns:a="${A}" xmlns:r="${REL}" xmlns:p="${P}"`;
  const shapes = textBox(2, 457200, 1143000, 3200, [title]) + textBox(3, 1828800, 4114800, 2000, lines);
  return pack({
    "[Content_Types].xml": contentTypes([
      ["/ppt/presentation.xml", `${OFFICE}.presentationml.presentation.main+xml`],
      ["/ppt/slides/slide1.xml", `${OFFICE}.presentationml.slide+xml`],
      ["/ppt/slideLayouts/slideLayout1.xml", `${OFFICE}.presentationml.slideLayout+xml`],
      ["/ppt/slideMasters/slideMaster1.xml", `${OFFICE}.presentationml.slideMaster+xml`],
      ["/ppt/theme/theme1.xml", `${OFFICE}.theme+xml`],
    ]),
    "_rels/.rels": rels([["rId1", "officeDocument", "ppt/presentation.xml"]]),
    "ppt/presentation.xml": `${XML}<p:presentation ${ns}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz cx="9144000" cy="6858000" type="screen4x3"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`,
    "ppt/_rels/presentation.xml.rels": rels([
      ["rId1", "slideMaster", "slideMasters/slideMaster1.xml"],
      ["rId2", "slide", "slides/slide1.xml"],
      ["rId3", "theme", "theme/theme1.xml"],
    ]),
    "ppt/slides/slide1.xml": `${XML}<p:sld ${ns}><p:cSld><p:spTree>${GROUP}${shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`,
    "ppt/slides/_rels/slide1.xml.rels": rels([["rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"]]),
    "ppt/slideLayouts/slideLayout1.xml": `${XML}<p:sldLayout ${ns} type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>${GROUP}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`,
    "ppt/slideLayouts/_rels/slideLayout1.xml.rels": rels([["rId1", "slideMaster", "../slideMasters/slideMaster1.xml"]]),
    "ppt/slideMasters/slideMaster1.xml": `${XML}<p:sldMaster ${ns}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>${GROUP}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>`,
    "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels([
      ["rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"],
      ["rId2", "theme", "../theme/theme1.xml"],
    ]),
    "ppt/theme/theme1.xml": theme(),
  });
}
