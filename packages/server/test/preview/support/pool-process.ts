// A process that owns a LibreOffice pool, for tests that kill it the way a server dies (SIGKILL).
// argv: <workDir> <report> [input]. report: "started" (at once), "ready" (a worker accepts jobs) or
// "converting" (the worker runs a conversion of <input>). Prints one JSON line then, and idles.
// POOL_SANDBOX: the pool's sandbox mode (default "required").
import { join } from "node:path";
import { LibreOfficePool } from "../../../src/engines/preview/libreoffice/libreoffice-pool.js";
import type { SandboxMode } from "../../../src/engines/preview/libreoffice/sandbox.js";

const [workDir, report, input] = process.argv.slice(2);
const sandbox = (process.env.POOL_SANDBOX ?? "required") as SandboxMode;
const pool = new LibreOfficePool({ workDir, size: 1, eager: true, sandbox });

function print(): void {
  process.stdout.write(
    `${JSON.stringify({ pid: process.pid, rootDir: pool.rootDir, workerDirs: pool.workerDirs() })}\n`,
  );
}

function when(condition: () => boolean, then: () => void): void {
  const poll = setInterval(() => {
    if (!condition()) return;
    clearInterval(poll);
    then();
  }, 20);
}

if (report === "started") print();
else if (report === "ready") when(() => pool.stats().readyWorkers === 1, print);
else {
  pool.convert("killed-mid-job", input!, join(workDir, "out.pdf")).catch(() => {});
  when(() => pool.stats().busyWorkers === 1, print);
}
setInterval(() => {}, 60_000); // stays until killed
