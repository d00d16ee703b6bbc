"""Generate the next batches while the database loads the current one.

Drivers release the GIL while the server works, so a producer thread overlaps Python-side
generation with database-side loading. Order (and so determinism) is unchanged.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


def prefetch(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if not _put(buffer, item, stop):
                    return
            _put(buffer, _DONE, stop)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, re-raised there
            _put(buffer, exc, stop)

    worker = threading.Thread(target=produce, name="querynl-generate", daemon=True)
    worker.start()
    try:
        while (item := buffer.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def _put(buffer: queue.Queue, item: object, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            buffer.put(item, timeout=0.05)
            return True
        except queue.Full:
            continue
    return False
