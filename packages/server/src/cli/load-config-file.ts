import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type DocgateConfig, parseConfig } from "@docgate/core";

export interface LoadedConfig {
  config: DocgateConfig;
  warnings: string[];
  source: string;
}

/**
 * Reads --config (JSON) or DOCGATE_CONFIG; with neither, safe defaults. `--dev` switches on
 * server.devMode. Every problem is reported at once by parseConfig.
 */
export function loadConfigFile(
  path: string | undefined,
  overrides: { dev?: boolean; port?: number } = {},
): LoadedConfig {
  const file = path ?? process.env.DOCGATE_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    const text = readFileSync(resolve(file), "utf8");
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const server = { ...((raw.server as Record<string, unknown> | undefined) ?? {}) };
  if (overrides.dev) server.devMode = true;
  if (overrides.port !== undefined) server.port = overrides.port;
  const { config, warnings } = parseConfig({ ...raw, server });
  if (!file) warnings.unshift("no --config given: running with defaults (see docs/configuration.md)");
  return { config, warnings, source: file ?? "(defaults)" };
}
