// The bin starts a standalone emulator; options are checked at start-up.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseCli } from "../src/cli-options.js";

const BIN = fileURLToPath(new URL("../bin/docgate-onlyoffice-emulator.js", import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGTERM");
});

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    err += d;
  });
  return { child, out: () => out, err: () => err };
}

describe("docgate-onlyoffice-emulator", () => {
  it("parses every documented option", () => {
    const o = parseCli(
      [
        "--port=9000",
        "--host=0.0.0.0",
        "--jwt-secret=s",
        "--jwt-header=AuthorizationJwt",
        "--public-url=http://ds.example",
        "--save-delay-ms=5",
        "--max-download-bytes=10",
        "--url-ttl-ms=20",
      ],
      {},
    );
    expect(o).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      jwtSecret: "s",
      jwtHeader: "AuthorizationJwt",
      publicUrl: "http://ds.example",
      saveDelayMs: 5,
      maxDownloadBytes: 10,
      urlTtlMs: 20,
    });
    expect(() => parseCli(["--port=abc"], {})).toThrow(/--port must be an integer/);
    expect(() => parseCli(["--unknown"], {})).toThrow();
  });

  it("starts, answers the healthcheck, and stops on SIGTERM", async () => {
    const p = start(["--port", "0", "--jwt-secret", "cli-secret"]);
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\S+)/.test(p.out())) {
      if (Date.now() > deadline || p.child.exitCode !== null) throw new Error(`did not start: ${p.err()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(p.out()).toContain("ONLYOFFICE emulator");
    const url = /listening on (http:\S+)/.exec(p.out())![1]!;
    expect(await (await fetch(`${url}/healthcheck`)).text()).toBe("true");
    p.child.kill("SIGTERM");
    const [code] = await once(p.child, "exit");
    expect(code).toBe(0);
  });

  it("refuses to start without a JWT secret", async () => {
    const p = start(["--port", "0"], { DOCGATE_EMULATOR_JWT_SECRET: "" });
    const [code] = await once(p.child, "exit");
    expect(code).toBe(2);
    expect(p.err()).toContain("jwtSecret is required");
  });
});
