from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from querynl.db.engine import make_engine
from querynl.db.introspection import introspect
from querynl.schema import SchemaMetadata


@pytest.fixture
def introspected(db_url: str) -> Iterator[Callable[..., SchemaMetadata]]:
    """Run DDL statements (as written, no parameters) on the fresh database, then introspect it."""
    engine = make_engine(db_url)

    def run(*statements: str) -> SchemaMetadata:
        with engine.begin() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
        with engine.connect() as conn:
            return introspect(conn)

    yield run
    engine.dispose()
