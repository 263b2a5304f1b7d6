// The 20 documents every preview benchmark run converts: docx, xlsx and pptx, a few pages each,
// generated (nothing binary checked in) with the same generators as the preview tests.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { docx, pptx, xlsx } from "../packages/server/test/preview/fixtures/ooxml.js";

export interface BenchDoc {
  name: string;
  path: string;
  format: "docx" | "xlsx" | "pptx";
}

const LOREM =
  "docgate preview benchmark paragraph: the quick brown fox jumps over the lazy dog, 敏捷的棕色狐狸跳过了懒狗。";

export async function writeBenchDocs(dir: string, count = 20): Promise<BenchDoc[]> {
  const docs: BenchDoc[] = [];
  for (let i = 0; i < count; i++) {
    const format = (["docx", "xlsx", "pptx"] as const)[i % 3]!;
    let bytes: Buffer;
    if (format === "docx") {
      // ~3 pages of text.
      bytes = await docx(Array.from({ length: 90 }, (_, p) => `${i}.${p} ${LOREM} ${LOREM}`));
    } else if (format === "xlsx") {
      // ~3 printed pages: 150 rows of 6 columns, and a second sheet.
      const rows = Array.from({ length: 150 }, (_, r) => Array.from({ length: 6 }, (_, c) => `r${r}c${c} ${i}`));
      bytes = await xlsx([
        { name: "Data", rows },
        { name: "Summary", rows: [["total", String(i * 150)]] },
      ]);
    } else {
      bytes = await pptx(Array.from({ length: 4 }, (_, s) => `Slide ${s + 1} of deck ${i}: ${LOREM}`));
    }
    const name = `bench-${String(i).padStart(2, "0")}.${format}`;
    const path = join(dir, name);
    await writeFile(path, bytes);
    docs.push({ name, path, format });
  }
  return docs;
}
