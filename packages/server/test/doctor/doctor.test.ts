// docgate doctor against the ONLYOFFICE emulator (NOT the real Document Server: it stands in for DS on
// these machines and implements /healthcheck and the command service with JWT), a real docgate process
// (`docgate serve`, answering /healthz at server.internalUrl) and a small business system on 127.0.0.1.
// The CLI tests run the real bin, `packages/server/bin/docgate.js doctor`.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type DocgateConfig, parseConfig } from "@docgate/core";
import { type RunningEmulator, startEmulator } from "@docgate/onlyoffice-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, REPO_ROOT, type RunningProcess, startDocgate } from "../../../../test/support/processes.js";
import type { CheckResult } from "../../src/doctor/check-result.js";
import { runDoctor } from "../../src/doctor/run-doctor.js";

const run = promisify(execFile);
const BIN = join(REPO_ROOT, "packages/server/bin/docgate.js");
const JWT_SECRET = "doctor-jwt-secret-0123456789";
const REPO_SECRET = "doctor-repo-secret-0123456789";

let emu: RunningEmulator;
let docgate: RunningProcess;
let business: Server;
let businessUrl: string;
const businessRequests: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
const servers: Server[] = [];
const dir = mkdtempSync(join(tmpdir(), "docgate-doctor-"));

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

/** The configuration docgate runs with, as a plain object (also written to a file for the CLI). */
function rawConfig(over: { jwtSecret?: string; dsUrl?: string; context?: string } = {}) {
  return {
    server: { host: "127.0.0.1", publicUrl: docgate.url, internalUrl: docgate.url, dataDir: join(dir, "data") },
    onlyoffice: { publicUrl: emu.url, internalUrl: over.dsUrl ?? emu.url, jwtSecret: over.jwtSecret ?? JWT_SECRET },
    repos: [{ id: "crm", secrets: [REPO_SECRET], context: over.context ?? businessUrl }],
  };
}

function config(over: Parameters<typeof rawConfig>[0] = {}): DocgateConfig {
  return parseConfig(rawConfig(over)).config;
}

function result(results: CheckResult[], id: string): CheckResult {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`no result ${id} in ${JSON.stringify(results, null, 2)}`);
  return found;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, jwtSecret: JWT_SECRET, version: "8.2.0" });
  business = createServer((req, res) => {
    businessRequests.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(404).end();
  });
  businessUrl = await listen(business);
  docgate = await startDocgate({
    onlyoffice: { publicUrl: emu.url, jwtSecret: JWT_SECRET },
    repos: [{ id: "crm", secrets: [REPO_SECRET], context: businessUrl }],
  });
});

afterAll(async () => {
  await docgate?.stop();
  await emu?.close();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

describe("runDoctor against the ONLYOFFICE emulator (not the real DS) and a running docgate", () => {
  it("passes with the right secret: DS up, version reported, clocks agree, repo reachable, DS→docgate by hand", async () => {
    const report = await runDoctor(config());
    expect(report.ok).toBe(true);
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(statuses).toEqual({
      "config.docgate-internal-url": "ok",
      "config.listen-address": "ok",
      "config.ds-public-url": "ok",
      "preview.sandbox": "ok",
      "ds.healthcheck": "ok",
      "ds.jwt": "ok",
      "ds.clock": "ok",
      "ds-to-docgate": "warn",
      "repo.crm.context": "ok",
    });
    expect(result(report.results, "ds.jwt").message).toContain("8.2.0");
    expect(result(report.results, "ds.jwt").message).toMatch(/emulator/);
    const dsToDocgate = result(report.results, "ds-to-docgate");
    expect(dsToDocgate.message).toMatch(/^verify by hand/);
    expect(dsToDocgate.message).toContain(`${docgate.url}/onlyoffice/callback/`);
    expect(dsToDocgate.message).toContain(`${docgate.url}/onlyoffice/files/`);
    expect(dsToDocgate.hint).toContain(`curl -sS ${docgate.url}/healthz`);
  });

  it("reports a wrong JWT secret as a mismatch (DS's error 6, 'token not correctly formed')", async () => {
    const report = await runDoctor(config({ jwtSecret: "not-the-ds-secret-0123456789" }));
    expect(report.ok).toBe(false);
    const jwt = result(report.results, "ds.jwt");
    expect(jwt.status).toBe("fail");
    expect(jwt.message).toMatch(/JWT secret mismatch/);
    expect(jwt.message).toMatch(/not correctly formed/);
    expect(jwt.hint).toMatch(/JWT_SECRET/);
    expect(result(report.results, "ds.healthcheck").status).toBe("ok");
  });

  it("falls back to /coauthoring/CommandService.ashx when /command is 404 (older DS)", async () => {
    // A proxy in front of the emulator that hides /command, as a DS older than 7 would.
    const paths: string[] = [];
    const proxy = createServer(async (req, res) => {
      paths.push(req.url ?? "");
      if (req.url === "/command") return void res.writeHead(404).end("not found");
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetch(`${emu.url}${req.url}`, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "text/plain" },
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" });
      res.end(await upstream.text());
    });
    const proxyUrl = await listen(proxy);
    const report = await runDoctor(config({ dsUrl: proxyUrl }));
    expect(result(report.results, "ds.jwt").status).toBe("ok");
    expect(paths).toEqual(["/healthcheck", "/command", "/coauthoring/CommandService.ashx"]);
  });

  it("fails when DS is down (closed port), and does not pretend the dependent checks passed", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const report = await runDoctor(config({ dsUrl: closed }), { timeoutMs: 2000 });
    expect(report.ok).toBe(false);
    const health = result(report.results, "ds.healthcheck");
    expect(health.status).toBe("fail");
    expect(health.message).toContain(`${closed}/healthcheck`);
    expect(health.message).toMatch(/connection refused/);
    expect(health.hint).toMatch(/onlyoffice\.internalUrl/);
    expect(result(report.results, "ds.jwt").status).toBe("fail");
    expect(result(report.results, "ds.clock").status).toBe("warn");
  });

  it("fails for a repo whose context is down, with the error, and passes once it answers", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await runDoctor(config({ context: closed }));
    const r = result(down.results, "repo.crm.context");
    expect(r.status).toBe("fail");
    expect(r.message).toMatch(/connection refused/);
    expect(down.ok).toBe(false);

    businessRequests.length = 0;
    const up = await runDoctor(config({ context: `${businessUrl}/app/path` }));
    expect(result(up.results, "repo.crm.context")).toMatchObject({ status: "ok" });
    expect(result(up.results, "repo.crm.context").message).toContain("HTTP 404");
    // Only the origin, no params and no credentials of any user.
    expect(businessRequests).toHaveLength(1);
    expect(businessRequests[0]).toMatchObject({ method: "HEAD", url: "/" });
    expect(businessRequests[0]?.headers.authorization).toBeUndefined();
    expect(businessRequests[0]?.headers.cookie).toBeUndefined();
  });

  it("fails for a repo context that accepts connections but never answers (timeout)", async () => {
    const silent = createServer(() => {});
    const url = await listen(silent);
    const report = await runDoctor(config({ context: url }), { repoTimeoutMs: 300 });
    const r = result(report.results, "repo.crm.context");
    expect(r.status).toBe("fail");
    expect(r.message).toMatch(/300 ms \(timed out\)/);
  });

  it("fails DS→docgate when docgate itself does not answer at server.internalUrl", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const raw = rawConfig();
    const report = await runDoctor(parseConfig({ ...raw, server: { ...raw.server, internalUrl: closed } }).config);
    const r = result(report.results, "ds-to-docgate");
    expect(r.status).toBe("fail");
    expect(r.message).toContain(`${closed}/healthz`);
    expect(r.message).toMatch(/DS cannot reach it either/);
    expect(r.hint).toMatch(/docgate serve/);
  });
});

describe("docgate doctor (the real bin) against the ONLYOFFICE emulator (not the real DS)", () => {
  const writeConfig = (name: string, raw: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(raw));
    return file;
  };

  it("prints ✓/! lines and exits 0 when nothing fails", async () => {
    const file = writeConfig("good.json", rawConfig());
    const { stdout } = await run(process.execPath, [BIN, "doctor", "--config", file]);
    expect(stdout).toMatch(/^✓ ds\.jwt: JWT secret matches/m);
    expect(stdout).toMatch(/^✓ ds\.healthcheck:/m);
    expect(stdout).toMatch(/^! ds-to-docgate: verify by hand/m);
    expect(stdout).toContain(`curl -sS ${docgate.url}/healthz`);
    expect(stdout).toMatch(/0 failure\(s\)/);
  }, 120_000);

  it("prints ✗ with the hint and exits 1 on a failure; --json gives the same results", async () => {
    const file = writeConfig("bad-secret.json", rawConfig({ jwtSecret: "not-the-ds-secret-0123456789" }));
    const err = (await run(process.execPath, [BIN, "doctor", "--config", file]).catch((e: unknown) => e)) as {
      code: number;
      stdout: string;
    };
    expect(err.code).toBe(1);
    expect(err.stdout).toMatch(/^✗ ds\.jwt: JWT secret mismatch: onlyoffice\.jwtSecret differs from DS's/m);
    expect(err.stdout).toMatch(/^ {4}→ .*JWT_SECRET/m);

    const json = (await run(process.execPath, [BIN, "doctor", "--config", file, "--json"]).catch(
      (e: unknown) => e,
    )) as { code: number; stdout: string };
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; results: CheckResult[] };
    expect(report.ok).toBe(false);
    expect(result(report.results, "ds.jwt").status).toBe("fail");
  }, 120_000);
});
