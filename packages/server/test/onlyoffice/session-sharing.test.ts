// Sessions across editors (issue 3, item 6; spec: onlyoffice 2, entry 5): one DS session (one key) per
// document while it lives, for editors and viewers, through forcesaves; opens during the final save's
// assembly wait. Through the real entry route, state store and save pipeline; no DS (tokens are
// signed as DS signs them; DS's saved file is served by a file stub).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMeta, sampleUserinfo, TEST_REPO_ID } from "../../../../test/support/entry-fixtures.js";
import { sendCallback } from "./support/callbacks.js";
import { createOoHarness, DS_PUBLIC, type OoHarness, sampleDocx } from "./support/oo-harness.js";

let h: OoHarness;
beforeAll(async () => {
  h = await createOoHarness();
});
afterAll(async () => {
  await h?.close();
});

const alice = sampleUserinfo({ id: "301", display_name: "Alice" });
const bob = sampleUserinfo({ id: "302", display_name: "Bob" });

function dsFile(label: string, options: { chunks?: number; pauseMs?: number } = {}): string {
  const path = `/cache/files/data/${label}/output.docx/output.docx`;
  h.ds.files.set(path, { bytes: sampleDocx(label), ...options });
  return `${DS_PUBLIC}${path}?md5=x&expires=9999999999`;
}

async function uploadsOf(docId: string) {
  return h.bs.uploads().filter((u) => u.path === `/files/${docId}/content`);
}

describe("one DS session per document", () => {
  it("two editors get the same key; the save goes up with the last editor's session", async () => {
    const docId = "share-two";
    const a = await h.open({ docId, userinfo: alice, params: "zdocs_access_token=alice-token" });
    const b = await h.open({ docId, userinfo: bob, params: "zdocs_access_token=bob-token" });
    const ca = await h.editorConfig(a);
    const cb = await h.editorConfig(b);
    expect(cb.document.key).toBe(ca.document.key);
    expect(cb.editorConfig.mode).toBe("edit");
    expect(cb.editorConfig.user.id).toBe("302");

    // DS names the last editor in `users`; the callback may arrive on Alice's callback URL.
    const res = await sendCallback(h.app, ca.editorConfig.callbackUrl, {
      key: ca.document.key,
      status: 2,
      url: dsFile("share-two"),
      filetype: "docx",
      users: ["302"],
    });
    expect(res.json()).toEqual({ error: 0 });
    expect(h.intakeCalls.at(-1)).toMatchObject({ sessionId: b, lastEditorId: "302" });
    await h.bs.waitFor(() => h.bs.uploads().some((u) => u.path === `/files/${docId}/content`));
    expect((await uploadsOf(docId))[0]?.query.get("zdocs_access_token")).toBe("bob-token");
  });

  it("a viewer who opens during editing joins the live key in view mode", async () => {
    const docId = "share-viewer";
    const editor = await h.editorConfig(await h.open({ docId, userinfo: alice }));
    const viewer = await h.editorConfig(await h.open({ docId, userinfo: bob, action: "view" }));
    expect(viewer.document.key).toBe(editor.document.key);
    expect(viewer.editorConfig.mode).toBe("view");
    expect(viewer.document.permissions.edit).toBe(false);
  });

  it("a viewer with no live session gets the derived key and starts no session; the next editor gets the same key", async () => {
    const docId = "share-view-first";
    const viewer = await h.editorConfig(await h.open({ docId, action: "view" }));
    expect((await h.store.getDocument(TEST_REPO_ID, docId))?.editKey).toBeNull();
    const editor = await h.editorConfig(await h.open({ docId, userinfo: bob }));
    expect(editor.document.key).toBe(viewer.document.key);
    expect((await h.store.getDocument(TEST_REPO_ID, docId))?.editKey).toBe(editor.document.key);
  });

  it("after a forcesave the key is unchanged for editors and viewers who open later", async () => {
    const docId = "share-forcesave";
    const first = await h.editorConfig(await h.open({ docId, userinfo: alice }));
    const key = first.document.key;
    const res = await sendCallback(h.app, first.editorConfig.callbackUrl, {
      key,
      status: 6,
      url: dsFile("share-forcesave"),
      filetype: "docx",
      users: ["301"],
      forcesavetype: 1,
      lastsave: "2025-02-01T00:00:00.000Z",
    });
    expect(res.json()).toEqual({ error: 0 });
    await expect
      .poll(async () => (await h.store.getDocument(TEST_REPO_ID, docId))?.savedModifiedAt, { timeout: 10_000 })
      .not.toBeNull();
    const saved = (await h.store.getDocument(TEST_REPO_ID, docId))?.savedModifiedAt as string;
    // The business system now hands out the saved modified_at: people arrive with it.
    const later = await h.editorConfig(
      await h.open({ docId, userinfo: bob, meta: sampleMeta(docId, { modified_at: saved }) }),
    );
    expect(later.document.key).toBe(key);
    const laterViewer = await h.editorConfig(
      await h.open({ docId, action: "view", meta: sampleMeta(docId, { modified_at: saved }) }),
    );
    expect(laterViewer.document.key).toBe(key);
    // No "newer version" notice: they have exactly what the session saved.
    const body = (await h.session(await h.open({ docId, meta: sampleMeta(docId, { modified_at: saved }) }))).json();
    expect(body.notices).toEqual([]);
  });

  it("an editor with a newer modified_at joins the live session and is told", async () => {
    const docId = "share-newer";
    const first = await h.editorConfig(await h.open({ docId, userinfo: alice }));
    const id = await h.open({
      docId,
      userinfo: bob,
      meta: sampleMeta(docId, { modified_at: "2026-01-01T00:00:00.000Z" }),
    });
    const body = (await h.session(id)).json() as { key: string; notices: string[] };
    expect(body.key).toBe(first.document.key);
    expect(body.notices).toEqual(["joined_live_session"]);
  });

  it("an open while DS assembles the final save waits, then gets the new key", async () => {
    const docId = "share-saving";
    h.bs.files.set(`/files/${docId}/content`, sampleDocx(docId));
    const first = await h.editorConfig(await h.open({ docId, userinfo: alice }));
    const key = first.document.key;
    // The saved file comes slowly, so the callback is still being handled while Bob opens.
    const pending = sendCallback(h.app, first.editorConfig.callbackUrl, {
      key,
      status: 2,
      url: dsFile("share-saving", { chunks: 2, pauseMs: 1_500 }),
      filetype: "docx",
      users: ["301"],
    });
    await expect
      .poll(async () => (await h.store.getDocument(TEST_REPO_ID, docId))?.editState, { timeout: 5_000 })
      .toBe("saving");
    const bobSession = await h.open({ docId, userinfo: bob });
    const waiting = await h.session(bobSession);
    expect(waiting.statusCode).toBe(202);
    expect(waiting.json()).toEqual({ status: "waiting-for-save", retryAfterMs: 1000 });
    const page = await h.session(bobSession, { accept: "text/html" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-testid="waiting-for-save" role="status">/);
    expect(page.body).toContain("正在保存上一个版本");
    expect(page.body).toContain("The previous version is being saved");
    // A viewer is not blocked: the dead key may still be viewed (spec: onlyoffice 2).
    const viewer = await h.editorConfig(await h.open({ docId, action: "view" }));
    expect(viewer.document.key).toBe(key);

    expect((await pending).json()).toEqual({ error: 0 });
    await expect
      .poll(async () => (await h.session(bobSession)).statusCode, { timeout: 15_000, interval: 100 })
      .toBe(200);
    const fresh = await h.editorConfig(bobSession);
    expect(fresh.document.key).not.toBe(key);
    expect(fresh.editorConfig.mode).toBe("edit");
    const doc = await h.store.getDocument(TEST_REPO_ID, docId);
    expect(doc).toMatchObject({ generation: 1, editKey: fresh.document.key, editState: "editing" });
  });
});
