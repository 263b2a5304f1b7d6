import { describe, expect, it } from "vitest";
import type { WaterMark } from "../../src/entry/types.js";
import { hexToRgb, normaliseRotation, toWatermarkOnDraw } from "../../src/onlyoffice/watermark.js";

const mark: WaterMark = {
  lines: ["李明 liming@lenovo.com", "张三"],
  withDate: true,
  fontcolor: "#fD4147",
  transparent: 30,
  rotation: 315,
  fontsize: 72,
  font: "黑体",
  spacing: 50,
};

describe("meta.waterMark → watermark_on_draw (spec: entry 4, onlyoffice 1)", () => {
  it("maps lines to paragraphs with one run each, appending the date when withDate", () => {
    const w = toWatermarkOnDraw(mark, "2024-05-06");
    expect(w.paragraphs.map((p) => p.runs.map((r) => r.text))).toEqual([
      ["李明 liming@lenovo.com 2024-05-06"],
      ["张三 2024-05-06"],
    ]);
    expect(w.paragraphs.every((p) => p.align === 2 && p.fill.length === 0)).toBe(true);
  });

  it("leaves the date out when withDate is false", () => {
    const w = toWatermarkOnDraw({ ...mark, withDate: false }, "2024-05-06");
    expect(w.paragraphs.map((p) => p.runs[0]!.text)).toEqual(mark.lines);
  });

  it("fontcolor → run fill [r,g,b]; fontsize → font-size (pt); font → family name", () => {
    const run = toWatermarkOnDraw(mark, "d").paragraphs[0]!.runs[0]!;
    expect(run.fill).toEqual([253, 65, 71]);
    expect(run["font-size"]).toBe(72);
    expect(run["font-family"]).toBe("SimHei");
    expect(toWatermarkOnDraw({ ...mark, font: "Arial" }, "d").paragraphs[0]!.runs[0]!["font-family"]).toBe("Arial");
  });

  it("transparent 0-100 (smaller = more transparent) → opacity 0..1", () => {
    expect(toWatermarkOnDraw(mark, "d").transparent).toBe(0.3);
    expect(toWatermarkOnDraw({ ...mark, transparent: 70 }, "d").transparent).toBe(0.7);
    expect(toWatermarkOnDraw({ ...mark, transparent: 0 }, "d").transparent).toBe(0);
    expect(toWatermarkOnDraw({ ...mark, transparent: 100 }, "d").transparent).toBe(1);
  });

  it("rotation keeps its (clockwise) direction, normalised: 315 leans left → -45, 45 → 45, 0 → 0", () => {
    expect(toWatermarkOnDraw(mark, "d").rotate).toBe(-45);
    expect(toWatermarkOnDraw({ ...mark, rotation: 45 }, "d").rotate).toBe(45);
    expect(toWatermarkOnDraw({ ...mark, rotation: 0 }, "d").rotate).toBe(0);
    expect(normaliseRotation(360)).toBe(0);
    expect(normaliseRotation(180)).toBe(180);
    expect(normaliseRotation(270)).toBe(-90);
  });

  it("spacing (px) → margins (mm) on all sides; the shape is sized from the text", () => {
    const w = toWatermarkOnDraw(mark, "2024-05-06");
    expect(w.margins).toEqual([13.2, 13.2, 13.2, 13.2]);
    expect(w.width).toBeGreaterThan(w.height);
    expect(w.width).toBeLessThanOrEqual(400);
    const small = toWatermarkOnDraw({ ...mark, fontsize: 16, withDate: false, lines: ["A"] }, "d");
    expect(small.width).toBeLessThan(w.width);
    expect(small.height).toBeLessThan(w.height);
    expect(w.type).toBe("rect");
    expect(w.fill).toEqual([]);
    expect(w.stroke).toEqual([]);
  });

  it("hexToRgb accepts #rgb, #rrggbb and #rrggbbaa", () => {
    expect(hexToRgb("#cecece")).toEqual([206, 206, 206]);
    expect(hexToRgb("#fff")).toEqual([255, 255, 255]);
    expect(hexToRgb("#11223344")).toEqual([17, 34, 51]);
    expect(() => hexToRgb("red")).toThrow(RangeError);
  });
});
