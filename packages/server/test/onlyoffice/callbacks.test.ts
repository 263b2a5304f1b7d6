// DS's callbacks (issue 3, item 4; spec: onlyoffice 3-4) through the real route, state store and save
// pipeline. No DS here: the tests sign callbacks as DS does; the saved file's `url` is served by a DS
// file stub at onlyoffice.publicUrl.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_REPO_ID } from "../../../../test/support/entry-fixtures.js";
import { sendCallback } from "./support/callbacks.js";
import { createOoHarness, DS_PUBLIC, type OoHarness, sampleDocx } from "./support/oo-harness.js";

let h: OoHarness;
beforeAll(async () => {
  h = await createOoHarness();
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
/** An edit session on a fresh document: its key is live. */
async function editing(docId = `cb-${++n}`) {
  h.bs.files.set(`/files/${docId}/content`, sampleDocx(docId));
  const sessionId = await h.open({ docId });
  const config = await h.editorConfig(sessionId);
  return { docId, sessionId, key: config.document.key, cb: config.editorConfig.callbackUrl };
}

/** A saved file DS would offer at its public origin. */
function dsFile(label: string, bytes = sampleDocx(label)): string {
  const path = `/cache/files/data/${label}/output.docx/output.docx`;
  h.ds.files.set(path, { bytes });
  return `${DS_PUBLIC}${path}?md5=x&expires=9999999999`;
}

async function docState(docId: string) {
  const d = await h.store.getDocument(TEST_REPO_ID, docId);
  return { editKey: d?.editKey ?? null, editState: d?.editState ?? null, generation: d?.generation };
}

async function jobsFor(docId: string) {
  return (await h.store.listJobs({ limit: 1000 })).filter((j) => j.docId === docId);
}

describe("callback verification: nothing is stored without a valid signature", () => {
  it("an unsigned callback is refused with 401; the plain body is never used", async () => {
    const s = await editing();
    const before = await docState(s.docId);
    const calls = h.intakeCalls.length;
    for (const fields of [
      { key: s.key, status: 4 },
      { key: s.key, status: 2, url: dsFile("unsigned"), users: ["301"] },
    ]) {
      const res = await sendCallback(h.app, s.cb, fields, { signing: "none" });
      expect(res.statusCode).toBe(401);
      expect(res.json()).not.toEqual({ error: 0 });
    }
    expect(await docState(s.docId)).toEqual(before);
    expect(h.intakeCalls.length).toBe(calls);
    expect(await jobsFor(s.docId)).toEqual([]);
  });

  it("a callback signed with another secret is refused with 403 (body or header token)", async () => {
    const s = await editing();
    const fields = { key: s.key, status: 2, url: dsFile("wrong-secret"), users: ["301"] };
    for (const signing of ["both", "body", "header"] as const) {
      const res = await sendCallback(h.app, s.cb, fields, { signing, secret: "not-the-ds-secret-012345" });
      expect(res.statusCode).toBe(403);
    }
    expect((await docState(s.docId)).editState).toBe("editing");
    expect(await jobsFor(s.docId)).toEqual([]);
  });

  it("a bad body token is refused even when the header token is good (no fallback)", async () => {
    const s = await editing();
    const res = await sendCallback(h.app, s.cb, { key: s.key, status: 4 }, { bodyToken: "bad.token.here" });
    expect(res.statusCode).toBe(403);
    expect((await docState(s.docId)).editKey).toBe(s.key);
  });

  it("with only a header token, its payload is used and the plain body ignored", async () => {
    const s = await editing();
    const calls = h.intakeCalls.length;
    const res = await sendCallback(
      h.app,
      s.cb,
      { key: s.key, status: 1, users: ["301"] },
      { signing: "header", plain: { key: s.key, status: 2, url: dsFile("plain-lie"), users: ["301"] } },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ error: 0 });
    expect(h.intakeCalls.length).toBe(calls);
    expect((await docState(s.docId)).editState).toBe("editing");
  });

  it("with a body token, the signed fields win over the plain ones", async () => {
    const s = await editing();
    const res = await sendCallback(
      h.app,
      s.cb,
      { key: s.key, status: 4 },
      { signing: "body", plain: { key: s.key, status: 2, url: dsFile("plain-lie-2") } },
    );
    expect(res.json()).toEqual({ error: 0 });
    expect(await docState(s.docId)).toMatchObject({ editKey: null, editState: null });
    expect(await jobsFor(s.docId)).toEqual([]);
  });

  it("a callback for another key than its URL's is refused (400)", async () => {
    const a = await editing();
    const b = await editing();
    const res = await sendCallback(h.app, a.cb, { key: b.key, status: 4 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("DOCGATE_CALLBACK_INVALID");
    expect((await docState(b.docId)).editKey).toBe(b.key);
  });
});

describe("callback statuses", () => {
  it("1 → 4 → 1 → 2: a network loss does not end the session; the final save uploads with the user's params", async () => {
    const s = await editing();
    const ok = async (fields: Record<string, unknown>) => {
      const res = await sendCallback(h.app, s.cb, fields);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ error: 0 });
    };
    await ok({ key: s.key, status: 1, users: ["301"], actions: [{ type: 1, userid: "301" }] });
    expect(await docState(s.docId)).toMatchObject({ editKey: s.key, editState: "editing" });
    await ok({ key: s.key, status: 4, users: ["301"] });
    expect(await docState(s.docId)).toMatchObject({ editKey: null, editState: null });
    await ok({ key: s.key, status: 1, users: ["301"], actions: [{ type: 1, userid: "301" }] });
    expect(await docState(s.docId)).toMatchObject({ editKey: s.key, editState: "editing" });

    const saved = sampleDocx("final-1-4-1-2");
    await ok({ key: s.key, status: 2, url: dsFile("final-1412", saved), filetype: "docx", users: ["301"] });
    const call = h.intakeCalls.at(-1);
    expect(call).toMatchObject({
      key: s.key,
      status: 2,
      final: true,
      repoId: TEST_REPO_ID,
      docId: s.docId,
      sessionId: s.sessionId,
      lastEditorId: "301",
      fileName: "合同 contract.docx",
      fileType: "docx",
    });
    // The save is recorded by the worker after the upload: the session ends and the key rotates.
    await h.bs.waitFor(() => h.bs.uploads().some((u) => u.path === `/files/${s.docId}/content`));
    const upload = h.bs.uploads().find((u) => u.path === `/files/${s.docId}/content`);
    expect(upload?.file?.bytes.equals(saved)).toBe(true);
    expect(upload?.query.get("zdocs_access_token")).toBe("tok123");
    await expect.poll(async () => (await docState(s.docId)).generation, { timeout: 10_000 }).toBe(1);
    expect(await docState(s.docId)).toMatchObject({ editKey: null, editState: null });
  });

  it("a repeated status 2 (DS retry) hands over the same dedupe key and stores one save", async () => {
    const s = await editing();
    const fields = { key: s.key, status: 2, url: dsFile("dup"), filetype: "docx", users: ["301"], lastsave: "t1" };
    const first = await sendCallback(h.app, s.cb, fields);
    const second = await sendCallback(h.app, s.cb, fields);
    expect(first.json()).toEqual({ error: 0 });
    expect(second.json()).toEqual({ error: 0 });
    const calls = h.intakeCalls.filter((c) => c.key === s.key);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.dedupeKey).toBe(calls[1]?.dedupeKey);
    expect(await jobsFor(s.docId)).toHaveLength(1);
    await h.bs.waitFor(() => h.bs.uploads().some((u) => u.path === `/files/${s.docId}/content`));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.bs.uploads().filter((u) => u.path === `/files/${s.docId}/content`)).toHaveLength(1);
  });

  it("answers HTTP 500 (so DS retries) when the save cannot be stored", async () => {
    const s = await editing();
    const res = await sendCallback(h.app, s.cb, {
      key: s.key,
      status: 2,
      url: `${DS_PUBLIC}/cache/files/data/missing/output.docx`,
      users: ["301"],
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).not.toEqual({ error: 0 });
    expect(await jobsFor(s.docId)).toEqual([]);
  });

  it("status 6 (forcesave) is handed over as a non-final save and the key stays", async () => {
    const s = await editing();
    const res = await sendCallback(h.app, s.cb, {
      key: s.key,
      status: 6,
      url: dsFile("force-6"),
      filetype: "docx",
      users: ["301"],
      forcesavetype: 1,
      lastsave: "2025-01-01T00:00:00.000Z",
    });
    expect(res.json()).toEqual({ error: 0 });
    expect(h.intakeCalls.at(-1)).toMatchObject({ key: s.key, status: 6, final: false, forcesaveType: 1 });
    expect(h.intakeCalls.at(-1)?.dedupeKey).toContain("forcesave");
    await h.bs.waitFor(() => h.bs.uploads().some((u) => u.path === `/files/${s.docId}/content`));
    await expect
      .poll(async () => (await h.store.getDocument(TEST_REPO_ID, s.docId))?.savedModifiedAt, { timeout: 10_000 })
      .not.toBeNull();
    expect(await docState(s.docId)).toMatchObject({ editKey: s.key, editState: "editing", generation: 0 });
  });

  it("status 3 and 7 without a url are acknowledged and store nothing", async () => {
    const s = await editing();
    for (const status of [7, 3]) {
      const res = await sendCallback(h.app, s.cb, { key: s.key, status, users: ["301"] });
      expect(res.json()).toEqual({ error: 0 });
    }
    expect(await jobsFor(s.docId)).toEqual([]);
    expect(h.logs()).toContain("save error from Document Server without a file");
  });
});
