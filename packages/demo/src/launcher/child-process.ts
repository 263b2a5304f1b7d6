// Child processes of the launcher. Each runs in its own process group, so a terminal's Ctrl-C reaches
// only the launcher, which then stops each child exactly once (SIGTERM, a grace period, then SIGKILL
// of the whole group), in order. Output goes to a log file, not the terminal.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

export interface ManagedChild {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** SIGTERM to the group, then SIGKILL after graceMs. Resolves when the process has exited. */
  stop(graceMs: number): Promise<void>;
  /** The last lines of the log, for error messages. */
  tail(lines?: number): string;
}

export function spawnManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string },
): ManagedChild {
  const fd = openSync(options.logFile, "a");
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? null : 0)));
    child.once("error", () => resolve(null));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    name,
    child,
    logFile: options.logFile,
    exited,
    stop: (graceMs) => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          signalGroup("SIGTERM");
          const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
          await exited;
          clearTimeout(timer);
        }
        // Anything the child left in its group (it should have stopped them itself).
        signalGroup("SIGKILL");
      })();
      return stopping;
    },
    tail: (lines = 20) => {
      try {
        return readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "";
      }
    },
  };
}

/** Polls `url` until it answers 2xx; fails early if the child exits. */
export async function waitForHealthy(url: string, child: ManagedChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | null | undefined;
  child.exited.then((code) => {
    exitedWith = code;
  });
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new Error(`${child.name} exited (code ${exitedWith}) before it was ready:\n${child.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${child.name} did not become healthy at ${url} within ${timeoutMs} ms:\n${child.tail()}`);
}
