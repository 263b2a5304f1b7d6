// `npm run demo` as a person runs it: one command brings up the emulator, docgate and the demo, prints
// working links, and Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it)
// stops every process it started, LibreOffice workers included. A second run keeps the data and
// secrets, and a plain SIGTERM to the launcher also stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../test/support/processes.js";

const dataDir = mkdtempSync(join(tmpdir(), "docgate-run-demo-"));
const started: ChildProcess[] = [];

afterAll(() => {
  // Only if a test failed half-way: never leave a demo running.
  for (const child of started) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
  for (const pid of processesOf(dataDir, "")) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** Live processes that carry `marker` in their environment or mention `dir` on their command line. */
function processesOf(dir: string, marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8");
      const state = /\) (\w)/.exec(readFileSync(`/proc/${entry}/stat`, "utf8"))?.[1];
      if (state === "Z") continue;
      if ((marker !== "" && environ.includes(`DEMO_TEST_MARKER=${marker}`)) || cmdline.includes(dir)) {
        found.push(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

interface Run {
  child: ChildProcess;
  marker: string;
  output(): string;
  ready: Promise<void>;
  /** After the process and everyone holding its output pipe (the launcher) are gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string, args: string[], env: Record<string, string>): Run {
  const marker = randomUUID();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, DEMO_DATA_DIR: dataDir, DEMO_TEST_MARKER: marker, ONLYOFFICE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, like a shell job: the group gets the terminal's Ctrl-C
  });
  started.push(child);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d) => {
    out += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${out}`)), 120_000);
    child.stdout?.on("data", () => {
      if (out.includes("Press Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${out}`));
    });
  });
  return { child, marker, output: () => out, ready, exited };
}

function printed(out: string, label: string): string {
  const match = new RegExp(`${label}:\\s+(\\S+)`).exec(out);
  if (!match) throw new Error(`no "${label}" in:\n${out}`);
  return match[1]!;
}

async function waitForExit(run: Run, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return Promise.race([
    run.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running:\n${run.output()}`)), ms)),
  ]);
}

async function eventuallyNone(dir: string, marker: string): Promise<number[]> {
  const deadline = Date.now() + 5_000;
  let left = processesOf(dir, marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    left = processesOf(dir, marker);
  }
  return left;
}

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe("npm run demo", () => {
  it("starts everything, prints links that work, and Ctrl-C stops every process", async () => {
    const busy = await holdPort();
    const run = start("npm", ["run", "demo"], {
      DOCGATE_PORT: "0",
      EMULATOR_PORT: "0",
      DEMO_PORT: String(busy.port),
    });
    try {
      await run.ready;
    } finally {
      busy.server.close();
    }
    const out = run.output();
    expect(out).toContain(`Port ${busy.port} (demo business system) is busy; using`);
    expect(out).toMatch(
      /ONLYOFFICE emulator at http:\/\/127\.0\.0\.1:\d+ \(an emulator for tests, NOT the real Document Server\)/,
    );
    expect(out).toContain("Seeded 6 sample documents");
    const home = printed(out, "Demo business system");
    const preview = printed(out, "Preview a sample");
    const docgate = printed(out, "docgate");
    expect(home).toMatch(/^http:\/\/localhost:\d+\/$/);

    const page = await fetch(home);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/data-testid="document-row"/g)).toHaveLength(6);
    expect(html).toContain('data-editor="emulator"');

    // The printed preview link signs at click time and hands over to docgate, which accepts it.
    const click = await fetch(preview, { redirect: "manual" });
    expect(click.status).toBe(302);
    const entry = click.headers.get("location") as string;
    expect(entry.startsWith(`${docgate}/docs/app/driver-callback?`)).toBe(true);
    const accepted = await fetch(entry, { redirect: "manual" });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toMatch(/\/s\/[0-9a-f]{12}[A-Za-z0-9_-]{43}$/);

    // Secrets are random, kept in the data directory, readable by the owner only.
    expect(statSync(join(dataDir, "secrets.json")).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(join(dataDir, "docgate.json"), "utf8"));
    expect(config.repos[0].frameAncestors).toContain(home.replace(/\/$/, ""));
    expect(config.repos[0].secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const before = processesOf(dataDir, run.marker);
    expect(before.length).toBeGreaterThanOrEqual(4); // npm, tsx, the launcher, emulator, docgate, workers

    process.kill(-run.child.pid!, "SIGINT");
    // npm itself may die of the SIGINT, as it does in a terminal; the launcher must have finished its stop.
    const { code, signal } = await waitForExit(run, 45_000);
    expect(code === 0 || signal === "SIGINT").toBe(true);
    expect(run.output()).toContain("Stopped.");
    expect(await eventuallyNone(dataDir, run.marker)).toEqual([]);
  }, 180_000);

  it("keeps data and secrets on the next run, and stops everything on SIGTERM to the launcher alone", async () => {
    const secrets = readFileSync(join(dataDir, "secrets.json"), "utf8");
    const run = start(join(REPO_ROOT, "node_modules/.bin/tsx"), ["packages/demo/src/run-demo.ts"], {
      DOCGATE_PORT: "0",
      EMULATOR_PORT: "0",
      DEMO_PORT: "0",
    });
    await run.ready;
    expect(run.output()).not.toContain("Seeded");
    expect(run.output()).not.toContain("Generated new random secrets");
    expect(readFileSync(join(dataDir, "secrets.json"), "utf8")).toBe(secrets);
    const html = await (await fetch(printed(run.output(), "Demo business system"))).text();
    expect(html.match(/data-testid="document-row"/g)).toHaveLength(6);

    run.child.kill("SIGTERM"); // only the launcher, as a service manager would
    expect(await waitForExit(run, 45_000)).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain("Stopped.");
    expect(await eventuallyNone(dataDir, run.marker)).toEqual([]);
  }, 180_000);
});
