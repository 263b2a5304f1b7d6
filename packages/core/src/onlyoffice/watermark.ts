// meta.waterMark (spec: entry 4) → document.options.watermark_on_draw (spec: onlyoffice 1; DS
// docs "watermark_on_draw": sizes in millimetres, font size in points, colours as [r, g, b]).
// The editor draws it on screen and in print; it is never written into the file.
import type { WaterMark } from "../entry/types.js";

export interface WatermarkRun {
  text: string;
  fill: [number, number, number];
  "font-family": string;
  "font-size": number;
  bold: boolean;
  italic: boolean;
  strikeout: boolean;
  underline: boolean;
}

export interface WatermarkParagraph {
  /** 2 = centred. */
  align: number;
  /** Paragraph highlight; [] = none. */
  fill: number[];
  linespacing: number;
  runs: WatermarkRun[];
}

export interface WatermarkOnDraw {
  /** Opacity of the drawing, 0..1. */
  transparent: number;
  type: "rect";
  width: number;
  height: number;
  rotate: number;
  margins: [number, number, number, number];
  /** Shape fill and stroke; [] = none, so only the text shows. */
  fill: number[];
  stroke: number[];
  "stroke-width": number;
  /** Vertical alignment in the shape: 1 = centre. */
  align: number;
  paragraphs: WatermarkParagraph[];
}

const PT_TO_MM = 25.4 / 72;
const PX_TO_MM = 25.4 / 96;
const LINE_HEIGHT = 1.2;
const MAX_MM = 400;

// Chinese font names as business systems send them → the family names fonts register under, which
// is what DS's font picker matches (an unknown name falls back to DS's default font).
const FONT_NAMES: Readonly<Record<string, string>> = {
  黑体: "SimHei",
  宋体: "SimSun",
  新宋体: "NSimSun",
  仿宋: "FangSong",
  楷体: "KaiTi",
  微软雅黑: "Microsoft YaHei",
};

/**
 * The mapping, field by field:
 * - line1..line4 → one paragraph each (one run); withDate appends " " + date to every line.
 * - fontcolor (#rgb, #rrggbb, #rrggbbaa; the alpha byte is ignored) → each run's fill [r, g, b].
 * - transparent: zOffice's 0-100 where smaller is *more* transparent is an opacity percentage; DS's
 *   `transparent` is the opacity it draws with (its own example uses 0.3 for a faint mark), so → /100.
 * - rotation: zOffice's degrees 0-360 turn clockwise on screen (315 "leans left", i.e. the text
 *   rises to the right; 45 "leans right"). DS's `rotate` is also clockwise in screen coordinates, as
 *   OOXML shape rotation is; its documented example -45 is the same rising diagonal. So the angle is
 *   kept and only normalised into (-180, 180]: 315 → -45, 45 → 45, 0 → 0.
 * - fontsize → "font-size" in points; font → "font-family" (Chinese names mapped to family names).
 * - spacing (pixels at 96 dpi, the gap around the text) → margins in millimetres on all four sides.
 * - width/height: DS needs the shape's size in millimetres; estimated from the text (CJK characters
 *   one em wide, others 0.55 em) plus the margins, capped at 400 mm.
 */
export function toWatermarkOnDraw(mark: WaterMark, date: string): WatermarkOnDraw {
  const lines = mark.lines.map((line) => (mark.withDate ? `${line} ${date}` : line));
  const fill = hexToRgb(mark.fontcolor);
  const family = FONT_NAMES[mark.font] ?? mark.font;
  const margin = round1(mark.spacing * PX_TO_MM);
  const widest = Math.max(...lines.map(textWidthEm));
  const width = round1(Math.min(MAX_MM, widest * mark.fontsize * PT_TO_MM + 2 * margin));
  const height = round1(Math.min(MAX_MM, lines.length * mark.fontsize * LINE_HEIGHT * PT_TO_MM + 2 * margin));
  return {
    transparent: Math.min(100, Math.max(0, mark.transparent)) / 100,
    type: "rect",
    width,
    height,
    rotate: normaliseRotation(mark.rotation),
    margins: [margin, margin, margin, margin],
    fill: [],
    stroke: [],
    "stroke-width": 0,
    align: 1,
    paragraphs: lines.map((text) => ({
      align: 2,
      fill: [],
      linespacing: 1,
      runs: [
        {
          text,
          fill,
          "font-family": family,
          "font-size": mark.fontsize,
          bold: false,
          italic: false,
          strikeout: false,
          underline: false,
        },
      ],
    })),
  };
}

/** Degrees into (-180, 180], same direction. */
export function normaliseRotation(degrees: number): number {
  const r = ((degrees % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
}

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace(/^#/, "");
  const full = h.length === 3 || h.length === 4 ? [...h.slice(0, 3)].map((c) => c + c).join("") : h.slice(0, 6);
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new RangeError(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55;
  return em;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
