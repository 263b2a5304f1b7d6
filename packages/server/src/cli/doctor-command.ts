// `docgate doctor --config <file> [--json]`: checks the integration with Document Server and the
// business systems from this host. Exit code 0 when nothing failed (warnings allowed), 1 otherwise.
import { parseArgs } from "node:util";
import { formatReport } from "../doctor/format-report.js";
import { runDoctor } from "../doctor/run-doctor.js";
import { loadConfigFile } from "./load-config-file.js";

const HELP = `docgate doctor: check the integration with ONLYOFFICE Document Server and the business systems

  docgate doctor --config <file> [--json] [--timeout-ms <n>]

  --config <file>     docgate configuration (or env DOCGATE_CONFIG)
  --json              print the results as JSON
  --timeout-ms <n>    longest each HTTP call may take (default 5000)

Checks: loopback addresses in the URLs, DS's /healthcheck, the JWT secret (DS's version command),
clock skew, docgate answering at server.internalUrl (and how to check DS reaches it), each repo's context.
Exit code: 0 when nothing failed (warnings allowed), 1 otherwise.
`;

export async function runDoctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: "string", short: "c" },
      json: { type: "boolean" },
      "timeout-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const timeoutMs = values["timeout-ms"] === undefined ? undefined : Number(values["timeout-ms"]);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    process.stderr.write("--timeout-ms must be a positive integer\n");
    return 2;
  }
  const { config, warnings, source } = loadConfigFile(values.config);
  const report = await runDoctor(config, { timeoutMs });
  // The configuration's own warnings (no repos registered, dev-mode secrets...) come first.
  report.results.unshift(...warnings.map((message) => ({ id: "config", status: "warn" as const, message, hint: "" })));
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`docgate doctor (${source})\n\n${formatReport(report)}`);
  return report.ok ? 0 : 1;
}
