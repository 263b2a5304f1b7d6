// Which watermark the editor draws: meta.waterMark, else the repo's template (issue 4, item 5) with
// its placeholders filled in. core's toWatermarkOnDraw turns the result into DS's watermark_on_draw.
import type { RepoConfig, UserInfo, WaterMark } from "@docgate/core";

export type WatermarkTemplate = NonNullable<RepoConfig["watermark"]>;

const PLACEHOLDER = /\{(user\.display_name|user\.email|user\.id|date)\}/g;

/** `YYYY-MM-DD` in the server's time zone (or the given one): what withDate appends. */
export function watermarkDateOf(now: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date(now))
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function editorWatermark(
  fromMeta: WaterMark | undefined,
  template: WatermarkTemplate | undefined,
  user: UserInfo,
  date: string,
): WaterMark | undefined {
  if (fromMeta) return fromMeta;
  if (!template) return undefined;
  const values: Record<string, string> = {
    "user.display_name": user.display_name,
    "user.email": user.email,
    "user.id": user.id,
    date,
  };
  // One pass: a value that itself contains "{date}" is never expanded again.
  const lines = template.lines.map((l) => l.replace(PLACEHOLDER, (_m, k: string) => values[k] ?? "").trim());
  const kept = lines.filter((l) => l !== "");
  if (kept.length === 0) return undefined;
  return { ...template, lines: kept };
}
