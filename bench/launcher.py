"""Run one command and report its wall time and its own peak RSS, as JSON on stdout.

    python bench/launcher.py --timeout 900 --stdout OUT --stderr ERR -- CMD...

Why a separate small process: on Linux, a child's ``ru_maxrss`` starts from the *parent's*
high-water mark (fork/vfork share or copy the parent's memory map, and exec folds that map's
peak into the child's figure). Spawned from the benchmark (which may hold big objects), a
child would report at least the benchmark's own peak. Spawned from this tiny launcher, the
floor is the launcher's few megabytes. ``os.wait4`` gives the rusage of exactly that child.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("--stdout", required=True)
    parser.add_argument("--stderr", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    timed_out = threading.Event()
    with open(args.stdout, "wb") as out, open(args.stderr, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)

        timer = threading.Timer(args.timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
    report = {
        "returncode": proc.returncode,
        "wall_seconds": wall,
        "maxrss_kb": usage.ru_maxrss,  # Linux: kilobytes
        "user_seconds": usage.ru_utime,
        "system_seconds": usage.ru_stime,
        "timed_out": timed_out.is_set(),
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
