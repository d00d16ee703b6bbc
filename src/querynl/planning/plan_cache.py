"""Model answers kept on disk, so repeating a request asks the model nothing.

Keyed by a sha256 of the schema's fingerprint (its structure, not its row counts: a run that
adds rows does not change it), the request (without its seed), the endpoint and model, and
the planner's version. Under $XDG_CACHE_HOME/querynl/plans (default ~/.cache). What is kept
is the model's proposals, checked again on every use; a file that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from querynl.llm.settings import LLMSettings
from querynl.models import TestDataRequest
from querynl.schema import SchemaMetadata

log = logging.getLogger(__name__)

PLANNER_VERSION = 1  # bump when the prompt or the proposal's meaning changes


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "querynl" / "plans"


def schema_fingerprint(schema: SchemaMetadata) -> dict[str, Any]:
    data = schema.model_dump(mode="json")
    for table in data["tables"]:
        table.pop("row_count", None)
    return data


def cache_key(schema: SchemaMetadata, request: TestDataRequest, settings: LLMSettings, budget: int) -> str:
    asked = request.model_dump(mode="json", exclude={"seed", "database_type"})
    asked["user_query"] = " ".join(request.user_query.lower().split())
    identity = {
        "schema": schema_fingerprint(schema),
        "request": asked,
        "model": settings.model,
        "endpoint": settings.base_url,
        "budget": budget,
        "version": PLANNER_VERSION,
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()


class PlanCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir()

    def get(self, key: str) -> Any | None:
        path = self.directory / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.debug("plan cache %s ignored: %s", path, exc)
            return None

    def put(self, key: str, value: Any) -> None:
        path = self.directory / f"{key}.json"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(value), encoding="utf-8")
            temporary.replace(path)
        except OSError as exc:  # a cache that cannot be written only costs a second call
            log.debug("plan cache %s not written: %s", path, exc)
