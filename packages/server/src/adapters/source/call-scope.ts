// One call's cancellation and error classification (spec: entry 3, "connect/idle/total timeouts";
// ARCHITECTURE.md practice 8). The total timeout and the caller's signal are merged into the one
// signal handed to undici, and every failure is turned into a catalogue error, so the save worker can
// decide retry vs hold from `retryable` alone.
import { DocgateError, isDocgateError } from "@docgate/core";

export interface CallScope {
  /** The caller's signal and the total timeout, whichever fires first. */
  readonly signal: AbortSignal;
  /** Classifies anything thrown or emitted during the call. */
  mapError(err: unknown): Error;
}

export interface CallScopeOptions {
  totalTimeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  callerSignal?: AbortSignal;
  /** Origin and path of the URL, for details (never the query: params travel there). */
  target: string;
}

function findDocgateError(err: unknown): DocgateError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isDocgateError(e)) return e;
  }
  return undefined;
}

function callerAbortError(reason: unknown): Error {
  return reason instanceof Error ? reason : new DOMException("The operation was aborted.", "AbortError");
}

export function openCallScope(options: CallScopeOptions): CallScope {
  const timeout = AbortSignal.timeout(options.totalTimeoutMs);
  const caller = options.callerSignal;
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;

  const mapError = (err: unknown): Error => {
    const known = findDocgateError(err);
    if (known) return known;
    if (signal.aborted) {
      // The caller's own abort is theirs to recognise: hand back exactly their reason.
      if (caller?.aborted && signal.reason === caller.reason) return callerAbortError(caller.reason);
      return new DocgateError("DOCGATE_UPSTREAM_TIMEOUT", {
        detail: `${options.target} did not finish within ${options.totalTimeoutMs} ms.`,
        cause: err,
      });
    }
    const code = (err as { code?: unknown } | null)?.code;
    if (code === "UND_ERR_CONNECT_TIMEOUT") {
      return new DocgateError("DOCGATE_UPSTREAM_TIMEOUT", {
        detail: `Connecting to ${options.target} took longer than ${options.connectTimeoutMs} ms.`,
        cause: err,
      });
    }
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      const phase = code === "UND_ERR_HEADERS_TIMEOUT" ? "headers" : "body";
      return new DocgateError("DOCGATE_UPSTREAM_TIMEOUT", {
        detail: `${options.target} sent no ${phase} data for ${options.idleTimeoutMs} ms.`,
        cause: err,
      });
    }
    // Everything else is the network or the peer misbehaving (refused, reset, malformed HTTP):
    // transient as far as a retry is concerned. Only the error code goes in the detail.
    const label = typeof code === "string" ? code : err instanceof Error ? err.name : "unknown error";
    return new DocgateError("DOCGATE_UPSTREAM_UNREACHABLE", { detail: `${options.target}: ${label}.`, cause: err });
  };

  return { signal, mapError };
}
