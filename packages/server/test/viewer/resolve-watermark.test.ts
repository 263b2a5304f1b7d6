import { parseMeta, type UserInfo } from "@docgate/core";
import { describe, expect, it } from "vitest";
import {
  fontFamilyList,
  resolveWatermark,
  screenAngle,
  type WatermarkTemplate,
  watermarkDate,
} from "../../src/engines/preview/viewer/resolve-watermark.js";

const USER: UserInfo = { id: "301", display_name: "张三 Zhang San", email: "zhangsan@example.com" };
const NOW = Date.UTC(2024, 2, 25, 8, 0); // 2024-03-25 16:00 in Shanghai

/** meta.waterMark exactly as core parses it from what a business system sends (spec: entry 4). */
function metaWaterMark(waterMark: Record<string, unknown>) {
  const meta = parseMeta(
    {
      id: "d1",
      name: "a.docx",
      modified_at: "2024-03-25T02:57:38.000Z",
      created_by: { id: "1", name: "n" },
      permissions: { read: true, write: false },
      waterMark,
    },
    "d1",
  );
  return meta.waterMark;
}

function template(overrides: Partial<WatermarkTemplate> = {}): WatermarkTemplate {
  return {
    lines: ["{user.display_name}", "{user.email} #{user.id}"],
    withDate: false,
    fontcolor: "#cecece",
    transparent: 70,
    rotation: 315,
    fontsize: 16,
    font: "黑体",
    spacing: 50,
    ...overrides,
  };
}

describe("resolveWatermark: meta.waterMark", () => {
  it("maps every field", () => {
    const w = resolveWatermark({
      waterMark: metaWaterMark({
        line1: "机密 Confidential",
        line2: "line two",
        line3: "line three",
        line4: "line four",
        withDate: false,
        fontcolor: "#ff0000",
        transparent: 40,
        rotation: 45,
        fontsize: "24",
        font: "宋体",
        spacing: 120,
      }),
      user: USER,
      now: NOW,
      timeZone: "UTC",
    });
    expect(w).toEqual({
      lines: ["机密 Confidential", "line two", "line three", "line four"],
      color: "#ff0000",
      opacity: 0.4,
      angle: 45,
      fontSize: 24,
      fontFamily:
        '"宋体", "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      spacing: 120,
    });
  });

  it("applies the spec defaults: date on, #cecece, 70, 315 (leans left: -45 on screen), 16, 黑体, 50", () => {
    const w = resolveWatermark({ waterMark: metaWaterMark({ line1: "only" }), user: USER, now: NOW, timeZone: "UTC" });
    expect(w).toEqual({
      lines: ["only 2024-03-25"],
      color: "#cecece",
      opacity: 0.7,
      angle: -45,
      fontSize: 16,
      fontFamily:
        '"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      spacing: 50,
    });
  });

  it("withDate appends the date to every line; the withData spelling is accepted too", () => {
    const on = resolveWatermark({
      waterMark: metaWaterMark({ line1: "a", line3: "c", withDate: "true" }),
      user: USER,
      now: NOW,
      timeZone: "UTC",
    });
    expect(on?.lines).toEqual(["a 2024-03-25", "c 2024-03-25"]);
    const off = resolveWatermark({
      waterMark: metaWaterMark({ line1: "a", withData: false }),
      user: USER,
      now: NOW,
      timeZone: "UTC",
    });
    expect(off?.lines).toEqual(["a"]);
  });

  it("wins over the repo template", () => {
    const w = resolveWatermark({
      waterMark: metaWaterMark({ line1: "from meta" }),
      template: template(),
      user: USER,
      now: NOW,
    });
    expect(w?.lines[0]).toMatch(/^from meta /);
  });

  it("keeps markup as plain text: escaping is the page template's job", () => {
    const payload = `</script><img src=x onerror=alert(1)>`;
    const w = resolveWatermark({ waterMark: metaWaterMark({ line1: payload, withDate: false }), user: USER, now: NOW });
    expect(w?.lines).toEqual([payload]);
  });
});

describe("resolveWatermark: the repo template", () => {
  it("is used when meta has none, with placeholders substituted on the server", () => {
    const w = resolveWatermark({ template: template(), user: USER, now: NOW, timeZone: "UTC" });
    expect(w?.lines).toEqual(["张三 Zhang San", "zhangsan@example.com #301"]);
  });

  it("substitutes {date} in the configured time zone, and withDate appends it", () => {
    const late = Date.UTC(2024, 2, 25, 20, 0); // already the 26th in Shanghai
    const w = resolveWatermark({
      template: template({ lines: ["viewed {date}"], withDate: true }),
      user: USER,
      now: late,
      timeZone: "Asia/Shanghai",
    });
    expect(w?.lines).toEqual(["viewed 2024-03-26 2024-03-26"]);
  });

  it("substitutes in one pass: a display name containing a placeholder stays literal", () => {
    const w = resolveWatermark({
      template: template({ lines: ["{user.display_name}"] }),
      user: { ...USER, display_name: "{date} {user.email}" },
      now: NOW,
    });
    expect(w?.lines).toEqual(["{date} {user.email}"]);
  });

  it("leaves unknown placeholders alone and drops lines that end up empty", () => {
    const w = resolveWatermark({
      template: template({ lines: ["{user.phone}", "{user.id}", "  "] }),
      user: { ...USER, id: "7" },
      now: NOW,
    });
    expect(w?.lines).toEqual(["{user.phone}", "7"]);
  });

  it("strips control characters so a line stays one line", () => {
    const w = resolveWatermark({
      template: template({ lines: ["{user.display_name}"] }),
      user: { ...USER, display_name: "a\nb\u0000c" },
      now: NOW,
    });
    expect(w?.lines).toEqual(["a b c"]);
  });
});

describe("resolveWatermark: nothing to draw", () => {
  it("is null without meta or template", () => {
    expect(resolveWatermark({ user: USER, now: NOW })).toBeNull();
  });

  it("is null when every template line resolves to nothing", () => {
    expect(resolveWatermark({ template: template({ lines: ["\n", " "] }), user: USER, now: NOW })).toBeNull();
  });
});

describe("watermark helpers", () => {
  it("maps spec rotation to clockwise screen degrees in (-180, 180]", () => {
    expect([0, 45, 90, 180, 181, 270, 315, 360].map(screenAngle)).toEqual([0, 45, 90, 180, -179, -90, -45, 0]);
  });

  it("reduces a font name to safe characters before quoting it for CSS", () => {
    expect(fontFamilyList(`x"; } body { display:none`)).toMatch(/^"x {2}body {2}displaynone", "Noto Sans CJK SC"/);
    expect(fontFamilyList("")).toBe(
      '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
    );
  });

  it("formats the date as YYYY-MM-DD", () => {
    expect(watermarkDate(new Date(Date.UTC(2024, 0, 5, 12)), "UTC")).toBe("2024-01-05");
  });
});
