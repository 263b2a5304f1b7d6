import { describe, expect, it } from "vitest";
import { parseRawTarget } from "../src/entry/raw-query.js";
import { fallbackMessage, hmacSha256Hex, sha256Hex, verifySignature } from "../src/entry/signature.js";
import { catchDocgate, hmac, SECRET } from "./entry-fixture.js";

function target(message: string, secret = SECRET): string {
  return `${message}&HMAC=${hmac(message, secret)}`;
}

describe("verifySignature (spec: entry 2)", () => {
  const message = "/docs/app/driver-callback?repoId=crm&name=a+b&ts=1";

  it("accepts the raw message, lower- or upper-case hex, and fingerprints the message", () => {
    const lower = verifySignature(parseRawTarget(target(message)), [SECRET]);
    expect(lower).toEqual({ form: "raw", message, fingerprint: sha256Hex(message) });
    const upper = verifySignature(parseRawTarget(`${message}&HMAC=${hmac(message).toUpperCase()}`), [SECRET]);
    expect(upper.fingerprint).toBe(lower.fingerprint);
  });

  it("tries every active secret (rotation)", () => {
    expect(verifySignature(parseRawTarget(target(message, "new-secret")), ["old-secret", "new-secret"]).form).toBe(
      "raw",
    );
    expect(catchDocgate(() => verifySignature(parseRawTarget(target(message, "gone")), ["a", "b"])).code).toBe(
      "DOCGATE_SIGNATURE_INVALID",
    );
  });

  it("falls back to exactly one form: decoded pairs re-encoded with encodeURIComponent", () => {
    // The signer signed the encodeURIComponent form but sent a URLSearchParams-encoded URL.
    const pairs: Array<[string, string]> = [
      ["repoId", "crm"],
      ["downloadUrl", "http://h/a b"],
    ];
    const signed = `/p?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
    const sent = `/p?${new URLSearchParams(pairs).toString()}`;
    expect(sent).not.toBe(signed);
    const check = verifySignature(parseRawTarget(`${sent}&HMAC=${hmac(signed)}`), [SECRET]);
    expect(check.form).toBe("encodeURIComponent");
    // The same signed URL sent in either form has one fingerprint, so single use holds across forms.
    expect(check.fingerprint).toBe(
      verifySignature(parseRawTarget(`${signed}&HMAC=${hmac(signed)}`), [SECRET]).fingerprint,
    );
    expect(fallbackMessage(parseRawTarget(`${sent}&HMAC=${hmac(signed)}`))).toBe(signed);
  });

  it("does not try other normalisations (re-ordering, lower-case escapes)", () => {
    const reordered = "/p?b=2&a=1";
    expect(
      catchDocgate(() => verifySignature(parseRawTarget(`/p?a=1&b=2&HMAC=${hmac(reordered)}`), [SECRET])).code,
    ).toBe("DOCGATE_SIGNATURE_INVALID");
  });

  it("refuses HMACs that are not 64 hex characters", () => {
    for (const bad of ["", "abc", "g".repeat(64), "a".repeat(63), "a".repeat(65), `${hmac(message).slice(0, 62)}==`]) {
      expect(catchDocgate(() => verifySignature(parseRawTarget(`${message}&HMAC=${bad}`), [SECRET])).code).toBe(
        "DOCGATE_SIGNATURE_INVALID",
      );
    }
  });

  it("hmacSha256Hex is lowercase hex of HMAC-SHA256 over UTF-8", () => {
    expect(hmacSha256Hex("k", "中")).toMatch(/^[0-9a-f]{64}$/);
    expect(hmacSha256Hex("k", "中")).toBe(hmac("中", "k"));
  });
});
