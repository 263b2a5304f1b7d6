import { describe, expect, it } from "vitest";
import { decodeUserInfo, parseUserInfo } from "../src/entry/userinfo-schema.js";
import { base64Json, catchDocgate, sampleUser } from "./entry-fixture.js";

describe("userinfo (spec: entry 1)", () => {
  it("keeps the four fields and ignores unknown ones", () => {
    expect(parseUserInfo(sampleUser({ photo_url: "https://cdn.example.com/a.png", role: "x" }))).toEqual({
      id: "301",
      display_name: "张三",
      email: "zhangsan@example.com",
      photo_url: "https://cdn.example.com/a.png",
    });
  });

  it("accepts a numeric id and null photo_url; drops non-http photo URLs", () => {
    expect(parseUserInfo(sampleUser({ id: 301, photo_url: null }))).toEqual({
      id: "301",
      display_name: "张三",
      email: "zhangsan@example.com",
    });
    expect(parseUserInfo(sampleUser({ photo_url: "javascript:alert(1)" })).photo_url).toBeUndefined();
    expect(parseUserInfo(sampleUser({ photo_url: "" })).photo_url).toBeUndefined();
  });

  it("names missing and mistyped fields", () => {
    const missing = catchDocgate(() => parseUserInfo({ id: "1", display_name: "a" }));
    expect(missing.code).toBe("DOCGATE_USERINFO_INVALID");
    expect(missing.detail).toBe("userinfo.email: required");
    expect(catchDocgate(() => parseUserInfo(sampleUser({ display_name: 7 }))).detail).toBe(
      "userinfo.display_name: expected string",
    );
    expect(catchDocgate(() => parseUserInfo(sampleUser({ id: "" }))).detail).toBe("userinfo.id: must not be empty");
    expect(catchDocgate(() => parseUserInfo(sampleUser({ id: 1.5 }))).detail).toBe("userinfo.id: expected string");
    expect(catchDocgate(() => parseUserInfo([])).detail).toBe("userinfo: expected object");
  });

  it("decodes the parameter end to end", () => {
    expect(decodeUserInfo(base64Json(sampleUser())).display_name).toBe("张三");
    expect(catchDocgate(() => decodeUserInfo("%%%")).code).toBe("DOCGATE_USERINFO_INVALID");
  });
});
