// Eviction as users meet it: content pushed out of the cache by size or age is downloaded again on
// the next open (and still shown correctly); text files only, so no LibreOffice is needed.
import { afterEach, describe, expect, it } from "vitest";
import { type BusinessSystem, createPreviewApp, type PreviewApp, startBusinessSystem } from "./harness.js";
import { getRendition } from "./support.js";

let business: BusinessSystem | undefined;
let t: PreviewApp | undefined;

afterEach(async () => {
  await t?.close();
  await business?.close();
});

describe("cache eviction through the engine", () => {
  it("evicts the least recently used content beyond cacheMaxBytes; the next open downloads it again", async () => {
    business = await startBusinessSystem();
    t = await createPreviewApp(business, { preview: { cacheMaxBytes: 100 } });
    business.files.set("a", Buffer.from("A".repeat(60)));
    business.files.set("b", Buffer.from("B".repeat(60)));
    expect((await getRendition(t.app, await t.open("a", { name: "a.txt" }))).body).toBe("A".repeat(60));
    expect((await getRendition(t.app, await t.open("b", { name: "b.txt" }))).body).toBe("B".repeat(60));
    expect(t.engine.metrics().cache).toMatchObject({ evictedBySize: 1, entries: 1, bytes: 60 });
    expect((await getRendition(t.app, await t.open("b", { name: "b.txt" }))).statusCode).toBe(200);
    expect(business.downloads("b")).toBe(1);
    expect((await getRendition(t.app, await t.open("a", { name: "a.txt" }))).body).toBe("A".repeat(60));
    expect(business.downloads("a")).toBe(2);
  });

  it("counts a download in flight against cacheMaxBytes, evicting before its bytes would cross the cap", async () => {
    business = await startBusinessSystem();
    t = await createPreviewApp(business, { preview: { cacheMaxBytes: 65 } });
    business.files.set("a", Buffer.from("A".repeat(60)));
    await getRendition(t.app, await t.open("a", { name: "a.txt" }));
    // The stalled download has sent 10 of its 1000 bytes: 60 + 10 > 65, so "a" went first.
    business.stalls.add("stuck");
    const pending = getRendition(t.app, await t.open("stuck", { name: "stuck.txt" }));
    await expect.poll(() => t!.engine.metrics().cache?.writingBytes).toBe(10);
    expect(t.engine.metrics().cache).toMatchObject({ bytes: 10, entries: 0, evictedBySize: 1 });
    await t.engine.close();
    expect((await pending).statusCode).toBe(503);
    expect(t.engine.metrics().cache).toMatchObject({ bytes: 0, writingBytes: 0 });
  });

  it("evicts content older than cacheMaxAgeMs; the next open downloads it again", async () => {
    business = await startBusinessSystem();
    t = await createPreviewApp(business, { preview: { cacheMaxAgeMs: 300 } });
    business.files.set("old", Buffer.from("aging"));
    await getRendition(t.app, await t.open("old", { name: "old.txt" }));
    await getRendition(t.app, await t.open("old", { name: "old.txt" }));
    expect(business.downloads("old")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await getRendition(t.app, await t.open("old", { name: "old.txt" }))).body).toBe("aging");
    expect(business.downloads("old")).toBe(2);
    expect(t.engine.metrics().cache?.evictedByAge).toBe(1);
  });
});

describe("closing the engine", () => {
  it("aborts a download in flight, answers DOCGATE_UNAVAILABLE and leaves no temp file", async () => {
    business = await startBusinessSystem();
    t = await createPreviewApp(business);
    business.stalls.add("stuck");
    const pending = getRendition(t.app, await t.open("stuck", { name: "stuck.txt" }));
    await expect.poll(() => business!.downloads("stuck")).toBe(1);
    await t.engine.close();
    const res = await pending;
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe("DOCGATE_UNAVAILABLE");
    expect(t.leftovers()).toEqual([]);
  });
});
