// docgate doctor, the checks that need no network: loopback addresses in the configuration (the #1
// cause of "Download failed") and the clock-skew verdict. No emulator and no sockets here.
import { type DocgateConfigInput, parseConfig } from "@docgate/core";
import { describe, expect, it } from "vitest";
import { checkConfig, isLoopbackUrl } from "../../src/doctor/config-checks.js";
import { CLOCK_SKEW_WARN_MS, checkClockSkew, clockSkewMs } from "../../src/doctor/ds-checks.js";
import { describeFetchError } from "../../src/doctor/probe.js";

const SECRET = "doctor-jwt-secret-0123456789";

function configWith(server: Record<string, unknown>, onlyoffice: Record<string, unknown> | undefined) {
  const input: DocgateConfigInput = {
    server,
    ...(onlyoffice ? { onlyoffice: { jwtSecret: SECRET, ...onlyoffice } as DocgateConfigInput["onlyoffice"] } : {}),
  };
  return parseConfig(input).config;
}

const byId = (results: ReturnType<typeof checkConfig>, id: string) => {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`no result ${id} in ${JSON.stringify(results)}`);
  return found;
};

describe("isLoopbackUrl", () => {
  it("knows the addresses that mean 'this machine'", () => {
    for (const url of [
      "http://localhost:8001",
      "http://LOCALHOST/",
      "http://docgate.localhost/",
      "http://127.0.0.1:8001",
      "http://127.1.2.3/",
      "http://[::1]:8080/",
      "http://0.0.0.0:8001/",
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of ["http://10.0.0.5:8001", "http://ds.example.com", "http://[2001:db8::1]/", "http://128.0.0.1/"]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});

describe("configuration checks", () => {
  it("warns when docgate's internalUrl is loopback but DS is on another host (Download failed)", () => {
    const results = checkConfig(
      configWith(
        { internalUrl: "http://localhost:8001", publicUrl: "https://docs.example.com" },
        { publicUrl: "https://ds.example.com", internalUrl: "http://10.0.0.7:8080" },
      ),
    );
    const r = byId(results, "config.docgate-internal-url");
    expect(r.status).toBe("warn");
    expect(r.message).toContain("http://localhost:8001");
    expect(r.message).toContain("Download failed");
    expect(r.hint).toMatch(/server\.internalUrl/);
  });

  it("uses onlyoffice.publicUrl as DS's address when internalUrl is absent", () => {
    const results = checkConfig(
      configWith({ internalUrl: "http://127.0.0.1:8001" }, { publicUrl: "https://ds.example.com" }),
    );
    expect(byId(results, "config.docgate-internal-url").status).toBe("warn");
  });

  it("accepts loopback on both sides (same host) and mentions containers", () => {
    const results = checkConfig(
      configWith(
        { internalUrl: "http://127.0.0.1:8001", publicUrl: "http://127.0.0.1:8001" },
        { publicUrl: "http://127.0.0.1:8080" },
      ),
    );
    for (const r of results) expect(r.status, r.id).toBe("ok");
    expect(byId(results, "config.docgate-internal-url").hint).toMatch(/container/);
  });

  it("warns when onlyoffice.publicUrl is loopback while browsers reach docgate elsewhere (api.js)", () => {
    const results = checkConfig(
      configWith(
        { host: "0.0.0.0", internalUrl: "http://10.0.0.5:8001", publicUrl: "https://docs.example.com" },
        { publicUrl: "http://127.0.0.1:8080", internalUrl: "http://10.0.0.7:8080" },
      ),
    );
    const r = byId(results, "config.ds-public-url");
    expect(r.status).toBe("warn");
    expect(r.message).toContain("api.js");
    expect(byId(results, "config.docgate-internal-url").status).toBe("ok");
    expect(byId(results, "config.listen-address").status).toBe("ok");
  });

  it("warns when docgate listens on loopback only but tells DS to come from elsewhere", () => {
    const results = checkConfig(
      configWith(
        { host: "127.0.0.1", internalUrl: "http://10.0.0.5:8001" },
        { publicUrl: "https://ds.example.com", internalUrl: "http://10.0.0.7:8080" },
      ),
    );
    const r = byId(results, "config.listen-address");
    expect(r.status).toBe("warn");
    expect(r.hint).toContain("0.0.0.0");
  });

  it("without an onlyoffice section, says editing is off (a warning, not a failure)", () => {
    const results = checkConfig(configWith({}, undefined));
    expect(results).toEqual([expect.objectContaining({ id: "onlyoffice.configured", status: "warn" })]);
  });
});

describe("clock skew", () => {
  const answer = (date: string | undefined, at: number) => ({
    ok: true as const,
    status: 200,
    headers: new Headers(date ? { date } : {}),
    text: "true",
    sentAtMs: at - 10,
    receivedAtMs: at + 10,
  });

  it("reads DS's Date header against the middle of the request", () => {
    const now = Date.parse("2025-03-01T10:00:00.000Z");
    expect(clockSkewMs(answer("Sat, 01 Mar 2025 10:00:45 GMT", now))).toBe(45_000);
    expect(clockSkewMs(answer("Sat, 01 Mar 2025 09:59:50 GMT", now))).toBe(-10_000);
    expect(clockSkewMs(answer(undefined, now))).toBeUndefined();
    expect(clockSkewMs(answer("yesterday", now))).toBeUndefined();
  });

  it("warns above 30 s either way, in words about tokens", () => {
    expect(checkClockSkew(CLOCK_SKEW_WARN_MS, true).status).toBe("ok");
    expect(checkClockSkew(-5_000, true).status).toBe("ok");
    const ahead = checkClockSkew(45_000, true);
    expect(ahead.status).toBe("warn");
    expect(ahead.message).toMatch(/45 s ahead/);
    expect(ahead.message).toMatch(/token/);
    expect(ahead.hint).toMatch(/NTP/);
    expect(checkClockSkew(-90_000, true).message).toMatch(/90 s behind/);
    expect(checkClockSkew(undefined, true).status).toBe("warn");
    expect(checkClockSkew(undefined, false).message).toMatch(/did not answer/);
  });
});

describe("fetch errors in words", () => {
  it("names refused connections, DNS failures and timeouts", () => {
    const withCause = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });
    expect(describeFetchError(withCause("ECONNREFUSED"), 1000)).toMatch(/connection refused/);
    expect(describeFetchError(withCause("ENOTFOUND"), 1000)).toMatch(/host name not found/);
    expect(describeFetchError(new DOMException("t", "TimeoutError"), 1500)).toMatch(/1500 ms \(timed out\)/);
  });
});
