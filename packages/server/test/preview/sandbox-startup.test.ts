// preview.sandbox as an operator meets it: `docgate doctor` reports the state, `docgate serve`
// refuses to start when the sandbox is required and cannot run, and runs (with a warning in its
// log) when it is only preferred. A host without the sandbox is made by pointing DOCGATE_BWRAP at
// a path where no bubblewrap is; the real one is installed here (bash .ci/run).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseConfig } from "@docgate/core";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startDocgate } from "../../../../test/support/processes.js";
import { requireTool } from "../../../../test/support/require-tool.js";
import { checkPreviewSandbox, sandboxResult } from "../../src/doctor/sandbox-check.js";

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "packages/server/bin/docgate.js");
const NO_BWRAP = { ...process.env, DOCGATE_BWRAP: "/nonexistent/bwrap" };
const dir = mkdtempSync(join(tmpdir(), "docgate-sandbox-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, preview: object = {}): string {
  const file = join(dir, `${name}.json`);
  const dataDir = join(dir, `${name}-data`);
  writeFileSync(file, JSON.stringify({ server: { port: 0, dataDir }, preview }));
  return file;
}

describe("the preview.sandbox doctor check", () => {
  it("is ok on this host, where bubblewrap can create its namespaces", async () => {
    await requireTool("bwrap");
    const result = checkPreviewSandbox(parseConfig({}).config);
    expect(result).toMatchObject({ id: "preview.sandbox", status: "ok" });
    expect(result.message).toContain("no network");
  });

  it("fails when required and unavailable, warns when preferred or off, always saying why and what to do", () => {
    const reason = "bwrap is not installed";
    const required = sandboxResult({ mode: "required", active: false, reason });
    expect(required.status).toBe("fail");
    expect(required.message).toContain(reason);
    expect(required.hint).toContain("apt-get install bubblewrap");
    const preferred = sandboxResult({ mode: "preferred", active: false, reason });
    expect(preferred.status).toBe("warn");
    expect(preferred.message).toContain("unsandboxed");
    expect(sandboxResult({ mode: "off", active: false }).status).toBe("warn");
  });

  it("is reported by `docgate doctor` as a failure (exit 1) on a host without bubblewrap", async () => {
    const file = configFile("doctor");
    const err = (await run(process.execPath, [BIN, "doctor", "--config", file], { env: NO_BWRAP }).catch(
      (e: unknown) => e,
    )) as { code: number; stdout: string };
    expect(err.code).toBe(1);
    expect(err.stdout).toMatch(/^✗ preview\.sandbox: preview\.sandbox is "required" but the sandbox cannot run here/m);
    expect(err.stdout).toContain("/nonexistent/bwrap is not installed");
  }, 60_000);
});

describe("docgate serve and preview.sandbox", () => {
  it("refuses to start when the sandbox is required (the default) and cannot run, naming the field", async () => {
    const err = (await run(process.execPath, [BIN, "serve", "--config", configFile("serve-required")], {
      env: NO_BWRAP,
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('preview.sandbox is "required"');
    expect(err.stderr).toContain("/nonexistent/bwrap is not installed");
  }, 60_000);

  it("starts without the sandbox when it is only preferred, and says so in the start-up log", async () => {
    const docgate = await startDocgate({ preview: { sandbox: "preferred" } }, { env: NO_BWRAP });
    try {
      await expect.poll(() => docgate.output(), { timeout: 30_000 }).toContain("WITHOUT a sandbox");
      expect(docgate.output()).toContain("/nonexistent/bwrap is not installed");
    } finally {
      await docgate.stop();
    }
  }, 60_000);

  it("logs that workers run sandboxed where the host can", async () => {
    await requireTool("bwrap");
    const docgate = await startDocgate({});
    try {
      await expect.poll(() => docgate.output(), { timeout: 30_000 }).toContain("workers run sandboxed");
    } finally {
      await docgate.stop();
    }
  }, 60_000);
});
