// The whole built-in preview through real processes: docgate (`docgate serve`, its LibreOffice pool
// and rendition cache), a business system serving the files, and Chromium following signed view
// links. Each document's own text (or image) must appear on screen, under the watermark.

import { mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type FixtureKind, generateFixtures } from "../fixtures/generate-fixtures.js";
import { launchChromium } from "../support/browser.js";
import { sampleMeta, signTestUrl, TEST_REPO_ID, TEST_SECRET } from "../support/entry-fixtures.js";
import { type RunningProcess, startDocgate } from "../support/processes.js";
import { requireTool } from "../support/require-tool.js";
import { expectNoProblems, openViewer, pageText, viewerReady } from "./viewer-support.js";

const MARK = { line1: "docgate-e2e-mark", line2: "第二行水印", withDate: false, fontcolor: "#c00000", transparent: 40 };

let docgate: RunningProcess;
let business: Server;
let businessOrigin: string;
let browser: Browser;
let fixtures: Record<FixtureKind, Fixture>;
const files = new Map<string, Fixture>();
let counter = 0;

beforeAll(async () => {
  await requireTool("soffice");
  fixtures = await generateFixtures(await mkdtemp(join(tmpdir(), "docgate-e2e-fixtures-")));
  business = createServer((req, res) => {
    const docId = decodeURIComponent(/^\/files\/([^/]+)\/content/.exec(req.url ?? "")?.[1] ?? "");
    const f = files.get(docId);
    if (!f) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader("content-type", "application/octet-stream");
    res.end(f.bytes);
  });
  const port = await new Promise<number>((resolve) =>
    business.listen(0, "127.0.0.1", () => resolve((business.address() as AddressInfo).port)),
  );
  businessOrigin = `http://127.0.0.1:${port}`;
  docgate = await startDocgate(
    {
      repos: [
        {
          id: TEST_REPO_ID,
          secrets: [TEST_SECRET],
          context: businessOrigin,
          lang: "en",
          watermark: { lines: ["{user.display_name}", "{user.email}"] },
        },
      ],
      preview: { engine: "builtin", workers: 1 },
    },
    { timeoutMs: 60_000 },
  );
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await docgate?.stop();
  business?.close();
});

/** A fresh signed view link for a fixture (each docId is a new document). */
function viewLink(kind: FixtureKind, meta: Record<string, unknown> = {}): string {
  const f = fixtures[kind];
  const docId = `e2e-${kind}-${++counter}`;
  files.set(docId, f);
  return signTestUrl({
    baseUrl: docgate.url,
    context: businessOrigin,
    docId,
    meta: sampleMeta(docId, { name: f.name, waterMark: MARK, ...meta }),
  });
}

describe("built-in preview end to end", () => {
  for (const kind of ["pdf", "docx", "xlsx", "pptx"] as const) {
    it(`${kind}: the document's own text is on screen in the PDF viewer, under the watermark`, async () => {
      const opened = await openViewer(browser, viewLink(kind));
      const { page } = opened;
      await page.locator('[data-testid="viewer"][data-state="ready"]').waitFor({ timeout: 90_000 });
      const f = fixtures[kind];
      expect(await pageText(page, 1)).toContain(f.distinctiveText);
      if (f.distinctiveZh) expect((await pageText(page, 1)).replace(/\s+/g, "")).toContain(f.distinctiveZh);
      expect(await page.getByText(f.distinctiveText).first().isVisible()).toBe(true);
      const marks = await page.locator('[data-testid="watermark-page"]').allTextContents();
      expect(marks.length).toBe(await page.locator(".dg-pdf-page").count());
      for (const m of marks) expect(m).toContain("docgate-e2e-mark");
      expect(await page.locator('[data-testid="watermark-viewport"]').textContent()).toContain("第二行水印");
      // Deleting the watermark does not get rid of it.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll(".dg-wm")) el.remove();
      });
      await expect.poll(() => page.locator('[data-testid="watermark-page"]').count()).toBe(marks.length);
      expect(await page.locator('[data-testid="watermark-viewport"]').textContent()).toContain("docgate-e2e-mark");
      await expectNoProblems(opened);
      await opened.close();
    }, 120_000);
  }

  for (const kind of ["txt", "md", "csv"] as const) {
    it(`${kind}: shown natively with its own text and the watermark`, async () => {
      const opened = await openViewer(browser, viewLink(kind));
      await viewerReady(opened.page);
      const f = fixtures[kind];
      expect(await opened.page.getByText(f.distinctiveText).first().isVisible()).toBe(true);
      expect(await opened.page.locator(".dg-doc").textContent()).toContain(f.distinctiveZh);
      expect(await opened.page.locator('[data-testid="watermark-page"]').textContent()).toContain("docgate-e2e-mark");
      await expectNoProblems(opened);
      await opened.close();
    });
  }

  it("png: the image itself, with the repo's template watermark when meta has none", async () => {
    const opened = await openViewer(browser, viewLink("png", { waterMark: undefined }));
    await viewerReady(opened.page);
    const size = await opened.page
      .getByTestId("image")
      .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([123, 45]);
    const mark = await opened.page.locator('[data-testid="watermark-page"]').textContent();
    expect(mark).toContain("张三 Zhang San");
    expect(mark).toContain("zhangsan@example.com");
    await expectNoProblems(opened);
    await opened.close();
  });

  it("download and print false: no controls, the rendition is refused as a download, copying is blocked", async () => {
    const link = viewLink("pdf", { permissions: { read: true, write: false, download: false, print: false } });
    const opened = await openViewer(browser, link);
    const { page } = opened;
    await page.locator('[data-testid="viewer"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-action="download"], [data-action="print"], a[download]').count()).toBe(0);
    const rendition = `${page.url().split("?")[0]}/rendition`;
    const asFile = await page.request.get(`${rendition}?download=1`);
    expect(asFile.status()).toBe(403);
    expect(asFile.headers()["content-disposition"] ?? "").not.toContain("attachment");
    const inline = await page.request.get(rendition);
    expect(inline.status()).toBe(200);
    expect(inline.headers()["x-content-type-options"]).toBe("nosniff");
    expect(inline.headers()["content-type"]).toBe("application/pdf");
    await page.keyboard.press("ControlOrMeta+A");
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe("");
    await expectNoProblems(opened);
    await opened.close();
  }, 90_000);
});
