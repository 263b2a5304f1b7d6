// The demo, driven in real Chromium the way a person uses it: `launchDemo` (what `npm run demo` runs)
// starts the ONLYOFFICE *emulator* (not the real Document Server, which cannot run here), docgate as
// `docgate serve`, and the demo business system. The person uploads a docx and previews it; opens a
// seeded sample as the viewer (watermark, no download) inside the demo's page (docgate in a cross-site
// iframe: localhost vs 127.0.0.1) and as the commenter (comment-only permissions); edits the uploaded
// docx as the editor, sees a new version with a new modified_at, previews again and finds the edit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedDemo, launchDemo } from "../../packages/demo/src/launcher/launch.js";
import { makeDocx } from "../../packages/demo/src/samples/ooxml.js";
import { launchChromium } from "../support/browser.js";

const DOC_NAME = "验收测试 acceptance.docx";
/** A sample the demo seeds on its first run. */
const SAMPLE_DOCX = "合同草案 Contract draft.docx";
const ORIGINAL = "ORIGINALMARK 原始段落";
const EDIT = "EDITMARK 新增的段落";
const MODIFIED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let dataDir: string;
let demo: LaunchedDemo;
let browser: Browser;
let context: BrowserContext;
const logs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "docgate-demo-e2e-"));
  demo = await launchDemo({
    dataDir,
    docgatePort: 0,
    demoPort: 0,
    emulatorPort: 0,
    emulatorSaveDelayMs: 500,
    startTimeoutMs: 60_000,
    log: (line) => logs.push(line),
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await demo?.stop(10_000);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function row(page: Page, name = DOC_NAME) {
  return page.locator(`tr[data-doc-name="${name}"]`);
}

async function home(page: Page): Promise<void> {
  await page.goto(demo.demoUrl);
  await expect.poll(() => page.getAttribute('[data-testid="editor-banner"]', "data-editor")).toBe("emulator");
}

async function switchUser(page: Page, user: string): Promise<void> {
  await home(page);
  await page.selectOption('[data-testid="user-select"]', user);
  await page.click('[data-testid="switch-user"]');
  await expect.poll(() => page.getAttribute('[data-testid="current-user"]', "data-user")).toBe(user);
}

/** Clicks a button that opens a new tab and returns that tab. */
async function clickForTab(page: Page, selector: string, name = DOC_NAME): Promise<Page> {
  const [tab] = await Promise.all([context.waitForEvent("page"), row(page, name).locator(selector).click()]);
  return tab;
}

/** The text of docgate's preview (pdf.js text layer of the LibreOffice rendition). */
async function previewText(where: Page | FrameLocator): Promise<string> {
  return (
    (await where
      .locator('[data-testid="pages"]')
      .textContent({ timeout: 5_000 })
      .catch(() => "")) ?? ""
  );
}

async function versionStamps(page: Page, docId: string): Promise<string[]> {
  await page.goto(`${demo.demoUrl}docs/${docId}`);
  return page.locator('[data-testid="version-row"] [data-testid="modified-at"]').allTextContents();
}

describe("the demo in Chromium", () => {
  let docId: string;
  let firstModifiedAt: string;

  it("prints where everything is and says the editor is the emulator", () => {
    expect(demo.editor.kind).toBe("emulator");
    expect(demo.demoUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(demo.docgateUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.seeded).toBe(6);
  });

  it("uploads a docx and previews it in a new tab", async () => {
    const page = await context.newPage();
    await switchUser(page, "editor");
    await page.setInputFiles('[data-testid="upload-input"]', {
      name: DOC_NAME,
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: await makeDocx("验收测试 Acceptance test", [ORIGINAL, "English and 中文 together."]),
    });
    await page.click('[data-testid="upload-submit"]');
    await expect.poll(() => row(page).count()).toBe(1);
    docId = (await row(page).getAttribute("data-doc-id")) as string;
    firstModifiedAt = (await row(page).locator('[data-testid="modified-at"]').textContent()) as string;
    expect(firstModifiedAt).toMatch(MODIFIED_AT);
    expect(await row(page).locator('[data-testid="version"]').textContent()).toContain("v1");

    const tab = await clickForTab(page, '[data-testid="preview-tab"]');
    expect(new URL(tab.url()).origin).toBe(demo.docgateUrl);
    await expect.poll(() => previewText(tab), { timeout: 60_000 }).toContain("ORIGINALMARK");
    expect(await tab.locator('[data-testid="doc-name"]').textContent()).toContain(DOC_NAME);
    await tab.close();
    await page.close();
  }, 90_000);

  it("as the viewer: no Edit button; the preview has the watermark and no download", async () => {
    const page = await context.newPage();
    await switchUser(page, "viewer");
    expect(await row(page, SAMPLE_DOCX).locator('[data-testid="edit-tab"]').count()).toBe(0);
    expect(await page.locator('[data-testid="upload-form"]').count()).toBe(0);
    await row(page, SAMPLE_DOCX).locator('[data-testid="preview-embed"]').click();
    // docgate (127.0.0.1) inside the demo's page (localhost): a cross-site iframe.
    const viewer = page.frameLocator("#docgate-frame");
    await expect.poll(() => previewText(viewer), { timeout: 60_000 }).toContain("Contract draft");
    await expect
      .poll(async () => (await viewer.locator('[data-testid^="watermark-"]').allTextContents()).join(" "))
      .toContain("陈查看 Chen");
    expect(await viewer.locator('[data-action="download"]').count()).toBe(0);
    expect(await viewer.locator('[data-action="print"]').count()).toBe(0);
    // The demo itself offers the viewer no download either.
    await page.goto(`${demo.demoUrl}`);
    await row(page, SAMPLE_DOCX).locator('[data-testid="versions"]').click();
    await expect.poll(() => page.locator('[data-testid="version-row"]').count()).toBe(1);
    expect(await page.locator('[data-testid="download-version"]').count()).toBe(0);
    await switchUser(page, "editor");
    await page.close();
  }, 90_000);

  it("as the commenter: Edit opens the editor with comment-only permissions", async () => {
    const page = await context.newPage();
    await switchUser(page, "commenter");
    const tab = await clickForTab(page, '[data-testid="edit-tab"]', SAMPLE_DOCX);
    await expect.poll(() => tab.getAttribute("body", "data-editor-state"), { timeout: 30_000 }).toBe("ready");
    const editor = tab.frameLocator("iframe[name=frameEditor]");
    const el = editor.locator("#emulator-editor");
    await expect.poll(() => el.getAttribute("data-state"), { timeout: 30_000 }).toBe("editing");
    expect(await el.getAttribute("data-mode")).toBe("edit");
    const permissions = JSON.parse((await el.getAttribute("data-permissions")) as string);
    expect(permissions).toMatchObject({ edit: false, review: false, comment: true });
    expect(await el.getAttribute("data-can-insert")).toBe("false");
    expect(await editor.locator("#emulator-insert").count()).toBe(0);
    await editor.locator("#emulator-close").click();
    await tab.close();
    await switchUser(page, "editor");
    await page.close();
  }, 90_000);
  it("edits it as the editor inside the demo's page; the save is a new version with a new modified_at", async () => {
    const page = await context.newPage();
    await home(page);
    await row(page).locator('[data-testid="edit-embed"]').click();
    // docgate (127.0.0.1) inside the demo page (localhost): a cross-site iframe, then the editor's iframe.
    const docgate = page.frameLocator("#docgate-frame");
    await expect
      .poll(() => docgate.locator("body").getAttribute("data-editor-state"), { timeout: 30_000 })
      .toBe("ready");
    const editor = docgate.frameLocator("iframe[name=frameEditor]");
    await expect
      .poll(() => editor.locator("#emulator-editor").getAttribute("data-state"), { timeout: 30_000 })
      .toBe("editing");
    expect(await editor.locator("header").textContent()).toContain("ONLYOFFICE emulator");
    expect(await editor.locator("#emulator-editor").getAttribute("data-mode")).toBe("edit");
    await expect.poll(() => editor.locator("#emulator-content").textContent()).toContain("ORIGINALMARK");
    await editor.locator("#emulator-text").fill(EDIT);
    await editor.locator("#emulator-insert").click();
    await expect.poll(() => editor.locator("#emulator-content").textContent()).toContain("EDITMARK");
    await editor.locator("#emulator-close").click();

    // The emulator sends its save callback after the last editor leaves; docgate uploads to the demo.
    let stamps: string[] = [];
    await expect
      .poll(
        async () => {
          stamps = await versionStamps(page, docId);
          return stamps.length;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(2);
    const [newest, oldest] = stamps;
    expect(oldest).toBe(firstModifiedAt);
    expect(newest).toMatch(MODIFIED_AT);
    expect(newest! > firstModifiedAt).toBe(true);
    expect(await page.locator('[data-testid="version-row"]').first().getAttribute("data-source")).toBe("docgate");
    expect(await page.locator('[data-testid="version-row"]').first().textContent()).toContain("王编辑");

    await home(page);
    expect(await row(page).locator('[data-testid="modified-at"]').textContent()).toBe(newest);
    expect(await row(page).locator('[data-testid="version"]').textContent()).toContain("v2");
    await page.close();
  }, 150_000);

  it("previews again and finds the edit", async () => {
    const page = await context.newPage();
    await home(page);
    const tab = await clickForTab(page, '[data-testid="preview-tab"]');
    await expect.poll(() => previewText(tab), { timeout: 60_000 }).toContain("EDITMARK");
    expect(await previewText(tab)).toContain("ORIGINALMARK");
    await tab.close();
    await page.close();
  }, 90_000);
});
