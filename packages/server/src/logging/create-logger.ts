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
