// spec: onlyoffice 3: config token rules and DS's messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "./support/fixtures.js";
import {
  FULL_PERMISSIONS,
  type Harness,
  openEditor,
  plainConfig,
  sign,
  signedConfig,
  startHarness,
  type TestConfig,
  uniqueKey,
} from "./support/harness.js";

const MALFORMED = "The document security token is not correctly formed.";
const NO_RIGHTS = "You are trying to perform an action you do not have rights for.";

describe("config token", () => {
  let h: Harness;
  let base: { url: string; callbackUrl: string };
  beforeAll(async () => {
    h = await startHarness();
    h.docgate.files.set("/files/a.docx", await makeDocx());
    base = { url: `${h.docgate.url}/files/a.docx`, callbackUrl: `${h.docgate.url}/callback` };
  });
  afterAll(() => h.close());

  it("opens with a valid token and exposes the effective settings", async () => {
    const key = uniqueKey();
    const e = await openEditor(h.emu.url, await signedConfig({ key, ...base }));
    expect(e.attrs.state).toBe("editing");
    expect(e.attrs.key).toBe(key);
    expect(e.attrs.mode).toBe("edit");
    expect(JSON.parse(e.attrs.permissions!)).toMatchObject({ edit: true, review: true, comment: true, chat: false });
    expect(e.html).toContain("ONLYOFFICE emulator");
  });

  it("refuses a config without token as not correctly formed", async () => {
    const e = await openEditor(h.emu.url, plainConfig({ key: uniqueKey(), ...base }));
    expect(e.attrs.state).toBe("error");
    expect(e.attrs["error-code"]).toBe("-20");
    expect(e.attrs["error-description"]).toContain(MALFORMED);
    expect(e.html).toContain(MALFORMED);
    expect(e.html).toContain("ONLYOFFICE emulator");
  });

  it("refuses a token signed with another secret, and a garbage token", async () => {
    const plain = plainConfig({ key: uniqueKey(), ...base });
    const wrong = await openEditor(h.emu.url, { ...plain, token: await sign(plain, "another-secret") });
    expect(wrong.attrs["error-description"]).toContain(MALFORMED);
    const garbage = await openEditor(h.emu.url, { ...plain, token: "not-a-jwt" });
    expect(garbage.attrs["error-description"]).toContain(MALFORMED);
  });

  it("refuses a token with the fields under a payload wrapper (fields must be at the top level)", async () => {
    const plain = plainConfig({ key: uniqueKey(), ...base });
    const e = await openEditor(h.emu.url, { ...plain, token: await sign({ payload: plain }) });
    expect(e.attrs["error-code"]).toBe("-23");
    expect(e.attrs["error-description"]).toContain(NO_RIGHTS);
  });

  for (const [path, drop] of [
    ["document.key", (c: TestConfig) => delete c.document.key],
    ["document.url", (c: TestConfig) => delete c.document.url],
    ["document.permissions", (c: TestConfig) => delete c.document.permissions],
    ["editorConfig.callbackUrl", (c: TestConfig) => delete c.editorConfig.callbackUrl],
    ["editorConfig.mode", (c: TestConfig) => delete c.editorConfig.mode],
  ] as const) {
    it(`refuses a signed config without ${path}`, async () => {
      const plain = plainConfig({ key: uniqueKey(), ...base });
      const signedPart = structuredClone(plain);
      drop(signedPart);
      const e = await openEditor(h.emu.url, { ...plain, token: await sign(signedPart) });
      expect(e.attrs["error-description"]).toContain(NO_RIGHTS);
      expect(e.attrs["error-detail"]).toContain(path);
    });
  }

  it("refuses when the signed permissions differ from the plain ones, even by one flag", async () => {
    const plain = plainConfig({ key: uniqueKey(), ...base });
    const token = await sign(plain);
    const tampered = structuredClone(plain);
    tampered.document.permissions = { ...FULL_PERMISSIONS, download: false };
    const e = await openEditor(h.emu.url, { ...tampered, token });
    expect(e.attrs["error-description"]).toContain(NO_RIGHTS);
    // A permission present in the token but missing in the plain config is also a difference.
    const fewer = structuredClone(plain);
    delete fewer.document.permissions?.print;
    const f = await openEditor(h.emu.url, { ...fewer, token });
    expect(f.attrs["error-description"]).toContain(NO_RIGHTS);
  });

  it("refuses an expired token with DS's expiry message", async () => {
    const plain = plainConfig({ key: uniqueKey(), ...base });
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await sign({ ...plain, iat: past - 60, exp: past });
    const e = await openEditor(h.emu.url, { ...plain, token });
    expect(e.attrs["error-code"]).toBe("-21");
    expect(e.attrs["error-description"]).toContain("The document security token has expired.");
  });

  for (const bad of ["has space", "slash/key", "x".repeat(129), "ключ"]) {
    it(`refuses the key ${JSON.stringify(bad.slice(0, 20))} (charset 0-9a-zA-Z-._=, max 128)`, async () => {
      const e = await openEditor(h.emu.url, await signedConfig({ key: bad, ...base }));
      expect(e.attrs.state).toBe("error");
      expect(e.attrs["error-description"]).toContain("document.key");
      expect(h.emu.key(bad)).toBeUndefined();
    });
  }

  it("accepts a 128-character key using every allowed character class", async () => {
    const key = `aZ09-._=${"k".repeat(120)}`;
    const e = await openEditor(h.emu.url, await signedConfig({ key, ...base }));
    expect(e.attrs.state).toBe("editing");
  });

  it("applies DS's permission defaults (review and comment follow edit) and exposes review settings", async () => {
    const key = uniqueKey();
    const plain = plainConfig({
      key,
      ...base,
      mode: "view",
      permissions: { edit: false, download: false, print: false, copy: false },
      customization: { review: { reviewDisplay: "markup", showReviewChanges: true } },
    });
    const e = await openEditor(h.emu.url, { ...plain, token: await sign(plain) });
    expect(e.attrs.state).toBe("viewing");
    expect(JSON.parse(e.attrs.permissions!)).toMatchObject({
      edit: false,
      review: false,
      comment: false,
      download: false,
    });
    expect(e.attrs["review-display"]).toBe("markup");
    expect(e.attrs["show-review-changes"]).toBe("true");
    expect(e.html).not.toContain('id="emulator-insert"');
  });
});
