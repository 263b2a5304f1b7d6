import { describe, expect, it } from "vitest";
import { decodeBase64, decodeBase64Json } from "../src/entry/base64-json.js";
import { catchDocgate } from "./entry-fixture.js";

const value = { name: "合同?>>.docx", n: 1 };
const json = JSON.stringify(value);
const standard = Buffer.from(json, "utf8").toString("base64");

describe("decodeBase64Json (spec: entry 1, base64)", () => {
  it("has characters from both alphabets to exercise (guards the fixture)", () => {
    expect(standard).toMatch(/[+/]/);
    expect(standard).toMatch(/=$/);
  });

  it("accepts standard, URL-safe, padded and unpadded forms", () => {
    const urlSafe = standard.replaceAll("+", "-").replaceAll("/", "_");
    for (const text of [standard, standard.replace(/=+$/, ""), urlSafe, urlSafe.replace(/=+$/, "")]) {
      expect(decodeBase64Json(text, "meta", "DOCGATE_META_INVALID")).toEqual(value);
    }
  });

  it("reads a space as the `+` a signer forgot to URL-encode", () => {
    expect(decodeBase64Json(standard.replaceAll("+", " "), "meta", "DOCGATE_META_INVALID")).toEqual(value);
  });

  it("names the field and uses the caller's code", () => {
    const error = catchDocgate(() => decodeBase64Json("!!!", "userinfo", "DOCGATE_USERINFO_INVALID"));
    expect(error.code).toBe("DOCGATE_USERINFO_INVALID");
    expect(error.detail).toBe("userinfo: not valid base64");
  });

  it("refuses wrong padding, impossible lengths, invalid UTF-8 and non-JSON", () => {
    const cases: Array<[string, string]> = [
      ["abc==", "not valid base64"],
      ["a", "not valid base64"],
      ["ab=c", "not valid base64"],
      ["ab===", "not valid base64"],
      [Buffer.from([0xff, 0xfe, 0x41]).toString("base64"), "does not decode to UTF-8"],
      [Buffer.from("{not json").toString("base64"), "not JSON"],
      ["A".repeat(40_000), "longer than"],
    ];
    for (const [text, message] of cases) {
      const error = catchDocgate(() => decodeBase64Json(text, "meta", "DOCGATE_META_INVALID"));
      expect(error.code).toBe("DOCGATE_META_INVALID");
      expect(error.detail).toContain(message);
    }
  });

  it("decodeBase64 returns bytes or null", () => {
    expect(Buffer.from(decodeBase64("aGk")!).toString()).toBe("hi");
    expect(decodeBase64("a\nb")).toBeNull();
  });
});
