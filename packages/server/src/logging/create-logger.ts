import pino, { type Logger } from "pino";
import { sanitizeUrl } from "./sanitize-url.js";

// Structured JSON logs (pino). Paths that could ever hold a secret are censored even if a future
// change logs a whole object by mistake.
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.secret",
  "*.secrets",
  "*.jwtSecret",
  "*.adminToken",
  "*.token",
  "*.HMAC",
  "*.hmac",
  "*.params",
  "config.repos[*].secrets",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "docgate" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: {
        req(req: { id?: string; method?: string; url?: string; ip?: string }) {
          return { id: req.id, method: req.method, url: sanitizeUrl(req.url ?? ""), ip: req.ip };
        },
        res(res: { statusCode?: number }) {
          return { statusCode: res.statusCode };
        },
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/**
 * The logger for the one line per request (http/request-log.ts), without redaction. Redaction walks
 * every path, wildcards included, on every line: ~20 µs a line here, the largest part of logging an
 * entry. That line is built by docgate alone from fields already made safe (the req serializer's
 * sanitised URL, the status, the time, and route facts: repoId, docId, a session id's non-secret
 * prefix, an error code), so there is nothing for redaction to find. Everything else, including any
 * line with an error, stays on the redacting logger.
 */
export function createAccessLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [], censor: "[redacted]" } });
}
