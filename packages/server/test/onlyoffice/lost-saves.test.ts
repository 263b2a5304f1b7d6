// Editors never wait forever for a final save that will not come (spec: onlyoffice 4: DS retries a
// status 2 three times, then keeps the file in its forgotten files), and the last editor's params are
// found by whichever process gets the callback, because who edits from which session is in the state
// store. Through the real routes, state store and save pipeline; DS's links are a file stub.
import { Writable } from "node:stream";
import type { DocgateConfig } from "@docgate/core";
import { afterEach, describe, expect, it } from "vitest";
import { sampleUserinfo, TEST_REPO_ID } from "../../../../test/support/entry-fixtures.js";
import { createBusinessClient } from "../../src/adapters/source/index.js";
import { OnlyofficeEngine } from "../../src/engines/onlyoffice/onlyoffice-engine.js";
import { buildApp } from "../../src/http/build-app.js";
import { createLogger } from "../../src/logging/create-logger.js";
import { sendCallback } from "./support/callbacks.js";
import { createOoHarness, DS_PUBLIC, type OoHarness, sampleDocx } from "./support/oo-harness.js";

let h: OoHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const alice = sampleUserinfo({ id: "301", display_name: "Alice" });
const bob = sampleUserinfo({ id: "302", display_name: "Bob" });

function dsLink(harness: OoHarness, label: string, gone = false): string {
  const path = `/cache/files/data/${label}/output.docx/output.docx`;
  // 410 is what an expired DS link answers: the intake cannot store the save.
  harness.ds.files.set(path, gone ? { status: 410 } : { bytes: sampleDocx(label) });
  return `${DS_PUBLIC}${path}?md5=x&expires=9999999999`;
}

async function editing(harness: OoHarness, docId: string) {
  const config = await harness.editorConfig(await harness.open({ docId, userinfo: alice }));
  return { key: config.document.key, callbackUrl: config.editorConfig.callbackUrl };
}

function finalSave(harness: OoHarness, s: { key: string; callbackUrl: string }, url: string) {
  return sendCallback(harness.app, s.callbackUrl, { key: s.key, status: 2, url, filetype: "docx", users: ["301"] });
}

describe("a final save that never arrives", () => {
  it("keeps opens waiting while DS may still retry, and opens afresh once all four of its attempts failed", async () => {
    h = await createOoHarness();
    const docId = "lost-after-retries";
    const s = await editing(h, docId);
    const gone = dsLink(h, docId, true);
    for (let i = 0; i < 3; i++) expect((await finalSave(h, s, gone)).statusCode).toBe(500);
    const bobSession = await h.open({ docId, userinfo: bob });
    expect((await h.session(bobSession)).statusCode).toBe(202); // DS has a retry left

    expect((await finalSave(h, s, gone)).statusCode).toBe(500); // DS's last attempt
    const opened = await h.session(bobSession);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().key).not.toBe(s.key);
    expect(await h.store.getDocument(TEST_REPO_ID, docId)).toMatchObject({ generation: 1, editState: "editing" });
    expect(h.logs()).toContain("final save given up");
    expect(h.logs()).toContain("forgotten files");
  });

  it("gives up after onlyoffice.finalSaveTimeoutMs when the retries went elsewhere", async () => {
    h = await createOoHarness({ onlyoffice: { finalSaveTimeoutMs: 400 } });
    const docId = "lost-by-time";
    const s = await editing(h, docId);
    expect((await finalSave(h, s, dsLink(h, docId, true))).statusCode).toBe(500);
    const bobSession = await h.open({ docId, userinfo: bob });
    expect((await h.session(bobSession)).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    const opened = await h.session(bobSession);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().key).not.toBe(s.key);
  });

  it("never gives up a save that was stored: opens wait for its upload, however long it takes", async () => {
    h = await createOoHarness({ onlyoffice: { finalSaveTimeoutMs: 200 } });
    h.bs.uploadDelayMs = 1_500;
    const docId = "stored-slow-upload";
    h.bs.files.set(`/files/${docId}/content`, sampleDocx(docId));
    const s = await editing(h, docId);
    expect((await finalSave(h, s, dsLink(h, docId))).json()).toEqual({ error: 0 });
    const bobSession = await h.open({ docId, userinfo: bob });
    await new Promise((r) => setTimeout(r, 400)); // past the timeout, the upload still under way
    expect((await h.session(bobSession)).statusCode).toBe(202);
    await expect.poll(async () => (await h!.session(bobSession)).statusCode, { timeout: 10_000 }).toBe(200);
    expect(h.logs()).not.toContain("final save given up");
  });
});

describe("the last editor's params, in another process", () => {
  it("a callback handled by another docgate instance still uploads with the last editor's session", async () => {
    h = await createOoHarness();
    const docId = "editors-elsewhere";
    const a = await h.editorConfig(await h.open({ docId, userinfo: alice, params: "zdocs_access_token=alice-token" }));
    await h.editorConfig(await h.open({ docId, userinfo: bob, params: "zdocs_access_token=bob-token" }));

    // A second instance on the same state store (a restart, or another node behind the load balancer).
    const businessClient = createBusinessClient(h.config.fetch);
    const other = new OnlyofficeEngine({
      config: { ...h.config, onlyoffice: h.config.onlyoffice as NonNullable<DocgateConfig["onlyoffice"]> },
      store: h.store,
      businessClient,
      saveIntake: h.pipeline.intake,
      logger: createLogger("silent", new Writable({ write: (_c, _e, cb) => cb() })),
      now: Date.now,
    });
    const otherApp = buildApp({
      config: h.config,
      store: h.store,
      logger: createLogger("silent", new Writable({ write: (_c, _e, cb) => cb() })),
      engines: [other],
    });
    await otherApp.ready();
    try {
      // DS names Bob as the last editor and calls Alice's callback URL, on the other instance.
      const res = await sendCallback(otherApp, a.editorConfig.callbackUrl, {
        key: a.document.key,
        status: 2,
        url: dsLink(h, docId),
        filetype: "docx",
        users: ["302"],
      });
      expect(res.json()).toEqual({ error: 0 });
      await h.bs.waitFor(() => h!.bs.uploads().some((u) => u.path === `/files/${docId}/content`));
      const upload = h.bs.uploads().find((u) => u.path === `/files/${docId}/content`);
      expect(upload?.query.get("zdocs_access_token")).toBe("bob-token");
    } finally {
      await otherApp.close();
      await businessClient.close();
    }
  });
});
