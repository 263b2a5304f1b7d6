import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMeta, isRealInstant, parseMeta } from "../src/entry/meta-schema.js";
import { base64Json, catchDocgate, sampleMeta } from "./entry-fixture.js";

const docId = "doc-1";
const meta = (overrides: Record<string, unknown> = {}) => sampleMeta(docId, overrides);
const detailOf = (input: unknown) => {
  const error = catchDocgate(() => parseMeta(input, docId));
  expect(error.code).toBe("DOCGATE_META_INVALID");
  return error.detail;
};

describe("meta (spec: entry 4)", () => {
  it("parses the required fields and fills defaults", () => {
    const parsed = parseMeta(meta({ permissions: { read: true, write: false }, unknown: { deep: 1 } }), docId);
    expect(parsed).toEqual({
      id: docId,
      name: "合同 contract.docx",
      modified_at: "2024-03-25T02:57:38.000Z",
      created_by: { id: "301", name: "docstest02" },
      permissions: { read: true, write: false, download: false, print: false, copy: false },
      extension: { previewWithTrackChange: false, trackChangeForceOn: false },
    });
  });

  it("permission booleans accept 'true'/'false'; copy defaults to download", () => {
    const p = parseMeta(meta({ permissions: { read: "true", write: "false", download: "true" } }), docId).permissions;
    expect(p).toEqual({ read: true, write: false, download: true, print: false, copy: true });
    const explicit = parseMeta(meta({ permissions: { read: true, write: true, download: true, copy: false } }), docId);
    expect(explicit.permissions.copy).toBe(false);
    expect(detailOf(meta({ permissions: { read: true, write: "yes" } }))).toBe(
      "meta.permissions.write: expected boolean",
    );
    expect(detailOf(meta({ permissions: { read: true, write: 1 } }))).toBe("meta.permissions.write: expected boolean");
    expect(detailOf(meta({ permissions: { write: true } }))).toBe("meta.permissions.read: required");
  });

  it("requires id = docId, name, modified_at, created_by", () => {
    expect(detailOf(meta({ id: "other" }))).toBe("meta.id: must equal docId");
    expect(detailOf(meta({ name: "" }))).toBe("meta.name: must not be empty");
    expect(detailOf(meta({ created_by: { id: "1" } }))).toBe("meta.created_by.name: required");
    expect(detailOf({ ...meta(), modified_at: undefined })).toBe("meta.modified_at: required");
    expect(parseMeta(sampleMeta("483", { id: 483 }), "483").id).toBe("483");
  });

  it("modified_at is exactly YYYY-MM-DDTHH:mm:ss.SSSZ and a real instant", () => {
    for (const bad of [
      "2024-03-25T02:57:38Z",
      "2024-03-25T02:57:38.000+08:00",
      "2024-03-25 02:57:38.000Z",
      "2024-02-30T00:00:00.000Z",
      "2024-03-25T24:00:00.000Z",
      1711335458000,
    ]) {
      expect(detailOf(meta({ modified_at: bad }))).toMatch(/^meta\.modified_at: /);
    }
  });

  it("isRealInstant agrees with a Date round trip on every YYYY-MM-DDTHH:mm:ss.SSSZ string", () => {
    const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"));
    const instant = fc
      .tuple(digits(4, 9999), digits(2, 99), digits(2, 99), digits(2, 99), digits(2, 99), digits(2, 99), digits(3, 999))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    // Also near the calendar's edges, where random digits rarely land: month ends, leap days.
    const edgy = fc
      .tuple(
        fc.constantFrom("1900", "2000", "2023", "2024", "2100", "0000"),
        digits(2, 13),
        fc.constantFrom("28", "29", "30", "31", "00"),
      )
      .map(([y, mo, d]) => `${y}-${mo}-${d}T23:59:59.999Z`);
    const byDate = (value: string) => {
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString() === value;
    };
    fc.assert(
      fc.property(fc.oneof(instant, edgy), (value) => isRealInstant(value) === byDate(value)),
      { numRuns: 5000 },
    );
  });

  it("role is an enum; extension flags default false and accept strings", () => {
    expect(parseMeta(meta({ role: "commenter" }), docId).role).toBe("commenter");
    expect(detailOf(meta({ role: "owner" }))).toBe('meta.role: expected one of "contributor", "commenter", "auditor"');
    expect(parseMeta(meta({ role: null }), docId).role).toBeUndefined();
    const ext = parseMeta(meta({ extension: { trackChangeForceOn: "true" } }), docId).extension;
    expect(ext).toEqual({ previewWithTrackChange: false, trackChangeForceOn: true });
    expect(detailOf(meta({ extension: { previewWithTrackChange: "on" } }))).toBe(
      "meta.extension.previewWithTrackChange: expected boolean",
    );
  });

  it("optional fields: size, version, owner, modified_by; null means absent", () => {
    const parsed = parseMeta(
      meta({ size: "9897", version: 3, owner: { id: 7, name: "o" }, modified_by: null, created_at: "x" }),
      docId,
    );
    expect(parsed).toMatchObject({ size: 9897, version: "3", owner: { id: "7", name: "o" }, created_at: "x" });
    expect(parsed.modified_by).toBeUndefined();
    expect(detailOf(meta({ size: -1 }))).toBe("meta.size: must be at least 0");
    expect(detailOf(meta({ size: 1.5 }))).toMatch(/^meta\.size: /);
  });

  it("waterMark: lines, defaults and withData", () => {
    const wm = parseMeta(meta({ waterMark: { line1: "机密", line3: "张三", line2: "" } }), docId).waterMark;
    expect(wm).toEqual({
      lines: ["机密", "张三"],
      withDate: true,
      fontcolor: "#cecece",
      transparent: 70,
      rotation: 315,
      fontsize: 16,
      font: "黑体",
      spacing: 50,
    });
    const custom = parseMeta(
      meta({
        waterMark: {
          line1: "a",
          withData: "false",
          fontcolor: "#FF0000",
          transparent: "30",
          rotation: 45,
          fontsize: "24",
          font: "宋体",
          spacing: 10,
        },
      }),
      docId,
    ).waterMark;
    expect(custom).toEqual({
      lines: ["a"],
      withDate: false,
      fontcolor: "#FF0000",
      transparent: 30,
      rotation: 45,
      fontsize: 24,
      font: "宋体",
      spacing: 10,
    });
    expect(
      parseMeta(meta({ waterMark: { line1: "a", withDate: false, withData: true } }), docId).waterMark?.withDate,
    ).toBe(false);
    expect(parseMeta(meta({ waterMark: { withDate: true } }), docId).waterMark).toBeUndefined();
  });

  it("waterMark ranges and colours are checked and named", () => {
    expect(detailOf(meta({ waterMark: { line1: "a", transparent: 101 } }))).toBe(
      "meta.waterMark.transparent: must be at most 100",
    );
    expect(detailOf(meta({ waterMark: { line1: "a", rotation: -1 } }))).toBe(
      "meta.waterMark.rotation: must be at least 0",
    );
    expect(detailOf(meta({ waterMark: { line1: "a", rotation: 361 } }))).toBe(
      "meta.waterMark.rotation: must be at most 360",
    );
    expect(detailOf(meta({ waterMark: { line1: "a", fontsize: "big" } }))).toBe(
      "meta.waterMark.fontsize: expected number",
    );
    expect(detailOf(meta({ waterMark: { line1: "a", fontcolor: "red;background:url(x)" } }))).toBe(
      "meta.waterMark.fontcolor: expected a hex colour like #cecece",
    );
  });

  it("reports several problems at once and decodes end to end", () => {
    expect(detailOf({})).toBe(
      "meta.id: required; meta.name: required; meta.modified_at: required; meta.created_by: required; meta.permissions: required",
    );
    expect(decodeMeta(base64Json(meta()), docId).name).toBe("合同 contract.docx");
    expect(catchDocgate(() => decodeMeta("e30", docId)).detail).toContain("meta.id: required");
  });
});
