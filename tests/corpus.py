"""The real public schemas in ../shared/schemas/ (not copied here), and how each loads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.databases import driver_connection, skip_or_fail

SCHEMAS_DIR = Path(
    os.environ.get("QUERYNL_SCHEMAS_DIR", Path(__file__).resolve().parents[2] / "shared" / "schemas")
)
# Schemas that must be loaded into a database of a fixed name (a view hard-codes it).
FIXED_DATABASE = {("mysql", "sakila"): "sakila"}


def corpus() -> list[tuple[str, str]]:
    if not SCHEMAS_DIR.is_dir():
        return []
    return sorted((d.name, f.stem) for d in SCHEMAS_DIR.iterdir() if d.is_dir() for f in d.glob("*.sql"))


def require_corpus() -> None:
    if not SCHEMAS_DIR.is_dir():
        skip_or_fail(f"real schemas not found at {SCHEMAS_DIR}")


def load(dialect: str, url: str, name: str) -> None:
    path = SCHEMAS_DIR / dialect / f"{name}.sql"
    if dialect == "sqlite":
        with driver_connection(url) as conn:
            conn.executescript(path.read_text())
        return
    database = make_url(url).database
    if dialect == "postgresql":
        command = ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", database]
        subprocess.run([*command, "-f", str(path)], check=True, capture_output=True)
    else:
        with path.open("rb") as sql:
            subprocess.run(
                ["mariadb", "-h127.0.0.1", "-uroot", database], stdin=sql, check=True, capture_output=True
            )
