// Helpers shared by the preview pool tests.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { DocgateError, type ErrorCode } from "@docgate/core";
import { expect } from "vitest";

/** Processes whose command line mentions `text` (a worker or pool directory), via pgrep -f. */
export function processesMatching(text: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", text], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch (err) {
    if ((err as { status?: number }).status === 1) return []; // pgrep: nothing matched
    throw err;
  }
}

/**
 * Waits until no process mentions `text`, for teardown code where expect.poll is not allowed:
 * killed servers' LibreOffice workers clean up after themselves, and removing a directory under
 * them would race their last writes. Throws with what is left after `timeoutMs`.
 */
export async function untilNoProcessMatches(text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesMatching(text);
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still running after ${timeoutMs} ms:\n${left.join("\n")}`);
    await sleep(100);
  }
}

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
