"""Run one command and report its wall time and its own peak RSS, as JSON on stdout.

    python bench/launcher.py --timeout 900 --stdout OUT --stderr ERR -- CMD...

Why a separate small process: on Linux, a child's ``ru_maxrss`` starts from the *parent's*
high-water mark (fork/vfork share or copy the parent's memory map, and exec folds that map's
peak into the child's figure). Spawned from the benchmark (which may hold big objects), a
child would report at least the benchmark's own peak. Spawned from this tiny launcher, the
floor is the launcher's few megabytes. ``os.wait4`` gives the rusage of exactly that child.

A command may run in more than one process (querynl generates a large run in a forked
worker), and ``ru_maxrss`` is the peak of one process, not of all. So the launcher also
samples, every 50 ms, the whole process tree's PSS (each process's private pages plus its
share of the pages it shares, as /proc/PID/smaps_rollup gives them: a forked worker's pages
shared with its parent are counted once in all) and reports its peak.
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
        sampler = _TreeMemory(proc.pid)
        sampler.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.stop()
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
    report = {
        "returncode": proc.returncode,
        "wall_seconds": wall,
        "maxrss_kb": usage.ru_maxrss,  # Linux: kilobytes
        "tree_peak_pss_kb": sampler.peak_pss_kb,
        "tree_processes": sampler.processes,
        "user_seconds": usage.ru_utime,
        "system_seconds": usage.ru_stime,
        "timed_out": timed_out.is_set(),
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


class _TreeMemory(threading.Thread):
    """The peak, over time, of the summed PSS of a process and its descendants."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_pss_kb = 0
        self.processes = 1  # the most processes seen at once
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            pids = _tree(self.root)
            total = sum(map(_pss_kb, pids))
            self.peak_pss_kb = max(self.peak_pss_kb, total)
            self.processes = max(self.processes, len(pids))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:  # gone, or not yet reaped: nothing more to count
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
