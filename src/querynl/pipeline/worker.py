"""Generate in a second process while this one loads.

Generation and loading are both Python work (drawing values; encoding rows for the driver),
and in one process they share one GIL: a producer thread barely overlaps them. For a large
run a forked worker owns the synthesizer instead. Asked for a table, it generates the
table's batches, encodes each as the table's loader sends it (COPY text, INSERT statements,
bound parameters) and streams them back through a pipe, whose buffer is the backpressure
(the worker stays about one batch ahead of the loader). This process is left with sending
them; the worker keeps the rows of each batch until the loader is done with it, and hands
them over only if the batch fails (the row-by-row retry needs them) or must be repaired. Everything else that
reads or changes the synthesizer after the fork (a table's columns and count, the keys of rows the database
rejected, the keys left NULL to break a cycle, the key ranges the sums are written over)
runs in the worker too, in the same order as in one process: a seed gives the same rows
either way.

The worker ignores Ctrl+C (the loader cancels between batches and then stops it) and ends
by itself when the loader's process goes away (its pipe breaks).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any, TextIO

from querynl.errors import RunFailed
from querynl.loading.executor import BaseInsertionExecutor, EncodedBatch, Encoding, rechunk
from querynl.synthesis.synthesizer import FakerDataSynthesizer

log = logging.getLogger(__name__)

# From this many rows a run generates in a worker process (QUERYNL_WORKER_ROWS sets it: 0
# always, a huge number never; the sweeps run the suites with it at 0).
WORKER_ROWS = int(os.environ.get("QUERYNL_WORKER_ROWS") or 50_000)


def worker_available() -> bool:
    """A worker needs fork (the synthesizer is inherited, not pickled): Linux, where fork is
    the platform's own default; elsewhere a run generates in a thread."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class SynthesisWorker:
    """The synthesizer's methods that a run calls once rows flow, answered by a worker
    process that owns the synthesizer."""

    def __init__(self, synth: FakerDataSynthesizer, executor: BaseInsertionExecutor) -> None:
        self.batch_size = synth.batch_size
        self.registry = _RemoteRegistry(self)
        self._streaming = False  # mid-table: the worker is sending batches, not listening
        context = multiprocessing.get_context("fork")
        self._pipe, child = context.Pipe(duplex=True)
        self._rows_pipe, child_rows = context.Pipe(duplex=True)  # a failed batch's rows
        self._process = context.Process(
            target=_serve,
            args=(_Generation(synth, executor), child, child_rows, (self._pipe, self._rows_pipe)),
            name="querynl-generate",
            daemon=True,
        )
        # Ctrl+C is held off until the worker ignores it: only the loader may act on it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child.close()
        child_rows.close()

    # ----- the synthesizer's interface ------------------------------------------------

    def insert_columns(self, table: str) -> list[str]:
        return self._call("insert_columns", table)

    def record_count(self, table: str) -> int:
        return self._call("record_count", table)

    def deferred_updates(self, table: str) -> list:
        return self._call("deferred_updates", table)

    def encoded_batches(self, table: str, encoding: Encoding, size: int) -> Iterator[EncodedBatch]:
        """The table's batches of `size` rows, encoded, as the worker makes them. Left
        unfinished (the run stopped), the worker is mid-table and can only be stopped:
        `close` does."""
        self._send(("stream", "encoded_batches", (table, encoding, size)))
        self._streaming = True
        while True:
            kind, value = self._receive()
            if kind == "done":
                self._streaming = False
                return
            value.fetch = self._rows_of
            yield value
            self._tell_rows(("loaded", value.serial))  # its rows may go

    def close(self) -> None:
        """Stop the worker: asked to when it is idle, ended when it is not."""
        if self._streaming:
            self._process.kill()
        if self._process.is_alive():
            with suppress(OSError):
                self._pipe.send(("stop", None, ()))
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._pipe.close()
        self._rows_pipe.close()

    # ----- the conversation -----------------------------------------------------------

    def _call(self, method: str, *args: Any) -> Any:
        self._send(("call", method, args))
        kind, value = self._receive()
        return value

    def _rows_of(self, serial: int) -> list[tuple]:
        """The rows of a batch the worker sent and this process has not loaded yet."""
        self._tell_rows(("rows", serial))
        try:
            rows = self._rows_pipe.recv()
        except (EOFError, OSError) as exc:
            raise self._died() from exc
        if rows is None:  # never: a batch's rows go only once it is loaded
            raise RunFailed(f"The rows of batch {serial} were let go too early. Nothing was written.")
        return rows

    def _tell_rows(self, message: tuple) -> None:
        try:
            self._rows_pipe.send(message)
        except OSError as exc:  # the worker is gone: say so, as for the batches' pipe
            raise self._died() from exc

    def _send(self, message: tuple) -> None:
        try:
            self._pipe.send(message)
        except OSError as exc:
            raise self._died() from exc

    def _receive(self) -> tuple[str, Any]:
        try:
            kind, value = self._pipe.recv()
        except (EOFError, OSError) as exc:
            raise self._died() from exc
        if kind == "error":
            self._streaming = False
            raise _rebuilt(*value)
        return kind, value

    def _died(self) -> RunFailed:
        self._process.join(timeout=1)
        code = self._process.exitcode
        how = "" if code is None else (f" (signal {-code})" if code < 0 else f" (exit status {code})")
        return RunFailed(f"The generating process stopped unexpectedly{how}. Nothing was written.")


class _RemoteRegistry:
    """The worker's key registry, for what the run asks of it."""

    def __init__(self, worker: SynthesisWorker) -> None:
        self._worker = worker

    def discard(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        self._worker._call("registry.discard", table, columns, rows)

    def generated(self, table: str, columns: list[str]) -> Any:
        return self._worker._call("registry.generated", table, columns)

    def sizes(self) -> dict[str, int]:
        return self._worker._call("registry.sizes")


@contextmanager
def generation(
    synth: FakerDataSynthesizer, executor: BaseInsertionExecutor, rows: int
) -> Iterator[FakerDataSynthesizer | SynthesisWorker]:
    """The synthesizer a run's loading talks to: a worker from WORKER_ROWS rows (when the
    platform forks), else the synthesizer itself."""
    if rows < WORKER_ROWS or not worker_available():
        yield synth
        return
    worker = SynthesisWorker(synth, executor)
    try:
        yield worker
    finally:
        worker.close()


# ----- the worker's side ----------------------------------------------------------------


class _Generation:
    """What the worker answers with: the synthesizer, and the executor's encodings (its
    copy in the worker never touches the connection)."""

    def __init__(self, synth: FakerDataSynthesizer, executor: BaseInsertionExecutor) -> None:
        self.synth = synth
        self.executor = executor
        self.kept: dict[int, list[tuple]] = {}  # serial -> the rows of a batch not yet loaded
        self.lock = threading.Lock()
        self.serial = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.synth, name)

    def encoded_batches(self, table: str, encoding: Encoding, size: int) -> Iterator[EncodedBatch]:
        for rows in rechunk(self.synth.generate_table_data(table), size):
            try:
                encoded = self.executor.encode(encoding, rows)
            except (ValueError, TypeError):  # the loader retries its rows one by one
                encoded = None
            self.serial += 1
            with self.lock:
                self.kept[self.serial] = rows
            yield EncodedBatch(len(rows), encoded, self.serial)

    def answer_rows(self, pipe: Connection) -> None:
        """While the main thread generates: hand over the rows of a batch ("rows", serial),
        or let go of them once the loader is done with the batch ("loaded", serial)."""
        try:
            while True:
                kind, serial = pipe.recv()
                with self.lock:
                    if kind == "rows":
                        rows = self.kept.get(serial)
                    else:
                        self.kept.pop(serial, None)
                        continue
                pipe.send(rows)
        except (EOFError, OSError):
            return


def _serve(
    synth: _Generation, pipe: Connection, rows_pipe: Connection, parents_ends: tuple[Connection, ...]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for end in parents_ends:
        end.close()
    threading.Thread(target=synth.answer_rows, args=(rows_pipe,), daemon=True).start()
    # Streams of our own: the inherited ones may have been locked, mid-write, by a thread
    # of the loader (the progress display) at the fork, and that lock is never released here.
    sys.stdout, sys.stderr = _own_stream(1), _own_stream(2)
    try:
        while True:
            kind, method, args = pipe.recv()
            if kind == "stop":
                break
            try:
                if kind == "stream":
                    for batch in _method(synth, method)(*args):
                        pipe.send(("rows", batch))
                    pipe.send(("done", None))
                else:
                    pipe.send(("result", _method(synth, method)(*args)))
            except (BrokenPipeError, EOFError):
                raise
            except BaseException as exc:  # noqa: BLE001 - handed to the loader, raised there
                pipe.send(("error", _portable(exc)))
    except (BrokenPipeError, EOFError, ConnectionResetError):
        pass  # the loader is gone: so is the run
    finally:
        # Leave without the interpreter's clean-up: it would close the loader's database
        # connection, inherited with the fork, under the loader's feet.
        sys.stderr.flush()
        os._exit(0)


def _own_stream(fd: int) -> TextIO:
    try:
        return open(os.dup(fd), "w", buffering=1)  # noqa: SIM115 - open until os._exit
    except OSError:  # no such stream: what would go there goes nowhere
        return open(os.devnull, "w")  # noqa: SIM115


def _method(synth: _Generation, path: str) -> Any:
    target: Any = synth
    for part in path.split("."):
        target = getattr(target, part)
    return target


def _portable(exc: BaseException) -> tuple[bytes | None, str, str]:
    """The exception as it crosses the pipe: pickled when it can be, and always in words."""
    text = f"{type(exc).__name__}: {exc}"
    try:
        pickled: bytes | None = pickle.dumps(exc)
        pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - an exception that does not pickle travels as words
        pickled = None
    return pickled, text, traceback.format_exc()


def _rebuilt(pickled: bytes | None, text: str, trace: str) -> BaseException:
    log.debug("in the generating process: %s", trace)
    if pickled is not None:
        return pickle.loads(pickled)
    return RuntimeError(text)
