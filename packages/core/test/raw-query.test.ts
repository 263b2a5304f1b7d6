import { describe, expect, it } from "vitest";
import { parseRawTarget } from "../src/entry/raw-query.js";
import { catchDocgate } from "./entry-fixture.js";

const H = "a".repeat(64);

describe("parseRawTarget (spec: entry 2)", () => {
  it("splits path and ordered pairs, keeping raw text and decoding form-style", () => {
    const parsed = parseRawTarget(`/docs/app/driver-callback?b=x%2By+z&a=%E4%B8%AD&flag&HMAC=${H}`);
    expect(parsed.path).toBe("/docs/app/driver-callback");
    expect(parsed.pairs.map((p) => [p.rawKey, p.rawValue, p.key, p.value])).toEqual([
      ["b", "x%2By+z", "b", "x+y z"],
      ["a", "%E4%B8%AD", "a", "中"],
      ["flag", "", "flag", ""],
    ]);
    expect(parsed.hmac).toBe(H);
  });

  it("removes only the trailing HMAC pair: the message is the target as received", () => {
    const message = "/p?z=1&a=%2f%2F&m=a+b%20c";
    expect(parseRawTarget(`${message}&HMAC=${H}`).signedMessage).toBe(message);
  });

  it("strips scheme, host and port of an absolute-form target", () => {
    const parsed = parseRawTarget(`https://docs.example.com:8443/p?a=1&HMAC=${H}`);
    expect(parsed.signedMessage).toBe("/p?a=1");
    expect(parsed.path).toBe("/p");
  });

  it("a lone HMAC leaves `path?` as the message", () => {
    const parsed = parseRawTarget(`/p?HMAC=${H}`);
    expect(parsed.signedMessage).toBe("/p?");
    expect(parsed.pairs).toEqual([]);
  });

  it("HMAC missing is DOCGATE_PARAM_MISSING; HMAC not last is DOCGATE_PARAM_INVALID", () => {
    expect(catchDocgate(() => parseRawTarget("/p?a=1")).code).toBe("DOCGATE_PARAM_MISSING");
    expect(catchDocgate(() => parseRawTarget("/p")).code).toBe("DOCGATE_PARAM_MISSING");
    const notLast = catchDocgate(() => parseRawTarget(`/p?HMAC=${H}&a=1`));
    expect(notLast.code).toBe("DOCGATE_PARAM_INVALID");
    expect(notLast.detail).toContain("HMAC must be the last parameter");
  });

  it("duplicates are DOCGATE_PARAM_DUPLICATE, also when spelled with escapes", () => {
    expect(catchDocgate(() => parseRawTarget(`/p?a=1&a=2&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_DUPLICATE");
    expect(catchDocgate(() => parseRawTarget(`/p?docId=1&doc%49d=2&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_DUPLICATE");
    expect(catchDocgate(() => parseRawTarget(`/p?HMAC=${H}&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_DUPLICATE");
  });

  it("refuses empty segments, malformed escapes and invalid UTF-8", () => {
    expect(catchDocgate(() => parseRawTarget(`/p?a=1&&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_INVALID");
    expect(catchDocgate(() => parseRawTarget(`/p?a=%zz&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_INVALID");
    expect(catchDocgate(() => parseRawTarget(`/p?a=%FF&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_INVALID");
    expect(catchDocgate(() => parseRawTarget(`/p?%E4=1&HMAC=${H}`)).code).toBe("DOCGATE_PARAM_INVALID");
  });

  it("a malformed escape's error names the parameter, or the name's position", () => {
    expect(catchDocgate(() => parseRawTarget(`/p?a=1&docId=%zz&HMAC=${H}`)).detail).toBe(
      'parameter "docId": malformed percent-encoding',
    );
    expect(catchDocgate(() => parseRawTarget(`/p?a=1&%E4=1&HMAC=${H}`)).detail).toBe(
      "parameter name at position 2: malformed percent-encoding",
    );
  });

  it("refuses raw spaces, control and non-ASCII characters (a request target is ASCII)", () => {
    for (const bad of [`/p?a=中&HMAC=${H}`, `/p?a=b c&HMAC=${H}`, `/p?a=\u0000&HMAC=${H}`, `/p?a=\ud800&HMAC=${H}`]) {
      expect(catchDocgate(() => parseRawTarget(bad)).code).toBe("DOCGATE_BAD_REQUEST");
    }
  });

  it("refuses targets that are not a path, and oversized ones", () => {
    expect(catchDocgate(() => parseRawTarget("")).code).toBe("DOCGATE_BAD_REQUEST");
    expect(catchDocgate(() => parseRawTarget("p?a=1")).code).toBe("DOCGATE_BAD_REQUEST");
    expect(catchDocgate(() => parseRawTarget(`/p?a=${"x".repeat(70_000)}&HMAC=${H}`)).code).toBe("DOCGATE_BAD_REQUEST");
  });
});
