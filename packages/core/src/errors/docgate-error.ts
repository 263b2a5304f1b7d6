import { ERROR_CATALOGUE, type ErrorCode } from "./catalogue.js";

export interface DocgateErrorOptions {
  /** A specific explanation (English), safe to show: never contains secrets. Rendered escaped. */
  detail?: string;
  /** Structured facts for pages and JSON (e.g. the server time for a ts error). Rendered escaped. */
  facts?: Record<string, string | number>;
  cause?: unknown;
}

/** A typed error with a stable code; the edge maps it to HTTP (ARCHITECTURE.md practice 5). */
export class DocgateError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly detail?: string;
  readonly facts: Record<string, string | number>;

  constructor(code: ErrorCode, options: DocgateErrorOptions = {}) {
    const entry = ERROR_CATALOGUE[code];
    super(options.detail ? `${entry.en} ${options.detail}` : entry.en, { cause: options.cause });
    this.name = "DocgateError";
    this.code = code;
    this.status = entry.status;
    this.retryable = entry.retryable;
    this.detail = options.detail;
    this.facts = options.facts ?? {};
  }
}

export function isDocgateError(value: unknown): value is DocgateError {
  return value instanceof DocgateError;
}
