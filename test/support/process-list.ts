// Processes on this machine by command line: tests check that LibreOffice workers are gone, and wait
// for the workers of a killed docgate to finish cleaning up before removing their directories.
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

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
