// spec: onlyoffice 3: past 7168 characters, changesurl and history leave the header token and the plain body.
import { describe, expect, it } from "vitest";
import { buildCallbackRequest } from "../src/callbacks/callback-request.js";
import { makeDocx } from "./support/fixtures.js";
import { editorAction, openEditor, SECRET, signedConfig, startHarness, uniqueKey } from "./support/harness.js";

const fields = (changes: number) => ({
  key: "k1",
  status: 2,
  url: "http://ds/cache/files/data/k1_1/output.docx/output.docx",
  changesurl: "http://ds/cache/files/data/k1_1/changes.zip/changes.zip",
  history: {
    serverVersion: "8.2.0",
    changes: Array.from({ length: changes }, (_, i) => ({
      created: "2026-01-01 00:00:00",
      user: { id: `user-${i}`, name: `User number ${i}` },
    })),
  },
  users: ["u"],
  actions: [{ type: 0, userid: "u" }],
});

describe("header token size rule", () => {
  it("keeps everything while the header token fits", async () => {
    const req = await buildCallbackRequest(fields(3), SECRET, 300, 7168);
    expect(req.trimmed).toBe(false);
    expect(req.headerToken.length).toBeLessThanOrEqual(7168);
    expect(req.body).toHaveProperty("changesurl");
    expect(req.body).toHaveProperty("history");
  });

  it("drops changesurl and history from the header token and plain body, not from the body token", async () => {
    const req = await buildCallbackRequest(fields(120), SECRET, 300, 7168);
    expect(req.trimmed).toBe(true);
    expect(req.headerToken.length).toBeLessThanOrEqual(7168);
    expect(req.body).not.toHaveProperty("changesurl");
    expect(req.body).not.toHaveProperty("history");
    expect(req.body).toHaveProperty("url");
    const bodyClaims = JSON.parse(Buffer.from(String(req.body.token).split(".")[1]!, "base64url").toString());
    expect(bodyClaims.history.changes).toHaveLength(120);
    expect(bodyClaims.changesurl).toBeDefined();
    const headerClaims = JSON.parse(Buffer.from(req.headerToken.split(".")[1]!, "base64url").toString());
    expect(headerClaims.payload).not.toHaveProperty("history");
    expect(headerClaims.payload.url).toBe(req.body.url);
  });

  it("applies the rule to a real status 2 with a long history", async () => {
    const h = await startHarness({ saveDelayMs: 20 });
    try {
      h.docgate.files.set("/f.docx", await makeDocx());
      const key = uniqueKey();
      // A long display name makes each history entry big, so a few edits cross the limit.
      const user = { id: "long-user", name: "N".repeat(300) };
      const config = await signedConfig({
        key,
        url: `${h.docgate.url}/f.docx`,
        callbackUrl: `${h.docgate.url}/cb`,
        user,
      });
      const e = await openEditor(h.emu.url, config);
      for (let i = 0; i < 25; i++) await editorAction(h.emu.url, e.connectionId, "insert", { text: `line ${i}` });
      await editorAction(h.emu.url, e.connectionId, "close");
      await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
      const cb = h.docgate.callbacks.find((c) => c.body.status === 2)!;
      expect(cb.authorization!.length - "Bearer ".length).toBeLessThanOrEqual(7168);
      expect(cb.body).not.toHaveProperty("history");
      expect(cb.body).not.toHaveProperty("changesurl");
      expect(cb.headerClaims?.payload).not.toHaveProperty("history");
      expect((cb.bodyClaims!.history as { changes: unknown[] }).changes).toHaveLength(25);
    } finally {
      await h.close();
    }
  });
});
