// Runs docgate as a real process (the same bin users run) for end-to-end tests.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { untilNoProcessMatches } from "./process-list.js";

export const REPO_ROOT = new URL("../../", import.meta.url).pathname;
const DOCGATE_BIN = join(REPO_ROOT, "packages/server/bin/docgate.js");

export interface RunningProcess {
  url: string;
  dir: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

/** A port that was free a moment ago (docgate must know its public URL before it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  timeoutMs?: number;
  /**
   * Send docgate's stdout and stderr to this file instead of a pipe into this process. Benchmarks use
   * it: a production docgate logs to a file or a log collector, not to a busy process that must read
   * every line (here, the one generating the load).
   */
  logFile?: string;
  /** Extra Node.js flags for the docgate process, e.g. `--cpu-prof` to profile a benchmark run. */
  nodeArgs?: string[];
  /** Extra environment variables for the docgate process. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts `docgate serve --config <file>` and waits for "docgate listening". Without server.port a
 * free port is chosen and publicUrl/internalUrl default to it.
 */
export async function startDocgate(
  config: Record<string, unknown>,
  options: StartOptions = {},
): Promise<RunningProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dir = mkdtempSync(join(tmpdir(), "docgate-e2e-"));
  const given = (config.server ?? {}) as Record<string, unknown>;
  const port = (given.port as number | undefined) ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const server = {
    host: "127.0.0.1",
    port,
    publicUrl: origin,
    internalUrl: origin,
    dataDir: join(dir, "data"),
    ...given,
  };
  const file = join(dir, "docgate.json");
  writeFileSync(file, JSON.stringify({ ...config, server }));
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, "w");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), DOCGATE_BIN, "serve", "--config", file], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production", ...options.env },
    stdio: logFd === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d) => {
    out += d.toString();
  });
  const output = () => (options.logFile === undefined ? out : readFileSync(options.logFile, "utf8"));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`docgate did not start in ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    // Stops once found: splitting the whole output on every chunk made a log-heavy run (the entry
    // benchmark writes a line per request) quadratic, in the process that also drives the load.
    const poll = logFd === undefined ? undefined : setInterval(() => check(), 50);
    const check = () => {
      const line = output()
        .split("\n")
        .find((l) => l.includes('"docgate listening"'));
      if (line) {
        clearTimeout(timer);
        clearInterval(poll);
        child.stdout?.off("data", check);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`docgate exited with ${code}:\n${output()}`));
    });
  });
  return {
    url,
    dir,
    child,
    output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => {
          // After a kill, docgate's LibreOffice workers may still be deleting their files in dir;
          // one still running after the wait is a defect, reported by rejecting.
          untilNoProcessMatches(dir).then(() => {
            rmSync(dir, { recursive: true, force: true });
            resolve(code);
          }, reject);
        });
        child.kill(signal);
      }),
  };
}
