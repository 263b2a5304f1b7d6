// Shared zod building blocks for userinfo and meta (spec: entry 4). Business systems are often Java
// services whose serialisers write `"true"`, `"16"`, `null` or numeric ids; these helpers accept
// exactly those spellings and nothing looser, and every error names the field.
import { z } from "zod";
import type { ErrorCode } from "../errors/catalogue.js";
import { DocgateError } from "../errors/docgate-error.js";

// Each leaf is one z.transform that reads, converts and checks in a single step. The obvious spelling,
// z.preprocess(convert, z.boolean()) and friends, nests two or three schemas per field; meta has ~25
// fields and is parsed on every entry, and the nested form cost ~4x as much (bench/entry.ts profile).
// The issues raised are the ones zod itself would raise, so messages read the same (describeIssue).
type Ctx = z.core.$RefinementCtx;
type Basic = "boolean" | "number" | "string";

function invalidType(ctx: Ctx, input: unknown, expected: Basic | "int"): never {
  ctx.issues.push({ code: "invalid_type", expected, input } as z.core.$ZodRawIssue);
  return z.NEVER;
}

function tooSmall(ctx: Ctx, input: unknown, origin: "string" | "number", minimum: number): never {
  ctx.issues.push({ code: "too_small", origin, minimum, inclusive: true, input } as z.core.$ZodRawIssue);
  return z.NEVER;
}

function tooBig(ctx: Ctx, input: unknown, origin: "string" | "number", maximum: number): never {
  ctx.issues.push({ code: "too_big", origin, maximum, inclusive: true, input } as z.core.$ZodRawIssue);
  return z.NEVER;
}

/** `null` is how Java and .NET serialisers write an absent optional field. */
function absent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A boolean, or the strings "true"/"false" (spec: entry 4, "Permission booleans may arrive as strings"). */
function readBool(v: unknown): boolean | undefined {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return undefined;
}

/** A required boolean (or "true"/"false"). */
export function boolish() {
  return z.transform((v: unknown, ctx): boolean => readBool(v) ?? invalidType(ctx, v, "boolean"));
}

/** An optional boolean flag with a default; null counts as absent. */
export function flag(defaultValue: boolean) {
  return z.transform((v: unknown, ctx): boolean =>
    absent(v) ? defaultValue : (readBool(v) ?? invalidType(ctx, v, "boolean")),
  );
}

/** An optional boolean without a default: undefined when absent or null. */
export function optionalBool() {
  return z.transform((v: unknown, ctx): boolean | undefined =>
    absent(v) ? undefined : (readBool(v) ?? invalidType(ctx, v, "boolean")),
  );
}

const DECIMAL = /^-?\d{1,16}(\.\d{1,9})?$/;

/** A number, or a decimal string of one (the spec's own default for fontsize is the string "16"). */
function readNumber(v: unknown, min: number, max: number, ctx: Ctx, integer = false): number {
  const n = typeof v === "number" ? v : typeof v === "string" && DECIMAL.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) return invalidType(ctx, v, "number");
  if (integer && !Number.isInteger(n)) return invalidType(ctx, v, "int");
  if (n < min) return tooSmall(ctx, v, "number", min);
  if (n > max) return tooBig(ctx, v, "number", max);
  return n;
}

/** An optional number (or decimal string) with a default; null counts as absent. */
export function numberWithDefault(min: number, max: number, defaultValue: number) {
  return z.transform((v: unknown, ctx): number => (absent(v) ? defaultValue : readNumber(v, min, max, ctx)));
}

/** An optional integer (or decimal string of one): undefined when absent or null. */
export function optionalInteger(min: number, max: number) {
  return z.transform((v: unknown, ctx): number | undefined =>
    absent(v) ? undefined : readNumber(v, min, max, ctx, true),
  );
}

function checkLength(s: string, input: unknown, min: number, max: number, ctx: Ctx): string {
  if (s.length < min) return tooSmall(ctx, input, "string", min);
  if (s.length > max) return tooBig(ctx, input, "string", max);
  return s;
}

/** An identifier: a non-empty string, or an integer (written as a number by many serialisers). */
export function idString(max = 256) {
  return z.transform((v: unknown, ctx): string => {
    const s = typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v;
    return typeof s === "string" ? checkLength(s, v, 1, max, ctx) : invalidType(ctx, v, "string");
  });
}

/** An optional string of at most `max` characters: undefined when absent or null. */
export function optionalString(max: number) {
  return z.transform((v: unknown, ctx): string | undefined => {
    if (absent(v)) return undefined;
    return typeof v === "string" ? checkLength(v, v, 0, max, ctx) : invalidType(ctx, v, "string");
  });
}

/** Optional free text that some serialisers write as a number (e.g. meta.version); undefined when absent. */
export function optionalText(max = 256) {
  return z.transform((v: unknown, ctx): string | undefined => {
    if (absent(v)) return undefined;
    const s = typeof v === "number" && Number.isFinite(v) ? String(v) : v;
    return typeof s === "string" ? checkLength(s, v, 0, max, ctx) : invalidType(ctx, v, "string");
  });
}

/** An optional string that must match `pattern` (its `message` is what the error says). */
export function optionalPattern(pattern: RegExp, message: string) {
  return z.transform((v: unknown, ctx): string | undefined => {
    if (absent(v)) return undefined;
    if (typeof v !== "string") return invalidType(ctx, v, "string");
    if (pattern.test(v)) return v;
    ctx.issues.push({ code: "invalid_format", format: "regex", pattern: pattern.source, input: v, message });
    return z.NEVER;
  });
}

/** One of `values`, or undefined when absent or null. */
export function optionalEnum<const T extends readonly string[]>(values: T) {
  return z.transform((v: unknown, ctx): T[number] | undefined => {
    if (absent(v)) return undefined;
    if (typeof v === "string" && values.includes(v)) return v as T[number];
    ctx.issues.push({ code: "invalid_value", values: [...values], input: v });
    return z.NEVER;
  });
}

/** An optional object schema: undefined when absent or null. */
export function optionalObject<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/** An `{ id, name }` person reference (created_by, owner, modified_by). */
export function personRef() {
  return z.object({ id: idString(), name: z.string().max(256) });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    return issue.input === undefined ? "required" : `expected ${issue.expected}`;
  }
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1)
    return "must not be empty";
  if (issue.code === "too_small" || issue.code === "too_big") {
    const side = issue.code === "too_small" ? "at least" : "at most";
    const unit = issue.origin === "string" ? " characters" : "";
    return `must be ${side} ${String(issue.code === "too_small" ? issue.minimum : issue.maximum)}${unit}`;
  }
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return issue.message;
}

/**
 * Runs a schema and turns the first few issues into one DocgateError whose detail names each field,
 * e.g. `meta.permissions.write: expected boolean`.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  input: unknown,
  root: string,
  code: ErrorCode,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Parsed again for the message: reportInput (zod v4 leaves `input` off issues by default) tells
  // "required" from "wrong type", and costs more than the whole parse, so only failures pay for it.
  const reported = schema.safeParse(input, { reportInput: true });
  const issues = reported.success ? result.error.issues : reported.error.issues;
  const detail = issues
    .slice(0, 5)
    .map((issue) => `${[root, ...issue.path.map(String)].join(".")}: ${describeIssue(issue)}`)
    .join("; ");
  throw new DocgateError(code, { detail });
}
