// A one-page PDF written byte by byte, with a correct xref table. English lines use the standard
// Helvetica font; Chinese lines use Adobe's predefined STSong-Light CID font with the UniGB-UCS2-H
// CMap (PDF 1.7, 9.7.5.2), which PDF readers (pdf.js with its CMaps, poppler) know without an
// embedded font, so the text is both drawn and extractable.

export type PdfLine = { text: string; size: number; cjk?: boolean };

function literal(text: string): string {
  if (/[^\x20-\x7e]/.test(text)) throw new Error("non-ASCII text needs a cjk line");
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** UTF-16BE hex for UniGB-UCS2-H (BMP only, which covers the sample text). */
function ucs2Hex(text: string): string {
  let hex = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code > 0xffff) throw new Error("UCS-2 only");
    hex += code.toString(16).padStart(4, "0");
  }
  return `<${hex.toUpperCase()}>`;
}

export function makePdf(lines: readonly PdfLine[]): Buffer {
  let y = 770;
  const ops = lines.map((line) => {
    const op = `BT /${line.cjk ? "F2" : "F1"} ${line.size} Tf 72 ${y} Td ${line.cjk ? ucs2Hex(line.text) : literal(line.text)} Tj ET`;
    y -= Math.round(line.size * 1.8);
    return op;
  });
  const content = ops.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R /DW 1000 >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
  ];
  let out = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
