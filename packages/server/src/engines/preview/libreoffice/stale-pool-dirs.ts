// A pool's directory is named after its host and process: docgate-lo-<host>-<pid>.<start>-<random>,
// <random> being mkdtemp's six characters and <start> when the process started (/proc/<pid>/stat,
// clock ticks since boot). A process that dies without close() (SIGKILL, OOM kill) leaves it
// behind; its workers delete their own sub-directories (uno-worker.py, watch_parent), and the next
// pool on the same work directory removes what is left. The start time tells a restarted
// container, whose docgate often gets the same pid again, from the process that made the
// directory. The host part keeps pools of other machines or containers sharing a volume out of
// reach: their pids mean nothing here.
import { readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

const PREFIX = "docgate-lo-";
const REST = /^(\d+)\.(\d+)-[A-Za-z0-9]{6}$/;

/** The prefix mkdtemp completes for this process's pool directory. */
export function poolDirPrefix(): string {
  return poolDirPrefixFor(process.pid, startTime(process.pid) ?? "0");
}

export function poolDirPrefixFor(pid: number, start: string): string {
  return `${PREFIX}${hostTag()}-${pid}.${start}-`;
}

function hostTag(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, "_")
      .slice(0, 64) || "host"
  );
}

/** When `pid` started (field 22 of /proc/<pid>/stat), or undefined if no such process runs. */
export function startTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3, the state
  return fields[0] === "Z" ? undefined : fields[19];
}

/**
 * Removes the pool directories in `workDir` left by processes of this host that are no longer
 * running, and returns their names. Pools of this process are never touched.
 */
export async function removeStalePoolDirs(workDir: string): Promise<string[]> {
  const ours = `${PREFIX}${hostTag()}-`;
  const removed: string[] = [];
  for (const name of await readdir(workDir)) {
    if (!name.startsWith(ours)) continue;
    const match = REST.exec(name.slice(ours.length));
    if (!match || startTime(Number(match[1])) === match[2]) continue;
    // A worker of the dead process may still be deleting its part: retry on ENOTEMPTY.
    await rm(join(workDir, name), { recursive: true, force: true, maxRetries: 5 });
    removed.push(name);
  }
  return removed;
}
