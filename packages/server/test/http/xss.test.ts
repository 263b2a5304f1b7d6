import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMeta, sampleUserinfo, signTestUrl, targetOf } from "../../../../test/support/entry-fixtures.js";
import { expectNoInjection } from "../support/html-safety.js";
import { CONTEXT, createTestApp, PUBLIC_URL, type TestApp } from "../support/test-app.js";

const PAYLOADS = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(2)>`,
  `'><svg onload=alert(3)>`,
  `</title></style><script>alert(4)</script>`,
  `<a href="javascript:alert(5)">x</a>`,
];
const HTML = { accept: "text/html" };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function openPage(userinfo: Record<string, unknown>, meta: Record<string, unknown>, docId: string) {
  const url = targetOf(signTestUrl({ baseUrl: PUBLIC_URL, context: CONTEXT, docId, userinfo, meta }));
  const entry = await t.app.inject({ url, headers: HTML });
  expect(entry.statusCode).toBe(303);
  const cookie = (entry.headers["set-cookie"] as string[]).map((c) => c.split(";")[0]).join("; ");
  return t.app.inject({ url: new URL(entry.headers.location as string).pathname, headers: { ...HTML, cookie } });
}

describe("user-supplied text is always escaped (parsed with parse5)", () => {
  PAYLOADS.forEach((payload, i) => {
    it(`session page: display_name, meta.name and watermark lines carrying payload ${i + 1}`, async () => {
      const docId = `xss-${i}`;
      const meta = sampleMeta(docId, {
        name: `${payload}.docx`,
        waterMark: { line1: payload, line2: `${payload}-2` },
      });
      const page = await openPage(sampleUserinfo({ display_name: payload, email: "a@b.c" }), meta, docId);
      expect(page.statusCode).toBe(200);
      expectNoInjection(page.body, [payload, `${payload}.docx`, `${payload}-2`]);
    });
  });

  it("error pages never echo input unescaped, whatever the failure", async () => {
    const p = PAYLOADS[1] as string;
    const enc = encodeURIComponent(p);
    const b64 = (v: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(v)).toString("base64"));
    const targets = [
      `/docs/app/driver-callback?repoId=${enc}&docId=1&ts=1&HMAC=00`,
      `/docs/app/driver-callback?repoId=crm&docId=${enc}&userinfo=${enc}&meta=${enc}&downloadUrl=${enc}&ts=${Date.now()}&HMAC=${enc}`,
      `/docs/app/driver-callback?repoId=crm&docId=${enc}&action=${enc}&ts=${enc}&HMAC=00`,
      `/docs/app/driver-callback?repoId=crm&docId=1&userinfo=${b64({ id: p, display_name: 5 })}&ts=1&HMAC=00`,
      `/${enc}`,
      `/%E0%A4%A/${enc}`,
      `/s/${enc}`,
      `/docs/app/driver-callback?${enc}=${enc}&HMAC=1`,
    ];
    for (const url of targets) {
      const res = await t.app.inject({ url, headers: HTML });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expectNoInjection(res.body, []);
      expect(res.body).not.toContain(p);
    }
  });

  it("signed URLs whose fields fail validation show the field name, escaped", async () => {
    const docId = "bad-meta";
    const url = targetOf(
      signTestUrl({
        baseUrl: PUBLIC_URL,
        context: CONTEXT,
        docId,
        meta: sampleMeta(docId, { modified_at: PAYLOADS[0] }),
      }),
    );
    const res = await t.app.inject({ url, headers: HTML });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("DOCGATE_META_INVALID");
    expect(res.body).toContain("modified_at");
    expectNoInjection(res.body, []);
  });
});
