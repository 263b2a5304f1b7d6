// The viewer in real Chromium: native kinds (text, markdown, csv, json, png, svg), the watermark
// (every page, re-added when deleted or hidden, redrawn on resize and zoom) and the permissions
// (no download/print controls, no copying, no printing).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ResolvedWatermark } from "../../packages/server/src/engines/preview/viewer/resolve-watermark.js";
import type { ViewerKind } from "../../packages/server/src/engines/preview/viewer/viewer-page.js";
import type { FixtureKind } from "../fixtures/generate-fixtures.js";
import type { HarnessDocument } from "./viewer-harness.js";
import { addFixture, expectNoProblems, openViewer, useViewerSuite, viewerReady } from "./viewer-support.js";

const WATERMARK: ResolvedWatermark = {
  lines: ["张三 Zhang San 2024-03-25", "zhangsan@example.com", "docgate-wm-third", "docgate-wm-fourth"],
  color: "#d02020",
  opacity: 0.35,
  angle: -45,
  fontSize: 18,
  fontFamily: '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif',
  spacing: 60,
};
const LOCKED = { download: false, print: false, copy: false };

const suite = useViewerSuite();

const KIND: Partial<Record<FixtureKind, ViewerKind>> = {
  pdf: "pdf",
  "pdf-long": "pdf",
  png: "image",
  svg: "svg",
  txt: "text",
  md: "markdown",
  csv: "csv",
  json: "json",
};

function urlFor(kind: FixtureKind, extra: Partial<HarnessDocument> = {}): string {
  const f = suite.fixtures[kind];
  return addFixture(suite.harness, f, KIND[kind] as ViewerKind, {
    watermark: WATERMARK,
    ...extra,
  });
}

/** Text of every watermark overlay of a kind, and how many there are. */
function overlays(page: Page, which: "watermark-viewport" | "watermark-page") {
  return page.locator(`[data-testid="${which}"]`);
}

async function expectWatermarkLines(page: Page, which: "watermark-viewport" | "watermark-page", count: number) {
  await expect.poll(() => overlays(page, which).count()).toBe(count);
  for (const text of await overlays(page, which).allTextContents()) {
    for (const line of WATERMARK.lines) expect(text).toContain(line);
  }
}

describe("native kinds", () => {
  for (const kind of ["txt", "md", "csv", "json"] as const) {
    it(`shows the ${kind} fixture's own text, escaped`, async () => {
      const opened = await openViewer(suite.browser, urlFor(kind));
      await viewerReady(opened.page);
      const f = suite.fixtures[kind];
      await expect(opened.page.getByText(f.distinctiveText).first().isVisible()).resolves.toBe(true);
      expect(await opened.page.locator(".dg-doc").textContent()).toContain(f.distinctiveZh);
      expect(await opened.page.locator(".dg-doc script, .dg-doc img, .dg-doc [onerror]").count()).toBe(0);
      expect(await opened.page.locator('.dg-doc a[href^="javascript:" i]').count()).toBe(0);
      await expectWatermarkLines(opened.page, "watermark-page", 1);
      await expectNoProblems(opened);
      await opened.close();
    });
  }

  it("shows the png with its own size and colour", async () => {
    const opened = await openViewer(suite.browser, urlFor("png"));
    await viewerReady(opened.page);
    const pixel = await opened.page.getByTestId("image").evaluate((img: HTMLImageElement) => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext("2d") as CanvasRenderingContext2D;
      g.drawImage(img, 0, 0);
      return { w: img.naturalWidth, h: img.naturalHeight, rgb: [...g.getImageData(60, 20, 1, 1).data.slice(0, 3)] };
    });
    expect(pixel).toEqual({ w: 123, h: 45, rgb: [18, 52, 86] });
    await expectWatermarkLines(opened.page, "watermark-page", 1);
    await expectNoProblems(opened);
    await opened.close();
  });

  it("shows svg as an image whose script never runs", async () => {
    const opened = await openViewer(suite.browser, urlFor("svg"));
    await viewerReady(opened.page);
    const state = await opened.page.evaluate(() => ({
      ran: (window as unknown as { svgScriptRan?: boolean }).svgScriptRan ?? false,
      title: document.title,
      width: (document.querySelector('[data-testid="image"]') as HTMLImageElement).naturalWidth,
    }));
    expect(state).toEqual({ ran: false, title: "fixture.svg", width: 123 });
    await expectNoProblems(opened);
    await opened.close();
  });
});

describe("watermark", () => {
  it("covers the viewport and every PDF page with all four lines", async () => {
    const opened = await openViewer(suite.browser, urlFor("pdf-long"));
    await viewerReady(opened.page);
    await expectWatermarkLines(opened.page, "watermark-viewport", 1);
    await expectWatermarkLines(opened.page, "watermark-page", 30);
    const pagesWithOverlay = await opened.page
      .locator(".dg-pdf-page")
      .evaluateAll((pages) => pages.filter((p) => p.querySelector(':scope > [data-testid="watermark-page"]')).length);
    expect(pagesWithOverlay).toBe(30);
    const style = await overlays(opened.page, "watermark-page")
      .first()
      .evaluate((el) => {
        const cs = getComputedStyle(el);
        const tile = getComputedStyle(el.firstElementChild as Element);
        return {
          opacity: cs.opacity,
          color: cs.color,
          events: cs.pointerEvents,
          transform: tile.transform,
          size: tile.fontSize,
        };
      });
    expect(style).toEqual({
      opacity: "0.35",
      color: "rgb(208, 32, 32)",
      events: "none",
      // rotate(-45deg): cos 45, sin -45 — the baseline rises to the right.
      transform: "matrix(0.707107, -0.707107, 0.707107, 0.707107, 0, 0)",
      size: "18px",
    });
    await expectNoProblems(opened);
    await opened.close();
  });

  it("comes back when deleted, hidden, restyled or emptied, and beats stylesheet rules", async () => {
    const opened = await openViewer(suite.browser, urlFor("pdf"));
    const { page } = opened;
    await viewerReady(page);
    const attacks = [
      () => document.querySelector('[data-testid="watermark-viewport"]')?.remove(),
      () => document.querySelector('[data-testid="watermark-page"]')?.remove(),
      () =>
        (document.querySelector('[data-testid="watermark-viewport"]') as HTMLElement).style.setProperty(
          "display",
          "none",
          "important",
        ),
      () => (document.querySelector('[data-testid="watermark-page"]') as HTMLElement).setAttribute("hidden", ""),
      () => ((document.querySelector('[data-testid="watermark-page"]') as HTMLElement).className = "gone"),
      () => (document.querySelector('[data-testid="watermark-page"]') as HTMLElement).replaceChildren(),
      () => (document.querySelector(".dg-wm-tile") as HTMLElement).remove(),
      () => {
        document.styleSheets[0]?.insertRule(".dg-wm { display: none !important; opacity: 0 !important }");
      },
    ];
    for (const attack of attacks) {
      await page.evaluate(attack);
      await expectWatermarkLines(page, "watermark-viewport", 1);
      await expectWatermarkLines(page, "watermark-page", 3);
      await expect
        .poll(() =>
          page.evaluate(() =>
            [...document.querySelectorAll(".dg-wm")].every((el) => {
              const cs = getComputedStyle(el);
              return (
                cs.display === "block" &&
                cs.visibility === "visible" &&
                cs.opacity === "0.35" &&
                !el.hasAttribute("hidden")
              );
            }),
          ),
        )
        .toBe(true);
    }
    await expectNoProblems(opened);
    await opened.close();
  });

  it("is redrawn when the window is resized and when the page is zoomed", async () => {
    const opened = await openViewer(suite.browser, urlFor("pdf"));
    const { page } = opened;
    await viewerReady(page);
    const tiles = (which: string) => page.locator(`[data-testid="${which}"] .dg-wm-tile`).count();
    const viewportBefore = await tiles("watermark-viewport");
    await page.setViewportSize({ width: 1900, height: 1400 });
    await expect.poll(() => tiles("watermark-viewport")).toBeGreaterThan(viewportBefore);
    const firstPage = page.locator('.dg-pdf-page[data-page-number="1"] [data-testid="watermark-page"] .dg-wm-tile');
    const pageBefore = await firstPage.count();
    for (let i = 0; i < 5; i++) await page.locator('[data-action="zoom-in"]').click();
    await expect.poll(() => firstPage.count()).toBeGreaterThan(pageBefore);
    await expectNoProblems(opened);
    await opened.close();
  });
});

describe("permissions", () => {
  it("with download and print false: no controls, no selection, copy and context menu refused, nothing prints", async () => {
    const opened = await openViewer(suite.browser, urlFor("pdf", { permissions: LOCKED }));
    const { page } = opened;
    await viewerReady(page);
    expect(await page.locator('[data-action="download"], [data-action="print"], a[download]').count()).toBe(0);
    expect(await page.getByText(/^(Download|Print)$/).count()).toBe(0);

    await page.locator(".textLayer span").first().click();
    await page.keyboard.press("ControlOrMeta+A");
    const selections = await page.evaluate(() => {
      const out = [window.getSelection()?.toString() ?? ""];
      document.execCommand("selectAll");
      out.push(window.getSelection()?.toString() ?? "");
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(".textLayer") as Node);
      window.getSelection()?.addRange(range);
      out.push(window.getSelection()?.toString() ?? "");
      return out;
    });
    // The programmatic range is cleared on the next selectionchange.
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe("");
    expect(selections.slice(0, 2)).toEqual(["", ""]);

    const refused = await page.evaluate(() => {
      const target = document.querySelector(".textLayer span") as Element;
      return ["copy", "cut", "contextmenu", "dragstart", "selectstart"].map((type) => {
        const event =
          type === "copy" || type === "cut"
            ? new ClipboardEvent(type, { bubbles: true, cancelable: true, clipboardData: new DataTransfer() })
            : new Event(type, { bubbles: true, cancelable: true });
        target.dispatchEvent(event);
        return event.defaultPrevented;
      });
    });
    expect(refused).toEqual([true, true, true, true, true]);
    await expect.poll(() => page.locator(".dg-toast").textContent()).toBe("Copying is not allowed for this document.");

    await page.emulateMedia({ media: "print" });
    expect(
      await page.evaluate(() => [
        getComputedStyle(document.documentElement).display,
        getComputedStyle(document.body).display,
      ]),
    ).toEqual(["none", "none"]);
    await expectNoProblems(opened);
    await opened.close();
  });

  it("with everything allowed: controls exist, text can be selected, and printing shows the document with its watermark", async () => {
    const opened = await openViewer(suite.browser, urlFor("txt"));
    const { page } = opened;
    await viewerReady(page);
    expect(await page.locator('[data-action="download"]').getAttribute("href")).toMatch(
      /\/rendition\/doc-\d+\?download=1$/,
    );
    expect(await page.locator('[data-action="print"]').count()).toBe(1);
    await page.locator(".dg-doc").click();
    await page.keyboard.press("ControlOrMeta+A");
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toContain(
      suite.fixtures.txt.distinctiveText,
    );
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      body: getComputedStyle(document.body).display,
      toolbar: getComputedStyle(document.querySelector(".dg-toolbar") as Element).display,
      watermark: [...document.querySelectorAll(".dg-wm")].map((el) => getComputedStyle(el).display),
    }));
    expect(printed).toEqual({ body: "block", toolbar: "none", watermark: ["block", "block"] });
    await expectNoProblems(opened);
    await opened.close();
  });

  it("with download allowed but copy false: the download link stays, copying is refused", async () => {
    const opened = await openViewer(
      suite.browser,
      urlFor("md", { permissions: { download: true, copy: false, print: false } }),
    );
    const { page } = opened;
    await viewerReady(page);
    expect(await page.locator('[data-action="download"]').count()).toBe(1);
    expect(await page.locator('[data-action="print"]').count()).toBe(0);
    await page.locator(".dg-doc").click();
    await page.keyboard.press("ControlOrMeta+A");
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe("");
    await expectNoProblems(opened);
    await opened.close();
  });
});
