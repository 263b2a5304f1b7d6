import { describe, expect, it } from "vitest";
import type { RepoConfig } from "../src/config/schema.js";
import { sha256Hex } from "../src/entry/signature.js";
import { verifyEntry } from "../src/entry/verify-entry.js";
import {
  base64Json,
  catchDocgate,
  ENTRY_PATH,
  entryPairs,
  hmac,
  lookupRepo,
  NOW,
  REPO,
  sampleMeta,
  signPairs,
} from "./entry-fixture.js";

const verify = (rawTarget: string, now = NOW, lookup = lookupRepo) =>
  verifyEntry({ rawTarget, lookupRepo: lookup, now });
const codeOf = (rawTarget: string, now = NOW) => catchDocgate(() => verify(rawTarget, now)).code;

describe("verifyEntry (spec: entry 1-4)", () => {
  it("returns the verified entry", () => {
    const target = signPairs(entryPairs());
    const entry = verify(target);
    const message = target.slice(0, target.lastIndexOf("&HMAC="));
    expect(entry).toMatchObject({
      repoId: "crm",
      docId: "doc-1",
      action: "edit",
      user: { id: "301", display_name: "张三", email: "zhangsan@example.com" },
      downloadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
      uploadUrl: "http://oa.example.com:8080/v2/context/doc-1/content",
      params: [
        ["zdocs_access_token", "abc.def"],
        ["x-param-2", "bbb"],
      ],
      ts: NOW,
      fingerprint: `018bcfe56800.${sha256Hex(message)}`, // ts in 12 hex digits, then the digest
    });
    expect(entry.meta.permissions.copy).toBe(true);
  });

  it("action defaults to view; uploadUrl is then optional; other actions are invalid", () => {
    const view = verify(signPairs(entryPairs({ action: undefined, uploadUrl: undefined })));
    expect(view.action).toBe("view");
    expect(view.uploadUrl).toBeNull();
    expect(verify(signPairs(entryPairs({ action: "view", uploadUrl: "" }))).uploadUrl).toBeNull();
    const error = catchDocgate(() => verify(signPairs(entryPairs({ action: "delete" }))));
    expect(error.code).toBe("DOCGATE_PARAM_INVALID");
    expect(error.detail).toBe("action: expected view or edit");
  });

  it("edit requires uploadUrl; missing parameters are listed together", () => {
    const error = catchDocgate(() => verify(signPairs(entryPairs({ uploadUrl: undefined, meta: undefined }))));
    expect(error.code).toBe("DOCGATE_PARAM_MISSING");
    expect(error.detail).toBe("missing: meta, uploadUrl");
    expect(codeOf(signPairs(entryPairs({ repoId: undefined })))).toBe("DOCGATE_PARAM_MISSING");
    expect(codeOf(signPairs(entryPairs({ ts: undefined })))).toBe("DOCGATE_PARAM_MISSING");
  });

  it("unknown repo, bad signature, expired and future ts", () => {
    expect(codeOf(signPairs(entryPairs({ repoId: "nope" })))).toBe("DOCGATE_REPO_UNKNOWN");
    expect(codeOf(signPairs(entryPairs({ repoId: "__proto__" })))).toBe("DOCGATE_REPO_UNKNOWN");
    expect(codeOf(signPairs(entryPairs(), "wrong-secret"))).toBe("DOCGATE_SIGNATURE_INVALID");
    expect(codeOf(signPairs(entryPairs()), NOW + 10_001)).toBe("DOCGATE_TS_EXPIRED");
    expect(codeOf(signPairs(entryPairs()), NOW - 5_001)).toBe("DOCGATE_TS_IN_FUTURE");
    expect(codeOf(signPairs(entryPairs({ ts: "soon" })))).toBe("DOCGATE_PARAM_INVALID");
  });

  it("checks the signature before anything about the content", () => {
    // An unsigned caller learns nothing about which fields would be wrong.
    expect(codeOf(signPairs(entryPairs({ meta: "garbage", ts: "0" }), "wrong-secret"))).toBe(
      "DOCGATE_SIGNATURE_INVALID",
    );
  });

  it("docId: no ':', bounded length, no control characters; meta.id must match", () => {
    const withDoc = (docId: string) => signPairs(entryPairs({ docId, meta: base64Json(sampleMeta(docId)) }));
    expect(verify(withDoc("文档 #1")).docId).toBe("文档 #1");
    expect(catchDocgate(() => verify(withDoc("a:b"))).detail).toBe("docId: must not contain ':'");
    expect(codeOf(withDoc("x".repeat(257)))).toBe("DOCGATE_PARAM_INVALID");
    expect(codeOf(withDoc("a\nb"))).toBe("DOCGATE_PARAM_INVALID");
    expect(catchDocgate(() => verify(signPairs(entryPairs({ docId: "doc-2" })))).detail).toBe(
      "meta.id: must equal docId",
    );
  });

  it("field errors name the field", () => {
    const badMeta = base64Json(sampleMeta("doc-1", { permissions: { read: true, write: "maybe" } }));
    const error = catchDocgate(() => verify(signPairs(entryPairs({ meta: badMeta }))));
    expect(error.code).toBe("DOCGATE_META_INVALID");
    expect(error.detail).toBe("meta.permissions.write: expected boolean");
    expect(codeOf(signPairs(entryPairs({ userinfo: base64Json({ id: "1" }) })))).toBe("DOCGATE_USERINFO_INVALID");
  });

  it("applies the host rule to downloadUrl and uploadUrl", () => {
    const evil = "http://evil.com:8080/v2/context/doc-1/content";
    const down = catchDocgate(() => verify(signPairs(entryPairs({ downloadUrl: evil }))));
    expect([down.code, down.detail]).toEqual([
      "DOCGATE_HOST_NOT_ALLOWED",
      "downloadUrl: host differs from the repo's context",
    ]);
    const up = catchDocgate(() => verify(signPairs(entryPairs({ uploadUrl: "http://oa.example.com:8080@evil.com/" }))));
    expect(up.code).toBe("DOCGATE_HOST_NOT_ALLOWED");
    expect(up.detail).toMatch(/^uploadUrl: /);
    // A view with an uploadUrl still has to obey the rule.
    expect(codeOf(signPairs(entryPairs({ action: "view", uploadUrl: evil })))).toBe("DOCGATE_HOST_NOT_ALLOWED");
  });

  it("validates params with the repo's header prefix", () => {
    expect(codeOf(signPairs(entryPairs({ params: "x-a=1\r\nHost: evil" })))).toBe("DOCGATE_PARAMS_INVALID");
    const zdocs: RepoConfig = { ...REPO, headerPrefix: "host" };
    const target = signPairs(entryPairs({ params: "host=evil" }));
    expect(catchDocgate(() => verify(target, NOW, (id) => (id === "crm" ? zdocs : undefined))).code).toBe(
      "DOCGATE_PARAMS_INVALID",
    );
    expect(verify(signPairs(entryPairs({ params: undefined }))).params).toEqual([]);
  });

  it("accepts the repo's other active secret and an absolute-form target", () => {
    const rotating: RepoConfig = { ...REPO, secrets: ["old-secret-0123456789", "new-secret-0123456789"] };
    const target = signPairs(entryPairs(), "new-secret-0123456789");
    expect(verify(`https://docs.example.com${target}`, NOW, () => rotating).docId).toBe("doc-1");
  });

  it("ignores unknown signed parameters, and the fallback form verifies", () => {
    const pairs = entryPairs({ extra: "x y" });
    const signed = `${ENTRY_PATH}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
    const sent = `${ENTRY_PATH}?${new URLSearchParams(pairs).toString()}`;
    expect(verify(`${sent}&HMAC=${hmac(signed)}`).docId).toBe("doc-1");
  });

  it("a failing repo lookup is not the URL's fault: its error passes through unchanged", () => {
    const boom = new Error("store down");
    expect(() =>
      verify(signPairs(entryPairs()), NOW, () => {
        throw boom;
      }),
    ).toThrow(boom);
  });
});
