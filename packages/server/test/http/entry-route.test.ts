import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMeta, signTestUrl, targetOf } from "../../../../test/support/entry-fixtures.js";
import { CONTEXT, createTestApp, FRAME_ORIGIN, PUBLIC_URL, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const HTML = { accept: "text/html,application/xhtml+xml" };
const JSON_ACCEPT = { accept: "application/json" };
let docCounter = 0;
const sign = (o: Partial<Parameters<typeof signTestUrl>[0]> = {}) =>
  targetOf(signTestUrl({ baseUrl: PUBLIC_URL, context: CONTEXT, docId: `doc-${++docCounter}`, ...o }));

function cookiesOf(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(";")[0]).join("; ");
}

async function enter(url: string) {
  const res = await t.app.inject({ method: "GET", url, headers: HTML });
  return { res, location: res.headers.location as string, cookie: cookiesOf(res.headers["set-cookie"]) };
}

describe("GET /docs/app/driver-callback", () => {
  it("answers 303 to a session page and sets httpOnly binding cookies usable in a cross-site iframe", async () => {
    const { res, location } = await enter(sign());
    expect(res.statusCode).toBe(303);
    expect(location).toMatch(new RegExp(`^${PUBLIC_URL}/s/[0-9a-f]{12}[A-Za-z0-9_-]{43}$`));
    const setCookie = res.headers["set-cookie"] as string[];
    expect(
      setCookie.some((c) => /HttpOnly/.test(c) && /SameSite=None/.test(c) && /Secure/.test(c) && /Partitioned/.test(c)),
    ).toBe(true);
    expect(setCookie.every((c) => c.includes(`Path=${new URL(location).pathname}`))).toBe(true);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("shows the document, the user, the effective mode and permissions on the session page", async () => {
    const { location, cookie } = await enter(sign({ action: "edit" }));
    const page = await t.app.inject({ url: new URL(location).pathname, headers: { ...HTML, cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("合同 contract.docx");
    expect(page.body).toContain("张三 Zhang San");
    expect(page.body).toContain('data-mode="edit"');
    expect(page.body).toContain('data-permission="download" data-allowed="true"');
    const csp = page.headers["content-security-policy"] as string;
    expect(csp).toContain(`frame-ancestors 'self' ${FRAME_ORIGIN}`);
    expect(csp).toContain("default-src 'none'");

    const json = await t.app.inject({ url: new URL(location).pathname, headers: { ...JSON_ACCEPT, cookie } });
    expect(json.json().session).toMatchObject({
      effectiveMode: "edit",
      docId: expect.any(String),
      readOnlyReason: null,
    });
  });

  it("opens an edit request read-only, saying so, when meta.permissions.write is false", async () => {
    const docId = "ro-doc";
    const meta = sampleMeta(docId, { permissions: { read: true, write: false } });
    const { location, cookie } = await enter(sign({ docId, action: "edit", meta }));
    const page = await t.app.inject({ url: new URL(location).pathname, headers: { ...HTML, cookie } });
    expect(page.body).toContain('data-mode="view"');
    expect(page.body).toContain('data-testid="readonly-notice"');
    expect(page.body).toContain('data-permission="download" data-allowed="false"');
  });

  it("refuses a replayed URL", async () => {
    const url = sign();
    expect((await enter(url)).res.statusCode).toBe(303);
    const again = await t.app.inject({ url, headers: JSON_ACCEPT });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe("DOCGATE_REPLAYED");
  });

  it("accepts any active secret (rotation)", async () => {
    const url = sign({ secret: "old-secret-rotated-0000" });
    expect((await enter(url)).res.statusCode).toBe(303);
  });

  it("gives each failure its code, HTTP status and message; JSON for machines, a bilingual page for browsers", async () => {
    const now = Date.now();
    const cases: Array<[string, string, number]> = [
      [sign({ secret: "wrong-secret-0123456789" }), "DOCGATE_SIGNATURE_INVALID", 403],
      [sign({ ts: now - 60_000 }), "DOCGATE_TS_EXPIRED", 403],
      [sign({ ts: now + 60_000 }), "DOCGATE_TS_IN_FUTURE", 403],
      [sign({ repoId: "nobody" }), "DOCGATE_REPO_UNKNOWN", 404],
      [sign({ context: "http://evil.example.com:9000" }), "DOCGATE_HOST_NOT_ALLOWED", 403],
      [sign({ meta: sampleMeta("other-id") }), "DOCGATE_META_INVALID", 400],
      [
        sign({ meta: sampleMeta("x", { permissions: { read: false, write: false } }), docId: "x" }),
        "DOCGATE_PERMISSION_DENIED",
        403,
      ],
      ["/docs/app/driver-callback?repoId=crm", "DOCGATE_PARAM_MISSING", 400],
      ["/docs/app/%E0%A4%A/driver-callback", "DOCGATE_BAD_REQUEST", 400],
    ];
    for (const [url, code, status] of cases) {
      const json = await t.app.inject({ url, headers: JSON_ACCEPT });
      expect({ code: json.json().error?.code, status: json.statusCode }).toEqual({ code, status });
      expect(json.json().error.message.length).toBeGreaterThan(5);
      const page = await t.app.inject({ url, headers: HTML });
      expect(page.statusCode).toBe(status);
      expect(page.headers["content-type"]).toMatch(/text\/html/);
      expect(page.body).toContain(code);
      expect(page.body).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("shows the server time on a ts error so integrators can fix their clocks", async () => {
    const res = await t.app.inject({ url: sign({ ts: Date.now() - 3_600_000 }), headers: HTML });
    expect(res.body).toContain('data-fact="serverTime"');
    expect(res.body).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });

  it("lets the repo's business system frame error pages too", async () => {
    const res = await t.app.inject({ url: sign({ ts: Date.now() - 60_000 }), headers: HTML });
    expect(res.headers["content-security-policy"]).toContain(FRAME_ORIGIN);
  });
});

describe("browser binding", () => {
  it("binds the session to the browser that kept the cookie", async () => {
    const { location, cookie } = await enter(sign());
    const path = new URL(location).pathname;
    expect((await t.app.inject({ url: path, headers: { ...HTML, cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: path, headers: { ...HTML, cookie } })).statusCode).toBe(200);
    const elsewhere = await t.app.inject({ url: path, headers: JSON_ACCEPT });
    expect(elsewhere.json().error.code).toBe("DOCGATE_SESSION_BROWSER_MISMATCH");
    const forged = await t.app.inject({ url: path, headers: { ...JSON_ACCEPT, cookie: "dgb=forged" } });
    expect(forged.json().error.code).toBe("DOCGATE_SESSION_BROWSER_MISMATCH");
  });

  it("falls back to the capability alone when the browser refused the cookie", async () => {
    const { location } = await enter(sign());
    const path = new URL(location).pathname;
    expect((await t.app.inject({ url: path, headers: HTML })).statusCode).toBe(200);
    expect((await t.app.inject({ url: path, headers: HTML })).statusCode).toBe(200);
  });

  it("refuses unknown and malformed session ids without touching the store", async () => {
    const unknown = await t.app.inject({ url: `/s/${"A".repeat(43)}`, headers: JSON_ACCEPT });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("DOCGATE_SESSION_NOT_FOUND");
    const bad = await t.app.inject({ url: "/s/..%2f..%2fetc", headers: JSON_ACCEPT });
    expect(bad.statusCode).toBe(404);
  });

  it("still opens a session whose id was made before ids had a time prefix (43 characters)", async () => {
    const { location } = await enter(sign());
    const created = await t.store.getSession(new URL(location).pathname.slice("/s/".length));
    const legacyId = "L".repeat(43);
    await t.store.createSession({ ...created!, id: legacyId, browserBound: false });
    const res = await t.app.inject({ url: `/s/${legacyId}`, headers: HTML });
    expect(res.statusCode).toBe(200);
  });

  it("expires sessions", async () => {
    const { location, cookie } = await enter(sign());
    t.shiftClock(9 * 3600_000);
    const res = await t.app.inject({ url: new URL(location).pathname, headers: { ...JSON_ACCEPT, cookie } });
    t.shiftClock(0);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe("DOCGATE_SESSION_EXPIRED");
  });
});
