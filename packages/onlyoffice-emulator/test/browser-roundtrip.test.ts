// A real Chromium loads a page that uses api.js, edits through the emulator's iframe, and the
// business side receives a status 2 whose url is a docx containing the typed text.
// spec: onlyoffice 1 (api.js, events, refreshFile, destroyEditor) and 6.
import JSZip from "jszip";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireTool } from "../../../test/support/require-tool.js";
import { makeDocx } from "./support/fixtures.js";
import { download, type Harness, signedConfig, startHarness, uniqueKey } from "./support/harness.js";

function pageHtml(emuUrl: string, config: unknown): string {
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<!doctype html><html><head><meta charset="utf-8"><title>docgate test page</title></head><body>
<div id="placeholder"></div>
<script src="${emuUrl}/web-apps/apps/api/documents/api.js"></script>
<script>
  window.__events = [];
  var record = function (name) { return function (e) { window.__events.push({ name: name, data: e && e.data }); }; };
  var config = ${json};
  config.events = {
    onAppReady: record("onAppReady"),
    onDocumentReady: record("onDocumentReady"),
    onError: record("onError"),
    onWarning: record("onWarning"),
    onRequestRefreshFile: record("onRequestRefreshFile"),
    onRequestClose: record("onRequestClose")
  };
  window.docEditor = new DocsAPI.DocEditor("placeholder", config);
</script></body></html>`;
}

async function events(page: Page): Promise<{ name: string; data: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __events: { name: string; data: unknown }[] }).__events);
}

async function waitForEvent(page: Page, name: string) {
  await page.waitForFunction(
    (n) => (window as unknown as { __events: { name: string }[] }).__events.some((e) => e.name === n),
    name,
    {
      timeout: 20_000,
    },
  );
  return (await events(page)).find((e) => e.name === name)!;
}

describe("real browser", () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    await requireTool("chromium");
    h = await startHarness({ saveDelayMs: 100 });
    h.docgate.files.set("/files/doc.docx", await makeDocx(["Business text"]));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const cfg = (key: string) =>
    signedConfig({ key, url: `${h.docgate.url}/files/doc.docx`, callbackUrl: `${h.docgate.url}/callback` });

  async function openPage(path: string, config: unknown): Promise<Page> {
    h.docgate.pages.set(path, pageHtml(h.emu.url, config));
    const page = await browser.newPage();
    await page.goto(`${h.docgate.url}${path}`);
    return page;
  }

  it("opens the editor, types text, closes, and status 2 brings a docx with the text", async () => {
    const key = uniqueKey();
    const page = await openPage("/edit-1", await cfg(key));
    try {
      await waitForEvent(page, "onDocumentReady");
      const frame = page.frameLocator("iframe[name=frameEditor]");
      await expect.poll(() => frame.locator("#emulator-editor").getAttribute("data-state")).toBe("editing");
      expect(await frame.locator("header").textContent()).toContain("ONLYOFFICE emulator");
      expect(await frame.locator("#emulator-editor").getAttribute("data-key")).toBe(key);
      await expect.poll(() => frame.locator("#emulator-users li").count()).toBe(1);
      await frame.locator("#emulator-text").fill("Typed in Chromium");
      await frame.locator("#emulator-insert").click();
      await expect.poll(() => frame.locator("#emulator-content").textContent()).toContain("Typed in Chromium");
      await frame.locator("#emulator-close").click();
      await waitForEvent(page, "onRequestClose");
      const cb = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
      expect(cb.outcome).toBe("acknowledged");
      const statuses = h.docgate.callbacks.filter((c) => c.body.key === key).map((c) => c.body.status);
      expect(statuses).toEqual([1, 2]);
      const docx = await download(String(cb.fields.url));
      const xml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
      expect(xml).toContain("Typed in Chromium");
      expect(xml).toContain("Business text");
      expect((await events(page)).map((e) => e.name).slice(0, 2)).toEqual(["onAppReady", "onDocumentReady"]);
    } finally {
      await page.close();
    }
  });

  it("raises onError with DS's message for a bad token", async () => {
    const config = await cfg(uniqueKey());
    const page = await openPage("/bad-token", { ...config, token: "broken.token.value" });
    try {
      const err = await waitForEvent(page, "onError");
      expect(err.data).toEqual({
        errorCode: -20,
        errorDescription: expect.stringContaining("The document security token is not correctly formed"),
      });
      const frame = page.frameLocator("iframe[name=frameEditor]");
      expect(await frame.locator("#emulator-error").textContent()).toContain("not correctly formed");
      // One editor per page: a second DocEditor without destroyEditor() is refused.
      const second = await page.evaluate(() => {
        try {
          new (
            window as unknown as { DocsAPI: { DocEditor: new (id: string, c: unknown) => unknown } }
          ).DocsAPI.DocEditor("x", {});
          return "created";
        } catch (e) {
          return (e as Error).message;
        }
      });
      expect(second).toContain("one editor per page");
    } finally {
      await page.close();
    }
  });

  it("fires onRequestRefreshFile for a dead key, and refreshFile() with a new key opens a live session", async () => {
    const key = uniqueKey();
    // Make the key dead: edit over HTTP-level open is covered elsewhere; here the browser does it.
    const first = await openPage("/dead-1", await cfg(key));
    const frame = first.frameLocator("iframe[name=frameEditor]");
    await expect.poll(() => frame.locator("#emulator-editor").getAttribute("data-state")).toBe("editing");
    await frame.locator("#emulator-text").fill("First session");
    await frame.locator("#emulator-insert").click();
    await expect.poll(() => frame.locator("#emulator-content").textContent()).toContain("First session");
    await frame.locator("#emulator-close").click();
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    await first.close();

    const page = await openPage("/dead-2", await cfg(key));
    try {
      await waitForEvent(page, "onRequestRefreshFile");
      const fresh = uniqueKey();
      const freshConfig = await cfg(fresh);
      await page.evaluate(
        (c) => (window as unknown as { docEditor: { refreshFile(c: unknown): void } }).docEditor.refreshFile(c),
        freshConfig,
      );
      const f = page.frameLocator("iframe[name=frameEditor]");
      await expect.poll(() => f.locator("#emulator-editor").getAttribute("data-key")).toBe(fresh);
      expect(await f.locator("#emulator-editor").getAttribute("data-state")).toBe("editing");
      // destroyEditor removes the iframe: the connection drops, and without changes DS sends 4.
      await page.evaluate(() =>
        (window as unknown as { docEditor: { destroyEditor(): void } }).docEditor.destroyEditor(),
      );
      await h.emu.waitForCallback((r) => r.key === fresh && r.status === 4);
      expect(await page.locator("#placeholder").count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
