// spec: onlyoffice 4: a network loss mid-session produces 1 -> 4 -> 1 -> 2; a 4 does not always end the session.

import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "./support/fixtures.js";
import {
  download,
  editorAction,
  type Harness,
  openEditor,
  signedConfig,
  startHarness,
  uniqueKey,
} from "./support/harness.js";

describe("network loss", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 30 });
    h.docgate.files.set("/f.docx", await makeDocx());
  });
  afterAll(() => h.close());

  it("produces 1 -> 4 -> 1 -> 2 through the test hook, and the final file has the edit", async () => {
    const key = uniqueKey();
    const e = await openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb` }),
    );
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "Typed before the outage" });
    const res = await fetch(`${h.emu.url}/emulator/simulate/network-loss`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    expect(await res.json()).toEqual({ statuses: [4, 1] });
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "Typed after the outage" });
    await editorAction(h.emu.url, e.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const bodies = h.docgate.callbacks.filter((c) => c.body.key === key).map((c) => c.body);
    expect(bodies.map((b) => b.status)).toEqual([1, 4, 1, 2]);
    expect(bodies[1]).toMatchObject({ actions: [{ type: 0, userid: "u1" }] });
    expect(bodies[2]).toMatchObject({ users: ["u1"], actions: [{ type: 1, userid: "u1" }] });
    const xml = await (await JSZip.loadAsync((await download(bodies[3]!.url as string)).bytes))
      .file("word/document.xml")!
      .async("string");
    expect(xml).toContain("Typed before the outage");
    expect(xml).toContain("Typed after the outage");
  });

  it("refuses the hook for a key without editors", async () => {
    const key = uniqueKey();
    await openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb`, mode: "view" }),
    );
    const res = await fetch(`${h.emu.url}/emulator/simulate/network-loss`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    expect(res.status).toBe(409);
  });
});
