import { parseArgs } from "node:util";
import { isDocgateError } from "@docgate/core";
import pino from "pino";
import { configuredSandboxMode, resolveSandbox } from "../engines/preview/libreoffice/sandbox.js";
import { createLogger } from "../logging/create-logger.js";
import { startServer } from "../start-server.js";
import { loadConfigFile } from "./load-config-file.js";

/** `docgate serve`: validate the configuration (all problems at once), start, shut down gracefully. */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { config: { type: "string", short: "c" }, dev: { type: "boolean" }, port: { type: "string" } },
  });
  let loaded: ReturnType<typeof loadConfigFile>;
  try {
    loaded = loadConfigFile(values.config, { dev: values.dev, port: values.port ? Number(values.port) : undefined });
  } catch (err) {
    const problems = (err as { problems?: Array<{ path: string; message: string }> }).problems;
    if (isDocgateError(err) && problems) {
      process.stderr.write(`docgate: the configuration has ${problems.length} problem(s):\n`);
      for (const p of problems) process.stderr.write(`  - ${p.path}: ${p.message}\n`);
      process.stderr.write("See docs/configuration.md for every field.\n");
      return 1;
    }
    throw err;
  }
  const { config, warnings, source } = loaded;
  const sandbox = resolveSandbox(configuredSandboxMode(config));
  if (sandbox.mode === "required" && !sandbox.active) {
    process.stderr.write(
      `docgate: preview.sandbox is "required", but the LibreOffice sandbox cannot run here: ${sandbox.reason}.\n` +
        "Install bubblewrap and allow user namespaces, or see docs/security.md for preview.sandbox.\n",
    );
    return 1;
  }
  // Asynchronous writes to stdout: pino's default writes every line with a blocking write(2) on the event
  // loop, a measurable share of an entry (bench/entry.ts). Lines are still written at once, not held
  // for a buffer to fill; lines queued behind a write in progress go out together, and pino flushes
  // what is queued when the process exits (also after an uncaught exception; only SIGKILL can lose it).
  const logger = createLogger(config.server.logLevel, pino.destination({ dest: 1, sync: false }));
  for (const w of warnings) logger.warn(w);
  const server = await startServer(config, logger);
  logger.info(
    { url: server.url, publicUrl: config.server.publicUrl, config: source, repos: config.repos.length },
    "docgate listening",
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down");
      server.close().then(resolve, (err) => {
        logger.error({ err }, "shutdown failed");
        resolve();
      });
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  logger.info("stopped");
  return 0;
}
