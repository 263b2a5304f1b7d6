// The samples `npm run demo` seeds are real files: OOXML that LibreOffice opens, a PDF whose xref is
// exact and whose text (Chinese and English) pdf.js extracts, a PNG with valid chunks.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { crc32, inflateSync } from "node:zlib";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../test/support/require-tool.js";
import { generateSamples, SAMPLE_KINDS, type SampleKind } from "../src/sample-documents.js";

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH = /[A-Za-z]{4,}/;
let samples: Map<SampleKind, { name: string; bytes: Buffer }>;

beforeAll(async () => {
  samples = new Map((await generateSamples()).map((s) => [s.kind, s]));
});

function sample(kind: SampleKind) {
  return samples.get(kind)!;
}

async function zipText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => f.name.endsWith(".xml"))
      .map((f) => f.async("string")),
  );
  return parts.join("\n").replace(/<[^>]+>/g, " ");
}

describe("sample documents", () => {
  it("are one per kind, named with the kind's extension, with Chinese and English in the name", () => {
    expect([...samples.keys()]).toEqual([...SAMPLE_KINDS]);
    for (const [kind, s] of samples) {
      expect(s.name.endsWith(`.${kind}`)).toBe(true);
      expect(s.name).toMatch(CHINESE);
      expect(s.name).toMatch(ENGLISH);
    }
  });

  it.each(["docx", "xlsx", "pptx"] as const)("%s holds Chinese and English text", async (kind) => {
    const text = await zipText(sample(kind).bytes);
    expect(text).toMatch(CHINESE);
    expect(text).toMatch(ENGLISH);
  });

  it("docx, xlsx and pptx open in LibreOffice and keep their text", async () => {
    await requireTool("soffice");
    const dir = mkdtempSync(join(tmpdir(), "demo-samples-"));
    try {
      const files = (["docx", "xlsx", "pptx"] as const).map((kind) => {
        const file = join(dir, `sample-${kind}.${kind}`);
        writeFileSync(file, sample(kind).bytes);
        return file;
      });
      execFileSync(
        "/usr/bin/soffice",
        [
          `-env:UserInstallation=file://${join(dir, "profile")}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          ...files,
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const expected = { docx: "Contract draft", xlsx: "Travel", pptx: "Product overview" };
      for (const kind of ["docx", "xlsx", "pptx"] as const) {
        const text = execFileSync("/usr/bin/pdftotext", [join(dir, `sample-${kind}.pdf`), "-"], { encoding: "utf8" });
        expect(text).toContain(expected[kind]);
        expect(text).toMatch(CHINESE);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it("the PDF has an exact xref and pdf.js extracts its Chinese and English text", async () => {
    const pdf = sample("pdf").bytes;
    const text = pdf.toString("latin1");
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number) as number[];
    expect(first).toBe(0);
    const entries = text
      .slice(startxref)
      .split("\n")
      .slice(2, 2 + count!);
    entries.slice(1).forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });

    // pdf.js as docgate's viewer ships it (a dependency of @docgate/server).
    const server = createRequire(import.meta.url).resolve("@docgate/server");
    const pdfjsDir = dirname(createRequire(server).resolve("pdfjs-dist/package.json"));
    const pdfjs = (await import(join(pdfjsDir, "legacy/build/pdf.mjs"))) as typeof import("pdfjs-dist");
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(pdf),
      cMapUrl: `${join(pdfjsDir, "cmaps")}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(pdfjsDir, "standard_fonts")}/`,
    }).promise;
    const content = await (await doc.getPage(1)).getTextContent();
    const extracted = content.items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(extracted).toContain("User guide");
    expect(extracted).toContain("用户手册：如何预览文档");
    await doc.destroy();
  });

  it("the PNG has valid chunks, pixel data of the declared size and a Chinese/English description", () => {
    const png = sample("png").bytes;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: Array<{ type: string; data: Buffer }> = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString("latin1", at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0);
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "iTXt", "IDAT", "IEND"]);
    const width = chunks[0]!.data.readUInt32BE(0);
    const height = chunks[0]!.data.readUInt32BE(4);
    expect(inflateSync(chunks[2]!.data).length).toBe((width * 3 + 1) * height);
    const description = chunks[1]!.data.toString("utf8");
    expect(description).toMatch(CHINESE);
    expect(description).toMatch(ENGLISH);
  });

  it("the Markdown has Chinese and English text", () => {
    const md = sample("md").bytes.toString("utf8");
    expect(md).toMatch(CHINESE);
    expect(md).toMatch(ENGLISH);
  });
});
