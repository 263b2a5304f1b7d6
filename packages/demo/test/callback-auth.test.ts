// downloadUrl/uploadUrl authentication: the token the demo signs into params must arrive in the
// Cookie, the x-demo-token header and the query, identical; anything else is refused.
import { isReservedHeaderName, parseParams } from "@docgate/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCallbackToken, TOKEN_HEADER, tokenParams } from "../src/auth/callback-credentials.js";
import { createHarness, docgateCall, type Harness, multipartBody } from "./support/demo-harness.js";

let h: Harness;
beforeEach(() => {
  h = createHarness({ tokenTtlMs: 60_000 });
});
afterEach(async () => {
  await h.close();
});

async function viewCall(docId: string, user = "editor") {
  const entry = h.verify(await h.open(docId, "view", user));
  return docgateCall(entry, entry.downloadUrl);
}

describe("the params the demo signs", () => {
  it("pass docgate's params rules, with x-demo-token as the only header param and no reserved name", () => {
    const token = "A".repeat(43);
    const pairs = parseParams(tokenParams(token), "x-");
    expect(pairs).toEqual([
      ["demo_token", token],
      ["x-demo-token", token],
    ]);
    expect(pairs.some(([k]) => isReservedHeaderName(k))).toBe(false);
  });

  it("are in every signed entry URL, with a fresh token per click", async () => {
    const doc = await h.addDocument("a.docx", "bytes");
    const first = h.verify(await h.open(doc.id, "view"));
    const second = h.verify(await h.open(doc.id, "view"));
    const token = (e: typeof first) => e.params.find(([k]) => k === "demo_token")?.[1];
    expect(token(first)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token(first)).not.toBe(token(second));
    expect(first.params.find(([k]) => k === TOKEN_HEADER)?.[1]).toBe(token(first));
  });
});

describe("GET downloadUrl", () => {
  it("streams the latest version when the token arrives all three ways", async () => {
    const doc = await h.addDocument("合同 contract.docx", "file body 文件");
    const call = await viewCall(doc.id);
    const res = await h.demo.app.inject({ method: "GET", url: call.url, headers: call.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe("file body 文件");
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength("file body 文件")));
  });

  it.each([
    [
      "the cookie",
      (c: { url: string; headers: Record<string, string> }) => ({
        ...c,
        headers: { [TOKEN_HEADER]: c.headers[TOKEN_HEADER]! },
      }),
    ],
    [
      "the header",
      (c: { url: string; headers: Record<string, string> }) => ({ ...c, headers: { cookie: c.headers.cookie! } }),
    ],
    ["the query", (c: { url: string; headers: Record<string, string> }) => ({ ...c, url: c.url.split("?")[0]! })],
  ])("is 401 without %s", async (_what, strip) => {
    const doc = await h.addDocument("a.docx", "bytes");
    const call = strip(await viewCall(doc.id));
    const res = await h.demo.app.inject({ method: "GET", url: call.url, headers: call.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: "token_missing" } });
    expect(res.body).not.toContain("bytes");
  });

  it("is 401 when the three places disagree, even if each token is valid", async () => {
    const doc = await h.addDocument("a.docx", "bytes");
    const a = await viewCall(doc.id);
    const b = await viewCall(doc.id);
    const res = await h.demo.app.inject({
      method: "GET",
      url: a.url,
      headers: { cookie: a.headers.cookie!, [TOKEN_HEADER]: b.headers[TOKEN_HEADER]! },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/differ/);
  });

  it("is 401 for a made-up or expired token", async () => {
    const doc = await h.addDocument("a.docx", "bytes");
    const fake = "B".repeat(43);
    const res = await h.demo.app.inject({
      method: "GET",
      url: `/api/docs/${doc.id}/content?demo_token=${fake}`,
      headers: { cookie: `demo_token=${fake}`, [TOKEN_HEADER]: fake },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: "token_invalid" } });

    const call = await viewCall(doc.id);
    h.clock.now += 60_000;
    const expired = await h.demo.app.inject({ method: "GET", url: call.url, headers: call.headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: "token_invalid" } });
  });

  it("is 403 for a token issued for another document", async () => {
    const mine = await h.addDocument("mine.docx", "mine");
    const other = await h.addDocument("other.docx", "SECRET-OTHER-BYTES");
    const call = await viewCall(mine.id);
    const res = await h.demo.app.inject({
      method: "GET",
      url: call.url.replace(mine.id, other.id),
      headers: call.headers,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain("SECRET-OTHER-BYTES");
  });
});

describe("POST uploadUrl", () => {
  it("is 403 with a preview token: only an edit click by a user who may write can save", async () => {
    const doc = await h.addDocument("a.docx", "v1");
    const call = await viewCall(doc.id);
    const form = await multipartBody("file", "v2");
    const res = await h.demo.app.inject({
      method: "POST",
      url: call.url,
      headers: { ...call.headers, "content-type": form.contentType },
      payload: form.body,
    });
    expect(res.statusCode).toBe(403);
    expect(h.demo.ctx.documents.listVersions(doc.id)).toHaveLength(1);
  });

  it("is 401 without the token, and nothing is stored", async () => {
    const doc = await h.addDocument("a.docx", "v1");
    const form = await multipartBody("file", "v2");
    const res = await h.demo.app.inject({
      method: "POST",
      url: `/api/docs/${doc.id}/content`,
      headers: { "content-type": form.contentType },
      payload: form.body,
    });
    expect(res.statusCode).toBe(401);
    expect(h.demo.ctx.documents.listVersions(doc.id)).toHaveLength(1);
  });
});

describe("readCallbackToken", () => {
  it("takes the first demo_token cookie and ignores other cookies", () => {
    expect(
      readCallbackToken({
        headers: { cookie: "a=1; demo_token=T; demo_token=U", [TOKEN_HEADER]: "T" },
        query: { demo_token: "T" },
      }),
    ).toEqual({ ok: true, token: "T" });
  });

  it("refuses a repeated query parameter (an array) and lists every missing place", () => {
    const check = readCallbackToken({ headers: {}, query: { demo_token: ["T", "T"] } });
    expect(check).toEqual({
      ok: false,
      reason: "missing the demo_token cookie, the x-demo-token header, the demo_token query parameter",
    });
  });
});
