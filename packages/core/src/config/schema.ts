// The one configuration schema (ARCHITECTURE.md practice 6). Every field has a default or is
// required, and a description that docs/configuration.md is generated from
// (`npm run docs`; a test fails when the doc is stale).
import { z } from "zod";
import { onlyofficeSchema } from "./sections/onlyoffice.js";
import { previewEngineSchema, previewSchema } from "./sections/preview.js";
import { adminSchema, savesSchema } from "./sections/saves.js";
import { watermarkTemplateSchema } from "./sections/watermark-template.js";

// Trailing slashes are stripped after validation (load-config.ts), so origins compare exactly.
const url = z.url({ protocol: /^https?$/ });

export const repoSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._-]+$/)
    .describe("The repoId business systems send. Letters, digits, '.', '_' and '-'."),
  secrets: z
    .array(z.string())
    .min(1)
    .describe(
      "HMAC secrets; several may be active at once for rotation. At least 16 characters each outside dev mode.",
    ),
  context: url.describe(
    "The business system's origin, e.g. http://oa.example.com:8080. downloadUrl and uploadUrl must have exactly this scheme, host and port.",
  ),
  headerPrefix: z
    .string()
    .min(1)
    .default("x-")
    .describe("params keys starting with this prefix are also sent as request headers (spec: entry 3)."),
  tsWindowMs: z.number().int().positive().default(10_000).describe("How long an entry URL stays valid after its ts."),
  tsFutureSkewMs: z
    .number()
    .int()
    .nonnegative()
    .default(5_000)
    .describe("How far in the future ts may be (clock skew between the business system and docgate)."),
  frameAncestors: z
    .array(z.string().regex(/^(https?:\/\/[^\s;,'"]+|'self'|'none')$/))
    .default([])
    .describe("Origins allowed to show docgate pages in an iframe (CSP frame-ancestors). Empty: only docgate itself."),
  previewEngine: previewEngineSchema.optional().describe("Overrides preview.engine for this repo."),
  lang: z
    .enum(["zh-CN", "en"])
    .optional()
    .describe("Page and editor language for this repo's users, instead of the browser's."),
  watermark: watermarkTemplateSchema,
  allowPrivateNetwork: z
    .boolean()
    .default(false)
    .describe(
      "Allow the context's host name to resolve to private or loopback addresses. A context given as a private IP literal is allowed without this.",
    ),
});

export const configSchema = z.object({
  server: z
    .object({
      port: z.number().int().min(0).max(65535).default(8001).describe("TCP port to listen on."),
      host: z.string().default("127.0.0.1").describe("Interface to listen on; 0.0.0.0 for all."),
      publicUrl: url.default("http://127.0.0.1:8001").describe("docgate's URL as browsers reach it."),
      internalUrl: url
        .default("http://127.0.0.1:8001")
        .describe("docgate's URL as ONLYOFFICE Document Server reaches it (document.url, callbackUrl)."),
      dataDir: z.string().default("./data").describe("Directory for the SQLite database, spool and caches."),
      devMode: z
        .boolean()
        .default(false)
        .describe("Development mode: allows short or well-known demo secrets. Never enable in production."),
      sessionTtlMs: z
        .number()
        .int()
        .positive()
        .default(8 * 3600_000)
        .describe("How long a browser session created by an entry URL lives."),
      trustProxy: z.boolean().default(false).describe("Trust X-Forwarded-* headers from a reverse proxy."),
      logLevel: z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
        .default("info")
        .describe("Log level."),
      shutdownGraceMs: z
        .number()
        .int()
        .positive()
        .default(10_000)
        .describe("On SIGTERM/SIGINT, how long in-flight requests may take before the process exits."),
    })
    .prefault({}),
  state: z
    .object({
      url: z
        .string()
        .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, "must start with sqlite: or postgres://")
        .default("sqlite:./data/docgate.db")
        .describe("Where durable state lives: sqlite:<path> (default, zero setup) or postgres://user@host:port/db."),
    })
    .prefault({}),
  fetch: z
    .object({
      connectTimeoutMs: z
        .number()
        .int()
        .positive()
        .default(5_000)
        .describe("Connect timeout for calls to business systems."),
      idleTimeoutMs: z
        .number()
        .int()
        .positive()
        .default(30_000)
        .describe("Longest silence while receiving headers or body from a business system."),
      totalTimeoutMs: z
        .number()
        .int()
        .positive()
        .default(10 * 60_000)
        .describe("Longest a whole call to a business system may take."),
      maxDownloadBytes: z
        .number()
        .int()
        .positive()
        .default(512 * 1024 * 1024)
        .describe("Largest file docgate downloads from a business system."),
      maxRedirects: z
        .number()
        .int()
        .min(0)
        .max(10)
        .default(3)
        .describe("Redirects followed, each within the repo's context."),
    })
    .prefault({}),
  onlyoffice: onlyofficeSchema,
  preview: previewSchema,
  saves: savesSchema,
  admin: adminSchema,
  repos: z.array(repoSchema).default([]).describe("Registered business systems."),
});

export type DocgateConfigInput = z.input<typeof configSchema>;
export type DocgateConfig = z.output<typeof configSchema>;
export type RepoConfig = z.output<typeof repoSchema>;
