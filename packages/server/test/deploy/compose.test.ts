// deploy/: the compose file is validated by the compose CLI itself (`config` needs no Docker engine),
// its URLs and credentials are checked against the example docgate.json, and the Dockerfile is
// checked statically (no engine in CI, so it is never built here). A missing compose CLI fails.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { parseConfig } from "@docgate/core";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../../..");
const DEPLOY = join(ROOT, "deploy");
const COMPOSE_FILE = join(DEPLOY, "docker-compose.yml");
const JWT_SECRET = "test-ds-jwt-secret-0123456789";
const PG_PASSWORD = "test-postgres-password";

const work = mkdtempSync(join(tmpdir(), "docgate-compose-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// An empty env file, so a developer's deploy/.env never leaks into what is tested.
const EMPTY_ENV_FILE = join(work, "empty.env");
writeFileSync(EMPTY_ENV_FILE, "");

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {}
  }
  return undefined;
}

interface ComposeCli {
  command: string;
  prefix: string[];
  /** Turns `config` output into the model (v2 prints JSON on request; v1 prints YAML only). */
  configArgs: string[];
  toModel: (stdout: string) => unknown;
}

/** `docker compose` (v2 plugin) when it works, else `docker-compose` (v1, Debian's package). */
function findCompose(): ComposeCli {
  const docker = onPath("docker");
  if (docker && spawnSync(docker, ["compose", "version"], { stdio: "ignore" }).status === 0) {
    return { command: docker, prefix: ["compose"], configArgs: ["--format", "json"], toModel: (s) => JSON.parse(s) };
  }
  const v1 = onPath("docker-compose");
  if (v1) {
    return {
      command: v1,
      prefix: [],
      configArgs: [],
      // docker-compose v1 is a Python program that depends on PyYAML; read its YAML with the same.
      toModel: (s) =>
        JSON.parse(
          execFileSync(
            "/usr/bin/python3",
            ["-c", "import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"],
            { input: s, encoding: "utf8" },
          ),
        ),
    };
  }
  throw new Error(
    "no compose CLI: neither `docker compose` nor `docker-compose` works; apt-get install -y docker-compose (bash .ci/run does)",
  );
}

function composeConfig(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const cli = findCompose();
  const result = spawnSync(
    cli.command,
    [...cli.prefix, "--env-file", EMPTY_ENV_FILE, "-f", COMPOSE_FILE, "config", ...cli.configArgs],
    {
      // Only what the CLI needs, plus the variables under test: nothing inherited can satisfy them.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, ...env },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ServiceModel {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | null>;
  ports?: Array<string | { target: number | string; published: number | string }>;
  volumes?: Array<string | { source?: string; target: string; read_only?: boolean }>;
  depends_on?: Record<string, { condition: string }> | string[];
}

function composeModel(): { services: Record<string, ServiceModel> } {
  const result = composeConfig({ DOCGATE_DS_JWT_SECRET: JWT_SECRET, DOCGATE_POSTGRES_PASSWORD: PG_PASSWORD });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  return findCompose().toModel(result.stdout) as { services: Record<string, ServiceModel> };
}

/** "published:target" of every port, whatever syntax the CLI prints. */
function ports(service: ServiceModel): string[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === "string") return p.replace(/\/tcp$/, "");
    return `${p.published}:${p.target}`;
  });
}

function mounts(service: ServiceModel): Array<{ source: string; target: string; readOnly: boolean }> {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === "string") {
      const [source = "", target = "", mode = ""] = v.split(":");
      return { source, target, readOnly: mode.split(",").includes("ro") };
    }
    return { source: v.source ?? "", target: v.target, readOnly: v.read_only === true };
  });
}

const exampleConfig = JSON.parse(readFileSync(join(DEPLOY, "docgate.json"), "utf8")) as {
  server: { host: string; port: number; publicUrl: string; internalUrl: string; dataDir: string };
  state: { url: string };
  onlyoffice: { publicUrl: string; internalUrl: string; jwtSecret: string };
  repos: Array<{ secrets: string[] }>;
};

describe("deploy/docker-compose.yml (validated by the compose CLI)", () => {
  it("has docgate (built from deploy/Dockerfile), Document Server with JWT on, and PostgreSQL", () => {
    const { services } = composeModel();
    expect(Object.keys(services).sort()).toEqual(["docgate", "onlyoffice", "postgres"]);

    const docgate = services.docgate!;
    expect(docgate.build?.dockerfile).toBe("deploy/Dockerfile");
    expect(resolve(docgate.build!.context)).toBe(ROOT);
    expect(mounts(docgate)).toContainEqual({
      source: join(DEPLOY, "docgate.json"),
      target: "/etc/docgate/docgate.json",
      readOnly: true,
    });
    expect(mounts(docgate).map((m) => m.target)).toContain(exampleConfig.server.dataDir);
    expect(Object.keys(docgate.depends_on ?? {})).toEqual(expect.arrayContaining(["postgres", "onlyoffice"]));

    const ds = services.onlyoffice!;
    expect(ds.image).toMatch(/^onlyoffice\/documentserver(:|$)/);
    expect(ds.environment).toMatchObject({ JWT_ENABLED: "true", JWT_SECRET: JWT_SECRET, JWT_HEADER: "Authorization" });

    const pg = services.postgres!;
    expect(pg.image).toMatch(/^postgres:/);
    expect(pg.environment).toMatchObject({ POSTGRES_PASSWORD: PG_PASSWORD, POSTGRES_DB: "docgate" });
    expect(ports(pg)).toEqual([]);
  });

  it("publishes the ports browsers use and wires the service names docgate.json uses", () => {
    const { services } = composeModel();
    const server = exampleConfig.server;
    const onlyoffice = exampleConfig.onlyoffice;

    // Browsers reach docgate and DS through the published ports, on the public URLs.
    const publicPort = (u: string) => new URL(u).port || "80";
    expect(ports(services.docgate!)).toEqual([`${publicPort(server.publicUrl)}:${server.port}`]);
    expect(ports(services.onlyoffice!)).toEqual([`${publicPort(onlyoffice.publicUrl)}:80`]);

    // DS reaches docgate by its service name on the port docgate listens on, on all interfaces.
    const internal = new URL(server.internalUrl);
    expect(internal.hostname).toBe("docgate");
    expect(Number(internal.port)).toBe(server.port);
    expect(server.host).toBe("0.0.0.0");
    // docgate reaches DS by its service name on the container's port 80.
    const dsInternal = new URL(onlyoffice.internalUrl);
    expect(dsInternal.hostname).toBe("onlyoffice");
    expect(dsInternal.port).toBe("");

    // docgate's state lives in the compose PostgreSQL, with its user and database.
    const state = new URL(exampleConfig.state.url);
    expect(state.protocol).toBe("postgres:");
    expect([state.hostname, state.port, state.username, state.pathname]).toEqual([
      "postgres",
      "5432",
      services.postgres!.environment!.POSTGRES_USER,
      `/${services.postgres!.environment!.POSTGRES_DB}`,
    ]);
  });

  it("refuses to produce a configuration when either secret is unset or empty", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ DOCGATE_POSTGRES_PASSWORD: PG_PASSWORD }, "DOCGATE_DS_JWT_SECRET"],
      [{ DOCGATE_POSTGRES_PASSWORD: PG_PASSWORD, DOCGATE_DS_JWT_SECRET: "" }, "DOCGATE_DS_JWT_SECRET"],
      [{ DOCGATE_DS_JWT_SECRET: JWT_SECRET }, "DOCGATE_POSTGRES_PASSWORD"],
      [{ DOCGATE_DS_JWT_SECRET: JWT_SECRET, DOCGATE_POSTGRES_PASSWORD: "" }, "DOCGATE_POSTGRES_PASSWORD"],
      [{}, "DOCGATE_"],
    ];
    for (const [env, missing] of cases) {
      const result = composeConfig(env);
      expect(result.status, `config with ${JSON.stringify(env)}`).not.toBe(0);
      expect(result.stderr).toContain(missing);
      expect(result.stdout).not.toContain(JWT_SECRET);
    }
  });
});

describe("deploy/docgate.json", () => {
  it("is a valid configuration once its placeholder repo secret is replaced, and refuses to start before", () => {
    expect(() => parseConfig(exampleConfig)).toThrow(/repos\.0\.secrets\.0/);
    const filled = structuredClone(exampleConfig);
    filled.repos[0]!.secrets = ["a-real-random-secret-0123456789"];
    const { config } = parseConfig(filled);
    expect(config.state.url).toMatch(/^postgres:\/\//);
    expect(config.onlyoffice?.publicUrl).toBe("http://localhost:8080");
    expect(config.preview.engine).toBe("auto");
  });
});

describe("deploy/Dockerfile (static: there is no Docker engine to build it)", () => {
  const dockerfile = readFileSync(join(DEPLOY, "Dockerfile"), "utf8");
  // Instructions with their continuation lines joined, comments dropped.
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages = instructions.filter((i) => /^FROM\s/i.test(i));
  const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

  it("builds on node:20-bookworm-slim and installs production dependencies only", () => {
    for (const from of stages) expect(from).toMatch(/^FROM node:20-bookworm-slim\b/);
    expect(instructions.some((i) => /^RUN .*\bnpm ci\b.*--omit=dev/.test(i))).toBe(true);
    // tsx runs docgate's TypeScript at run time, so it must be a production dependency of the server.
    const serverPackage = JSON.parse(readFileSync(join(ROOT, "packages/server/package.json"), "utf8"));
    expect(Object.keys(serverPackage.dependencies)).toContain("tsx");
    expect(serverPackage.bin.docgate).toBe("./bin/docgate.js");
  });

  it("installs every runtime system package that .ci/run installs for the preview tests", () => {
    // .ci/run's apt line is what the test suite proves LibreOffice conversions and CJK rendering need.
    const ciRun = readFileSync(join(ROOT, ".ci/run"), "utf8");
    const ciPackages = [...ciRun.matchAll(/\b(libreoffice-[a-z]+|python3-uno|fonts-[a-z0-9-]+)\b/g)].map((m) => m[1]!);
    expect(ciPackages).toEqual(expect.arrayContaining(["libreoffice-writer", "python3-uno", "fonts-noto-cjk"]));
    const aptInstall = finalStage.filter((i) => /^RUN .*apt-get install/.test(i)).join(" ");
    for (const pkg of new Set(ciPackages)) expect(aptInstall.split(/\s+/)).toContain(pkg);
  });

  it("runs `docgate serve --config /etc/docgate/docgate.json` as a non-root user, with a health check and a data volume", () => {
    const users = finalStage.filter((i) => /^USER\s/i.test(i)).map((i) => i.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0"]).not.toContain(users.at(-1));
    expect(finalStage.some((i) => i.includes(`useradd`) && i.includes(users.at(-1)!))).toBe(true);
    const lastUser = finalStage.findLastIndex((i) => /^USER\s/i.test(i));
    const cmd = finalStage.findIndex((i) => /^CMD\s/i.test(i));
    expect(lastUser).toBeLessThan(cmd);

    const command = [...finalStage.filter((i) => /^(ENTRYPOINT|CMD)\s/.test(i))].flatMap(
      (i) => JSON.parse(i.replace(/^\w+\s+/, "")) as string[],
    );
    expect(command.slice(command.indexOf("docgate"))).toEqual([
      "docgate",
      "serve",
      "--config",
      "/etc/docgate/docgate.json",
    ]);

    const healthcheck = finalStage.find((i) => /^HEALTHCHECK\s/.test(i));
    expect(healthcheck).toMatch(/\bCMD\b/);
    expect(finalStage.join("\n")).toContain(`http://127.0.0.1:${exampleConfig.server.port}/healthz`);
    expect(finalStage.find((i) => /^VOLUME\s/.test(i))).toContain(exampleConfig.server.dataDir);
    expect(finalStage.find((i) => /^EXPOSE\s/.test(i))).toBe(`EXPOSE ${exampleConfig.server.port}`);
  });
});
