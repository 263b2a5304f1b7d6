// Options of the emulator, validated once and frozen (the CLI and startEmulator() share them).

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one (tests). */
  port?: number;
  host?: string;
  /** Shared HS256 secret. Required: DS has JWT on by default since 7.2 and the emulator never runs without it. */
  jwtSecret: string;
  /** Header DS puts its outbox token in (DS `JWT_HEADER`). */
  jwtHeader?: string;
  /** Origin browsers use to reach the emulator; links in callbacks are built from it. Defaults to the Host header the browser used. */
  publicUrl?: string;
  /** Delay between the last editor leaving and status 2 (spec: onlyoffice 4, "about 10 s"). */
  saveDelayMs?: number;
  /** DS gives up on document.url above this size (spec: onlyoffice 3). */
  maxDownloadBytes?: number;
  /** Lifetime of the temporary `url` / `changesurl` links (spec: onlyoffice 4, "about 15 minutes"). */
  urlTtlMs?: number;
  /** document.url download: attempts and pause between them (spec: onlyoffice 3, 3 tries 1 s apart, 2 min timeout). */
  downloadAttempts?: number;
  downloadRetryIntervalMs?: number;
  downloadTimeoutMs?: number;
  /** Status 2 retries (spec: onlyoffice 4, 1 s / 2 s / 4 s): the first retry waits this long, each next one twice as long. */
  callbackRetryBaseMs?: number;
  callbackRetries?: number;
  callbackTimeoutMs?: number;
  /** Header token length above which changesurl/history are dropped (spec: onlyoffice 3). */
  headerTokenLimit?: number;
  /** Lifetime of the tokens the emulator signs (spec: onlyoffice 3, 5 minutes). */
  outboxTokenTtlSec?: number;
  /** Clock skew accepted when verifying incoming tokens. */
  clockToleranceSec?: number;
  /** Version reported by the `version` command and in `history.serverVersion`. */
  version?: string;
  /** Log requests (fastify logger). */
  logger?: boolean;
}

export type ResolvedOptions = Readonly<
  Required<Omit<EmulatorOptions, "publicUrl">> & { publicUrl: string | undefined }
>;

export const DEFAULT_OPTIONS = {
  port: 8090,
  host: "127.0.0.1",
  jwtHeader: "Authorization",
  saveDelayMs: 10_000,
  maxDownloadBytes: 104_857_600,
  urlTtlMs: 900_000,
  downloadAttempts: 3,
  downloadRetryIntervalMs: 1000,
  downloadTimeoutMs: 120_000,
  callbackRetryBaseMs: 1000,
  callbackRetries: 3,
  callbackTimeoutMs: 120_000,
  headerTokenLimit: 7168,
  outboxTokenTtlSec: 300,
  clockToleranceSec: 60,
  version: "8.2.0",
  logger: false,
} as const;

export function resolveOptions(input: EmulatorOptions): ResolvedOptions {
  const problems: string[] = [];
  const merged = { ...DEFAULT_OPTIONS, ...stripUndefined(input) };
  if (typeof merged.jwtSecret !== "string" || merged.jwtSecret.length === 0) {
    problems.push("jwtSecret is required (the emulator always checks tokens, as DS does by default)");
  }
  const nonNegative = [
    "port",
    "saveDelayMs",
    "maxDownloadBytes",
    "urlTtlMs",
    "downloadRetryIntervalMs",
    "downloadTimeoutMs",
    "callbackRetryBaseMs",
    "callbackRetries",
    "callbackTimeoutMs",
    "headerTokenLimit",
    "outboxTokenTtlSec",
    "clockToleranceSec",
  ] as const;
  for (const name of nonNegative) {
    const value = merged[name];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      problems.push(`${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(merged.downloadAttempts) || merged.downloadAttempts < 1) {
    problems.push("downloadAttempts must be an integer >= 1");
  }
  let publicUrl: string | undefined;
  if (input.publicUrl !== undefined) {
    try {
      const u = new URL(input.publicUrl);
      publicUrl = u.origin + u.pathname.replace(/\/+$/, "");
    } catch {
      problems.push(`publicUrl is not a URL: ${input.publicUrl}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`invalid emulator options:\n- ${problems.join("\n- ")}`);
  }
  return Object.freeze({ ...merged, jwtSecret: merged.jwtSecret as string, publicUrl });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
