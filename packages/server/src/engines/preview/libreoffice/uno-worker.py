#!/usr/bin/python3
# docgate LibreOffice worker: owns ONE resident soffice and converts documents to PDF over UNO.
#
# Run by /usr/bin/python3 only (the distribution's python is the one with the `uno` module).
# Protocol (see uno-protocol.ts): one JSON object per line.
#   start-up, stdout:  {"ready": true} or {"ready": false, "error"}
#   request, stdin:    {"id", "input", "output", "kind", "format"}
#     (format = the claimed extension, used to spot broken files; kind = the expected family,
#      logged when LibreOffice loads the file as something else)
#   reply, stdout:     {"id", "ok", "error"?, "errorCode"?, "pages"?, "fatal"?}
# Why a resident soffice: a cold `soffice --convert-to` pays 1-3 s of start-up per document and
# cannot be killed per job; a resident process converts a small document in well under a second.
import argparse
import json
import os
import resource
import select
import subprocess
import sys
import threading
import time

from collections import namedtuple

import uno
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

from uno_convert import ConversionError, convert
from worker_profile import write_hardened_profile

CLEANER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker_processes.py")

# The protocol owns fd 1; everything else (soffice chatter, tracebacks) goes to stderr.
PROTOCOL_OUT = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)


def send(message):
    PROTOCOL_OUT.write(json.dumps(message, ensure_ascii=False) + "\n")
    PROTOCOL_OUT.flush()


def log(text):
    try:
        sys.stderr.write("[uno-worker] " + text + "\n")
        sys.stderr.flush()
    except OSError:
        pass  # the server is gone with the pipe's other end; exit_clean() must still run


Office = namedtuple("Office", "desktop detection")

_exit_lock = threading.Lock()


def exit_clean(args):
    """Becomes worker_processes.py, which kills soffice, deletes this worker's directory and pipe
    files, and exits: a server that died without cleaning up (SIGKILL, OOM kill) can no longer do
    either. Runs once; a second caller blocks until the exec."""
    with _exit_lock:
        # exec rather than clean up here: no other thread can then cut the clean-up short (the main
        # thread returning ends the interpreter and its daemon threads; seen in tests as a worker
        # gone with its directory left). The new program keeps our pid and process group.
        os.execv(sys.executable, [sys.executable, "-B", CLEANER_SCRIPT, "--work-dir=" + args.work_dir])


def watch_server(args):
    # The server's death closes our stdin, but stdin is only read between jobs: not while soffice
    # starts (up to --startup-timeout) nor during a conversion. Polling stdin for a hang-up (without
    # reading it) covers every phase, inside a sandbox too, where the server's pid is not visible.
    # Outside one, a changed parent pid says the same (re-parented to init or a subreaper).
    watcher = select.poll()
    watcher.register(sys.stdin.fileno(), 0)  # no events asked: POLLHUP and POLLERR always report
    while True:
        if watcher.poll(200):
            break
        if args.parent_pid and os.getppid() != args.parent_pid:
            break
    exit_clean(args)


def limit_resources(args):
    """Kernel ceilings inherited by soffice: address space (the hard memory ceiling behind the
    server's resident-set watch) and no core dumps, which would write a document's content to disk."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.address_space_mb:
        limit = args.address_space_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def start_soffice(args):
    write_hardened_profile(args.profile_dir)
    profile_url = uno.systemPathToFileUrl(os.path.abspath(args.profile_dir))
    cmd = [
        args.soffice,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        "-env:UserInstallation=" + profile_url,
        "--accept=pipe,name=" + args.pipe_name + ";urp;StarOffice.ComponentContext",
    ]
    # Same process group as this worker (no new session): the pool kills the whole group on timeout.
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=2, stderr=2)


def connect(args, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=" + args.pipe_name + ";urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + args.startup_timeout
    while True:
        try:
            ctx = resolver.resolve(url)
            create = ctx.ServiceManager.createInstanceWithContext
            return Office(
                create("com.sun.star.frame.Desktop", ctx), create("com.sun.star.document.TypeDetection", ctx)
            )
        except NoConnectException:
            # oosplash restarts soffice.bin once after creating a fresh profile (exit code 81),
            # so the wrapper staying alive is what matters, not the first child.
            if proc.poll() is not None and proc.returncode != 81:
                raise RuntimeError("soffice exited with code %s during start-up" % proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("soffice did not accept a connection in time")
            time.sleep(0.1)


def exit_with_soffice(proc, args):
    # If soffice dies while we wait for a request, leave at once: the pool sees the exit and
    # replaces this worker before a user's job is sent to a dead office.
    proc.wait()
    log("soffice exited with code %s; worker exits" % proc.returncode)
    exit_clean(args)


def serve(office, proc):
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        reply = {"id": request.get("id")}
        try:
            pages = convert(office, request)
            reply.update(ok=True, pages=pages)
        except ConversionError as err:
            reply.update(ok=False, errorCode=err.code, error=str(err))
        except DisposedException as err:
            # The office process is gone: answer, then exit so the pool replaces this worker.
            reply.update(ok=False, errorCode="failed", error="LibreOffice died: " + str(err), fatal=True)
        except Exception as err:  # noqa: BLE001 - every failure must become a reply, never a hang
            dead = proc.poll() is not None
            reply.update(ok=False, errorCode="failed", error=type(err).__name__ + ": " + str(err), fatal=dead)
        send(reply)
        if reply.get("fatal"):
            return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--soffice", default="/usr/bin/soffice")
    parser.add_argument("--profile-dir", required=True)
    parser.add_argument("--pipe-name", required=True)
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    parser.add_argument("--parent-pid", type=int, default=0, help="0: not visible (sandboxed)")
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--address-space-mb", type=int, default=0)
    args = parser.parse_args()
    limit_resources(args)
    threading.Thread(target=watch_server, args=(args,), daemon=True).start()
    with _exit_lock:  # exit_clean() holds it until its exec: soffice cannot start behind its back
        proc = start_soffice(args)
    try:
        office = connect(args, proc)
        threading.Thread(target=exit_with_soffice, args=(proc, args), daemon=True).start()
        send({"ready": True})
        serve(office, proc)
    except Exception as err:  # noqa: BLE001
        log("fatal: %s: %s" % (type(err).__name__, err))
        send({"ready": False, "error": str(err)})
    finally:
        # However this ends (stdin closed, a fatal reply, a failed start), nothing may stay behind,
        # and the server may be gone: stdin closes at its death, possibly before we are re-parented,
        # so getppid() cannot tell yet. A live server kills the group and removes the directory
        # too; doing it twice is harmless. If the watcher got here first, this waits for its exec.
        exit_clean(args)


if __name__ == "__main__":
    main()
