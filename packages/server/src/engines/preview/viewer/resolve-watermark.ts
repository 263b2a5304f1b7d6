// Turns meta.waterMark (spec: entry 4) or the repo's default template (issue 4, item 5) into the
// exact values the viewer draws. Everything user-influenced is settled here, on the server, so the
// browser only ever draws finished strings as text (textContent), never as markup.
import type { RepoConfig, UserInfo, WaterMark } from "@docgate/core";

export type WatermarkTemplate = NonNullable<RepoConfig["watermark"]>;

export interface ResolvedWatermark {
  /** One to four lines, placeholders substituted and the date appended when withDate is on. */
  lines: string[];
  /** A hex colour (#rgb, #rrggbb or #rrggbbaa). */
  color: string;
  /** 0-1: spec `transparent` / 100 (smaller = more transparent). */
  opacity: number;
  /**
   * On-screen clockwise degrees for CSS rotate() and canvas rotate() (both turn clockwise on a
   * y-down screen), in (-180, 180]. spec rotation 315 becomes -45: the baseline rises to the right
   * and each glyph's top leans left ("315 leans left"); 45 falls to the right and leans right; 0 is flat.
   */
  angle: number;
  /** CSS pixels. */
  fontSize: number;
  /** A complete CSS font-family list ending in CJK sans fallbacks and `sans-serif`. */
  fontFamily: string;
  /** CSS pixels between tiles, both between rows and between columns. */
  spacing: number;
}

export interface ResolveWatermarkInput {
  /** meta.waterMark as parsed by core; wins over the template. */
  waterMark?: WaterMark | undefined;
  /** The repo's default, used only when meta has no watermark. */
  template?: WatermarkTemplate | undefined;
  user: UserInfo;
  now: Date | number;
  /** IANA zone for {date} and withDate; the server's zone when omitted. */
  timeZone?: string;
}

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const PLACEHOLDER = /\{(user\.display_name|user\.email|user\.id|date)\}/g;
const MAX_LINE = 300;

// Windows names business systems send (黑体 is the spec's default) and what Linux/macOS ship instead.
const FONT_ALIASES: Record<string, string[]> = {
  黑体: ["SimHei"],
  宋体: ["SimSun"],
  微软雅黑: ["Microsoft YaHei"],
  楷体: ["KaiTi"],
  仿宋: ["FangSong"],
};
const CJK_FALLBACK = ['"Noto Sans CJK SC"', '"Source Han Sans SC"', '"Microsoft YaHei"', '"PingFang SC"', "sans-serif"];

/** `YYYY-MM-DD` in the given zone: unambiguous in both page languages. */
export function watermarkDate(now: Date | number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(typeof now === "number" ? new Date(now) : now)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Spec degrees (0-360, any number tolerated) to clockwise screen degrees in (-180, 180]. */
export function screenAngle(rotation: number): number {
  const r = ((clamp(rotation, -1e6, 1e6, 315) % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
}

/** A font name reduced to letters, digits, spaces, '-' and '_', so it can be quoted in CSS safely. */
export function fontFamilyList(font: string | undefined): string {
  const name = (font ?? "").replace(/[^\p{L}\p{N} _-]/gu, "").trim();
  const names = name ? [name, ...(FONT_ALIASES[name] ?? [])].map((n) => `"${n}"`) : [];
  return [...new Set([...names, ...CJK_FALLBACK])].join(", ");
}

function substitute(line: string, user: UserInfo, date: string): string {
  // One pass over the template: a value that itself contains "{date}" is never expanded again.
  const values: Record<string, string> = {
    "user.display_name": user.display_name,
    "user.email": user.email,
    "user.id": user.id,
    date,
  };
  return line.replace(PLACEHOLDER, (_m, key: string) => values[key] ?? "");
}

function cleanLine(line: string): string {
  // Control characters (newlines included) would break a tile's layout; the spec has one line per field.
  return line
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim()
    .slice(0, MAX_LINE);
}

/**
 * The watermark the viewer must draw, or null when neither meta nor the repo asks for one.
 * Placeholders ({user.display_name}, {user.email}, {user.id}, {date}) are substituted in both sources.
 */
export function resolveWatermark(input: ResolveWatermarkInput): ResolvedWatermark | null {
  const source = input.waterMark ?? input.template;
  if (!source) return null;
  const date = watermarkDate(input.now, input.timeZone);
  const lines = source.lines
    .slice(0, 4)
    .map((l) => cleanLine(substitute(l, input.user, date)))
    .filter((l) => l !== "")
    .map((l) => (source.withDate ? `${l} ${date}` : l));
  if (lines.length === 0) return null;
  return {
    lines,
    color: HEX_COLOUR.test(source.fontcolor) ? source.fontcolor : "#cecece",
    opacity: clamp(source.transparent, 0, 100, 70) / 100,
    angle: screenAngle(source.rotation),
    fontSize: clamp(source.fontsize, 1, 400, 16),
    fontFamily: fontFamilyList(source.font),
    spacing: clamp(source.spacing, 0, 2000, 50),
  };
}
