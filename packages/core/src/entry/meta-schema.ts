// The meta parameter (spec: entry 4). Unknown fields are ignored; every error names its field.
import { z } from "zod";
import { DocgateError } from "../errors/docgate-error.js";
import { decodeBase64Json } from "./base64-json.js";
import {
  boolish,
  flag,
  idString,
  numberWithDefault,
  optionalBool,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalPattern,
  optionalString,
  optionalText,
  parseOrThrow,
  personRef,
} from "./schema-helpers.js";
import type { Meta, WaterMark } from "./types.js";

/** spec: entry 4, modified_at is `YYYY-MM-DDTHH:mm:ss.SSSZ` (UTC); it is the cache key, so exact. */
const MODIFIED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A real calendar instant, for a value MODIFIED_AT has matched: rejects 2020-02-30, 24:00 and :60.
 * Arithmetic on the fixed positions, not a Date round trip: parsing a date costs more than the whole
 * rest of meta's validation, on every entry (bench/entry.ts).
 */
export function isRealInstant(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  const second = Number(value.slice(17, 19));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const permissionsSchema = z
  .object({
    read: boolish(),
    write: boolish(),
    download: flag(false),
    print: flag(false),
    copy: optionalBool(),
  })
  // spec: entry 4, "copy: default: same as download".
  .transform((p) => ({
    read: p.read,
    write: p.write,
    download: p.download,
    print: p.print,
    copy: p.copy ?? p.download,
  }));

/**
 * fontcolor reaches CSS and the editor's watermark options: only hex colours, so a value can never
 * smuggle other CSS through.
 */
const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

const waterMarkSchema = z
  .object({
    line1: optionalText(200),
    line2: optionalText(200),
    line3: optionalText(200),
    line4: optionalText(200),
    withDate: optionalBool(),
    // zOffice's own documentation spells it `withData` in places; both are accepted (spec: entry 4).
    withData: optionalBool(),
    fontcolor: optionalPattern(HEX_COLOUR, "expected a hex colour like #cecece"),
    transparent: numberWithDefault(0, 100, 70),
    rotation: numberWithDefault(0, 360, 315),
    fontsize: numberWithDefault(1, 400, 16),
    font: optionalString(64),
    spacing: numberWithDefault(0, 10_000, 50),
  })
  .transform((w): WaterMark | undefined => {
    const lines = [w.line1, w.line2, w.line3, w.line4].filter((l): l is string => typeof l === "string" && l !== "");
    // Without text there is nothing to draw; consumers then need only test `meta.waterMark`.
    if (lines.length === 0) return undefined;
    return {
      lines,
      withDate: w.withDate ?? w.withData ?? true,
      fontcolor: w.fontcolor ?? "#cecece",
      transparent: w.transparent,
      rotation: w.rotation,
      fontsize: w.fontsize,
      font: w.font || "黑体",
      spacing: w.spacing,
    };
  });

const extensionSchema = z.object({ previewWithTrackChange: flag(false), trackChangeForceOn: flag(false) });

export const metaSchema = z
  .object({
    id: idString(),
    name: z.string().min(1).max(1024),
    modified_at: z
      .string()
      .regex(MODIFIED_AT, "expected YYYY-MM-DDTHH:mm:ss.SSSZ")
      .refine(isRealInstant, "not a real date and time"),
    size: optionalInteger(0, Number.MAX_SAFE_INTEGER),
    version: optionalText(),
    created_at: optionalString(64),
    created_by: personRef(),
    owner: optionalObject(personRef()),
    modified_by: optionalObject(personRef()),
    permissions: permissionsSchema,
    role: optionalEnum(["contributor", "commenter", "auditor"]),
    extension: optionalObject(extensionSchema),
    waterMark: optionalObject(waterMarkSchema),
  })
  .transform((m): Meta => {
    const meta: Meta = {
      id: m.id,
      name: m.name,
      modified_at: m.modified_at,
      created_by: m.created_by,
      permissions: m.permissions,
      extension: m.extension ?? { previewWithTrackChange: false, trackChangeForceOn: false },
    };
    if (m.size !== undefined) meta.size = m.size;
    if (m.version !== undefined) meta.version = m.version;
    if (m.created_at !== undefined) meta.created_at = m.created_at;
    if (m.owner !== undefined) meta.owner = m.owner;
    if (m.modified_by !== undefined) meta.modified_by = m.modified_by;
    if (m.role !== undefined) meta.role = m.role;
    if (m.waterMark !== undefined) meta.waterMark = m.waterMark;
    return meta;
  });

/** Validates decoded meta JSON for `docId`; throws DOCGATE_META_INVALID naming the field. */
export function parseMeta(json: unknown, docId: string): Meta {
  const meta = parseOrThrow(metaSchema, json, "meta", "DOCGATE_META_INVALID");
  // spec: entry 4, "id: must equal docId": one id = one file, so a mismatch is a signer bug.
  if (meta.id !== docId) throw new DocgateError("DOCGATE_META_INVALID", { detail: "meta.id: must equal docId" });
  return meta;
}

/** Decodes and validates the meta parameter as received (after URL decoding). */
export function decodeMeta(param: string, docId: string): Meta {
  return parseMeta(decodeBase64Json(param, "meta", "DOCGATE_META_INVALID"), docId);
}
