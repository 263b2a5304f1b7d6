// What actually comes out of the printer: Chromium prints the viewer to PDF (page.pdf() uses print
// media, like the print dialog), and the text of that PDF is read back with pdf.js.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ResolvedWatermark } from "../../packages/server/src/engines/preview/viewer/resolve-watermark.js";
import { addFixture, expectNoProblems, openViewer, useViewerSuite, viewerReady } from "./viewer-support.js";

const WATERMARK: ResolvedWatermark = {
  lines: ["docgate-print-mark", "zhangsan@example.com"],
  color: "#606060",
  opacity: 0.5,
  angle: -45,
  fontSize: 16,
  fontFamily: '"Noto Sans CJK SC", sans-serif',
  spacing: 50,
};

const suite = useViewerSuite();

/**
 * Clicks the viewer's print button with the browser's print dialog replaced by a counter. Headless
 * Chromium 156 starts a print job for window.print() that never finishes without a dialog, and while
 * one is pending page.pdf() (the same print-media rendering the dialog would print) is refused. The
 * button's work (rendering every page, then asking the browser to print) is what is under test; the
 * sheets are then produced by page.pdf().
 */
async function clickPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __printCalls: number };
    w.__printCalls = 0;
    window.print = () => {
      w.__printCalls += 1;
    };
  });
  await page.locator('[data-action="print"]').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
}

/** The printed text of each sheet, whitespace removed. */
async function printedPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      // Without whitespace: printed text comes back split at ligatures ("fi") and runs.
      pages.push(
        content.items
          .map((item) => ("str" in item ? item.str : ""))
          .join("")
          .replace(/\s+/g, ""),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

describe("printing", () => {
  it("prints nothing of the document when print is false", async () => {
    const f = suite.fixtures.txt;
    const url = addFixture(suite.harness, f, "text", {
      watermark: WATERMARK,
      permissions: { download: false, print: false, copy: false },
    });
    const opened = await openViewer(suite.browser, url);
    await viewerReady(opened.page);
    const text = (await printedPages(await opened.page.pdf())).join("\n");
    expect(text).not.toContain(f.distinctiveText);
    expect(text).toBe("");
    await expectNoProblems(opened);
    await opened.close();
  });

  it("prints every page of a PDF with the watermark on it when print is true", async () => {
    const f = suite.fixtures.pdf;
    const url = addFixture(suite.harness, f, "pdf", {
      watermark: WATERMARK,
    });
    const opened = await openViewer(suite.browser, url);
    const { page } = opened;
    await viewerReady(page);
    // The print button first renders the pages that were never scrolled to, then prints.
    await clickPrint(page);
    expect(await page.locator('.dg-pdf-page[data-state="rendered"]').count()).toBe(3);
    const printed = await printedPages(await page.pdf({ format: "A4", printBackground: true }));
    expect(printed.length).toBeGreaterThanOrEqual(3);
    for (const n of [1, 2, 3]) {
      // The text layer prints as invisible text over the page's canvas, so it can be read back.
      const sheet = printed.find((text) => text.includes(`docgate-fixture-pdfpage${n}of3`));
      expect(sheet, `page ${n} printed`).toBeDefined();
      expect(sheet).toContain("docgate-print-mark");
    }
    await expectNoProblems(opened);
    await opened.close();
  });

  it("prints a PDF without its text layer when copying is refused (a PDF printer would hand it out)", async () => {
    const f = suite.fixtures.pdf;
    const url = addFixture(suite.harness, f, "pdf", {
      watermark: WATERMARK,
      permissions: { download: false, print: true, copy: false },
    });
    const opened = await openViewer(suite.browser, url);
    await viewerReady(opened.page);
    await clickPrint(opened.page);
    expect(await opened.page.locator('.dg-pdf-page[data-state="rendered"]').count()).toBe(3);
    const text = (await printedPages(await opened.page.pdf())).join("\n");
    expect(text).toContain("docgate-print-mark");
    expect(text).not.toContain("docgate-fixture-pdf");
    await expectNoProblems(opened);
    await opened.close();
  });

  it("prints a text document with its watermark and without the toolbar", async () => {
    const f = suite.fixtures.md;
    const url = addFixture(suite.harness, f, "markdown", {
      watermark: WATERMARK,
    });
    const opened = await openViewer(suite.browser, url);
    await viewerReady(opened.page);
    const text = (await printedPages(await opened.page.pdf())).join("\n");
    expect(text).toContain(f.distinctiveText);
    expect(text).toContain("docgate-print-mark");
    expect(text).not.toContain("Fullscreen");
    await expectNoProblems(opened);
    await opened.close();
  });
});
