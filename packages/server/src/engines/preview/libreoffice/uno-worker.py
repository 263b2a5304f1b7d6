#!/usr/bin/python3
# docgate LibreOffice worker: owns ONE resident soffice and converts documents to PDF over UNO.
#
# Run by /usr/bin/python3 only (the distribution's python is the one with the `uno` module).
# Protocol (see uno-protocol.ts): one JSON object per line.
#   start-up, stdout:  {"ready": true, "sofficePid": <pid of soffice.bin or null>}
#   request, stdin:    {"id", "input", "output", "kind", "format"}
#     (format = the claimed extension, used to spot broken files; kind = the expected family,
#      logged when LibreOffice loads the file as something else)
#   reply, stdout:     {"id", "ok", "error"?, "errorCode"?, "pages"?, "fatal"?}
# Why a resident soffice: a cold `soffice --convert-to` pays 1-3 s of start-up per document and
# cannot be killed per job; a resident process converts a small document in well under a second.
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

import uno
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

from uno_convert import ConversionError, convert

# The protocol owns fd 1; everything else (soffice chatter, tracebacks) goes to stderr.
PROTOCOL_OUT = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)


def send(message):
    PROTOCOL_OUT.write(json.dumps(message, ensure_ascii=False) + "\n")
    PROTOCOL_OUT.flush()


def log(text):
    sys.stderr.write("[uno-worker] " + text + "\n")
    sys.stderr.flush()


def find_soffice_bin(pgid):
    # oosplash (started by the soffice shell script) forks soffice.bin; the pool reads the
    # resident set of soffice.bin for recycling, so report its pid. Same process group as us.
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/" + entry + "/stat", "rb") as fh:
                stat = fh.read().decode("utf-8", "replace")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if comm == "soffice.bin" and int(fields[2]) == pgid:
            return int(entry)
    return None


def start_soffice(args):
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
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            # oosplash restarts soffice.bin once after creating a fresh profile (exit code 81),
            # so the wrapper staying alive is what matters, not the first child.
            if proc.poll() is not None and proc.returncode != 81:
                raise RuntimeError("soffice exited with code %s during start-up" % proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("soffice did not accept a connection in time")
            time.sleep(0.1)


def exit_with_soffice(proc):
    # If soffice dies while we wait for a request, leave at once: the pool sees the exit and
    # replaces this worker before a user's job is sent to a dead office.
    proc.wait()
    log("soffice exited with code %s; worker exits" % proc.returncode)
    os._exit(3)


def serve(desktop, proc):
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        reply = {"id": request.get("id")}
        try:
            pages = convert(desktop, request)
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
    args = parser.parse_args()
    proc = start_soffice(args)
    try:
        desktop = connect(args, proc)
        threading.Thread(target=exit_with_soffice, args=(proc,), daemon=True).start()
        send({"ready": True, "sofficePid": find_soffice_bin(os.getpgrp())})
        serve(desktop, proc)
        # stdin closed: the pool is gone or closing. Ask soffice to quit, then make sure.
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge may already be dead
            pass
    except Exception as err:  # noqa: BLE001
        log("fatal: %s: %s" % (type(err).__name__, err))
        send({"ready": False, "error": str(err)})
    finally:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        # /usr/bin/soffice is a launcher script: soffice.bin can outlive it (seen after the server was
        # killed with SIGKILL: idle soffice.bin processes re-parented to init). Never leave one behind.
        leftover = find_soffice_bin(os.getpgrp())
        if leftover is not None:
            try:
                os.kill(leftover, signal.SIGKILL)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    main()
