// spec: onlyoffice 3 (fetch with Bearer, 3 tries, 200/206 only, size cap) and 2 (key cache).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "./support/fixtures.js";
import { type Harness, openEditor, signedConfig, startHarness, uniqueKey } from "./support/harness.js";

describe("document.url fetching", () => {
  let h: Harness;
  let docx: Uint8Array;
  beforeAll(async () => {
    h = await startHarness({ maxDownloadBytes: 64 * 1024 });
    docx = await makeDocx(["Fetched once"]);
  });
  afterAll(() => h.close());

  const cfg = (key: string, path: string, mode: "edit" | "view" = "view") =>
    signedConfig({ key, url: `${h.docgate.url}${path}`, callbackUrl: `${h.docgate.url}/callback`, mode });

  it("GETs document.url with Authorization: Bearer {payload: {url}, iat, exp}", async () => {
    h.docgate.files.set("/files/bearer.docx", docx);
    const e = await openEditor(h.emu.url, await cfg(uniqueKey(), "/files/bearer.docx"));
    expect(e.attrs.state).toBe("viewing");
    const req = h.docgate.fileRequests.find((r) => r.path === "/files/bearer.docx")!;
    expect(req.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(req.claims?.payload).toEqual({ url: `${h.docgate.url}/files/bearer.docx` });
    const { iat, exp } = req.claims as { iat: number; exp: number };
    expect(exp - iat).toBe(300);
    expect(e.html).toContain("Fetched once");
  });

  it("tries 3 times, the configured interval apart, then reports Download failed", async () => {
    h.docgate.failures.set("/files/down.docx", [500, 503, 502, 200]);
    h.docgate.files.set("/files/down.docx", docx);
    const key = uniqueKey();
    const e = await openEditor(h.emu.url, await cfg(key, "/files/down.docx"));
    expect(e.attrs["error-code"]).toBe("-4");
    expect(e.attrs["error-description"]).toBe("Download failed.");
    const tries = h.emu.fetches().filter((f) => f.url.endsWith("/files/down.docx"));
    expect(tries.map((t) => t.status)).toEqual([500, 503, 502]);
    const gaps = tries.slice(1).map((t, i) => Date.parse(t.at) - Date.parse(tries[i]!.at));
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(15);
    expect(h.emu.key(key)).toBeUndefined();
  });

  it("succeeds on the third try", async () => {
    h.docgate.failures.set("/files/flaky.docx", [500, 429]);
    h.docgate.files.set("/files/flaky.docx", docx);
    const e = await openEditor(h.emu.url, await cfg(uniqueKey(), "/files/flaky.docx"));
    expect(e.attrs.state).toBe("viewing");
    expect(
      h.emu
        .fetches()
        .filter((f) => f.url.endsWith("/files/flaky.docx"))
        .map((f) => f.status),
    ).toEqual([500, 429, 200]);
  });

  it("accepts only 200/206: a 204 or a redirect is a failure", async () => {
    h.docgate.failures.set("/files/odd.docx", [204, 302, 201]);
    h.docgate.files.set("/files/odd.docx", docx);
    const e = await openEditor(h.emu.url, await cfg(uniqueKey(), "/files/odd.docx"));
    expect(e.attrs["error-code"]).toBe("-4");
  });

  it("gives up above the size cap without retrying", async () => {
    h.docgate.files.set("/files/big.docx", new Uint8Array(65 * 1024));
    const e = await openEditor(h.emu.url, await cfg(uniqueKey(), "/files/big.docx"));
    expect(e.attrs["error-code"]).toBe("-4");
    expect(h.emu.fetches().filter((f) => f.url.endsWith("/files/big.docx"))).toHaveLength(1);
  });

  it("fetches once per key and ignores a new document.url for a known key", async () => {
    h.docgate.files.set("/files/first.docx", await makeDocx(["First version"]));
    h.docgate.files.set("/files/second.docx", await makeDocx(["Second version"]));
    const key = uniqueKey();
    const a = await openEditor(h.emu.url, await cfg(key, "/files/first.docx"));
    const b = await openEditor(h.emu.url, await cfg(key, "/files/second.docx"));
    expect(a.html).toContain("First version");
    expect(b.html).toContain("First version");
    expect(b.html).not.toContain("Second version");
    expect(h.docgate.fileRequests.filter((r) => r.path === "/files/first.docx")).toHaveLength(1);
    expect(h.docgate.fileRequests.filter((r) => r.path === "/files/second.docx")).toHaveLength(0);
    expect(h.emu.key(key)?.ignoredUrls).toEqual([`${h.docgate.url}/files/second.docx`]);
  });

  it("fetches once when two opens of a new key race", async () => {
    h.docgate.files.set("/files/race.docx", docx);
    const key = uniqueKey();
    const config = await cfg(key, "/files/race.docx");
    const [a, b] = await Promise.all([openEditor(h.emu.url, config), openEditor(h.emu.url, config)]);
    expect([a.attrs.state, b.attrs.state]).toEqual(["viewing", "viewing"]);
    expect(h.docgate.fileRequests.filter((r) => r.path === "/files/race.docx")).toHaveLength(1);
  });

  it("uses the configured header name for the download token", async () => {
    const h2 = await startHarness({ jwtHeader: "AuthorizationJwt" });
    try {
      h2.docgate.files.set("/files/h.docx", docx);
      const e = await openEditor(
        h2.emu.url,
        await signedConfig({
          key: uniqueKey(),
          url: `${h2.docgate.url}/files/h.docx`,
          callbackUrl: `${h2.docgate.url}/cb`,
          mode: "view",
        }),
      );
      expect(e.attrs.state).toBe("viewing");
      expect(h2.docgate.fileRequests[0]?.authorization).toMatch(/^Bearer /);
    } finally {
      await h2.close();
    }
  });
});
