// The two test vectors of spec/zoffice-entry-protocol.md section 2, recomputed as the spec describes.
import { describe, expect, it } from "vitest";
import type { RepoConfig } from "../src/config/schema.js";
import { parseRawTarget } from "../src/entry/raw-query.js";
import { hmacSha256Hex, verifySignature } from "../src/entry/signature.js";
import { verifyEntry } from "../src/entry/verify-entry.js";

const SALT = "default-salt";
const VECTOR_1_MESSAGE =
  "/docs/app/driver-callback?repoId=3rd-party&docId=483&action=view&params=zdocs_access_token%3Dtok123&ts=1700000000000";
const VECTOR_1_HMAC = "1f4f6abfad4d081cafbdb5500d87356dce0979d687c0bc412471f4e993ef2c4f";
const VECTOR_2_HMAC = "9f1a493af435b7cb58d91873148e30445f4f7ab35f085f6fd0dce913fee97fe1";

// JSON exactly as the spec writes it, without spaces.
const USERINFO_JSON = '{"id":"301","display_name":"docstest02","email":"docstest02@lenovocloud.com","photo_url":""}';
const META_JSON =
  '{"id":"demo-doc-001","name":"test.docx","size":9897,"version":"1","created_at":"2020-03-25T02:57:38.000Z","modified_at":"2020-03-25T02:57:38.000Z","created_by":{"id":"301","name":"docstest02"},"permissions":{"write":true,"read":true,"download":true,"print":true,"copy":true}}';
const CONTENT_URL = "http://172.16.34.165:8000/v2/context/demo-doc-001/content";

function vector2Message(): string {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const query = new URLSearchParams([
    ["repoId", "3rd-party"],
    ["action", "edit"],
    ["docId", "demo-doc-001"],
    ["userinfo", b64(USERINFO_JSON)],
    ["meta", b64(META_JSON)],
    ["downloadUrl", CONTENT_URL],
    ["uploadUrl", CONTENT_URL],
    ["params", "zdocs_access_token=abc.def;param-1=aaa;x-param-2=bbb"],
    ["ts", "1700000000000"],
  ]);
  return `/docs/app/driver-callback?${query.toString()}`;
}

const vectorRepo: RepoConfig = {
  id: "3rd-party",
  secrets: [SALT],
  context: "http://172.16.34.165:8000",
  headerPrefix: "x-",
  tsWindowMs: 10_000,
  tsFutureSkewMs: 5_000,
  frameAncestors: [],
  allowPrivateNetwork: false,
};

describe("spec test vectors (entry 2)", () => {
  it("vector 1: HMAC of the literal message", () => {
    expect(hmacSha256Hex(SALT, VECTOR_1_MESSAGE)).toBe(VECTOR_1_HMAC);
  });

  it("vector 1: the parser recovers the message and verifies the signature, in either hex case", () => {
    for (const sent of [VECTOR_1_HMAC, VECTOR_1_HMAC.toUpperCase()]) {
      const parsed = parseRawTarget(`${VECTOR_1_MESSAGE}&HMAC=${sent}`);
      expect(parsed.signedMessage).toBe(VECTOR_1_MESSAGE);
      expect(verifySignature(parsed, [SALT]).form).toBe("raw");
    }
  });

  it("vector 2: the URLSearchParams-built message signs to the published value", () => {
    expect(hmacSha256Hex(SALT, vector2Message())).toBe(VECTOR_2_HMAC);
  });

  it("vector 2: verifyEntry accepts the whole URL and decodes every field", () => {
    const entry = verifyEntry({
      rawTarget: `${vector2Message()}&HMAC=${VECTOR_2_HMAC}`,
      lookupRepo: (id) => (id === vectorRepo.id ? vectorRepo : undefined),
      now: 1_700_000_000_000 + 1_000,
    });
    expect(entry.action).toBe("edit");
    expect(entry.docId).toBe("demo-doc-001");
    expect(entry.user).toEqual({ id: "301", display_name: "docstest02", email: "docstest02@lenovocloud.com" });
    expect(entry.meta.permissions).toEqual({ read: true, write: true, download: true, print: true, copy: true });
    expect(entry.meta.size).toBe(9897);
    expect(entry.downloadUrl).toBe(CONTENT_URL);
    expect(entry.uploadUrl).toBe(CONTENT_URL);
    expect(entry.params).toEqual([
      ["zdocs_access_token", "abc.def"],
      ["param-1", "aaa"],
      ["x-param-2", "bbb"],
    ]);
    // ts 1700000000000 = 0x18bcfe56800, then the message digest.
    expect(entry.fingerprint).toMatch(/^018bcfe56800\.[0-9a-f]{64}$/);
  });

  it("vector 2: a different secret is refused", () => {
    expect(() => verifySignature(parseRawTarget(`${vector2Message()}&HMAC=${VECTOR_2_HMAC}`), ["other-salt"])).toThrow(
      expect.objectContaining({ code: "DOCGATE_SIGNATURE_INVALID" }),
    );
  });
});
