// Helpers shared by the preview pool tests.
import { readdirSync } from "node:fs";
import { DocgateError, type ErrorCode } from "@docgate/core";
import { expect } from "vitest";

export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<DocgateError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocgateError);
  expect((err as DocgateError).code).toBe(code);
  return err as DocgateError;
}

/**
 * UNO pipe socket files this test process's pools created (their names carry our pid). soffice
 * leaves them in /tmp when killed, so the worker removes them itself.
 */
export function ourPipeFiles(): string[] {
  const prefix = `OSL_PIPE_${process.getuid?.() ?? 0}_docgate-${process.pid}-`;
  return readdirSync("/tmp").filter((name) => name.startsWith(prefix));
}

/** Partial files the pool writes next to outputs; none may survive a conversion. */
export function partialFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".part"));
}
