"""Which planner a run uses: `rules`, `llm`, or `auto` (the LLM when an endpoint is
configured, else the rules). With no endpoint configured, nothing touches the network."""

from __future__ import annotations

from querynl.errors import RequestError
from querynl.llm.settings import LLMSettings
from querynl.planning.planner import Planner
from querynl.planning.rule_planner import RuleBasedPlanner

PLANNER_CHOICES = ("auto", "rules", "llm")


def make_planner(choice: str, settings: LLMSettings | None = None, *, use_cache: bool = True) -> Planner:
    """The planner for `choice`; RequestError for `llm` with no endpoint, or an unknown choice."""
    if choice not in PLANNER_CHOICES:
        raise RequestError(f"Unknown planner {choice!r}: choose one of {', '.join(PLANNER_CHOICES)}.")
    settings = settings or LLMSettings.from_env()
    if choice == "rules" or (choice == "auto" and not settings.configured):
        return RuleBasedPlanner()
    if not settings.configured:
        raise RequestError(f"The LLM planner needs an endpoint: {settings.describe()}.")
    from querynl.planning.llm_planner import LLMPlanner  # the openai client loads only when used
    from querynl.planning.plan_cache import PlanCache

    return LLMPlanner(settings, cache=PlanCache() if use_cache else None)


def describe_planner(choice: str, settings: LLMSettings | None = None) -> str:
    """One line: the choice and what it means here (the endpoint, never its key)."""
    settings = settings or LLMSettings.from_env()
    if choice == "rules":
        return "planner: rules (offline)"
    if choice == "llm" or settings.configured:
        return f"planner: {choice} ({settings.describe()})"
    return f"planner: auto (rules: {settings.describe()})"
