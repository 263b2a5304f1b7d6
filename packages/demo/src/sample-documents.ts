// The sample documents `npm run demo` seeds on first run, generated here (no binaries in the repo):
// docx, xlsx, pptx, pdf, md and png, each with Chinese and English text.
import { makeDocx, makePptx, makeXlsx } from "./samples/ooxml.js";
import { makePdf } from "./samples/pdf.js";
import { makePng } from "./samples/png.js";

export type SampleKind = "docx" | "xlsx" | "pptx" | "pdf" | "md" | "png";

export interface SampleDocument {
  kind: SampleKind;
  name: string;
  bytes: Buffer;
}

export const SAMPLE_KINDS: readonly SampleKind[] = ["docx", "xlsx", "pptx", "pdf", "md", "png"];

const MARKDOWN = `# 项目说明 Project notes

docgate 演示：这是一份 **Markdown** 文档。
docgate demo: this is a **Markdown** document.

| 项目 Item | 状态 Status |
|---|---|
| 预览 Preview | 完成 done |
| 编辑 Editing | 进行中 in progress |

- 中文段落与 English paragraphs 混排
- 代码 code: \`npm run demo\`
`;

export async function generateSample(kind: SampleKind): Promise<SampleDocument> {
  switch (kind) {
    case "docx":
      return {
        kind,
        name: "合同草案 Contract draft.docx",
        bytes: await makeDocx("合同草案 Contract draft", [
          "甲方：示例科技有限公司。Party A: Example Technology Co., Ltd.",
          "乙方：演示贸易有限公司。Party B: Demo Trading Co., Ltd.",
          "本合同用于演示 docgate 的预览与编辑。This contract demonstrates previewing and editing with docgate.",
        ]),
      };
    case "xlsx":
      return {
        kind,
        name: "季度预算 Quarterly budget.xlsx",
        bytes: await makeXlsx([
          ["项目 Item", "第一季度 Q1", "第二季度 Q2"],
          ["差旅 Travel", 12000, 15000],
          ["办公 Office", 8000, 7600],
          ["合计 Total", 20000, 22600],
        ]),
      };
    case "pptx":
      return {
        kind,
        name: "产品介绍 Product overview.pptx",
        bytes: await makePptx("产品介绍 Product overview", [
          "统一的文档预览与编辑入口 One entry for preview and editing",
          "水印与权限控制 Watermarks and permissions",
        ]),
      };
    case "pdf":
      return {
        kind,
        name: "用户手册 User guide.pdf",
        bytes: makePdf([
          { text: "docgate demo: User guide", size: 22 },
          { text: "用户手册：如何预览文档", size: 18, cjk: true },
          { text: "This PDF was written by the demo itself, byte by byte.", size: 12 },
          { text: "这个 PDF 由演示程序自己生成。", size: 12, cjk: true },
        ]),
      };
    case "md":
      return { kind, name: "项目说明 Project notes.md", bytes: Buffer.from(MARKDOWN, "utf8") };
    case "png":
      return {
        kind,
        name: "示意图 Diagram.png",
        bytes: makePng("docgate 演示图片 demo image: 中文 and English"),
      };
  }
}

export async function generateSamples(): Promise<SampleDocument[]> {
  return Promise.all(SAMPLE_KINDS.map(generateSample));
}
