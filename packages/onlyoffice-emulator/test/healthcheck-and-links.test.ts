// spec: onlyoffice 5 (healthcheck), onlyoffice 4 (temporary url), onlyoffice 1 (api.js).
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

describe("healthcheck, api.js and temporary links", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ saveDelayMs: 10, urlTtlMs: 1500, publicUrl: "http://ds.public.example:8443" });
    h.docgate.files.set("/f.docx", await makeDocx());
  });
  afterAll(() => h.close());

  it("answers GET /healthcheck with the text true", async () => {
    const res = await fetch(`${h.emu.url}/healthcheck`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("true");
  });

  it("serves api.js defining DocsAPI.DocEditor", async () => {
    const res = await fetch(`${h.emu.url}/web-apps/apps/api/documents/api.js`);
    expect(res.headers.get("content-type")).toContain("javascript");
    const js = await res.text();
    expect(js).toContain("DocsAPI");
    expect(js).toContain("ONLYOFFICE emulator");
    expect(js).toContain("refreshFile");
    expect(js).toContain("destroyEditor");
  });

  it("builds saved-file links on the public URL; they expire after url-ttl", async () => {
    const key = uniqueKey();
    const e = await openEditor(
      h.emu.url,
      await signedConfig({ key, url: `${h.docgate.url}/f.docx`, callbackUrl: `${h.docgate.url}/cb` }),
    );
    await editorAction(h.emu.url, e.connectionId, "insert", { text: "x" });
    await editorAction(h.emu.url, e.connectionId, "close");
    const cb = await h.emu.waitForCallback((r) => r.key === key && r.status === 2);
    const url = new URL(String(cb.fields.url));
    expect(url.origin).toBe("http://ds.public.example:8443");
    expect(url.pathname).toMatch(new RegExp(`^/cache/files/data/${key}_\\d+/output\\.docx/output\\.docx$`));
    expect(url.searchParams.get("expires")).toMatch(/^\d+$/);
    // docgate rewrites the public origin to the internal one before downloading (spec: onlyoffice 4).
    const internal = `${h.emu.url}${url.pathname}${url.search}`;
    expect((await download(internal)).status).toBe(200);
    const tampered = internal.replace(/md5=[^&]+/, "md5=AAAAAAAAAAAAAAAAAAAAAA");
    expect((await download(tampered)).status).toBe(403);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await download(internal)).status).toBe(410);
  });

  it("exposes the inspection API under /emulator, apart from DS's API", async () => {
    const index = (await (await fetch(`${h.emu.url}/emulator`)).json()) as { note: string };
    expect(index.note).toContain("not part of ONLYOFFICE Document Server");
    for (const p of ["keys", "sessions", "callbacks", "fetches", "forgotten"]) {
      const res = await fetch(`${h.emu.url}/emulator/${p}`);
      expect(res.status).toBe(200);
      expect(Array.isArray(await res.json())).toBe(true);
    }
  });
});
