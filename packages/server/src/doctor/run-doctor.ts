// `docgate doctor`: every check in a fixed order; DS checks only when onlyoffice is configured.
import type { DocgateConfig } from "@docgate/core";
import { type CheckResult, DEFAULT_TIMEOUT_MS, type DoctorOptions } from "./check-result.js";
import { checkConfig, dsInternalUrl } from "./config-checks.js";
import { checkClockSkew, checkDsHealth, checkDsJwt, clockSkewMs } from "./ds-checks.js";
import { checkDsToDocgate, checkRepoContext } from "./reachability-checks.js";
import { checkPreviewSandbox } from "./sandbox-check.js";

export interface DoctorReport {
  /** true when no check failed (warnings allowed). */
  ok: boolean;
  results: CheckResult[];
}

export async function runDoctor(config: DocgateConfig, options: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const repoTimeoutMs = options.repoTimeoutMs ?? timeoutMs;
  const results: CheckResult[] = [...checkConfig(config), checkPreviewSandbox(config)];
  const oo = config.onlyoffice;
  if (oo) {
    const dsUrl = dsInternalUrl(oo);
    const health = await checkDsHealth(dsUrl, timeoutMs);
    const skew = health.answer ? clockSkewMs(health.answer) : undefined;
    results.push(health.result);
    results.push(await checkDsJwt(dsUrl, oo.jwtSecret, timeoutMs, skew));
    results.push(checkClockSkew(skew, health.answer !== undefined));
    results.push(await checkDsToDocgate(config, timeoutMs));
  }
  results.push(...(await Promise.all(config.repos.map((repo) => checkRepoContext(repo, repoTimeoutMs)))));
  return { ok: results.every((r) => r.status !== "fail"), results };
}
