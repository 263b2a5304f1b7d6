// The session page waits for the rendition up to PAGE_WAIT_MS, then is sent anyway so the browser
// shows the viewer (loading) while the conversion or download finishes; text kinds always wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_WAIT_MS } from "../../../src/engines/preview/builtin-engine.js";
import { settleWithin } from "../../../src/engines/preview/settle-within.js";
import { type BusinessSystem, createPreviewApp, HTML, type PreviewApp, startBusinessSystem } from "./harness.js";

describe("settleWithin", () => {
  const lease = () => {
    const value = { released: false, release: () => {} };
    value.release = () => {
      value.released = true;
    };
    return value;
  };

  it("returns what is ready within the budget and throws what failed within it", async () => {
    const ready = lease();
    expect(await settleWithin(Promise.resolve(ready), 50)).toBe(ready);
    await expect(settleWithin(Promise.reject(new Error("broken")), 50)).rejects.toThrow("broken");
  });

  it("gives up after the budget and releases the late arrival", async () => {
    const late = lease();
    const arriving = new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), 80));
    expect(await settleWithin(arriving, 10)).toBeUndefined();
    await arriving;
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.released).toBe(true);
  });
});

let business: BusinessSystem;
let t: PreviewApp;

beforeAll(async () => {
  business = await startBusinessSystem();
  t = await createPreviewApp(business);
  business.stalls.add("slow");
});

afterAll(async () => {
  await t?.close();
  await business?.close();
});

describe("the session page of a slow rendition", () => {
  it("is sent after PAGE_WAIT_MS with the viewer, which then fetches the rendition itself", async () => {
    const session = await t.open("slow", { name: "slow.pdf" });
    const started = Date.now();
    const page = await t.app.inject({ url: session.path, headers: { ...HTML, cookie: session.cookie } });
    const elapsed = Date.now() - started;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-kind="pdf"');
    expect(elapsed).toBeGreaterThanOrEqual(PAGE_WAIT_MS - 50);
    expect(elapsed).toBeLessThan(PAGE_WAIT_MS + 3000);
    expect(business.downloads("slow")).toBe(1);
  });
});
