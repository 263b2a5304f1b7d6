// The CLI as users run it: the real bin in a child process.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { verifyEntryUrlSignature } from "@docgate/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, REPO_ROOT } from "../../../../test/support/processes.js";

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "packages/server/bin/docgate.js");
const dir = mkdtempSync(join(tmpdir(), "docgate-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docgate sign", () => {
  it("prints a signed entry URL that verifies with the repo's secret", async () => {
    const config = join(dir, "sign.json");
    writeFileSync(
      config,
      JSON.stringify({
        server: { publicUrl: "http://127.0.0.1:8001" },
        repos: [{ id: "crm", secrets: ["cli-secret-0123456789"], context: "http://127.0.0.1:9000" }],
      }),
    );
    const { stdout } = await run(process.execPath, [
      BIN,
      "sign",
      "--config",
      config,
      "--repo",
      "crm",
      "--doc-id",
      "42",
      "--userinfo",
      '{"id":"1","display_name":"张三","email":"zs@example.com"}',
      "--meta",
      '{"id":"42","name":"合同.docx","modified_at":"2024-01-01T00:00:00.000Z","created_by":{"id":"1","name":"张三"},"permissions":{"read":true,"write":true}}',
      "--download-url",
      "http://127.0.0.1:9000/files/42",
    ]);
    const url = stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8001\/docs\/app\/driver-callback\?repoId=crm&.*&HMAC=[0-9a-f]{64}$/);
    expect(verifyEntryUrlSignature(url, "cli-secret-0123456789")).toBe(true);
    expect(verifyEntryUrlSignature(url, "another-secret-000000")).toBe(false);
  });

  it("explains what is missing", async () => {
    const err = await run(process.execPath, [BIN, "sign", "--repo", "crm"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/--doc-id/);
  });
});

describe("docgate serve", () => {
  it("refuses an invalid configuration, listing every problem at once", async () => {
    const config = join(dir, "bad.json");
    writeFileSync(
      config,
      JSON.stringify({ server: { port: -1 }, repos: [{ id: "crm", secrets: ["short"], context: "not a url" }] }),
    );
    const err = (await run(process.execPath, [BIN, "serve", "--config", config]).catch((e) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/3 problem/);
    for (const path of ["server.port", "repos.0.context", "repos.0.secrets.0"]) expect(err.stderr).toContain(path);
  });

  it("starts with no configuration, explains what is missing, serves /healthz and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const cwd = mkdtempSync(join(dir, "run-"));
    const child = spawn(process.execPath, [BIN, "serve", "--port", String(port)], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    await expect.poll(() => out.includes("docgate listening"), { timeout: 20_000 }).toBe(true);
    expect(out).toMatch(/no --config given/);
    expect(out).toMatch(/no repos are registered/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: "ok" });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/"stopped"/);
  });
});
