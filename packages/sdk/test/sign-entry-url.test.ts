import { verifyEntry } from "@docgate/core";
import { describe, expect, it } from "vitest";
import { encodeJsonParam, formatParams, hmacHex, signEntryUrl, verifyEntryUrlSignature } from "../src/index.js";

const SALT = "default-salt";

describe("spec test vectors (entry 2)", () => {
  it("vector 1: hmacHex of the literal message", () => {
    const message =
      "/docs/app/driver-callback?repoId=3rd-party&docId=483&action=view&params=zdocs_access_token%3Dtok123&ts=1700000000000";
    expect(hmacHex(SALT, message)).toBe("1f4f6abfad4d081cafbdb5500d87356dce0979d687c0bc412471f4e993ef2c4f");
    expect(
      verifyEntryUrlSignature(
        `http://docs.example.com${message}&HMAC=1f4f6abfad4d081cafbdb5500d87356dce0979d687c0bc412471f4e993ef2c4f`,
        SALT,
      ),
    ).toBe(true);
  });

  it("vector 2: signEntryUrl reproduces the published HMAC", () => {
    // JSON exactly as the spec writes it; JSON.stringify of these objects gives the same text.
    const userinfo = { id: "301", display_name: "docstest02", email: "docstest02@lenovocloud.com", photo_url: "" };
    const meta = {
      id: "demo-doc-001",
      name: "test.docx",
      size: 9897,
      version: "1",
      created_at: "2020-03-25T02:57:38.000Z",
      modified_at: "2020-03-25T02:57:38.000Z",
      created_by: { id: "301", name: "docstest02" },
      permissions: { write: true, read: true, download: true, print: true, copy: true },
    };
    const content = "http://172.16.34.165:8000/v2/context/demo-doc-001/content";
    const url = signEntryUrl({
      baseUrl: "http://docs.example.com",
      repoId: "3rd-party",
      secret: SALT,
      action: "edit",
      docId: "demo-doc-001",
      userinfo,
      meta,
      downloadUrl: content,
      uploadUrl: content,
      params: [
        ["zdocs_access_token", "abc.def"],
        ["param-1", "aaa"],
        ["x-param-2", "bbb"],
      ],
      ts: 1_700_000_000_000,
    });
    expect(url.endsWith("&HMAC=9f1a493af435b7cb58d91873148e30445f4f7ab35f085f6fd0dce913fee97fe1")).toBe(true);
    expect(verifyEntryUrlSignature(url, SALT)).toBe(true);
    // The same with userinfo and meta given as JSON text.
    const fromText = signEntryUrl({
      baseUrl: "http://docs.example.com",
      repoId: "3rd-party",
      secret: SALT,
      action: "edit",
      docId: "demo-doc-001",
      userinfo: JSON.stringify(userinfo),
      meta: JSON.stringify(meta),
      downloadUrl: content,
      uploadUrl: content,
      params: "zdocs_access_token=abc.def;param-1=aaa;x-param-2=bbb",
      ts: 1_700_000_000_000,
    });
    expect(fromText).toBe(url);
  });
});

describe("signEntryUrl", () => {
  const options = {
    baseUrl: "https://docs.example.com/",
    repoId: "crm",
    secret: "test-secret-0123456789abcdef",
    docId: "doc-1",
    action: "edit" as const,
    userinfo: { id: "301", display_name: "张三", email: "z@example.com" },
    meta: {
      id: "doc-1",
      name: "合同.docx",
      modified_at: "2024-03-25T02:57:38.000Z",
      created_by: { id: "301", name: "张三" },
      permissions: { read: true, write: true },
    },
    downloadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
    uploadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
    params: { zdocs_access_token: "abc.def", "x-trace": "1" },
    ts: 1_700_000_000_000,
  };

  it("builds the query in a fixed order with HMAC last, base64 with padding", () => {
    const url = new URL(signEntryUrl(options));
    expect(url.origin + url.pathname).toBe("https://docs.example.com/docs/app/driver-callback");
    expect([...url.searchParams.keys()]).toEqual([
      "repoId",
      "action",
      "docId",
      "userinfo",
      "meta",
      "downloadUrl",
      "uploadUrl",
      "params",
      "ts",
      "HMAC",
    ]);
    expect(url.searchParams.get("params")).toBe("zdocs_access_token=abc.def;x-trace=1");
    expect(JSON.parse(Buffer.from(url.searchParams.get("userinfo")!, "base64").toString("utf8"))).toEqual(
      options.userinfo,
    );
    expect(url.searchParams.get("HMAC")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps a base path, omits empty uploadUrl and params, defaults action and ts", () => {
    const before = Date.now();
    const url = new URL(
      signEntryUrl({
        ...options,
        baseUrl: "https://h/office/",
        action: undefined,
        uploadUrl: undefined,
        params: undefined,
        ts: undefined,
      }),
    );
    expect(url.pathname).toBe("/office/docs/app/driver-callback");
    expect(url.searchParams.get("action")).toBe("view");
    expect(url.searchParams.has("uploadUrl")).toBe(false);
    expect(url.searchParams.has("params")).toBe(false);
    expect(Number(url.searchParams.get("ts"))).toBeGreaterThanOrEqual(before);
  });

  it("encodeJsonParam is standard base64 with padding of the UTF-8 JSON", () => {
    expect(encodeJsonParam({ a: "中" })).toBe(Buffer.from('{"a":"中"}', "utf8").toString("base64"));
    expect(encodeJsonParam({ n: "~~~?" })).toBe("eyJuIjoifn5+PyJ9");
    expect(encodeJsonParam('{"a":1}')).toBe("eyJhIjoxfQ==");
  });

  it("formatParams accepts a string, a record or pairs, and refuses ambiguous pieces", () => {
    expect(formatParams("a=1;b=2")).toBe("a=1;b=2");
    expect(formatParams({ a: "1", b: "x=y" })).toBe("a=1;b=x=y");
    expect(formatParams([["a", "1"]])).toBe("a=1");
    expect(() => formatParams({ "a=b": "1" })).toThrow(TypeError);
    expect(() => formatParams({ a: "1;b=2" })).toThrow(TypeError);
    expect(() => formatParams([["", "1"]])).toThrow(TypeError);
  });

  it("verifyEntryUrlSignature: true for its own URLs, false for any change or wrong secret", () => {
    const url = signEntryUrl(options);
    expect(verifyEntryUrlSignature(url, options.secret)).toBe(true);
    expect(verifyEntryUrlSignature(url, ["old", options.secret])).toBe(true);
    expect(
      verifyEntryUrlSignature(
        url.replace(/[0-9a-f]{64}$/, (h) => h.toUpperCase()),
        options.secret,
      ),
    ).toBe(true);
    expect(verifyEntryUrlSignature(url, "other")).toBe(false);
    expect(verifyEntryUrlSignature(url.replace("docId=doc-1", "docId=doc-2"), options.secret)).toBe(false);
    expect(verifyEntryUrlSignature(`${url}&x=1`, options.secret)).toBe(false);
    expect(verifyEntryUrlSignature("not a url", options.secret)).toBe(false);
    expect(verifyEntryUrlSignature(undefined as unknown as string, options.secret)).toBe(false);
  });

  it("an SDK-signed URL verifies through core's verifyEntry", () => {
    const url = new URL(signEntryUrl(options));
    const repo = {
      id: "crm",
      secrets: [options.secret],
      context: "http://oa.example.com:8080",
      headerPrefix: "x-",
      tsWindowMs: 10_000,
      tsFutureSkewMs: 5_000,
      frameAncestors: [],
      allowPrivateNetwork: false,
    };
    const entry = verifyEntry({
      rawTarget: url.pathname + url.search,
      lookupRepo: (id) => (id === "crm" ? repo : undefined),
      now: options.ts + 500,
    });
    expect(entry.docId).toBe("doc-1");
    expect(entry.action).toBe("edit");
    expect(entry.user.display_name).toBe("张三");
    expect(entry.meta.name).toBe("合同.docx");
    expect(entry.params).toEqual([
      ["zdocs_access_token", "abc.def"],
      ["x-trace", "1"],
    ]);
  });
});
