// End to end against the ONLYOFFICE *emulator* (packages/onlyoffice-emulator, not the real Document
// Server, which cannot run here): docgate runs as `docgate serve` with onlyoffice.* pointing at the
// emulator, a business system runs in this test, and real Chromium opens an edit link, types into the
// emulator's editor iframe and closes it. Checked: the emulator fetched document.url through docgate
// (whose delivery route only streams for a valid Bearer token), the business system saw that download
// with the user's params, the final save came back as exactly one multipart upload with the typed text
// and the params three ways, and the next open got a new key and the saved content.
import JSZip from "jszip";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../packages/onlyoffice-emulator/src/index.js";
import { makeDocx } from "../../packages/onlyoffice-emulator/test/support/fixtures.js";
import {
  type BusinessFiles,
  startBusinessFiles,
} from "../../packages/server/test/onlyoffice/support/business-files.js";
import { launchChromium } from "../support/browser.js";
import { sampleMeta, sampleUserinfo, signTestUrl, TEST_REPO_ID, TEST_SECRET } from "../support/entry-fixtures.js";
import { type RunningProcess, startDocgate } from "../support/processes.js";

const JWT_SECRET = "e2e-onlyoffice-emulator-secret-0123";

let emu: RunningEmulator;
let bs: BusinessFiles;
let docgate: RunningProcess;
let browser: Browser;

async function editLink(docId: string, user: Record<string, unknown>, action: "edit" | "view" = "edit") {
  return signTestUrl({
    baseUrl: docgate.url,
    context: bs.origin,
    docId,
    action,
    userinfo: sampleUserinfo(user),
    meta: sampleMeta(docId, { name: "合同.docx" }),
    params: "zdocs_access_token=e2e-token;x-tenant=t9",
  });
}

/** Opens an edit link and waits until the emulator's editor is editing; returns its frame and key. */
async function openEditor(page: Page, link: string): Promise<{ frame: FrameLocator; key: string }> {
  await page.goto(link);
  const frame = page.frameLocator("iframe[name=frameEditor]");
  await expect
    .poll(() => frame.locator("#emulator-editor").getAttribute("data-state"), { timeout: 20_000 })
    .toBe("editing");
  return { frame, key: (await frame.locator("#emulator-editor").getAttribute("data-key")) as string };
}

/** Types text into the emulator's editor and waits until the document shows it. */
async function typeText(frame: FrameLocator, text: string): Promise<void> {
  await frame.locator("#emulator-text").fill(text);
  await frame.locator("#emulator-insert").click();
  await expect.poll(() => frame.locator("#emulator-content").textContent()).toContain(text);
}

beforeAll(async () => {
  bs = await startBusinessFiles();
  // The ONLYOFFICE emulator, with a short save delay so status 2 follows the close quickly.
  emu = await startEmulator({ port: 0, jwtSecret: JWT_SECRET, saveDelayMs: 300, callbackRetryBaseMs: 200 });
  docgate = await startDocgate({
    repos: [{ id: TEST_REPO_ID, secrets: [TEST_SECRET], context: bs.origin }],
    onlyoffice: { publicUrl: emu.url, jwtSecret: JWT_SECRET },
    server: { logLevel: "debug" },
  });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await docgate?.stop();
  await emu?.close();
  await bs?.close();
});

describe("editing through the ONLYOFFICE emulator (real processes, real Chromium)", () => {
  it("emulator: opens an edit link, types, closes; DS fetched through docgate with the user's params; the save reaches the business system", async () => {
    const docId = "e2e-oo-1";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["Business paragraph"])));
    const entry = signTestUrl({
      baseUrl: docgate.url,
      context: bs.origin,
      docId,
      action: "edit",
      userinfo: sampleUserinfo({ id: "301", display_name: "张三" }),
      meta: sampleMeta(docId, { name: "合同.docx" }),
      params: "zdocs_access_token=e2e-token;x-tenant=t9",
    });
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    try {
      await page.goto(entry);
      await expect.poll(() => page.getAttribute("body", "data-editor-state"), { timeout: 20_000 }).toBe("ready");
      const frame = page.frameLocator("iframe[name=frameEditor]");
      const editor = frame.locator("#emulator-editor");
      await expect.poll(() => editor.getAttribute("data-state"), { timeout: 20_000 }).toBe("editing");
      expect(await frame.locator("header").textContent()).toContain("ONLYOFFICE emulator");
      expect(await editor.getAttribute("data-mode")).toBe("edit");
      expect(await editor.getAttribute("data-user-id")).toBe("301");
      const key = (await editor.getAttribute("data-key")) as string;
      expect(key).toMatch(/^[0-9A-Za-z_-]{32}$/);

      // DS fetched document.url once, from docgate's delivery route, and got the file (200): the route
      // streams only for a valid Bearer token whose payload.url is that URL.
      const fetches = emu.fetches().filter((f) => f.url.startsWith(`${docgate.url}/onlyoffice/files/`));
      expect(fetches.map((f) => f.status)).toContain(200);
      const downloads = bs.downloads().filter((r) => r.path === `/files/${docId}/content`);
      expect(downloads).toHaveLength(1);
      expect(downloads[0]?.query.get("zdocs_access_token")).toBe("e2e-token");
      expect(downloads[0]?.headers.cookie).toBe("zdocs_access_token=e2e-token; x-tenant=t9");
      expect(downloads[0]?.headers["x-tenant"]).toBe("t9");
      expect(docgate.output()).toContain("document server fetching the file");

      await frame.locator("#emulator-text").fill("Typed through docgate 你好");
      await frame.locator("#emulator-insert").click();
      await expect.poll(() => frame.locator("#emulator-content").textContent()).toContain("Typed through docgate");
      await frame.locator("#emulator-close").click();

      const saved = await emu.waitForCallback((r) => r.key === key && r.status === 2, 30_000);
      expect(saved.outcome).toBe("acknowledged");
      const statuses = emu
        .callbacks()
        .filter((r) => r.key === key)
        .map((r) => r.status);
      expect(statuses).toEqual([1, 2]);

      // The save pipeline uploads the file to uploadUrl with the same params.
      await bs.waitFor(() => bs.uploads().some((u) => u.path === `/files/${docId}/content`), 30_000);
      const upload = bs.uploads().find((u) => u.path === `/files/${docId}/content`);
      expect(upload?.query.get("zdocs_access_token")).toBe("e2e-token");
      const xml = await (await JSZip.loadAsync(upload?.file?.bytes as Buffer))
        .file("word/document.xml")!
        .async("string");
      expect(xml).toContain("Typed through docgate 你好");
      expect(xml).toContain("Business paragraph");
      expect(cspViolations).toEqual([]);

      // Exactly one multipart upload, with the protocol's field, filename and type, and the params
      // three ways (spec: entry 3). A straggler (a duplicate upload) would show up within this wait.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(bs.uploads().filter((u) => u.path === `/files/${docId}/content`)).toHaveLength(1);
      expect(upload?.file).toMatchObject({
        field: "file",
        filename: "content",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      });
      expect(upload?.headers.cookie).toBe("zdocs_access_token=e2e-token; x-tenant=t9");
      expect(upload?.headers["x-tenant"]).toBe("t9");
      expect(upload?.query.get("x-tenant")).toBe("t9");

      // The next open, with the modified_at the business system answered, gets a new key and the new content.
      const nextLink = signTestUrl({
        baseUrl: docgate.url,
        context: bs.origin,
        docId,
        action: "edit",
        userinfo: sampleUserinfo({ id: "302", display_name: "Bob" }),
        meta: sampleMeta(docId, { name: "合同.docx", modified_at: upload?.modifiedAt }),
        params: "zdocs_access_token=e2e-token;x-tenant=t9",
      });
      await page.goto(nextLink);
      const nextFrame = page.frameLocator("iframe[name=frameEditor]");
      const nextEditor = nextFrame.locator("#emulator-editor");
      await expect.poll(() => nextEditor.getAttribute("data-key"), { timeout: 20_000 }).toMatch(/^[0-9A-Za-z_-]{32}$/);
      expect(await nextEditor.getAttribute("data-key")).not.toBe(key);
      await expect
        .poll(() => nextFrame.locator("#emulator-content").textContent(), { timeout: 20_000 })
        .toContain("Typed through docgate 你好");
    } finally {
      await page.close();
    }
  });

  it("emulator: an editor who opens while the previous version is being saved waits, then opens the saved version", async () => {
    const docId = "e2e-oo-wait";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["Before"])));
    const alice = await browser.newPage();
    const bob = await browser.newPage();
    try {
      const { frame: aFrame, key } = await openEditor(
        alice,
        await editLink(docId, { id: "301", display_name: "Alice" }),
      );
      await typeText(aFrame, "Alice was here");
      // The business system takes its time with the upload: the save stays in flight for a while.
      bs.uploadDelayMs = 4_000;
      await aFrame.locator("#emulator-close").click();
      await emu.waitForCallback((r) => r.key === key && r.status === 2, 30_000);

      await bob.goto(await editLink(docId, { id: "302", display_name: "Bob" }));
      await expect
        .poll(() => bob.getAttribute("body", "data-editor-state"), { timeout: 10_000 })
        .toBe("waiting-for-save");
      expect(await bob.locator('[data-testid="waiting-for-save"]').isVisible()).toBe(true);
      expect(await bob.locator('[data-testid="waiting-for-save"]').textContent()).toContain("正在保存上一个版本");

      const bFrame = bob.frameLocator("iframe[name=frameEditor]");
      await expect
        .poll(() => bFrame.locator("#emulator-editor").getAttribute("data-state"), { timeout: 30_000 })
        .toBe("editing");
      expect(await bob.locator('[data-testid="waiting-for-save"]').isVisible()).toBe(false);
      expect(await bFrame.locator("#emulator-editor").getAttribute("data-key")).not.toBe(key);
      // The new key made DS fetch the saved version from the business system.
      expect(await bFrame.locator("#emulator-content").textContent()).toContain("Alice was here");
    } finally {
      bs.uploadDelayMs = 0;
      await alice.close();
      await bob.close();
    }
  });

  it("emulator: a page whose key died before its editor opened handles onRequestRefreshFile and loads the saved version", async () => {
    const docId = "e2e-oo-refresh";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["Start"])));
    const alice = await browser.newPage();
    const bob = await browser.newPage();
    try {
      const { frame: aFrame, key } = await openEditor(
        alice,
        await editLink(docId, { id: "301", display_name: "Alice" }),
      );

      // Bob's page is rendered while the key is live, but api.js is held back until DS has sent
      // status 2 for it: his editor then opens with a dead key.
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      await bob.route("**/web-apps/apps/api/documents/api.js", async (route) => {
        await released;
        await route.continue();
      });
      const bobLoaded = bob.goto(await editLink(docId, { id: "302", display_name: "Bob" }));
      await expect.poll(() => bob.locator("#dg-data").count(), { timeout: 10_000 }).toBe(1);
      const bobData = JSON.parse((await bob.locator("#dg-data").textContent()) as string);
      expect(bobData.config.document.key).toBe(key);

      await typeText(aFrame, "Saved by Alice");
      await aFrame.locator("#emulator-close").click();
      await emu.waitForCallback((r) => r.key === key && r.status === 2, 30_000);
      release();
      await bobLoaded;

      const bFrame = bob.frameLocator("iframe[name=frameEditor]");
      await expect
        .poll(() => bFrame.locator("#emulator-editor").getAttribute("data-state"), { timeout: 30_000 })
        .toBe("editing");
      expect(await bFrame.locator("#emulator-editor").getAttribute("data-key")).not.toBe(key);
      expect(await bFrame.locator("#emulator-content").textContent()).toContain("Saved by Alice");
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  it("emulator: an edit request without write permission opens read-only and says so", async () => {
    const docId = "e2e-oo-ro";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["Read me"])));
    const page = await browser.newPage();
    try {
      const link = signTestUrl({
        baseUrl: docgate.url,
        context: bs.origin,
        docId,
        action: "edit",
        meta: sampleMeta(docId, { name: "只读.docx", permissions: { read: true, write: false, download: false } }),
      });
      await page.goto(link);
      const frame = page.frameLocator("iframe[name=frameEditor]");
      await expect
        .poll(() => frame.locator("#emulator-editor").getAttribute("data-mode"), { timeout: 20_000 })
        .toBe("view");
      expect(await page.locator('[data-testid="notice-readonly_write_permission_false"]').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe("editor errors, against the ONLYOFFICE emulator", () => {
  let wrong: RunningProcess;
  beforeAll(async () => {
    // docgate signs with a secret the emulator does not share: the editor refuses the config.
    wrong = await startDocgate({
      repos: [{ id: TEST_REPO_ID, secrets: [TEST_SECRET], context: bs.origin }],
      onlyoffice: { publicUrl: emu.url, jwtSecret: "not-the-emulator-secret-0123" },
    });
  }, 60_000);
  afterAll(async () => {
    await wrong?.stop();
  });

  it("emulator: DS's onError shows docgate's overlay with a code and DS's errorCode", async () => {
    const docId = "e2e-oo-err";
    bs.files.set(`/files/${docId}/content`, Buffer.from(await makeDocx(["x"])));
    const page = await browser.newPage();
    try {
      await page.goto(signTestUrl({ baseUrl: wrong.url, context: bs.origin, docId, action: "edit" }));
      const overlay = page.locator('[data-testid="editor-error"]');
      await expect.poll(() => overlay.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await page.locator('[data-testid="editor-error-code"]').textContent()).toBe("DOCGATE_EDITOR_FAILED");
      expect(await page.locator('[data-testid="editor-error-detail"]').textContent()).toContain("errorCode -20");
      expect(await overlay.textContent()).toContain("编辑器报告了错误");
      expect(await overlay.textContent()).toContain("The editor reported an error");
    } finally {
      await page.close();
    }
  });
});
