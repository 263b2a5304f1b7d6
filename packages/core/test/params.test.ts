import { describe, expect, it } from "vitest";
import { encodeCookieValue, isReservedHeaderName, mapParams, parseParams } from "../src/entry/params.js";
import { catchDocgate } from "./entry-fixture.js";

const invalid = (raw: string, prefix = "x-") => {
  const error = catchDocgate(() => parseParams(raw, prefix));
  expect(error.code).toBe("DOCGATE_PARAMS_INVALID");
  return error.detail;
};

describe("parseParams (spec: entry 3)", () => {
  it("splits on ';' and each pair on its first '='", () => {
    expect(parseParams("zdocs_access_token=abc.def;param-1=a=b==;x-param-2=bbb;", "x-")).toEqual([
      ["zdocs_access_token", "abc.def"],
      ["param-1", "a=b=="],
      ["x-param-2", "bbb"],
    ]);
    expect(parseParams("", "x-")).toEqual([]);
    expect(parseParams("k=", "x-")).toEqual([["k", ""]]);
  });

  it("refuses pairs without '=', non-token keys and duplicate keys", () => {
    expect(invalid("flag")).toContain("has no '='");
    expect(invalid("=v")).toContain("must be a token");
    expect(invalid("a b=1")).toContain("must be a token");
    expect(invalid("k\r\nx=1")).toContain("must be a token");
    expect(invalid("ké=1")).toContain("must be a token");
    expect(invalid("a=1;A=2")).toContain("appears twice");
  });

  it("refuses control characters in any value, and bad header values for header-bound keys", () => {
    expect(invalid("a=1\r\nHost: evil")).toContain("control character");
    expect(invalid("a=\u0000")).toContain("control character");
    expect(invalid("a=\u007f")).toContain("control character");
    expect(invalid("x-a=中")).toContain("visible ASCII");
    expect(invalid("x-a= lead")).toContain("visible ASCII");
    expect(parseParams("a=中 文", "x-")).toEqual([["a", "中 文"]]);
    expect(parseParams("x-a=in side", "x-")).toEqual([["x-a", "in side"]]);
  });

  it("refuses reserved header names when the key would become a header", () => {
    for (const name of ["host", "Content-Length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te"]) {
      expect(invalid(`${name}=1`, "")).toContain("reserved header");
    }
    for (const name of ["trailer", "proxy-authorization", "cookie", "content-type", "expect", "range", "if-match"]) {
      expect(invalid(`${name}=1`, "")).toContain("reserved header");
    }
    // The same names are plain query/cookie params when they do not carry the header prefix.
    expect(parseParams("host=1;cookie=2", "x-")).toEqual([
      ["host", "1"],
      ["cookie", "2"],
    ]);
    // Authorization is not reserved (see params.ts).
    expect(isReservedHeaderName("Authorization")).toBe(false);
    expect(parseParams("authorization=Bearer abc", "a")).toEqual([["authorization", "Bearer abc"]]);
  });
});

describe("mapParams (spec: entry 3)", () => {
  it("reproduces the spec example", () => {
    expect(mapParams(parseParams("x-param-1=aaa;x-param-2=bbb", "x-"), "x-")).toEqual({
      query: [
        ["x-param-1", "aaa"],
        ["x-param-2", "bbb"],
      ],
      cookieHeader: "x-param-1=aaa; x-param-2=bbb",
      headers: { "x-param-1": "aaa", "x-param-2": "bbb" },
    });
    const query = new URLSearchParams(mapParams([["x-param-1", "aaa"]], "x-").query).toString();
    expect(query).toBe("x-param-1=aaa");
  });

  it("sends every pair as query and cookie, only prefixed ones as headers (prefix case-insensitive)", () => {
    const out = mapParams(parseParams("zdocs_access_token=abc.def;X-Trace=1;param-1=aaa", "x-"), "x-");
    expect(out.query.map(([k]) => k)).toEqual(["zdocs_access_token", "X-Trace", "param-1"]);
    expect(out.cookieHeader).toBe("zdocs_access_token=abc.def; X-Trace=1; param-1=aaa");
    expect(out.headers).toEqual({ "X-Trace": "1" });
    expect(mapParams([], "x-")).toEqual({ query: [], cookieHeader: "", headers: {} });
  });

  it("uses the repo's headerPrefix", () => {
    expect(
      mapParams(
        [
          ["zdocs-a", "1"],
          ["x-b", "2"],
        ],
        "zdocs-",
      ).headers,
    ).toEqual({ "zdocs-a": "1" });
  });

  it("cookie values: cookie-octets verbatim, anything else percent-encoded as UTF-8", () => {
    expect(encodeCookieValue("eyJh.b-c_d+e/f=")).toBe("eyJh.b-c_d+e/f=");
    expect(encodeCookieValue("100%")).toBe("100%");
    expect(encodeCookieValue('a b,"c"\\中')).toBe("a%20b%2C%22c%22%5C%E4%B8%AD");
    expect(encodeCookieValue("\ud800")).toBe("%EF%BF%BD");
    expect(mapParams([["name", "张 三"]], "x-").cookieHeader).toBe("name=%E5%BC%A0%20%E4%B8%89");
  });
});
