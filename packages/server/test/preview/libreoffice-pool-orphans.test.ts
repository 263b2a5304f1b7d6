// A server killed with SIGKILL cannot close its pool. Its LibreOffice workers notice (their stdin
// closes; unsandboxed, their parent pid changes too), kill their soffice and delete their own
// directories and UNO pipe files (sandboxed: the shell around the sandbox deletes the directory, and
// the pipe file lived in the sandbox's own /tmp); the next pool on the same work directory removes the
// empty pool directory. Real python + soffice, with and without the sandbox.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processesMatching } from "../../../../test/support/process-list.js";
import { requireTool } from "../../../../test/support/require-tool.js";
import { LibreOfficePool } from "../../src/engines/preview/libreoffice/libreoffice-pool.js";
import { officePipeFiles } from "../../src/engines/preview/libreoffice/process-group.js";
import type { SandboxMode } from "../../src/engines/preview/libreoffice/sandbox.js";
import { poolDirPrefixFor, startTime } from "../../src/engines/preview/libreoffice/stale-pool-dirs.js";
import { heavyFodt } from "./fixtures/odf.js";

const POOL_PROCESS = join(import.meta.dirname, "support/pool-process.ts");

interface Owner {
  child: ChildProcess;
  pid: number;
  rootDir: string;
  workerDirs: string[];
  workDir: string;
  /** The OSL_PIPE_* socket files its processes held just before the kill. */
  heldPipes: string[];
}

let dir: string;

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  dir = mkdtempSync(join(tmpdir(), "docgate-preview-orphans-"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts a pool (sandbox mode `sandbox`) in its own process, in a new work directory `name`;
 * resolves at its first report ("started", "ready" or "converting"). */
async function startOwner(
  sandbox: SandboxMode,
  name: string,
  report: "started" | "ready" | "converting",
  input?: string,
): Promise<Owner> {
  const workDir = join(dir, `${sandbox}-${name}`);
  mkdirSync(workDir, { recursive: true });
  // node --import tsx, not the tsx binary: that one runs the script in a child it would leave alive.
  const child = spawn(process.execPath, ["--import", "tsx", POOL_PROCESS, workDir, report, ...(input ? [input] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, POOL_SANDBOX: sandbox },
  });
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (first.done) throw new Error("the pool process exited before reporting");
  return { child, workDir, ...(JSON.parse(first.value) as Omit<Owner, "child" | "workDir">), heldPipes: [] };
}

async function kill9(owner: Owner): Promise<void> {
  const pids = processesMatching(owner.rootDir).map((line) => Number(line.split(" ")[0]));
  owner.heldPipes = officePipeFiles(pids);
  const exited = new Promise((resolve) => owner.child.once("exit", resolve));
  owner.child.kill("SIGKILL");
  await exited;
}

/** UNO pipe files of pools the given process started (their names carry its pid). */
function pipeFilesOf(pid: number): string[] {
  const prefix = `OSL_PIPE_${process.getuid?.() ?? 0}_docgate-${pid}-`;
  return readdirSync("/tmp").filter((name) => name.startsWith(prefix));
}

/** SIGKILLs the pool's process, then expects its workers to have cleaned up without it. */
async function killAndExpectCleanedUp(owner: Owner): Promise<void> {
  await kill9(owner);
  // How long the workers take is not the point; that they finish without the server is.
  await expect.poll(() => processesMatching(owner.rootDir), { timeout: 20_000, interval: 100 }).toEqual([]);
  for (const workerDir of owner.workerDirs) expect(existsSync(workerDir)).toBe(false);
  expect(pipeFilesOf(owner.pid)).toEqual([]);
  expect(owner.heldPipes.filter((path) => existsSync(path))).toEqual([]);
}

describe.each(["required", "off"] as const)("a pool (sandbox %s) whose process is killed with SIGKILL", (sandbox) => {
  it("has its idle workers kill soffice and remove their profiles, temp files and pipes", async () => {
    const owner = await startOwner(sandbox, "idle", "ready");
    expect(owner.workerDirs).toHaveLength(1);
    expect(processesMatching(owner.rootDir).some((p) => p.includes("soffice.bin"))).toBe(true);
    // Unsandboxed, soffice's pipe file is in the host's /tmp; sandboxed, never.
    expect(pipeFilesOf(owner.pid).length > 0).toBe(sandbox === "off");
    await killAndExpectCleanedUp(owner);
    expect(owner.heldPipes.length > 0).toBe(sandbox === "off");
  }, 90_000);

  it("has a worker killed before it ran clean up, the moment it runs", async () => {
    const owner = await startOwner(sandbox, "before", "started");
    expect(owner.workerDirs).toHaveLength(1);
    await killAndExpectCleanedUp(owner);
  }, 90_000);

  it("has a worker still waiting for soffice to accept connections clean up too", async () => {
    const owner = await startOwner(sandbox, "starting", "started");
    // soffice.bin takes a second or more to accept UNO connections; kill as soon as it exists.
    const sofficeRuns = () => processesMatching(owner.rootDir).some((p) => p.includes("soffice.bin"));
    await expect.poll(sofficeRuns, { timeout: 20_000, interval: 20 }).toBe(true);
    await killAndExpectCleanedUp(owner);
  }, 90_000);

  it("has a worker in the middle of a long conversion clean up without waiting for it", async () => {
    // The worker reads stdin only between jobs; this one would convert for minutes.
    const input = join(dir, `heavy-${sandbox}.fodt`);
    writeFileSync(input, heavyFodt(5000));
    await killAndExpectCleanedUp(await startOwner(sandbox, "converting", "converting", input));
  }, 90_000);

  it("leaves a directory that the next pool on the same work directory removes, and only that one", async () => {
    const owner = await startOwner(sandbox, "next", "ready");
    const { workDir } = owner;
    await killAndExpectCleanedUp(owner);
    expect(readdirSync(workDir)).toEqual([basename(owner.rootDir)]);
    // Kept: a live process's pool (pid 1 is always running) and another host's, whatever its pid.
    const live = `${poolDirPrefixFor(1, startTime(1)!)}aaaaaa`;
    const otherHost = `docgate-lo-not-${hostname()}-${owner.pid}.1-bbbbbb`;
    // Removed: pools of a pid that runs again, as a restarted container's docgate often does.
    const pidReused = [
      `${poolDirPrefixFor(1, String(Number(startTime(1)) + 1))}cccccc`,
      `${poolDirPrefixFor(process.pid, String(Number(startTime(process.pid)) - 1))}dddddd`,
    ];
    for (const name of [live, otherHost, ...pidReused]) mkdirSync(join(workDir, name, "w-1"), { recursive: true });

    const next = new LibreOfficePool({ workDir, size: 1, eager: false, sandbox });
    try {
      expect((await next.staleDirsRemoved).sort()).toEqual([basename(owner.rootDir), ...pidReused].sort());
      expect(readdirSync(workDir).sort()).toEqual([basename(next.rootDir), live, otherHost].sort());
    } finally {
      await next.close();
    }
  }, 90_000);
});
