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

/** Validates everything, reports every problem at once, then deep-freezes (ARCHITECTURE.md practice 6). */
export function parseConfig(raw: unknown): { config: DocgateConfig; warnings: string[] } {
  const result = configSchema.safeParse(raw ?? {});
  const problems: ConfigProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ path: issue.path.join(".") || "(root)", message: issue.message });
    }
    throw configError(problems);
  }
  const config = result.data;
  const trim = (u: string) => u.replace(/\/+$/, "");
  config.server.publicUrl = trim(config.server.publicUrl);
  config.server.internalUrl = trim(config.server.internalUrl);
  for (const repo of config.repos) repo.context = trim(repo.context);
  const warnings: string[] = [];
  const seen = new Set<string>();
  config.repos.forEach((repo, i) => {
    if (seen.has(repo.id)) problems.push({ path: `repos.${i}.id`, message: `duplicate repo id "${repo.id}"` });
    seen.add(repo.id);
    repo.secrets.forEach((secret, j) => {
      const weak = secret.length < MIN_SECRET_LENGTH || WELL_KNOWN_SECRETS.has(secret.toLowerCase());
      if (!weak) return;
      const why = WELL_KNOWN_SECRETS.has(secret.toLowerCase())
        ? "a well-known demo value"
        : `shorter than ${MIN_SECRET_LENGTH} characters`;
      if (config.server.devMode)
        warnings.push(`repos.${i}.secrets.${j} is ${why}; accepted only because server.devMode is on`);
      else
        problems.push({
          path: `repos.${i}.secrets.${j}`,
          message: `secret is ${why}; use a long random secret (or server.devMode for local trials)`,
        });
    });
  });
  if (config.repos.length === 0) {
    warnings.push(
      "no repos are registered: every entry URL will be refused with DOCGATE_REPO_UNKNOWN. Add one under repos[] (see docs/configuration.md)",
    );
  }
  if (problems.length > 0) throw configError(problems);
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
