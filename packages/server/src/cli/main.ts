import { runDoctorCommand } from "./doctor-command.js";
import { runSaves } from "./saves-command.js";
import { runServe } from "./serve-command.js";
import { runSign } from "./sign-command.js";

const USAGE = `docgate: a self-hosted document platform

Usage:
  docgate serve [--config <file.json>] [--dev] [--port <n>]   start the server
  docgate sign --repo <id> --doc-id <id> --userinfo <json> --meta <json> --download-url <url> [options]
                                                        print a signed entry URL (see docgate sign --help)
  docgate saves list|retry|download [--config <file>]   inspect held saves, retry them, download their files
  docgate doctor [--config <file>] [--json]             check DS, the JWT secret, clocks and repo contexts
  docgate help                                          this text
`;

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  doctor: runDoctorCommand,
  saves: runSaves,
  serve: runServe,
  sign: runSign,
};

async function main(): Promise<number> {
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const run = commands[command];
  if (!run) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  return run(rest);
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`docgate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
