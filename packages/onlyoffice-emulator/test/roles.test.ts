// spec: onlyoffice 1 (role mapping): what each permission set can do in the emulator, and which
// connections count as editors for callbacks.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx, makeXlsx } from "./support/fixtures.js";
import {
  download,
  editorAction,
  type Harness,
  openEditor,
  signedConfig,
  startHarness,
  uniqueKey,
} from "./support/harness.js";

const base = { download: true, print: true, copy: true, chat: false, protect: true, fillForms: false };

describe("roles", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 20 });
    h.docgate.files.set("/f.docx", await makeDocx());
    h.docgate.files.set("/f.xlsx", await makeXlsx());
  });
  afterAll(() => h.close());

  const open = async (
    key: string,
    permissions: Record<string, unknown>,
    extra: { customization?: Record<string, unknown>; fileType?: string } = {},
  ) =>
    openEditor(
      h.emu.url,
      await signedConfig({
        key,
        url: `${h.docgate.url}/f.${extra.fileType ?? "docx"}`,
        callbackUrl: `${h.docgate.url}/cb`,
        permissions,
        fileType: extra.fileType,
        customization: extra.customization,
      }),
    );

  it("a reviewer (edit false, review true) inserts a tracked change", async () => {
    const key = uniqueKey();
    const e = await open(
      key,
      { ...base, edit: false, review: true, comment: true },
      { customization: { review: { trackChanges: true } } },
    );
    expect(e.attrs["can-insert"]).toBe("true");
    expect(e.attrs["track-changes"]).toBe("true");
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "Suggested change" });
    await editorAction(h.emu.url, e.connectionId, "close");
    const cb = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const xml = await (await JSZip.loadAsync((await download(String(cb.fields.url))).bytes))
      .file("word/document.xml")!
      .async("string");
    expect(xml).toMatch(/<w:ins [^>]*w:author="User One"[^>]*><w:r><w:t xml:space="preserve">Suggested change/);
  });

  it("a commenter (edit false, review false, comment true) is an editor for callbacks but cannot insert text", async () => {
    const key = uniqueKey();
    const e = await open(key, { ...base, edit: false, review: false, comment: true });
    expect(e.attrs.role).toBe("editor");
    expect(e.attrs["can-insert"]).toBe("false");
    expect(e.html).not.toContain('id="emulator-insert"');
    expect((await editorAction(h.emu.url, e.connectionId, "insert", { text: "x" })).status).toBe(403);
    await editorAction(h.emu.url, e.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 4);
  });

  it("mode edit with nothing allowed is a viewer and sends no callback", async () => {
    const key = uniqueKey();
    const e = await open(key, { ...base, edit: false, review: false, comment: false });
    expect(e.attrs.role).toBe("viewer");
    await editorAction(h.emu.url, e.connectionId, "close");
    await new Promise((r) => setTimeout(r, 100));
    expect(h.docgate.callbacks.filter((c) => c.body.key === key)).toHaveLength(0);
  });

  it("track-change flags do not apply to spreadsheets: an xlsx reviewer cannot insert", async () => {
    const key = uniqueKey();
    const e = await open(key, { ...base, edit: false, review: true, comment: true }, { fileType: "xlsx" });
    expect(e.attrs["can-insert"]).toBe("false");
    await editorAction(h.emu.url, e.connectionId, "close");
  });
});
