// Edit-session cases of the DocumentStore (spec: onlyoffice 2, document.key; onlyoffice 4, callbacks).
import type { StateStore } from "@docgate/core";
import { expect, it } from "vitest";
import { T0 } from "./fixtures.js";

const V1 = "2020-03-25T02:57:38.000Z";
const V2 = "2020-03-25T02:57:38.001Z";
const V3 = "2021-01-01T00:00:00.000Z";
const R = "repo-1";
const D = "doc-1";

export function editSessionCases(store: () => StateStore): void {
  it("starts a session with the first candidate, joins later opens to it, and moves updatedAt once", async () => {
    await store().observeDocument(R, D, V1, T0);
    const first = await store().beginEdit(R, D, "key-a", T0 + 1);
    expect(first).toEqual({
      outcome: "joined",
      key: "key-a",
      document: {
        repoId: R,
        docId: D,
        modifiedAt: V1,
        generation: 0,
        savedModifiedAt: null,
        editKey: "key-a",
        editState: "editing",
        updatedAt: T0 + 1,
      },
    });
    // A later editor whose modified_at is newer still joins the live key (spec: entry 5).
    await store().observeDocument(R, D, V2, T0 + 2);
    const second = await store().beginEdit(R, D, "key-b", T0 + 3);
    expect(second).toMatchObject({ outcome: "joined", key: "key-a" });
    expect(second.document).toMatchObject({ editKey: "key-a", modifiedAt: V2, updatedAt: T0 + 2 });
    expect(await store().getDocument(R, D)).toEqual(second.document);
  });

  it("refuses beginEdit for a document never observed", async () => {
    await expect(store().beginEdit(R, "never", "key-a", T0)).rejects.toThrow(/observe/);
    expect(await store().getDocument(R, "never")).toBeUndefined();
  });

  it("makes opens wait while the session is saving, and starts a fresh key once the save is recorded", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    expect(await store().markEditSaving("key-a", T0 + 1)).toBe(true);
    const waiting = await store().beginEdit(R, D, "key-b", T0 + 2);
    expect(waiting).toEqual({
      outcome: "wait-for-save",
      document: expect.objectContaining({ editKey: "key-a", editState: "saving", updatedAt: T0 + 1 }),
    });
    await store().recordSave(R, D, V2, T0 + 3);
    const fresh = await store().beginEdit(R, D, "key-c", T0 + 4);
    expect(fresh).toMatchObject({ outcome: "joined", key: "key-c" });
    expect(fresh.document).toMatchObject({ generation: 1, modifiedAt: V2, editState: "editing" });
  });

  it("joins 20 concurrent beginEdit calls with different candidates to one key", async () => {
    await store().observeDocument(R, D, V1, T0);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store().beginEdit(R, D, `cand-${i}`, T0)));
    const keys = results.map((r) => (r.outcome === "joined" ? r.key : "(waited)"));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^cand-\d+$/);
    expect((await store().getDocument(R, D))?.editKey).toBe(keys[0]);
  });

  it("keeps sessions of different documents apart", async () => {
    await store().observeDocument(R, "doc-a", V1, T0);
    await store().observeDocument(R, "doc-b", V1, T0);
    await store().beginEdit(R, "doc-a", "key-a", T0);
    await store().beginEdit(R, "doc-b", "key-b", T0);
    expect(await store().markEditSaving("key-a", T0 + 1)).toBe(true);
    expect(await store().beginEdit(R, "doc-b", "key-x", T0 + 2)).toMatchObject({ outcome: "joined", key: "key-b" });
    expect((await store().findDocumentByEditKey("key-b"))?.docId).toBe("doc-b");
  });

  it("refuses to make one key live on two documents", async () => {
    await store().observeDocument(R, "doc-a", V1, T0);
    await store().observeDocument(R, "doc-b", V1, T0);
    await store().beginEdit(R, "doc-a", "same", T0);
    await expect(store().beginEdit(R, "doc-b", "same", T0)).rejects.toThrow();
    expect((await store().getDocument(R, "doc-b"))?.editKey).toBeNull();
  });

  it("marks saving only for the live key, idempotently", async () => {
    await store().observeDocument(R, D, V1, T0);
    expect(await store().markEditSaving("key-a", T0)).toBe(false);
    await store().beginEdit(R, D, "key-a", T0);
    expect(await store().markEditSaving("other", T0 + 1)).toBe(false);
    expect((await store().getDocument(R, D))?.editState).toBe("editing");
    expect(await store().markEditSaving("key-a", T0 + 2)).toBe(true);
    // DS retries a status 2 it got no answer to: still the live key, updatedAt stays.
    expect(await store().markEditSaving("key-a", T0 + 3)).toBe(true);
    expect(await store().getDocument(R, D)).toMatchObject({ editKey: "key-a", editState: "saving", updatedAt: T0 + 2 });
  });

  it("ends the session on a final save, bumping generation", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    await store().markEditSaving("key-a", T0 + 1);
    const saved = await store().recordSave(R, D, V2, T0 + 2, { final: true });
    expect(saved).toEqual({
      repoId: R,
      docId: D,
      modifiedAt: V2,
      generation: 1,
      savedModifiedAt: V2,
      editKey: null,
      editState: null,
      updatedAt: T0 + 2,
    });
    expect(await store().findDocumentByEditKey("key-a")).toBeUndefined();
    expect(await store().markEditSaving("key-a", T0 + 3)).toBe(false);
  });

  it("treats recordSave without options as final", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    await store().markEditSaving("key-a", T0 + 1);
    const saved = await store().recordSave(R, D, V2, T0 + 2);
    expect(saved).toMatchObject({ generation: 1, editKey: null, editState: null });
  });

  it("keeps key and generation on a forcesave, updating both modified_at fields", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    const forced = await store().recordSave(R, D, V2, T0 + 5, { final: false });
    expect(forced).toEqual({
      repoId: R,
      docId: D,
      modifiedAt: V2,
      generation: 0,
      savedModifiedAt: V2,
      editKey: "key-a",
      editState: "editing",
      updatedAt: T0 + 5,
    });
    // Someone opening during the session after the forcesave still gets the same key (spec: onlyoffice 2).
    expect(await store().beginEdit(R, D, "key-b", T0 + 6)).toMatchObject({ outcome: "joined", key: "key-a" });
    // A forcesave recorded while the final save is pending keeps the saving state too.
    await store().markEditSaving("key-a", T0 + 7);
    await store().recordSave(R, D, V3, T0 + 8, { final: false });
    expect(await store().getDocument(R, D)).toMatchObject({ editKey: "key-a", editState: "saving", generation: 0 });
  });

  it("records a forcesave for a document never observed at generation 0 with no session", async () => {
    const saved = await store().recordSave(R, "fresh", V1, T0, { final: false });
    expect(saved).toMatchObject({ modifiedAt: V1, savedModifiedAt: V1, generation: 0, editKey: null, editState: null });
  });

  it("counts concurrent final saves and leaves concurrent forcesaves' generation alone", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store().recordSave(R, D, V2, T0 + i, { final: false })));
    expect(await store().getDocument(R, D)).toMatchObject({ generation: 0, editKey: "key-a" });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().recordSave(R, D, V3, T0 + i, { final: i % 2 === 0 })),
    );
    expect(await store().getDocument(R, D)).toMatchObject({ generation: 5, editKey: null, modifiedAt: V3 });
  });

  it("ends an editing session on status 4 and resumes it on a following status 1 (network loss)", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    // 1 → 4: the last editor's connection dropped, DS reports the session closed without changes.
    expect(await store().endEdit("key-a", T0 + 1)).toBe(true);
    expect(await store().getDocument(R, D)).toMatchObject({ editKey: null, editState: null, updatedAt: T0 + 1 });
    expect(await store().findDocumentByEditKey("key-a")).toBeUndefined();
    expect(await store().endEdit("key-a", T0 + 2)).toBe(false);
    // 4 → 1: the editor reconnected to the same session.
    expect(await store().resumeEdit(R, D, "key-a", T0 + 3)).toBe(true);
    expect(await store().getDocument(R, D)).toMatchObject({
      editKey: "key-a",
      editState: "editing",
      updatedAt: T0 + 3,
    });
    // A repeated status 1 for the live key is a no-op success.
    expect(await store().resumeEdit(R, D, "key-a", T0 + 4)).toBe(true);
    expect((await store().getDocument(R, D))?.updatedAt).toBe(T0 + 3);
    expect(await store().beginEdit(R, D, "key-b", T0 + 5)).toMatchObject({ outcome: "joined", key: "key-a" });
  });

  it("does not end a saving session on status 4, nor an unknown key", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    expect(await store().endEdit("other", T0 + 1)).toBe(false);
    await store().markEditSaving("key-a", T0 + 2);
    expect(await store().endEdit("key-a", T0 + 3)).toBe(false);
    expect(await store().getDocument(R, D)).toMatchObject({ editKey: "key-a", editState: "saving" });
  });

  it("refuses resumeEdit while another key is live, or while its own key is saving", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    await store().endEdit("key-a", T0 + 1);
    await store().beginEdit(R, D, "key-b", T0 + 2);
    expect(await store().resumeEdit(R, D, "key-a", T0 + 3)).toBe(false);
    expect(await store().getDocument(R, D)).toMatchObject({
      editKey: "key-b",
      editState: "editing",
      updatedAt: T0 + 2,
    });
    await store().markEditSaving("key-b", T0 + 4);
    expect(await store().resumeEdit(R, D, "key-b", T0 + 5)).toBe(false);
    expect(await store().getDocument(R, D)).toMatchObject({ editKey: "key-b", editState: "saving" });
    expect(await store().resumeEdit(R, "never", "key-z", T0)).toBe(false);
  });

  it("lets exactly one of concurrent resumeEdit calls with different keys win", async () => {
    await store().observeDocument(R, D, V1, T0);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store().resumeEdit(R, D, `k-${i}`, T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store().getDocument(R, D))?.editKey).toBe(`k-${results.indexOf(true)}`);
  });

  it("finds the document of a live key while editing and saving, not after the final save", async () => {
    expect(await store().findDocumentByEditKey("key-a")).toBeUndefined();
    await store().observeDocument(R, D, V1, T0);
    await store().observeDocument("repo-2", D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    expect(await store().findDocumentByEditKey("key-a")).toMatchObject({ repoId: R, docId: D, editState: "editing" });
    await store().markEditSaving("key-a", T0 + 1);
    expect(await store().findDocumentByEditKey("key-a")).toMatchObject({ repoId: R, docId: D, editState: "saving" });
    await store().recordSave(R, D, V2, T0 + 2, { final: true });
    expect(await store().findDocumentByEditKey("key-a")).toBeUndefined();
  });

  it("keeps a live session across repeated migrations", async () => {
    await store().observeDocument(R, D, V1, T0);
    await store().beginEdit(R, D, "key-a", T0);
    await store().migrate();
    await store().migrate();
    expect(await store().findDocumentByEditKey("key-a")).toMatchObject({ docId: D, editState: "editing" });
  });
}

export function abandonedSaveCases(store: () => StateStore): void {
  it("gives up a final save DS never handed over: the session ends and the next open gets a fresh key", async () => {
    await store().observeDocument(R, "ab", V1, T0);
    await store().beginEdit(R, "ab", "key-a", T0);
    expect(await store().abandonSave("key-a", T0 + 1)).toBe(false); // still editing: nothing to give up
    await store().markEditSaving("key-a", T0 + 2);
    expect(await store().abandonSave("key-a", T0 + 3)).toBe(true);
    expect(await store().getDocument(R, "ab")).toMatchObject({ editKey: null, editState: null, generation: 1 });
    expect(await store().abandonSave("key-a", T0 + 4)).toBe(false);
    expect(await store().beginEdit(R, "ab", "key-b", T0 + 5)).toMatchObject({ outcome: "joined", key: "key-b" });
  });

  it("a late final save of a given-up key records the version but leaves the newer session alone", async () => {
    await store().observeDocument(R, "late", V1, T0);
    await store().beginEdit(R, "late", "key-a", T0);
    await store().markEditSaving("key-a", T0 + 1);
    await store().abandonSave("key-a", T0 + 2);
    await store().beginEdit(R, "late", "key-b", T0 + 3);
    const saved = await store().recordSave(R, "late", V3, T0 + 4, { final: true, key: "key-a" });
    expect(saved).toMatchObject({ modifiedAt: V3, savedModifiedAt: V3, generation: 2, editKey: "key-b" });
    // Its own session's final save ends that session, as before.
    await store().markEditSaving("key-b", T0 + 5);
    const own = await store().recordSave(R, "late", V3, T0 + 6, { final: true, key: "key-b" });
    expect(own).toMatchObject({ editKey: null, editState: null, generation: 3 });
  });

  it("remembers which session each editor opened a key from; the latest open wins; old ones are purged", async () => {
    await store().recordEditor("key-e", "u1", "s1", T0);
    await store().recordEditor("key-e", "u2", "s2", T0 + 1);
    await store().recordEditor("key-other", "u1", "s9", T0 + 2);
    expect(await store().editorSession("key-e", "u1")).toBe("s1");
    expect(await store().editorSession("key-e", "u2")).toBe("s2");
    expect(await store().editorSession("key-e", "nobody")).toBeUndefined();
    await store().recordEditor("key-e", "u1", "s3", T0 + 10);
    expect(await store().editorSession("key-e", "u1")).toBe("s3");
    expect(await store().purgeEditors(T0 + 5)).toBe(2);
    expect(await store().editorSession("key-e", "u2")).toBeUndefined();
    expect(await store().editorSession("key-e", "u1")).toBe("s3");
  });
}
