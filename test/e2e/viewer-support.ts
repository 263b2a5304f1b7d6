// Shared steps for the viewer's browser tests: open a page with CSP-violation and error capture,
// convert office fixtures to PDF with the real LibreOffice, read what is on screen.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { ViewerKind } from "../../packages/server/src/engines/preview/viewer/viewer-page.js";
import { type Fixture, type FixtureKind, generateFixtures } from "../fixtures/generate-fixtures.js";
import { launchChromium } from "../support/browser.js";
import { requireTool } from "../support/require-tool.js";
import { type HarnessDocument, startViewerHarness, type ViewerHarness } from "./viewer-harness.js";

export interface ViewerSuite {
  browser: Browser;
  harness: ViewerHarness;
  fixtures: Record<FixtureKind, Fixture>;
}

/** Registers the setup every viewer browser test shares; the fields are filled in beforeAll. */
export function useViewerSuite(timeoutMs = 120_000): ViewerSuite {
  const suite = {} as ViewerSuite;
  beforeAll(async () => {
    suite.fixtures = await generateFixtures(await mkdtemp(join(tmpdir(), "docgate-viewer-fixtures-")));
    suite.harness = await startViewerHarness();
    suite.browser = await launchChromium();
  }, timeoutMs);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.harness?.close();
  });
  return suite;
}

/** Registers a generated fixture with the harness and returns its viewer URL. */
export function addFixture(
  harness: ViewerHarness,
  fixture: Fixture,
  kind: ViewerKind,
  extra: Partial<HarnessDocument> = {},
): string {
  return harness.add({ name: fixture.name, kind, bytes: fixture.bytes, contentType: fixture.contentType, ...extra });
}

export interface OpenedPage {
  page: Page;
  /** CSP violations and uncaught errors seen so far; every test expects none. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openViewer(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return {
    page,
    async problems() {
      const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp).catch(() => []);
      return [...csp.map((c) => `csp: ${c}`), ...errors];
    },
    close: () => context.close(),
  };
}

/** Waits for the viewer to finish its first paint (the first PDF page, the image, the text). */
export async function viewerReady(page: Page): Promise<void> {
  await page.locator('[data-testid="viewer"][data-state="ready"]').waitFor({ timeout: 20_000 });
}

/** Text of the pdf.js text layer of one page (empty until that page is rendered). */
export function pageText(page: Page, n: number): Promise<string> {
  return page.locator(`.dg-pdf-page[data-page-number="${n}"] .textLayer`).evaluate((el) => el.textContent ?? "");
}

/** Converts office files to PDF with LibreOffice in one run, with a private profile. */
export async function convertWithSoffice(files: string[]): Promise<Map<string, Buffer>> {
  await requireTool("soffice");
  const dir = await mkdtemp(join(tmpdir(), "docgate-viewer-soffice-"));
  await promisify(execFile)(
    "/usr/bin/soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${join(dir, "profile")}`,
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      ...files,
    ],
    { timeout: 180_000 },
  );
  const out = new Map<string, Buffer>();
  for (const file of files) out.set(file, await readFile(join(dir, `${basename(file, extname(file))}.pdf`)));
  return out;
}

export async function expectNoProblems(opened: OpenedPage): Promise<void> {
  expect(await opened.problems()).toEqual([]);
}
