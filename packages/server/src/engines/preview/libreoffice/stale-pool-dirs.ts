// A pool's directory is named after its host and process: docgate-lo-<host>-<pid>-XXXXXX. A process
// that dies without close() (SIGKILL, OOM kill) leaves it behind; its workers delete their own
// sub-directories (uno-worker.py, watch_parent), and the next pool on the same work directory
// removes what is left. The host part keeps pools of other machines or containers sharing a
// volume out of reach: their pids mean nothing here.
import { readdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

const PREFIX = "docgate-lo-";
const REST = /^(\d+)-[A-Za-z0-9]{6}$/;

/** The prefix mkdtemp completes for this process's pool directory. */
export function poolDirPrefix(pid: number = process.pid): string {
  return `${PREFIX}${hostTag()}-${pid}-`;
}

function hostTag(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, "_")
      .slice(0, 64) || "host"
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/**
 * Removes the pool directories in `workDir` left by processes of this host that are no longer
 * running, and returns their names. A reused pid makes a directory look alive: it stays until a
 * later start, which costs disk only.
 */
export async function removeStalePoolDirs(workDir: string): Promise<string[]> {
  const ours = `${PREFIX}${hostTag()}-`;
  const removed: string[] = [];
  for (const name of await readdir(workDir)) {
    if (!name.startsWith(ours)) continue;
    const pid = Number(REST.exec(name.slice(ours.length))?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    // A worker of the dead process may still be deleting its part: retry on ENOTEMPTY.
    await rm(join(workDir, name), { recursive: true, force: true, maxRetries: 5 });
    removed.push(name);
  }
  return removed;
}
