"""What a planner is: the schema and a request in, a complete DataGenerationPlan out."""

from __future__ import annotations

from typing import Protocol

from querynl.models import DataGenerationPlan, TestDataRequest
from querynl.schema import SchemaMetadata


class Planner(Protocol):
    name: str

    def plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan: ...
