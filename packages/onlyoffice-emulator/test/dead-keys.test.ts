// spec: onlyoffice 2: the key is dead from the moment status 2 is sent; after an acknowledged
// status 2 an edit-open gets "version changed" (onRequestRefreshFile), a view-open works, and an
// edit-open during the gap waits for docgate's answer instead of joining a live session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "./support/fixtures.js";
import { editorAction, type Harness, openEditor, signedConfig, startHarness, uniqueKey } from "./support/harness.js";

describe("dead keys", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 30 });
    h.docgate.files.set("/f.docx", await makeDocx(["Original"]));
  });
  afterAll(() => h.close());

  const cfg = (key: string, mode: "edit" | "view" = "edit") =>
    signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb`, mode });

  async function editAndSave(key: string) {
    const e = await openEditor(h.emu.url, await cfg(key));
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "Saved edit" });
    await editorAction(h.emu.url, e.connectionId, "close");
  }

  it("refuses an edit-open after an acknowledged status 2 with onRequestRefreshFile when the page handles it", async () => {
    const key = uniqueKey();
    await editAndSave(key);
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const e = await openEditor(h.emu.url, await cfg(key), ["onRequestRefreshFile", "onError"]);
    expect(e.attrs.state).toBe("refresh-requested");
    expect(e.attrs["error-description"]).toBe("The file version has been changed. The page will be reloaded.");
    expect(e.connectionId).toBe("");
    expect(e.html).toContain('"requestRefresh":true');
    expect(h.emu.key(key)).toMatchObject({ dead: true, phase: "dead", saveOutcome: "acknowledged" });
    expect(h.emu.sessions().filter((s) => s.key === key)).toHaveLength(0);
  });

  it("raises onError instead when the page has no onRequestRefreshFile handler", async () => {
    const key = uniqueKey();
    await editAndSave(key);
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const e = await openEditor(h.emu.url, await cfg(key), ["onError"]);
    expect(e.attrs.state).toBe("error");
    expect(e.html).toContain('"requestRefresh":false');
    expect(e.attrs["error-code"]).toBe("-83");
  });

  it("still allows a view-open of a dead key, and sends no callback for it", async () => {
    const key = uniqueKey();
    await editAndSave(key);
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const before = h.docgate.callbacks.length;
    const v = await openEditor(h.emu.url, await cfg(key, "view"));
    expect(v.attrs.state).toBe("viewing");
    expect(v.html).toContain("Saved edit");
    await editorAction(h.emu.url, v.connectionId, "close");
    await new Promise((r) => setTimeout(r, 100));
    expect(h.docgate.callbacks.length).toBe(before);
  });

  it("is dead as soon as status 2 is sent: an edit-open in the gap waits for the answer, then is refused", async () => {
    const key = uniqueKey();
    let releaseAt = 0;
    h.docgate.answer = (cb) =>
      cb.body.status === 2 ? { status: 200, body: '{"error":0}', delayMs: 400 } : { status: 200, body: '{"error":0}' };
    try {
      await editAndSave(key);
      // Wait until the status 2 request has reached docgate (the gap has begun).
      const start = Date.now();
      while (!h.docgate.callbacks.some((c) => c.body.key === key && c.body.status === 2)) {
        if (Date.now() - start > 5000) throw new Error("no status 2");
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(h.emu.key(key)).toMatchObject({ dead: true, phase: "saving", saveOutcome: "pending" });
      const cbAt = h.docgate.callbacks.find((c) => c.body.key === key && c.body.status === 2)!.at;
      releaseAt = cbAt + 400;
      const e = await openEditor(h.emu.url, await cfg(key), ["onRequestRefreshFile"]);
      expect(Date.now()).toBeGreaterThanOrEqual(releaseAt - 20);
      expect(e.attrs.state).toBe("refresh-requested");
      expect(h.docgate.callbacks.filter((c) => c.body.key === key).map((c) => c.body.status)).toEqual([1, 2]);
    } finally {
      h.docgate.answer = () => ({ status: 200, body: '{"error":0}' });
    }
  });

  it("stays dead when status 2 was refused (the file went to the forgotten files)", async () => {
    const key = uniqueKey();
    h.docgate.answer = (cb) =>
      cb.body.status === 2 ? { status: 200, body: '{"error":1}' } : { status: 200, body: '{"error":0}' };
    try {
      await editAndSave(key);
      await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    } finally {
      h.docgate.answer = () => ({ status: 200, body: '{"error":0}' });
    }
    expect(h.emu.key(key)).toMatchObject({ dead: true, saveOutcome: "forgotten" });
    const e = await openEditor(h.emu.url, await cfg(key), ["onRequestRefreshFile"]);
    expect(e.attrs.state).toBe("refresh-requested");
  });

  it("a key closed with status 4 stays alive: editing may resume with the same key", async () => {
    const key = uniqueKey();
    const e = await openEditor(h.emu.url, await cfg(key));
    await editorAction(h.emu.url, e.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 4);
    const again = await openEditor(h.emu.url, await cfg(key));
    expect(again.attrs.state).toBe("editing");
    await editorAction(h.emu.url, again.connectionId, "close");
  });
});
