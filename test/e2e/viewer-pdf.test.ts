// The viewer in real Chromium, PDF side: lazy rendering, navigation, zoom, fit-width, search,
// mobile layout, and office documents converted by the real LibreOffice. The page, its CSP and
// every script are production code (viewer-harness.ts only stands in for the rendition route).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type FixtureKind, generateFixtures } from "../fixtures/generate-fixtures.js";
import { launchChromium } from "../support/browser.js";
import { startViewerHarness, type ViewerHarness } from "./viewer-harness.js";
import { convertWithSoffice, expectNoProblems, openViewer, pageText, viewerReady } from "./viewer-support.js";

let browser: Browser;
let harness: ViewerHarness;
let fixtures: Record<FixtureKind, Fixture>;
let officePdfs: Map<string, Buffer>;

beforeAll(async () => {
  fixtures = await generateFixtures(await mkdtemp(join(tmpdir(), "docgate-viewer-fixtures-")));
  officePdfs = await convertWithSoffice([fixtures.docx.path, fixtures.xlsx.path, fixtures.pptx.path]);
  harness = await startViewerHarness();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

function pdfUrl(kind: "pdf" | "pdf-long", lang: "en" | "zh-CN" = "en"): string {
  const f = fixtures[kind];
  return harness.add({ name: f.name, kind: "pdf", bytes: f.bytes, contentType: "application/pdf", lang });
}

describe("pdf viewer", () => {
  it("shows the first page of a 30-page PDF before the last is rendered, then renders pages on demand", async () => {
    const opened = await openViewer(browser, pdfUrl("pdf-long"));
    const { page } = opened;
    await page.locator('.dg-pdf-page[data-page-number="1"][data-state="rendered"]').waitFor();
    expect(await pageText(page, 1)).toContain("docgate-fixture-long-first-page");
    await expect.poll(() => page.locator(".dg-pdf-page").count()).toBe(30);
    expect(await page.locator('.dg-pdf-page[data-page-number="30"]').getAttribute("data-state")).toBe("placeholder");
    expect(await page.locator('.dg-pdf-page[data-state="rendered"]').count()).toBeLessThan(10);
    await expect.poll(() => page.getByTestId("page-count").textContent()).toBe("30");
    // Placeholders already have the page's size, so the scrollbar is right from the start.
    const box = await page.locator('.dg-pdf-page[data-page-number="30"]').boundingBox();
    expect(box?.height).toBeGreaterThan(500);

    await page.getByTestId("page-input").fill("30");
    await page.getByTestId("page-input").press("Enter");
    await page.locator('.dg-pdf-page[data-page-number="30"][data-state="rendered"]').waitFor();
    expect(await pageText(page, 30)).toContain("docgate-fixture-long-last-page");
    expect(await page.locator('[data-action="next-page"]').isDisabled()).toBe(true);
    // Pages in between were never needed.
    expect(await page.locator('.dg-pdf-page[data-page-number="15"]').getAttribute("data-state")).toBe("placeholder");

    await page.locator('[data-action="prev-page"]').click();
    await expect.poll(() => page.getByTestId("page-input").inputValue()).toBe("29");
    await page.locator('.dg-pdf-page[data-page-number="29"][data-state="rendered"]').waitFor();
    await expectNoProblems(opened);
    await opened.close();
  });

  it("zooms in and out around the current page, and fits the page to the window width", async () => {
    const opened = await openViewer(browser, pdfUrl("pdf"));
    const { page } = opened;
    await viewerReady(page);
    const first = page.locator('.dg-pdf-page[data-page-number="1"]');
    const width = async () => (await first.boundingBox())?.width ?? 0;
    const before = await width();
    const label = await page.getByTestId("zoom-level").textContent();
    await page.locator('[data-action="zoom-in"]').click();
    await expect.poll(width).toBeCloseTo(before * 1.1, -1);
    expect(await page.getByTestId("zoom-level").textContent()).not.toBe(label);
    // The page is drawn again at the new size (canvas pixels follow the zoom).
    await expect
      .poll(() => first.locator("canvas").evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width))
      .toBeCloseTo(1, 1);
    await page.locator('[data-action="zoom-out"]').click();
    await page.locator('[data-action="zoom-out"]').click();
    await expect.poll(width).toBeLessThan(before);

    await page.locator('[data-action="fit-width"]').click();
    const stageWidth = await page.getByTestId("stage").evaluate((s) => s.clientWidth);
    await expect.poll(width).toBeCloseTo(stageWidth - 24, -1);
    await expectNoProblems(opened);
    await opened.close();
  });

  it("searches the text of every page, jumps to a match and highlights it", async () => {
    const opened = await openViewer(browser, pdfUrl("pdf-long"));
    const { page } = opened;
    await viewerReady(page);
    const input = page.getByTestId("search-input");
    await input.fill("PAGE 17 of");
    await input.press("Enter");
    await expect.poll(() => page.getByTestId("search-status").textContent()).toBe("1/1");
    const hit = page.locator('.dg-pdf-page[data-page-number="17"] .dg-hit-current');
    await hit.first().waitFor();
    expect(await hit.first().textContent()).toContain("page 17 of 30");
    await expect.poll(() => page.getByTestId("page-input").inputValue()).toBe("17");

    await input.fill("docgate-fixture-long page");
    await input.press("Enter");
    await expect.poll(() => page.getByTestId("search-status").textContent()).toBe("1/30");
    await page.locator('[data-action="search-next"]').click();
    await expect.poll(() => page.getByTestId("search-status").textContent()).toBe("2/30");
    await page.locator('.dg-pdf-page[data-page-number="2"] .dg-hit-current').first().waitFor();

    await input.fill("no such words anywhere");
    await input.press("Enter");
    await expect.poll(() => page.getByTestId("search-status").textContent()).toBe("No matches");
    expect(await page.locator(".dg-hit-current").count()).toBe(0);
    await expectNoProblems(opened);
    await opened.close();
  });

  for (const kind of ["docx", "xlsx", "pptx"] as const) {
    it(`shows the ${kind} fixture's own text (LibreOffice PDF rendition) in the text layer`, async () => {
      const f = fixtures[kind];
      const url = harness.add({
        name: f.name,
        kind: "pdf",
        bytes: officePdfs.get(f.path) as Buffer,
        contentType: "application/pdf",
      });
      const opened = await openViewer(browser, url);
      await viewerReady(opened.page);
      const text = await pageText(opened.page, 1);
      expect(text).toContain(f.distinctiveText);
      expect(text.replace(/\s+/g, "")).toContain(f.distinctiveZh);
      await expect(opened.page.getByText(f.distinctiveText).first().isVisible()).resolves.toBe(true);
      await expectNoProblems(opened);
      await opened.close();
    });
  }

  for (const kind of ["pdf", "image"] as const) {
    it(`shows the rendition route's error code when a ${kind} cannot be shown`, async () => {
      const url = harness.add({
        name: "broken",
        kind,
        bytes: Buffer.alloc(0),
        contentType: "application/octet-stream",
        failWith: {
          status: 422,
          code: "DOCGATE_FILE_CORRUPT",
          message: "The file is damaged and cannot be previewed.",
        },
      });
      const opened = await openViewer(browser, url);
      const { page } = opened;
      await page.locator('[data-testid="viewer"][data-state="failed"]').waitFor();
      await expect.poll(() => page.getByTestId("error-code").textContent()).toBe("DOCGATE_FILE_CORRUPT");
      expect(await page.getByTestId("error-message").textContent()).toBe(
        "The file is damaged and cannot be previewed.",
      );
      // Only the failed requests themselves are logged; no CSP violation, no script error.
      expect((await opened.problems()).filter((p) => !p.includes("status of 422"))).toEqual([]);
      await opened.close();
    });
  }

  it("fits a phone screen: the toolbar wraps, the page fits the width, nothing scrolls sideways", async () => {
    const opened = await openViewer(browser, pdfUrl("pdf", "zh-CN"), {
      viewport: { width: 375, height: 700 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const { page } = opened;
    await viewerReady(page);
    expect(await page.locator('[data-action="fit-width"]').textContent()).toBe("适合宽度");
    const toolbar = await page.locator(".dg-toolbar").boundingBox();
    expect(toolbar?.height).toBeGreaterThan(60);
    expect(toolbar?.width).toBeLessThanOrEqual(375);
    const pageBox = await page.locator('.dg-pdf-page[data-page-number="1"]').boundingBox();
    expect(pageBox?.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // A high-density screen gets a sharper canvas.
    const ratio = await page
      .locator('.dg-pdf-page[data-page-number="1"] canvas')
      .evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width);
    expect(ratio).toBeCloseTo(2, 1);
    await expectNoProblems(opened);
    await opened.close();
  });
});
