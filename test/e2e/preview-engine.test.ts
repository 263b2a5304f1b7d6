// The built-in preview end to end: docgate as a real process (`docgate serve`, real LibreOffice
// pool, real cache), a business system in this test, and real Chromium opening view links.
// Checks what a user sees: the docx's own text on the rendered page; another document with the
// same file name shows its own text (kkFileView's name-keyed cache would show the first); a damaged
// file shows the error page with its code.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docx } from "../../packages/server/test/preview/fixtures/ooxml.js";
import { type Fixture, generateFixture } from "../fixtures/generate-fixtures.js";
import { launchChromium } from "../support/browser.js";
import { sampleMeta, signTestUrl, TEST_REPO_ID, TEST_SECRET } from "../support/entry-fixtures.js";
import { type RunningProcess, startDocgate } from "../support/processes.js";
import { requireTool } from "../support/require-tool.js";

let docgate: RunningProcess;
let business: Server;
let context: string;
let browser: Browser;
let fixture: Fixture;
let dir: string;
const files = new Map<string, Buffer>();
const downloads = new Map<string, number>();

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  dir = mkdtempSync(join(tmpdir(), "docgate-e2e-preview-"));
  fixture = await generateFixture("docx", dir);
  files.set("report-1", fixture.bytes);
  files.set("report-2", await docx(["A-DIFFERENT-DOCUMENT-2", "同名不同文档"]));
  files.set("damaged", fixture.bytes.subarray(0, Math.floor(fixture.bytes.length / 2)));
  business = createServer((req, res) => {
    const docId = decodeURIComponent(/^\/files\/([^/?]+)\//.exec(req.url ?? "")?.[1] ?? "");
    downloads.set(docId, (downloads.get(docId) ?? 0) + 1);
    const body = files.get(docId);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => business.listen(0, "127.0.0.1", resolve));
  context = `http://127.0.0.1:${(business.address() as AddressInfo).port}`;
  docgate = await startDocgate({
    repos: [{ id: TEST_REPO_ID, secrets: [TEST_SECRET], context }],
    preview: { workers: 1 },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await docgate?.stop();
  business?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function viewLink(docId: string, name: string): string {
  return signTestUrl({ baseUrl: docgate.url, context, docId, meta: sampleMeta(docId, { name }) });
}

async function firstPageText(page: Page): Promise<string> {
  const first = page.locator('.dg-pdf-page[data-page-number="1"][data-state="rendered"]');
  await first.waitFor({ timeout: 60_000 });
  return (await first.locator(".textLayer").textContent()) ?? "";
}

describe("built-in preview in a real browser", () => {
  it("opens a docx view link and shows the document's text", async () => {
    const page = await browser.newPage();
    await page.goto(viewLink("report-1", fixture.name));
    expect(page.url()).toMatch(/\/s\/[0-9a-f]{12}[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => page.locator('[data-testid="doc-name"]').textContent()).toBe(fixture.name);
    const text = await firstPageText(page);
    expect(text).toContain(fixture.distinctiveText);
    expect(text).toContain(fixture.distinctiveZh);
    await page.close();
  });

  it("shows another document's own text even when it has the same file name", async () => {
    const page = await browser.newPage();
    await page.goto(viewLink("report-2", fixture.name));
    const text = await firstPageText(page);
    expect(text).toContain("A-DIFFERENT-DOCUMENT-2");
    expect(text).not.toContain(fixture.distinctiveText);
    await page.close();
  });

  it("re-opens unchanged content from the cache, without downloading it again", async () => {
    const before = downloads.get("report-1");
    const page = await browser.newPage();
    await page.goto(viewLink("report-1", fixture.name));
    expect(await firstPageText(page)).toContain(fixture.distinctiveText);
    expect(downloads.get("report-1")).toBe(before);
    await page.close();
  });

  it("shows a damaged file as the error page with its code", async () => {
    const page = await browser.newPage();
    const response = await page.goto(viewLink("damaged", "damaged.docx"));
    expect(response?.status()).toBe(422);
    await expect
      .poll(() => page.locator('[data-testid="error-code"]').textContent(), { timeout: 30_000 })
      .toBe("DOCGATE_FILE_CORRUPT");
    await page.close();
  });
});
