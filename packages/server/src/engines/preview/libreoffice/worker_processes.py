# Process helpers for uno-worker.py, read from /proc (Linux only, like process-group.ts).
# The worker leads a process group holding the soffice launcher and soffice.bin.
#
# Run as a script (`worker_processes.py --work-dir=DIR`), it is what a worker becomes when the server
# that started it is gone (uno-worker.py, abandon): it kills the rest of its process group, removes
# the UNO pipe files and the worker's directory, and exits 4.
import argparse
import os
import re
import shutil
import signal
import time

_PIPE_PATH = re.compile(r"^/(var/)?tmp/OSL_PIPE_")


def group_processes(pgid):
    """(pid, command name) of the live, non-zombie members of a process group."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/" + entry + "/stat", "rb") as fh:
                stat = fh.read().decode("utf-8", "replace")
        except OSError:
            continue  # exited while we looked
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        # After the parenthesised name: state, ppid, pgrp, ...
        fields = stat[stat.rindex(")") + 2 :].split()
        # pid 1 is never ours to kill: outside a sandbox it is init; inside one (where every member's
        # group reads 0, its leader being outside the pid namespace) it is bubblewrap's reaper.
        if fields[0] != "Z" and int(fields[2]) == pgid and entry != "1":
            found.append((int(entry), comm))
    return found


def office_pipe_files(pids):
    """The OSL_PIPE_* socket files these processes hold. soffice only unlinks them on a clean exit,
    so whoever kills it removes them; read them before the kill, the inodes go with the owner."""
    inodes = set()
    for pid in pids:
        try:
            fds = os.listdir("/proc/%d/fd" % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    paths = set()
    with open("/proc/net/unix", "r", encoding="latin-1") as fh:
        next(fh, None)  # header: Num RefCount Protocol Flags Type St Inode Path
        for line in fh:
            fields = line.split()
            if len(fields) >= 8 and fields[6] in inodes and _PIPE_PATH.match(fields[7]):
                paths.add(fields[7])
    return sorted(paths)


def kill_others_in_group(timeout=5.0):
    """SIGKILL every member of our process group except ourselves, and wait until they are gone
    (a launcher may fork soffice.bin before it dies: each pass looks again). Returns the socket
    files they held, for the caller to remove."""
    me = os.getpid()
    pgid = os.getpgrp()
    others = [pid for pid, _ in group_processes(pgid) if pid != me]
    pipes = office_pipe_files(others)
    deadline = time.monotonic() + timeout
    while others and time.monotonic() < deadline:
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.02)
        others = [pid for pid, _ in group_processes(pgid) if pid != me]
    return pipes


def clean_up_after_server(work_dir):
    for path in kill_others_in_group():
        try:
            os.unlink(path)
        except OSError:
            pass
    shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--work-dir", required=True)
    clean_up_after_server(parser.parse_args().work_dir)
    os._exit(4)
