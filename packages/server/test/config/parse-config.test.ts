import { isDocgateError, parseConfig } from "@docgate/core";
import { describe, expect, it } from "vitest";

const ISSUE_EXAMPLE = {
  server: { port: 8001, publicUrl: "http://127.0.0.1:8001", internalUrl: "http://127.0.0.1:8001", dataDir: "./data" },
  state: { url: "sqlite:./data/docgate.db" },
  repos: [
    {
      id: "crm",
      secrets: ["a-long-random-secret"],
      context: "http://127.0.0.1:9000",
      headerPrefix: "x-",
      tsWindowMs: 10000,
      frameAncestors: ["http://localhost:9000"],
    },
  ],
};

function problemsOf(raw: unknown): Array<{ path: string; message: string }> {
  try {
    parseConfig(raw);
  } catch (err) {
    expect(isDocgateError(err) && err.code).toBe("DOCGATE_CONFIG_INVALID");
    return (err as unknown as { problems: Array<{ path: string; message: string }> }).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("accepts the issue's example file and fills defaults", () => {
    const { config } = parseConfig(ISSUE_EXAMPLE);
    expect(config.repos[0]).toMatchObject({ id: "crm", tsFutureSkewMs: 5000, allowPrivateNetwork: false });
    expect(config.fetch.maxDownloadBytes).toBeGreaterThan(0);
    expect(Object.isFrozen(config.repos[0])).toBe(true);
  });

  it("starts with safe defaults and explains what is missing", () => {
    const { config, warnings } = parseConfig(undefined);
    expect(config.server.port).toBe(8001);
    expect(config.server.devMode).toBe(false);
    expect(warnings.join(" ")).toMatch(/no repos are registered/);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({
      server: { port: "eighty", publicUrl: "ftp://x" },
      state: { url: "mysql://x" },
      repos: [{ id: "bad id", secrets: [], context: "nope" }],
    });
    const paths = problems.map((p) => p.path);
    for (const p of [
      "server.port",
      "server.publicUrl",
      "state.url",
      "repos.0.id",
      "repos.0.secrets",
      "repos.0.context",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("refuses short and well-known secrets outside dev mode, and allows them in dev mode with a warning", () => {
    const weak = (secret: string) => ({ repos: [{ id: "r", secrets: [secret], context: "http://127.0.0.1:9000" }] });
    expect(problemsOf(weak("short"))[0]?.message).toMatch(/shorter than 16/);
    expect(problemsOf(weak("default-salt"))[0]?.message).toMatch(/well-known/);
    const dev = parseConfig({ ...weak("default-salt"), server: { devMode: true } });
    expect(dev.warnings.join(" ")).toMatch(/devMode/);
  });

  it("refuses duplicate repo ids and strips trailing slashes from origins", () => {
    const repo = { id: "r", secrets: ["0123456789abcdef0123"], context: "http://127.0.0.1:9000/" };
    expect(
      problemsOf({ repos: [repo, repo] })
        .map((p) => p.message)
        .join(),
    ).toMatch(/duplicate repo id/);
    expect(parseConfig({ repos: [repo] }).config.repos[0]?.context).toBe("http://127.0.0.1:9000");
  });
});
