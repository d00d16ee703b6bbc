"""The LLM planner: the rule planner's plan, improved where a model proposes better.

The model sees the schema and the rule plan (in groups of related tables within a token
budget when the schema is large) and answers with a proposal (planning/model_answer.py). Its
answer is untrusted: each part is checked and laid over the rule plan (proposal_merge.py);
the problems go back once for a corrected answer, and whatever still fails keeps the rule's
choice with one line saying why. An endpoint that fails (refused key, rate limit, timeout,
server error, no connection) or answers no plan at all leaves the rule plan, with one line.
"""

from __future__ import annotations

import logging

from querynl.errors import LLMUnavailable
from querynl.llm.client import LLMClient
from querynl.llm.settings import LLMSettings
from querynl.models import DataGenerationPlan, TestDataRequest
from querynl.planning.caps import cap_counts
from querynl.planning.model_answer import (
    MAX_RATIONALE,
    Fallback,
    Reading,
    UnusableAnswer,
    printable,
    proposal_schema,
    read_answer,
)
from querynl.planning.plan_cache import PlanCache, cache_key
from querynl.planning.prompt import DEFAULT_BUDGET_TOKENS, correction, group_tables, messages
from querynl.planning.proposal_merge import apply_proposal
from querynl.planning.rule_planner import RuleBasedPlanner
from querynl.planning.validation import validate_plan
from querynl.schema import SchemaMetadata

log = logging.getLogger(__name__)

MAX_NOTE_LINES = 12
PREFIX = "LLM planner"


class LLMPlanner:
    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cache: PlanCache | None = None,
        budget_tokens: int = DEFAULT_BUDGET_TOKENS,
        client: LLMClient | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.budget_tokens = budget_tokens
        self._client = client
        self.rules = RuleBasedPlanner()

    def describe(self) -> str:
        return self.settings.describe()

    def plan(self, schema: SchemaMetadata, request: TestDataRequest) -> DataGenerationPlan:
        plan = self.rules.plan(schema, request)
        groups = group_tables(schema, plan, self.budget_tokens)
        key = cache_key(schema, request, self.settings, self.budget_tokens) if self.cache else None
        cached = self._cached(key, len(groups))
        try:
            answers = cached or [self._ask(schema, plan, request, group) for group in groups]
        except LLMUnavailable as exc:
            return _noted(plan, [f"{PREFIX} unavailable ({exc}); planned with rules."])
        readings = [_read(answer) for answer in answers]
        if key is not None and cached is None and not any(isinstance(r, UnusableAnswer) for r in readings):
            self.cache.put(key, answers)
        return self._merge(schema, request, plan, groups, readings)

    def _client_for_run(self) -> LLMClient:
        if self._client is None:
            self._client = LLMClient(self.settings)
        return self._client

    def _cached(self, key: str | None, groups: int) -> list[str] | None:
        """The answers kept for this request, one per group (read again like a new answer)."""
        stored = self.cache.get(key) if key is not None and self.cache is not None else None
        if (
            not isinstance(stored, list)
            or len(stored) != groups
            or not all(isinstance(a, str) for a in stored)
        ):
            return None
        return stored

    def _ask(
        self, schema: SchemaMetadata, plan: DataGenerationPlan, request: TestDataRequest, group: list[str]
    ) -> str:
        """The group's answer after at most one correction (the first when the second is no
        proposal at all)."""
        conversation = messages(schema, plan, request, group)
        answer = self._chat(conversation)
        problems = _problems(_read(answer), schema, plan, request, group)
        if not problems:
            return answer
        log.debug("%s: asking for a correction of %d problems", PREFIX, len(problems))
        corrected = self._chat(conversation + correction(answer, problems))
        unusable = isinstance(_read(corrected), UnusableAnswer)
        return answer if unusable and not isinstance(_read(answer), UnusableAnswer) else corrected

    def _chat(self, conversation: list[dict[str, str]]) -> str:
        return self._client_for_run().chat(
            conversation, json_schema=proposal_schema(), schema_name="plan_proposal"
        )

    def _merge(
        self,
        schema: SchemaMetadata,
        request: TestDataRequest,
        rule_plan: DataGenerationPlan,
        groups: list[list[str]],
        readings: list[Reading | UnusableAnswer],
    ) -> DataGenerationPlan:
        plan, unusable, fallbacks, taken = rule_plan.model_copy(deep=True), [], [], 0
        for group, reading in zip(groups, readings, strict=True):
            if isinstance(reading, UnusableAnswer):
                unusable.append(_unusable_line(group, reading, whole=len(groups) == 1))
                continue
            merged = apply_proposal(plan, reading.proposal, schema, request, group)
            plan, taken = merged.plan, taken + merged.taken
            fallbacks += reading.fallbacks + merged.fallbacks
        cap_counts(schema, plan.tables)
        problems = validate_plan(plan, schema)
        if problems:  # the checks above should make this unreachable; the rule plan is safe
            log.debug("%s: merged plan invalid: %s", PREFIX, problems)
            return _noted(
                rule_plan, [f"{PREFIX}: the merged plan is invalid ({problems[0]}); planned with rules."]
            )
        rationale = " ".join(r.proposal.rationale for r in readings if isinstance(r, Reading)).strip()
        if rationale and taken:  # the model's reasons, when some of its choices are in the plan
            plan.rationale = f"Model: {printable(rationale, MAX_RATIONALE)} Rules: {rule_plan.rationale}"
        plan.planner = self.name if taken else rule_plan.planner
        return _noted(plan, unusable + _lines(fallbacks))


def _read(answer: str) -> Reading | UnusableAnswer:
    try:
        return read_answer(answer)
    except UnusableAnswer as exc:
        return exc


def _problems(
    reading: Reading | UnusableAnswer,
    schema: SchemaMetadata,
    plan: DataGenerationPlan,
    request: TestDataRequest,
    group: list[str],
) -> list[str]:
    """What to send back: why the answer is no proposal, or each part that would fall back."""
    if isinstance(reading, UnusableAnswer):
        return [str(reading)]
    merged = apply_proposal(plan, reading.proposal, schema, request, group)
    return [f.problem() for f in reading.fallbacks + merged.fallbacks]


def _lines(fallbacks: list[Fallback]) -> list[str]:
    for fallback in fallbacks:
        log.debug(fallback.line())
    lines = list(dict.fromkeys(f.line() for f in fallbacks))
    if len(lines) > MAX_NOTE_LINES:
        rest = len(lines) - MAX_NOTE_LINES + 1
        lines = [
            *lines[: MAX_NOTE_LINES - 1],
            f"{PREFIX}: {rest} more parts fell back to rules (see the debug log)",
        ]
    return lines


def _unusable_line(group: list[str], reason: UnusableAnswer, whole: bool) -> str:
    if whole:
        return f"{PREFIX}: the model's answer was not a usable plan ({reason}); planned with rules."
    shown = ", ".join(group[:5]) + (f" and {len(group) - 5} more" if len(group) > 5 else "")
    return f"{PREFIX}: {shown} fell back to rules (the model's answer was not a usable plan: {reason})"


def _noted(plan: DataGenerationPlan, lines: list[str]) -> DataGenerationPlan:
    for line in lines:
        log.info(line)
    return plan.model_copy(update={"planner_notes": [*plan.planner_notes, *lines]})
