// Shared zod building blocks for userinfo and meta (spec: entry 4). Business systems are often Java
// services whose serialisers write `"true"`, `"16"`, `null` or numeric ids; these helpers accept
// exactly those spellings and nothing looser, and every error names the field.
import { z } from "zod";
import type { ErrorCode } from "../errors/catalogue.js";
import { DocgateError } from "../errors/docgate-error.js";

/** `null` is how Java and .NET serialisers write an absent optional field. */
function nullToUndefined(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** A boolean, or the strings "true"/"false" (spec: entry 4, "Permission booleans may arrive as strings"). */
export function boolish() {
  return z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());
}

/** An optional boolean flag with a default; null counts as absent. */
export function flag(defaultValue: boolean) {
  return z.preprocess(nullToUndefined, boolish().optional()).transform((v) => v ?? defaultValue);
}

/** A number, or a decimal string of one (the spec's own default for fontsize is the string "16"). */
export function numberish(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && /^-?\d{1,16}(\.\d{1,9})?$/.test(v) ? Number(v) : v),
    z.number().min(min).max(max),
  );
}

/** An optional number with a default; null counts as absent. */
export function numberWithDefault(min: number, max: number, defaultValue: number) {
  return z.preprocess(nullToUndefined, numberish(min, max).optional()).transform((v) => v ?? defaultValue);
}

/** An identifier: a non-empty string, or an integer (written as a number by many serialisers). */
export function idString(max = 256) {
  return z.preprocess(
    (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
    z.string().min(1).max(max),
  );
}

/** Wraps any schema so that a missing or null field is undefined. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(nullToUndefined, schema.optional());
}

/** Free text that some serialisers write as a number (e.g. meta.version). */
export function textish(max = 256) {
  return z.preprocess((v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v), z.string().max(max));
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
