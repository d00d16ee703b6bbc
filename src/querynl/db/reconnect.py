"""Noticing that the engine replaced a connection the server had dropped (a restart, a
terminated backend, a KILL), so the REPL can say it reconnected."""

from __future__ import annotations

import logging

from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


class ConnectionWatch:
    """Counts the engine's connections found dead (by a failed statement, a failed reset on
    return to the pool, or the pool's pre-ping at checkout) since the last `reconnect`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lost = 0
        event.listen(engine, "invalidate", self._on_invalidate)

    def _on_invalidate(self, _dbapi_connection, _record, exception) -> None:  # noqa: ANN001
        if exception is not None:  # None: closed on purpose, not lost
            self._lost += 1

    def reconnect(self) -> bool:
        """Check out a connection (the pool replaces a dead one); True when one had been
        lost since the last call and the database answers again."""
        try:
            with self.engine.connect():
                pass
        except Exception:  # noqa: BLE001 - the command itself reports an unreachable database
            log.debug("reconnect failed", exc_info=True)
            return False
        lost, self._lost = self._lost, 0
        return lost > 0
