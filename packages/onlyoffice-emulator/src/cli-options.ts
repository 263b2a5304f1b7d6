// Command-line options of docgate-onlyoffice-emulator.
import { parseArgs } from "node:util";
import type { EmulatorOptions } from "./options.js";

export const USAGE = `docgate-onlyoffice-emulator: an emulator of ONLYOFFICE Document Server for tests and demos

Options:
  --port <n>                 port to listen on (default 8090; 0 = any free port)
  --host <addr>              address to bind (default 127.0.0.1)
  --jwt-secret <s>           shared HS256 secret (required; env DOCGATE_EMULATOR_JWT_SECRET)
  --jwt-header <name>        header of DS's outgoing tokens (default Authorization)
  --public-url <url>         origin browsers use to reach the emulator (links in callbacks)
  --save-delay-ms <n>        delay before status 2 after the last editor leaves (default 10000)
  --max-download-bytes <n>   size cap for document.url (default 104857600)
  --url-ttl-ms <n>           lifetime of the saved-file links (default 900000)
  --download-retry-ms <n>    pause between document.url tries (default 1000)
  --callback-retry-ms <n>    first status 2 retry delay, doubled each time (default 1000)
  --verbose                  log requests
  --help`;

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${v}`);
  return n;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "jwt-secret": { type: "string" },
      "jwt-header": { type: "string" },
      "public-url": { type: "string" },
      "save-delay-ms": { type: "string" },
      "max-download-bytes": { type: "string" },
      "url-ttl-ms": { type: "string" },
      "download-retry-ms": { type: "string" },
      "callback-retry-ms": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  return {
    port: int("port", values.port),
    host: values.host,
    jwtSecret: values["jwt-secret"] ?? env.DOCGATE_EMULATOR_JWT_SECRET ?? "",
    jwtHeader: values["jwt-header"],
    publicUrl: values["public-url"],
    saveDelayMs: int("save-delay-ms", values["save-delay-ms"]),
    maxDownloadBytes: int("max-download-bytes", values["max-download-bytes"]),
    urlTtlMs: int("url-ttl-ms", values["url-ttl-ms"]),
    downloadRetryIntervalMs: int("download-retry-ms", values["download-retry-ms"]),
    callbackRetryBaseMs: int("callback-retry-ms", values["callback-retry-ms"]),
    logger: values.verbose ?? false,
  };
}
