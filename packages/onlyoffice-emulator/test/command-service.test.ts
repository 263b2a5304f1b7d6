// spec: onlyoffice 5: the command service, always HTTP 200 {error}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "./support/fixtures.js";
import {
  command,
  editorAction,
  type Harness,
  openEditor,
  sign,
  signedConfig,
  startHarness,
  uniqueKey,
} from "./support/harness.js";

describe("command service", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 30 });
    h.docgate.files.set("/f.docx", await makeDocx());
  });
  afterAll(() => h.close());

  const open = async (key: string, user = { id: "u1", name: "One" }) =>
    openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb`, user }),
    );

  it("answers version, saying it is the emulator", async () => {
    const r = await command(h.emu.url, { c: "version" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ error: 0, version: "8.2.0" });
    expect(String(r.json.emulator)).toContain("emulator");
  });

  it("serves the old path /coauthoring/CommandService.ashx too", async () => {
    expect((await command(h.emu.url, { c: "version" }, "/coauthoring/CommandService.ashx")).json.error).toBe(0);
  });

  it("answers error 6 without a token, with a bad token, and with a wrong secret", async () => {
    const plain = await fetch(`${h.emu.url}/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ c: "version" }),
    });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ error: 6 });
    const bad = await fetch(`${h.emu.url}/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "x.y.z" }),
    });
    expect(await bad.json()).toEqual({ error: 6 });
    const wrong = await fetch(`${h.emu.url}/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: await sign({ c: "version" }, "not-the-secret") }),
    });
    expect(await wrong.json()).toEqual({ error: 6 });
  });

  it("accepts the header token with {payload: fields}", async () => {
    const res = await fetch(`${h.emu.url}/command`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await sign({ payload: { c: "version" } })}`,
      },
      body: "{}",
    });
    expect(await res.json()).toMatchObject({ error: 0, version: "8.2.0" });
  });

  it("answers 5 for an unknown command and for a body that is not JSON, still with HTTP 200", async () => {
    expect((await command(h.emu.url, { c: "explode", key: "k" })).json).toEqual({ error: 5 });
    const res = await fetch(`${h.emu.url}/command`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ error: 5 });
  });

  it("answers 1 for an unknown key", async () => {
    for (const c of ["forcesave", "drop", "info", "meta"]) {
      expect(
        (await command(h.emu.url, { c, key: "no-such-key", users: ["u"], meta: { title: "t" } })).json,
      ).toMatchObject({ error: 1 });
    }
  });

  it("forcesave: error 4 without changes, else status 6 with forcesavetype 0 and userdata echoed", async () => {
    const key = uniqueKey();
    const e = await open(key);
    expect((await command(h.emu.url, { c: "forcesave", key })).json).toEqual({ error: 4, key });
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "Commanded save" });
    expect((await command(h.emu.url, { c: "forcesave", key, userdata: "docgate-job-42" })).json).toEqual({
      error: 0,
      key,
    });
    await h.emu.waitForCallback((r) => r.key === key && r.status === 6);
    const six = h.docgate.callbacks.find((c) => c.body.key === key && c.body.status === 6)!;
    expect(six.body).toMatchObject({ status: 6, forcesavetype: 0, userdata: "docgate-job-42", users: ["u1"] });
    expect(six.bodyClaims).toMatchObject({ userdata: "docgate-job-42" });
    // No new changes since that forcesave: error 4 again.
    expect((await command(h.emu.url, { c: "forcesave", key })).json).toEqual({ error: 4, key });
    await editorAction(h.emu.url, e.connectionId, "close");
  });

  it("drop disconnects the listed users (leave callbacks follow)", async () => {
    const key = uniqueKey();
    const a = await open(key, { id: "ann", name: "Ann" });
    await open(key, { id: "ben", name: "Ben" });
    expect((await command(h.emu.url, { c: "drop", key, users: ["ben"] })).json).toEqual({ error: 0, key });
    expect(
      h.emu
        .sessions()
        .filter((s) => s.key === key)
        .map((s) => s.user.id),
    ).toEqual(["ann"]);
    expect((await command(h.emu.url, { c: "drop", key, users: ["nobody"] })).json).toEqual({ error: 1, key });
    expect((await command(h.emu.url, { c: "drop", key })).json).toEqual({ error: 5, key });
    await h.emu.waitForCallback(
      (r) => r.key === key && r.status === 1 && JSON.stringify(r.fields.actions).includes('"type":0'),
    );
    await editorAction(h.emu.url, a.connectionId, "close");
    await h.emu.waitForCallback((r) => r.key === key && r.status === 4);
  });

  it("info answers 0 and reports the editors in a status 1 carrying userdata", async () => {
    const key = uniqueKey();
    const e = await open(key);
    expect((await command(h.emu.url, { c: "info", key, userdata: "probe" })).json).toEqual({ error: 0, key });
    const info = await h.emu.waitForCallback((r) => r.key === key && r.fields.userdata === "probe");
    expect(info.fields).toMatchObject({ status: 1, users: ["u1"] });
    await editorAction(h.emu.url, e.connectionId, "close");
  });

  it("meta renames the document in the session", async () => {
    const key = uniqueKey();
    const e = await open(key);
    expect((await command(h.emu.url, { c: "meta", key, meta: { title: "Renamed.docx" } })).json).toEqual({
      error: 0,
      key,
    });
    expect(h.emu.key(key)?.title).toBe("Renamed.docx");
    expect((await command(h.emu.url, { c: "meta", key, meta: {} })).json).toEqual({ error: 5, key });
    await editorAction(h.emu.url, e.connectionId, "close");
  });
});
