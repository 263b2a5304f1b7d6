import { describe, expect, it } from "vitest";
import { checkFreshness, parseTs } from "../src/entry/freshness.js";
import { catchDocgate, NOW } from "./entry-fixture.js";

const rule = { tsWindowMs: 10_000, tsFutureSkewMs: 5_000 };

describe("freshness (spec: entry 2)", () => {
  it("accepts the whole window, edges included", () => {
    expect(checkFreshness(NOW, NOW, rule)).toBe(0);
    expect(checkFreshness(NOW - 10_000, NOW, rule)).toBe(10_000);
    expect(checkFreshness(NOW + 5_000, NOW, rule)).toBe(-5_000);
  });

  it("expired: DOCGATE_TS_EXPIRED with the server time", () => {
    const error = catchDocgate(() => checkFreshness(NOW - 10_001, NOW, rule));
    expect(error.code).toBe("DOCGATE_TS_EXPIRED");
    expect(error.facts).toEqual({ serverTime: new Date(NOW).toISOString(), ts: NOW - 10_001, ageMs: 10_001 });
  });

  it("future: DOCGATE_TS_IN_FUTURE with the server time", () => {
    const error = catchDocgate(() => checkFreshness(NOW + 5_001, NOW, rule));
    expect(error.code).toBe("DOCGATE_TS_IN_FUTURE");
    expect(error.facts).toEqual({ serverTime: "2023-11-14T22:13:20.000Z", ts: NOW + 5_001, ageMs: -5_001 });
  });

  it("uses the repo's own limits", () => {
    expect(catchDocgate(() => checkFreshness(NOW - 2, NOW, { tsWindowMs: 1, tsFutureSkewMs: 0 })).code).toBe(
      "DOCGATE_TS_EXPIRED",
    );
    expect(catchDocgate(() => checkFreshness(NOW + 1, NOW, { tsWindowMs: 1, tsFutureSkewMs: 0 })).code).toBe(
      "DOCGATE_TS_IN_FUTURE",
    );
  });

  it("parseTs takes digits only", () => {
    expect(parseTs("1700000000000")).toBe(1_700_000_000_000);
    for (const bad of ["", "-1", "1e12", "1.5", " 1", "0x10", "99999999999999999", "１２"]) {
      expect(catchDocgate(() => parseTs(bad)).code).toBe("DOCGATE_PARAM_INVALID");
    }
  });
});
