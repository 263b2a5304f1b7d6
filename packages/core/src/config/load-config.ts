import { DocgateError } from "../errors/docgate-error.js";
import { configSchema, type DocgateConfig } from "./schema.js";

/** Secrets that appear in public documents (the zOffice default salt, tutorials) are refused outside dev mode. */
const WELL_KNOWN_SECRETS = new Set([
  "default-salt",
  "secret",
  "changeme",
  "change-me",
  "password",
  "docgate",
  "docgate-demo-secret",
]);
const MIN_SECRET_LENGTH = 16;

export interface ConfigProblem {
  path: string;
  message: string;
}

type Loose = Record<string, unknown> | undefined;

/**
 * Rules across fields (secret strength depends on server.devMode; repo ids are unique). They read the
 * raw input so they are reported together with the schema's own problems, not after them are fixed.
 */
function crossFieldChecks(raw: Loose, problems: ConfigProblem[], warnings: string[]): void {
  const devMode = (raw?.server as Loose)?.devMode === true;
  const repos = Array.isArray(raw?.repos) ? (raw.repos as Loose[]) : [];
  const seen = new Set<unknown>();
  repos.forEach((repo, i) => {
    if (repo?.id !== undefined && seen.has(repo.id)) {
      problems.push({ path: `repos.${i}.id`, message: `duplicate repo id "${String(repo.id)}"` });
    }
    seen.add(repo?.id);
    const secrets = Array.isArray(repo?.secrets) ? (repo.secrets as unknown[]) : [];
    secrets.forEach((secret, j) => {
      if (typeof secret !== "string") return;
      const known = WELL_KNOWN_SECRETS.has(secret.toLowerCase());
      if (!known && secret.length >= MIN_SECRET_LENGTH) return;
      const why = known ? "a well-known demo value" : `shorter than ${MIN_SECRET_LENGTH} characters`;
      const path = `repos.${i}.secrets.${j}`;
      if (devMode) warnings.push(`${path} is ${why}; accepted only because server.devMode is on`);
      else
        problems.push({
          path,
          message: `secret is ${why}; use a long random secret (or server.devMode for local trials)`,
        });
    });
  });
  if (repos.length === 0) {
    warnings.push(
      "no repos are registered: every entry URL will be refused with DOCGATE_REPO_UNKNOWN. Add one under repos[] (see docs/configuration.md)",
    );
  }
}

/** Validates everything, reports every problem at once, then deep-freezes (ARCHITECTURE.md practice 6). */
export function parseConfig(raw: unknown): { config: DocgateConfig; warnings: string[] } {
  const input = (raw ?? {}) as Record<string, unknown>;
  const result = configSchema.safeParse(input);
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ path: issue.path.join(".") || "(root)", message: issue.message });
    }
  }
  crossFieldChecks(input, problems, warnings);
  if (!result.success || problems.length > 0) throw configError(problems);

  const config = result.data;
  const trim = (u: string) => u.replace(/\/+$/, "");
  config.server.publicUrl = trim(config.server.publicUrl);
  config.server.internalUrl = trim(config.server.internalUrl);
  for (const repo of config.repos) repo.context = trim(repo.context);
  return { config: deepFreeze(config), warnings };
}

function configError(problems: ConfigProblem[]): DocgateError {
  const detail = problems.map((p) => `${p.path}: ${p.message}`).join("; ");
  const err = new DocgateError("DOCGATE_CONFIG_INVALID", { detail });
  (err as DocgateError & { problems: ConfigProblem[] }).problems = problems;
  return err;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
