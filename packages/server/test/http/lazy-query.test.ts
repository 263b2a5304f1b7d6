import { describe, expect, it } from "vitest";
import { parseQueryLazily } from "../../src/http/lazy-query.js";

describe("request.query parsed on first use", () => {
  it("reads like the parsed query: values, repeats, decoding, keys, in, JSON", () => {
    const q = parseQueryLazily("lang=zh-CN&a=1&a=2&name=%E5%90%88%E5%90%8C+x&empty=");
    expect(q.lang).toBe("zh-CN");
    expect(q.a).toEqual(["1", "2"]);
    expect(q.name).toBe("合同 x");
    expect(q.empty).toBe("");
    expect(q.missing).toBeUndefined();
    expect("lang" in q).toBe(true);
    expect("missing" in q).toBe(false);
    expect(Object.keys(q)).toEqual(["lang", "a", "name", "empty"]);
    expect(JSON.parse(JSON.stringify(q))).toEqual({ lang: "zh-CN", a: ["1", "2"], name: "合同 x", empty: "" });
    expect({ ...q }).toEqual({ lang: "zh-CN", a: ["1", "2"], name: "合同 x", empty: "" });
  });

  it("is an empty object for an empty query", () => {
    expect(parseQueryLazily("")).toEqual({});
  });
});
