// The spec's two test vectors (zoffice-entry-protocol 2), sent through the real route with the clock
// set to their ts: vector 2 opens a session; vector 1 (which carries no userinfo/meta) passes the
// signature check and is refused only for its missing fields.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";

const SALT = "default-salt";
const VECTOR_TS = 1_700_000_000_000;
const VECTOR_1 =
  "/docs/app/driver-callback?repoId=3rd-party&docId=483&action=view&params=zdocs_access_token%3Dtok123&ts=1700000000000";
const VECTOR_1_HMAC = "1f4f6abfad4d081cafbdb5500d87356dce0979d687c0bc412471f4e993ef2c4f";
const VECTOR_2_HMAC = "9f1a493af435b7cb58d91873148e30445f4f7ab35f085f6fd0dce913fee97fe1";
const USERINFO = '{"id":"301","display_name":"docstest02","email":"docstest02@lenovocloud.com","photo_url":""}';
const META =
  '{"id":"demo-doc-001","name":"test.docx","size":9897,"version":"1","created_at":"2020-03-25T02:57:38.000Z","modified_at":"2020-03-25T02:57:38.000Z","created_by":{"id":"301","name":"docstest02"},"permissions":{"write":true,"read":true,"download":true,"print":true,"copy":true}}';
const CONTENT_URL = "http://172.16.34.165:8000/v2/context/demo-doc-001/content";

function vector2(): string {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const query = new URLSearchParams([
    ["repoId", "3rd-party"],
    ["action", "edit"],
    ["docId", "demo-doc-001"],
    ["userinfo", b64(USERINFO)],
    ["meta", b64(META)],
    ["downloadUrl", CONTENT_URL],
    ["uploadUrl", CONTENT_URL],
    ["params", "zdocs_access_token=abc.def;param-1=aaa;x-param-2=bbb"],
    ["ts", String(VECTOR_TS)],
  ]);
  return `/docs/app/driver-callback?${query.toString()}&HMAC=${VECTOR_2_HMAC}`;
}

let t: TestApp;
beforeAll(async () => {
  // "default-salt" is a well-known value: only dev mode accepts it, as the configuration rules say.
  t = await createTestApp({
    server: { devMode: true },
    repos: [{ id: "3rd-party", secrets: [SALT], context: "http://172.16.34.165:8000" }],
  });
  t.shiftClock(VECTOR_TS + 2_000 - Date.now());
});
afterAll(async () => {
  await t.close();
});

const JSON_ACCEPT = { accept: "application/json" };

describe("spec test vectors through GET /docs/app/driver-callback", () => {
  it("vector 2 opens an edit session for docstest02", async () => {
    const res = await t.app.inject({ url: vector2(), headers: { accept: "text/html" } });
    expect(res.statusCode).toBe(303);
    const cookie = (res.headers["set-cookie"] as string[]).map((c) => c.split(";")[0]).join("; ");
    const session = await t.app.inject({
      url: new URL(res.headers.location as string).pathname,
      headers: { ...JSON_ACCEPT, cookie },
    });
    expect(session.json().session).toMatchObject({
      repoId: "3rd-party",
      docId: "demo-doc-001",
      effectiveMode: "edit",
      user: { id: "301", display_name: "docstest02" },
      document: { name: "test.docx", modified_at: "2020-03-25T02:57:38.000Z" },
    });
  });

  it("vector 1 passes the signature and is refused only for the fields it does not carry", async () => {
    const res = await t.app.inject({ url: `${VECTOR_1}&HMAC=${VECTOR_1_HMAC}`, headers: JSON_ACCEPT });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("DOCGATE_PARAM_MISSING");
    expect(res.json().error.message).toMatch(/userinfo/);
    const tampered = await t.app.inject({
      url: `${VECTOR_1.replace("483", "484")}&HMAC=${VECTOR_1_HMAC}`,
      headers: JSON_ACCEPT,
    });
    expect(tampered.json().error.code).toBe("DOCGATE_SIGNATURE_INVALID");
  });

  it("the same vector URL is single use", async () => {
    const again = await t.app.inject({ url: vector2(), headers: JSON_ACCEPT });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe("DOCGATE_REPLAYED");
  });
});
