// Worker lifecycle against a real soffice: timeouts, crashes, recycling, back-pressure.
// Each case owns a small pool so its counters and processes are its own.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { processesMatching } from "../../../../test/support/process-list.js";
import { requireTool } from "../../../../test/support/require-tool.js";
import { LibreOfficePool } from "../../src/engines/preview/libreoffice/libreoffice-pool.js";
import { pipeName } from "../../src/engines/preview/libreoffice/libreoffice-worker.js";
import type { LibreOfficePoolOptions } from "../../src/engines/preview/libreoffice/pool-options.js";
import { writeFixtures } from "./fixtures/files.js";
import { expectCode, ourPipeFiles, partialFiles } from "./support.js";

let dir: string;
let files: Record<string, string>;
const pools: LibreOfficePool[] = [];

function newPool(options: LibreOfficePoolOptions): LibreOfficePool {
  const pool = new LibreOfficePool({ workDir: dir, ...options });
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  await requireTool("soffice");
  await requireTool("python-uno");
  dir = mkdtempSync(join(tmpdir(), "docgate-preview-life-"));
  files = await writeFixtures(dir);
});

afterEach(async () => {
  for (const pool of pools.splice(0)) {
    await pool.close();
    expect(processesMatching(pool.rootDir)).toEqual([]);
    expect(existsSync(pool.rootDir)).toBe(false);
  }
  expect(ourPipeFiles()).toEqual([]);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Sandboxed (the default) and not (preview.sandbox "off" or "preferred" on a host without one): the
// clean-up paths differ. Unsandboxed, soffice's UNO pipe file is in the host's /tmp; sandboxed, it
// is in the sandbox's own /tmp and never appears there.
describe.each([
  ["sandboxed", "required"],
  ["unsandboxed", "off"],
] as const)("LibreOfficePool timeouts (%s)", (_, sandbox) => {
  it("kills a conversion at the limit with its whole process group, then replaces the worker", async () => {
    // Far below the minutes the heavy document needs, far above a small one even on a busy machine.
    const limit = 8000;
    const pool = newPool({ size: 1, jobTimeoutMs: limit, sandbox });
    expect(pool.sandbox.active).toBe(sandbox === "required");
    const out = join(dir, `timeout-out-${sandbox}`);
    // Warm up so the limit measures the conversion, not soffice's start-up.
    await pool.convert("warm", files["report.docx"]!, join(out, "warm.pdf"));
    const [hungDir] = pool.workerDirs();
    expect(processesMatching(hungDir!).length).toBeGreaterThan(0);
    const pipeOnHost = expect.stringContaining(pipeName(hungDir!));
    if (sandbox === "off") expect(ourPipeFiles()).toContainEqual(pipeOnHost);
    else expect(ourPipeFiles()).not.toContainEqual(pipeOnHost);

    const started = Date.now();
    const err = await expectCode(
      pool.convert("heavy", files["heavy.fodt"]!, join(out, "heavy.pdf")),
      "DOCGATE_CONVERSION_TIMEOUT",
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(limit);
    expect(elapsed).toBeLessThan(limit + 10_000);
    expect(err.status).toBe(504);
    // python, the soffice wrapper and soffice.bin are all gone, and so is their profile.
    expect(processesMatching(hungDir!)).toEqual([]);
    expect(existsSync(hungDir!)).toBe(false);
    // soffice leaves its pipe socket in /tmp when killed; the worker removed it.
    expect(ourPipeFiles()).not.toContainEqual(expect.stringContaining(pipeName(hungDir!)));
    expect(existsSync(join(out, "heavy.pdf"))).toBe(false);
    expect(partialFiles(out)).toEqual([]);

    const next = await pool.convert("after-timeout", files["report.docx"]!, join(out, "after.pdf"));
    expect(next.pages).toBe(1);
    expect(pool.workerDirs()).not.toContain(hungDir);
    expect(pool.stats()).toMatchObject({ timeouts: 1, restarts: 1, failures: 1, jobs: 3 });
  });
});

describe("LibreOfficePool limits on one conversion", () => {
  // The heavy document needs minutes of CPU and grows soffice well past 1 MiB: each limit below
  // trips on the first sample, long before the wall-clock timeout.
  it.each([
    ["memory", { memoryLimitBytes: 1024 * 1024 }],
    ["cpu", { cpuLimitMs: 1500 }],
  ] as const)(
    "stops a conversion over its %s limit with DOCGATE_CONVERSION_LIMIT and replaces the worker",
    async (limit, options) => {
      const pool = newPool({ size: 1, jobTimeoutMs: 120_000, ...options });
      const out = join(dir, `limit-out-${limit}`);
      const [firstDir] = pool.workerDirs();
      const err = await expectCode(
        pool.convert(`heavy-${limit}`, files["heavy.fodt"]!, join(out, "heavy.pdf")),
        "DOCGATE_CONVERSION_LIMIT",
      );
      expect(err.status).toBe(422);
      expect(err.message).toContain(`(${limit})`);
      expect(processesMatching(firstDir!)).toEqual([]);
      expect(existsSync(join(out, "heavy.pdf"))).toBe(false);
      expect(pool.stats()).toMatchObject({ limits: 1, restarts: 1, failures: 1 });
      // The replacement converts an ordinary document (a 1 MiB ceiling would stop it too, so the
      // memory case checks the replacement exists and starts rather than converting on it).
      await expect.poll(() => pool.workerDirs().filter((d) => d !== firstDir).length, { timeout: 30_000 }).toBe(1);
      if (limit === "cpu")
        expect((await pool.convert("after", files["report.docx"]!, join(out, "after.pdf"))).pages).toBe(1);
    },
  );
});

describe("LibreOfficePool crashes", () => {
  it("replaces a worker whose soffice dies while idle, before the next job reaches it", async () => {
    const pool = newPool({ size: 1 });
    const out = join(dir, "crash-out");
    await pool.convert("before-crash", files["report.docx"]!, join(out, "before.pdf"));
    const [crashedDir] = pool.workerDirs();
    const soffice = processesMatching(crashedDir!).find((line) => line.includes("soffice.bin"));
    expect(soffice).toBeDefined();
    process.kill(Number(soffice!.split(" ")[0]), "SIGKILL");
    await expect.poll(() => pool.stats().restarts, { timeout: 10_000 }).toBe(1);

    const next = await pool.convert("after-crash", files["report.docx"]!, join(out, "after.pdf"));
    expect(next.pages).toBe(1);
    expect(processesMatching(crashedDir!)).toEqual([]);
    expect(pool.stats().failures).toBe(0);
  });
});

describe("LibreOfficePool recycling", () => {
  it("replaces a worker after its job limit", async () => {
    const pool = newPool({ size: 1, maxJobsPerWorker: 2 });
    const out = join(dir, "recycle-out");
    const dirs: string[] = [];
    for (let i = 0; i < 3; i++) {
      dirs.push(...pool.workerDirs()); // the one worker this job will run on
      await pool.convert(`job-${i}`, files["report.docx"]!, join(out, `${i}.pdf`));
    }
    // Jobs 1 and 2 ran on the first worker; it was retired and job 3 ran on a new one.
    expect(dirs).toHaveLength(3);
    expect(dirs[1]).toBe(dirs[0]);
    expect(dirs[2]).not.toBe(dirs[0]);
    expect(pool.stats()).toMatchObject({ jobs: 3, recycles: 1, restarts: 0 });
    await expect.poll(() => processesMatching(dirs[0]!)).toEqual([]);
    expect(existsSync(dirs[0]!)).toBe(false);
  });

  it("replaces a worker whose soffice grew past the memory limit", async () => {
    // Any real soffice is larger than 1 MB, so every job trips the limit read from /proc.
    const pool = newPool({ size: 1, maxRssBytes: 1024 * 1024 });
    await pool.convert("rss-1", files["report.docx"]!, join(dir, "rss-out", "1.pdf"));
    expect(pool.stats().recycles).toBe(1);
    await pool.convert("rss-2", files["report.docx"]!, join(dir, "rss-out", "2.pdf"));
    expect(pool.stats().recycles).toBe(2);
  });
});

describe("LibreOfficePool back-pressure and start-up", () => {
  it("fails jobs instead of holding them when LibreOffice cannot start", async () => {
    const pool = newPool({ size: 1, pythonPath: join(dir, "no-such-python") });
    const started = Date.now();
    const out = join(dir, "broken-out");
    // Three starts fail (with back-off between them) before waiting jobs are given up.
    const err = await expectCode(
      pool.convert("b-1", files["report.docx"]!, join(out, "1.pdf")),
      "DOCGATE_CONVERSION_FAILED",
    );
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Later jobs are refused at once rather than queued behind a start that keeps failing.
    const again = Date.now();
    await expectCode(pool.convert("b-2", files["report.docx"]!, join(out, "2.pdf")), "DOCGATE_CONVERSION_FAILED");
    expect(Date.now() - again).toBeLessThan(500);
    expect(pool.stats()).toMatchObject({ jobs: 0, restarts: 0 });
  });

  it("refuses work beyond the queue bound with a retryable DOCGATE_PREVIEW_BUSY", async () => {
    const pool = newPool({ size: 1, maxQueue: 2 });
    const out = join(dir, "busy-out");
    // No worker is ready within this tick, so all three calls meet the queue.
    const accepted = [0, 1].map((i) => pool.convert(`q-${i}`, files["report.docx"]!, join(out, `${i}.pdf`)));
    const err = await expectCode(
      pool.convert("q-2", files["report.docx"]!, join(out, "2.pdf")),
      "DOCGATE_PREVIEW_BUSY",
    );
    expect(err.status).toBe(503);
    expect(err.retryable).toBe(true);
    expect(pool.stats()).toMatchObject({ rejected: 1, queueLength: 2 });
    for (const result of await Promise.all(accepted)) expect(result.pages).toBe(1);
    expect(pool.stats().queueLength).toBe(0);
  });

  it("returns from the constructor at once and starts lazily on the first job", async () => {
    const started = Date.now();
    const pool = newPool({ size: 2, eager: false });
    expect(Date.now() - started).toBeLessThan(200);
    expect(readdirSync(pool.rootDir)).toEqual([]);
    expect(pool.stats()).toMatchObject({ readyWorkers: 0, startingWorkers: 0 });
    const result = await pool.convert("lazy", files["report.docx"]!, join(dir, "lazy-out", "lazy.pdf"));
    expect(result.pages).toBe(1);
    expect(pool.workerDirs()).toHaveLength(2);
  });

  it("fails queued jobs with DOCGATE_UNAVAILABLE when closed, leaving nothing behind", async () => {
    const pool = newPool({ size: 1 });
    const out = join(dir, "close-out");
    const refused = expectCode(
      pool.convert("closing", files["report.docx"]!, join(out, "closing.pdf")),
      "DOCGATE_UNAVAILABLE",
    );
    await pool.close();
    await refused;
    expect(existsSync(join(out, "closing.pdf"))).toBe(false);
  });
});
