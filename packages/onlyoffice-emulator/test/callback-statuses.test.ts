// spec: onlyoffice 4: statuses 1, 2, 4, 6, their payloads, and both tokens.
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

async function docText(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
}

describe("callbacks", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 150 });
    h.docgate.files.set("/files/c.docx", await makeDocx(["Start"]));
  });
  afterAll(() => h.close());

  const cfg = (key: string, user: { id: string; name: string }, mode: "edit" | "view" = "edit", cb = "/callback") =>
    signedConfig({ key, url: `${h.docgate.url}/files/c.docx`, callbackUrl: `${h.docgate.url}${cb}`, mode, user });
  const alice = { id: "alice", name: "Alice" };
  const bob = { id: "bob", name: "Bob" };
  const forKey = (key: string) => h.docgate.callbacks.filter((c) => c.body.key === key);

  it("sends status 1 on each editor join and leave while others remain; viewers send nothing; 4 at the end without changes", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice));
    await h.emu.waitForCallback((r) => r.key === key && r.status === 1);
    const v = await openEditor(h.emu.url, await cfg(key, { id: "viewer", name: "V" }, "view"));
    expect(v.attrs.role).toBe("viewer");
    const b = await openEditor(h.emu.url, await cfg(key, bob));
    await editorAction(h.emu.url, v.connectionId, "close");
    await editorAction(h.emu.url, b.connectionId, "close");
    await editorAction(h.emu.url, a.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 4);
    const bodies = forKey(key).map((c) => c.body);
    expect(bodies.map((b) => b.status)).toEqual([1, 1, 1, 4]);
    expect(bodies[0]).toMatchObject({ users: ["alice"], actions: [{ type: 1, userid: "alice" }] });
    expect(bodies[1]).toMatchObject({ users: ["alice", "bob"], actions: [{ type: 1, userid: "bob" }] });
    expect(bodies[2]).toMatchObject({ users: ["alice"], actions: [{ type: 0, userid: "bob" }] });
    expect(bodies[3]).toMatchObject({ key, status: 4, actions: [{ type: 0, userid: "alice" }] });
    expect(bodies[3]).not.toHaveProperty("url");
  });

  it("carries both tokens: body token with the fields at the top level, header token with {payload}", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice));
    await h.emu.waitForCallback((r) => r.key === key && r.status === 1);
    const cb = forKey(key)[0]!;
    const { token, ...plain } = cb.body;
    expect(typeof token).toBe("string");
    expect(cb.bodyClaims).toMatchObject(plain);
    expect(cb.headerClaims?.payload).toEqual(plain);
    expect(cb.authorization).toMatch(/^Bearer /);
    const exp = cb.bodyClaims!.exp as number;
    expect(exp - (cb.bodyClaims!.iat as number)).toBe(300);
    await editorAction(h.emu.url, a.connectionId, "close");
  });

  it("sends status 2 after the save delay with a url to the edited file, filetype, last editor, actions, history", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice));
    const b = await openEditor(h.emu.url, await cfg(key, bob));
    expect((await editorAction(h.emu.url, a.connectionId, "insert", { text: "Alice was here" })).status).toBe(200);
    const inserted = await editorAction(h.emu.url, b.connectionId, "insert", { text: "Bob & <friends>" });
    expect(inserted.json.text).toContain("Bob & <friends>");
    await editorAction(h.emu.url, b.connectionId, "close");
    await editorAction(h.emu.url, a.connectionId, "close");
    const leftAt = Date.now();
    const sent = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const cb = forKey(key).find((c) => c.body.status === 2)!;
    expect(cb.at - leftAt).toBeGreaterThanOrEqual(140);
    expect(sent.outcome).toBe("acknowledged");
    expect(cb.body).toMatchObject({
      key,
      status: 2,
      filetype: "docx",
      users: ["bob"],
      actions: [{ type: 0, userid: "alice" }],
      notmodified: false,
    });
    expect(cb.path).toBe("/callback");
    const history = cb.body.history as { serverVersion: string; changes: { created: string; user: { id: string } }[] };
    expect(history.changes.map((c) => c.user.id)).toEqual(["alice", "bob"]);
    expect(history.changes[0]!.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(typeof cb.body.lastsave).toBe("string");
    const file = await download(cb.body.url as string);
    expect(file.status).toBe(200);
    const xml = await docText(file.bytes);
    expect(xml).toContain("Alice was here");
    expect(xml).toContain("Bob &amp; &lt;friends&gt;");
    expect(xml.indexOf("Bob &amp;")).toBeLessThan(xml.indexOf("<w:sectPr"));
    const changes = await download(cb.body.changesurl as string);
    const changesJson = await (await JSZip.loadAsync(changes.bytes)).file("changes.json")!.async("string");
    expect(JSON.parse(changesJson)).toHaveLength(2);
    expect(cb.bodyClaims).toMatchObject({ url: cb.body.url, status: 2 });
  });

  it("sends status 6 for the Save button (forcesavetype 1, action 2) and keeps the session going", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice));
    const nothing = await editorAction(h.emu.url, a.connectionId, "forcesave");
    expect(nothing.json).toEqual({ sent: false });
    await editorAction(h.emu.url, a.connectionId, "insert", { text: "Forcesaved text" });
    expect((await editorAction(h.emu.url, a.connectionId, "forcesave")).json).toEqual({ sent: true });
    await h.emu.waitForCallback((r) => r.key === key && r.status === 6);
    const six = forKey(key).find((c) => c.body.status === 6)!;
    expect(six.body).toMatchObject({
      status: 6,
      forcesavetype: 1,
      users: ["alice"],
      actions: [{ type: 2, userid: "alice" }],
      filetype: "docx",
    });
    expect(await docText((await download(six.body.url as string)).bytes)).toContain("Forcesaved text");
    expect(h.emu.key(key)?.phase).toBe("editing");
    // Leaving without further changes: status 2 still comes (the session has changes), marked notmodified.
    await editorAction(h.emu.url, a.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    expect(forKey(key).find((c) => c.body.status === 2)?.body.notmodified).toBe(true);
  });

  it("has no Save button without customization.forcesave", async () => {
    const key = uniqueKey();
    const config = await signedConfig({
      key,
      url: `${h.docgate.url}/files/c.docx`,
      callbackUrl: `${h.docgate.url}/callback`,
      customization: { forcesave: false },
    });
    const a = await openEditor(h.emu.url, config);
    expect(a.html).not.toContain('id="emulator-save"');
    await editorAction(h.emu.url, a.connectionId, "insert", { text: "x" });
    expect((await editorAction(h.emu.url, a.connectionId, "forcesave")).status).toBe(403);
    await editorAction(h.emu.url, a.connectionId, "close");
  });

  it("a join during the save delay continues the session (no status 2)", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice));
    await editorAction(h.emu.url, a.connectionId, "insert", { text: "Before" });
    await editorAction(h.emu.url, a.connectionId, "close");
    const b = await openEditor(h.emu.url, await cfg(key, bob));
    expect(b.attrs.state).toBe("editing");
    expect(b.html).toContain("Before");
    await new Promise((r) => setTimeout(r, 300));
    expect(forKey(key).map((c) => c.body.status)).toEqual([1, 1]);
    await editorAction(h.emu.url, b.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
  });

  it("uses the leaving editor's callbackUrl", async () => {
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, alice, "edit", "/callback-a"));
    const b = await openEditor(h.emu.url, await cfg(key, bob, "edit", "/callback-b"));
    await editorAction(h.emu.url, a.connectionId, "insert", { text: "x" });
    await editorAction(h.emu.url, a.connectionId, "close");
    await editorAction(h.emu.url, b.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    expect(forKey(key).map((c) => `${c.body.status}${c.path}`)).toEqual([
      "1/callback-a",
      "1/callback-b",
      "1/callback-a",
      "2/callback-b",
    ]);
  });
});
