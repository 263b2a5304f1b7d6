// Back-pressure through the engine: past preview.queueLimit an open gets a retryable
// DOCGATE_PREVIEW_BUSY (503, Retry-After), which is not remembered: the next open converts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "../../../../../test/support/require-tool.js";
import { docx } from "../fixtures/ooxml.js";
import { type BusinessSystem, createPreviewApp, type PreviewApp, startBusinessSystem } from "./harness.js";
import { getRendition } from "./support.js";

let business: BusinessSystem;
let t: PreviewApp;

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  business = await startBusinessSystem();
  t = await createPreviewApp(business, { preview: { workers: 1, queueLimit: 1 } });
  business.files.set("first", await docx(["FIRST"]));
  business.files.set("second", await docx(["SECOND"]));
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

describe("a full conversion queue", () => {
  it("answers DOCGATE_PREVIEW_BUSY, retryable, and converts on the next open", async () => {
    // The pool starts with the first conversion, so both jobs meet a queue with no worker ready.
    const docs = ["first", "second"];
    const sessions = [];
    for (const docId of docs) sessions.push(await t.open(docId, { name: `${docId}.docx` }));
    const results = await Promise.all(sessions.map((s) => getRendition(t.app, s)));
    // Whichever download finished first took the one queue slot.
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 503]);
    const busyIndex = results.findIndex((r) => r.statusCode === 503);
    const busy = results[busyIndex]!;
    expect(busy.json().error.code).toBe("DOCGATE_PREVIEW_BUSY");
    expect(busy.headers["retry-after"]).toBe("5");
    const docId = docs[busyIndex]!;
    const again = await getRendition(t.app, await t.open(docId, { name: `${docId}.docx` }));
    expect(again.statusCode).toBe(200);
    expect(business.downloads(docId)).toBe(1); // the source stayed cached
    expect(t.leftovers()).toEqual([]);
  });
});
