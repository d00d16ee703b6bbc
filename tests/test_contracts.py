"""specs/005-add-test-data/contracts/ describes the pipeline's interfaces; the code must match."""

from __future__ import annotations

import importlib.util
import inspect
from pathlib import Path

import pytest

from querynl.dialects import DIALECTS
from querynl.loading.executor import BaseInsertionExecutor
from querynl.planning.plan_file import PlanFilePlanner
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.synthesis.synthesizer import FakerDataSynthesizer

CONTRACTS = Path(__file__).parents[1] / "specs/005-add-test-data/contracts/test_data_generator_api.py"


def contracts():
    spec = importlib.util.spec_from_file_location("contracts", CONTRACTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def methods(protocol) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(protocol).items()
        if inspect.isfunction(member) and not name.startswith("_")
    }


def parameters(signature: inspect.Signature) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in signature.parameters.values()]


def implementations():
    module = contracts()
    executors = [BaseInsertionExecutor, *(d.executor_class for d in DIALECTS.values())]
    yield from ((module.Planner, cls) for cls in (RuleBasedPlanner, PlanFilePlanner))
    yield module.DataSynthesizer, FakerDataSynthesizer
    yield from ((module.InsertionExecutor, cls) for cls in executors)


@pytest.mark.parametrize(("protocol", "cls"), list(implementations()), ids=lambda x: x.__name__)
def test_class_meets_its_contract(protocol, cls):
    for name, expected in methods(protocol).items():
        actual = getattr(cls, name, None)
        assert actual is not None, f"{cls.__name__} lacks {name}"
        assert parameters(inspect.signature(actual)) == parameters(expected), f"{cls.__name__}.{name}"
    for attribute in getattr(protocol, "__annotations__", {}):
        assert hasattr(cls, attribute), f"{cls.__name__} lacks {attribute}"
