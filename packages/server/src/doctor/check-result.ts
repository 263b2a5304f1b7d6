// What every `docgate doctor` check returns: one line for an operator, and what to do about it.

export type CheckStatus = "ok" | "warn" | "fail";

export interface CheckResult {
  /** Stable identifier, e.g. "ds.jwt" or "repo.crm.context". */
  id: string;
  status: CheckStatus;
  /** What was found, in plain English. */
  message: string;
  /** What to do about it; empty when there is nothing to do. */
  hint: string;
}

export interface DoctorOptions {
  /** Longest any single HTTP call may take (connect and answer). Default 5000 ms. */
  timeoutMs?: number;
  /** Longest a repo's context may take to answer. Default: timeoutMs. */
  repoTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
