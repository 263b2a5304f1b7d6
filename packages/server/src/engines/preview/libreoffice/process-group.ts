// Linux process-group helpers. A worker is python + the soffice wrapper (oosplash) + soffice.bin,
// all in one process group led by python, so one signal to the group ends all of them and nothing
// is left holding the profile directory.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** SIGKILL the whole group; a group that is already gone is not an error. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

/** Live (non-zombie) members of a process group, from /proc/<pid>/stat. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "latin1");
    } catch {
      continue; // exited while we looked
    }
    // Fields after the parenthesised command name: state, ppid, pgrp, ...
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z") members.push(Number(entry));
  }
  return members;
}

/**
 * Kill the group and wait until its members are really gone, so callers can delete the profile
 * and temp files knowing no process can still write into them.
 */
export async function killGroupAndWait(pgid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    killGroup(pgid);
    if (groupMembers(pgid).length === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}

/**
 * The OSL_PIPE_* socket files (UNO accept pipe, single-instance IPC) that these processes hold.
 * LibreOffice puts them in /tmp regardless of TMPDIR and only unlinks them on a clean exit, so
 * after a SIGKILL the caller removes them. Read before killing: the inodes vanish with the owner.
 */
export function officePipeFiles(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkOrEmpty(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      }
    } catch {
      // the process exited meanwhile
    }
  }
  const paths = new Set<string>();
  for (const line of readFileSync("/proc/net/unix", "latin1").split("\n").slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const fields = line.trim().split(/\s+/);
    const path = fields[7];
    if (path && inodes.has(fields[6]!) && /^\/(var\/)?tmp\/OSL_PIPE_/.test(path)) paths.add(path);
  }
  return [...paths];
}

function readlinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "";
  }
}

/** Resident set size in bytes (VmRSS), or undefined when the process is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The first live member of a process group with this command name (/proc/<pid>/comm). */
export function memberNamed(pgid: number, name: string): number | undefined {
  for (const pid of groupMembers(pgid)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "latin1").trim() === name) return pid;
    } catch {
      // exited while we looked
    }
  }
  return undefined;
}

/** CPU time (user + system) a process has used, in milliseconds, or undefined when it is gone. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15,
    // in clock ticks of 1/100 s (USER_HZ on every architecture Linux distributions ship).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
