// One resident LibreOffice: a uno-worker.py process that owns one soffice, its own profile
// directory and its own job directories, normally inside its own sandbox (sandbox.ts). It runs one
// job at a time; the pool decides what runs where.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type JobLimits, watchJob } from "./job-watch.js";
import { groupMembers, killGroupAndWait, memberNamed, officePipeFiles, residentBytes } from "./process-group.js";
import { sandboxedCommand, type WorkerLayout } from "./sandbox.js";
import { parseLine, type UnoReply, type UnoRequest } from "./uno-protocol.js";

export const UNO_WORKER_SCRIPT = fileURLToPath(new URL("./uno-worker.py", import.meta.url));

export interface WorkerOptions extends JobLimits {
  /** Parent directory; the worker creates and later deletes its own sub-directory. */
  rootDir: string;
  pythonPath: string;
  sofficePath: string;
  startupTimeoutMs: number;
  /** Run inside the bubblewrap sandbox (the pool has checked that this host can). */
  sandboxed: boolean;
  /** RLIMIT_AS of soffice: the kernel's hard stop behind the resident-set watch. */
  addressSpaceBytes: number;
  onStderr?: (line: string) => void;
}

/** The job ran past its limit; the worker has been killed. */
export class WorkerTimeoutError extends Error {}
/** The worker died (crash, kill, or close) before answering. */
export class WorkerDiedError extends Error {}

/** The UNO pipe of the worker living in `dir`: unique per worker, and traceable to its directory. */
export function pipeName(dir: string): string {
  return `docgate-${process.pid}-${basename(dir).slice(2)}`;
}

export class LibreOfficeWorker {
  /** This worker's directory: `profile/` (UserInstallation), `in/` and `out/` (the current job's
   * files; `in/` is read-only inside the sandbox) and, unsandboxed, `tmp/` (soffice's TMPDIR). */
  readonly dir: string;
  readonly layout: WorkerLayout;
  /** Resolves when soffice accepts conversions; rejects if it cannot start. */
  readonly ready: Promise<void>;
  jobs = 0;
  sofficePid: number | undefined;
  /** Called once if the process ends without destroy() having been asked for. */
  onUnexpectedExit: (() => void) | undefined;

  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private alive = true;
  /** Set once ready: a worker that dies before that is a failed start, reported through `ready`. */
  private started = false;
  /** The worker said its soffice died; it is about to exit and must not take another job. */
  private doomed = false;
  private destroying: Promise<void> | undefined;
  private pending: { id: number; settle: (reply: UnoReply | Error) => void } | undefined;
  private nextId = 1;
  /** soffice's socket files in /tmp, noted while it runs: a crashed soffice can no longer be asked. */
  private pipeFiles: string[] = [];

  constructor(private readonly options: WorkerOptions) {
    const id = randomBytes(8).toString("hex");
    this.dir = join(options.rootDir, `w-${id}`);
    this.layout = {
      dir: this.dir,
      profile: join(this.dir, "profile"),
      in: join(this.dir, "in"),
      out: join(this.dir, "out"),
    };
    for (const path of [this.layout.profile, this.layout.in, this.layout.out]) mkdirSync(path, { recursive: true });
    // detached: the worker leads a new process group that soffice joins, so killing the group on a
    // timeout takes soffice with it. A unique pipe name avoids the port clashes of socket mode.
    const { command, args, env } = this.command(options);
    this.child = spawn(command, args, { detached: true, stdio: ["pipe", "pipe", "pipe"], env });
    this.child.stdin?.on("error", () => {}); // EPIPE after a crash surfaces through 'exit' instead
    if (options.onStderr) createInterface({ input: this.child.stderr! }).on("line", options.onStderr);
    else this.child.stderr?.resume();
    this.exited = new Promise((resolve) => this.child.once("close", () => resolve()));
    this.ready = this.awaitReady(options.startupTimeoutMs);
    this.ready.catch(() => {}); // observed by the pool; never an unhandled rejection
  }

  private command(options: WorkerOptions): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
    const argv = [
      options.pythonPath,
      "-B", // no __pycache__ beside the script: the install may be read-only
      UNO_WORKER_SCRIPT,
      `--soffice=${options.sofficePath}`,
      `--profile-dir=${this.layout.profile}`,
      `--pipe-name=${pipeName(this.dir)}`,
      `--startup-timeout=${options.startupTimeoutMs / 1000}`,
      `--address-space-mb=${Math.ceil(options.addressSpaceBytes / 1024 / 1024)}`,
      // If this process dies without destroy() (SIGKILL, OOM kill), the worker sees its stdin close,
      // kills its soffice and deletes what it wrote (uno-worker.py, watch_server). Inside the sandbox
      // our pid is not visible, and the shell around the sandbox removes the directory.
      `--parent-pid=${options.sandboxed ? 0 : process.pid}`,
      `--work-dir=${this.dir}`,
    ];
    if (!options.sandboxed) {
      const tmp = join(this.dir, "tmp");
      mkdirSync(tmp);
      return { command: argv[0]!, args: argv.slice(1), env: { ...process.env, TMPDIR: tmp } };
    }
    // The sandbox starts from an empty environment: nothing of docgate's (secrets in variables
    // included) reaches LibreOffice.
    const env = { PATH: "/usr/bin:/bin", LANG: process.env.LANG ?? "C.UTF-8" };
    return { ...sandboxedCommand(this.layout, dirname(UNO_WORKER_SCRIPT), argv), env };
  }

  get isAlive(): boolean {
    return this.alive && !this.doomed && !this.destroying;
  }

  /** soffice.bin's resident set in bytes, for recycling a worker that has grown. */
  residentBytes(): number | undefined {
    return this.sofficePid ? residentBytes(this.sofficePid) : undefined;
  }

  private awaitReady(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`LibreOffice did not start within ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
        void this.destroy();
      };
      createInterface({ input: this.child.stdout! }).on("line", (line) => {
        const message = parseLine(line);
        if (message?.ready === true) {
          clearTimeout(timer);
          // Found from here: inside the sandbox's pid namespace the worker sees other numbers.
          this.sofficePid = this.child.pid ? memberNamed(this.child.pid, "soffice.bin") : undefined;
          if (this.child.pid) this.pipeFiles = officePipeFiles(groupMembers(this.child.pid));
          this.started = true;
          resolve();
        } else if (message?.ready === false) {
          fail(new Error(`LibreOffice failed to start: ${message.error ?? "unknown"}`));
        } else if (message && this.pending && message.id === this.pending.id) {
          if (message.fatal) this.doomed = true;
          this.pending.settle(message);
        }
      });
      const died = (why: string) => {
        if (!this.alive) return;
        this.alive = false;
        const unexpected = this.started && !this.destroying;
        const err = new WorkerDiedError(why);
        this.pending?.settle(err);
        fail(err); // also kills any soffice left behind and removes the directory
        if (unexpected) this.onUnexpectedExit?.();
      };
      this.child.once("exit", (code, signal) => died(`worker exited (code ${code}, signal ${signal})`));
      this.child.once("error", (err) => died(`worker could not run: ${err.message}`));
    });
  }

  /**
   * Runs one conversion. On timeout or a crossed limit the whole process group is killed before
   * this rejects (WorkerTimeoutError, WorkerLimitError).
   */
  run(request: Omit<UnoRequest, "id">, timeoutMs: number): Promise<UnoReply> {
    if (!this.isAlive) return Promise.reject(new WorkerDiedError("worker is not running"));
    if (this.pending) return Promise.reject(new Error("worker is busy"));
    const id = this.nextId++;
    this.jobs++;
    return new Promise<UnoReply>((resolve, reject) => {
      const abandon = (err: Error) => {
        if (this.pending?.id !== id) return;
        // Detach first so the exit caused by our own kill is not reported as a crash.
        this.pending = undefined;
        clearTimeout(timer);
        stopWatch();
        void this.destroy().then(() => reject(err));
      };
      const timer = setTimeout(() => abandon(new WorkerTimeoutError(`conversion exceeded ${timeoutMs} ms`)), timeoutMs);
      const stopWatch = this.sofficePid ? watchJob(this.sofficePid, this.options, abandon) : () => {};
      const settle = (outcome: UnoReply | Error) => {
        if (this.pending?.id !== id) return;
        clearTimeout(timer);
        stopWatch();
        this.pending = undefined;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      this.pending = { id, settle };
      this.child.stdin!.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  /** Kills python and soffice, waits until they are gone, then deletes the profile and temp files. */
  destroy(): Promise<void> {
    this.destroying ??= (async () => {
      const pgid = this.child.pid;
      const pipeFiles = new Set([...this.pipeFiles, ...(pgid ? officePipeFiles(groupMembers(pgid)) : [])]);
      if (pgid) await killGroupAndWait(pgid);
      await this.exited;
      await Promise.all([...pipeFiles].map((file) => rm(file, { force: true })));
      await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return this.destroying;
  }
}
