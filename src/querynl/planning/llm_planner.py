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
    PlanProposal,
    UnusableAnswer,
    parse_proposal,
    printable,
    proposal_schema,
)
from querynl.planning.plan_cache import PlanCache, cache_key
from querynl.planning.prompt import DEFAULT_BUDGET_TOKENS, correction, group_tables, messages
from querynl.planning.proposal_merge import Fallback, apply_proposal
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
            proposals = cached or [self._ask(schema, plan, request, group) for group in groups]
        except LLMUnavailable as exc:
            return _noted(plan, [f"{PREFIX} unavailable ({exc}); planned with rules."])
        usable = [p for p in proposals if isinstance(p, PlanProposal)]
        if key is not None and cached is None and len(usable) == len(proposals):
            self.cache.put(key, [p.model_dump(mode="json") for p in usable])
        return self._merge(schema, request, plan, groups, proposals)

    def _client_for_run(self) -> LLMClient:
        if self._client is None:
            self._client = LLMClient(self.settings)
        return self._client

    def _cached(self, key: str | None, groups: int) -> list[PlanProposal] | None:
        stored = self.cache.get(key) if key is not None and self.cache is not None else None
        if not isinstance(stored, list) or len(stored) != groups:
            return None
        try:
            return [PlanProposal.model_validate(p) for p in stored]
        except ValueError:
            return None

    def _ask(
        self, schema: SchemaMetadata, plan: DataGenerationPlan, request: TestDataRequest, group: list[str]
    ) -> PlanProposal | UnusableAnswer:
        """The group's proposal after at most one correction; the reason when none is usable."""
        conversation = messages(schema, plan, request, group)
        answer = self._chat(conversation)
        first, problems = self._judge(answer, schema, plan, request, group)
        if not problems:
            return first
        log.debug("%s: asking for a correction of %d problems", PREFIX, len(problems))
        second, _ = self._judge(
            self._chat(conversation + correction(answer, problems)), schema, plan, request, group
        )
        if isinstance(second, UnusableAnswer) and isinstance(first, PlanProposal):
            return first
        return second

    def _chat(self, conversation: list[dict[str, str]]) -> str:
        return self._client_for_run().chat(
            conversation, json_schema=proposal_schema(), schema_name="plan_proposal"
        )

    def _judge(
        self,
        answer: str,
        schema: SchemaMetadata,
        plan: DataGenerationPlan,
        request: TestDataRequest,
        group: list[str],
    ) -> tuple[PlanProposal | UnusableAnswer, list[str]]:
        try:
            proposal = parse_proposal(answer)
        except UnusableAnswer as exc:
            return exc, [str(exc)]
        merged = apply_proposal(plan, proposal, schema, request, group)
        return proposal, [f.problem() for f in merged.fallbacks]

    def _merge(
        self,
        schema: SchemaMetadata,
        request: TestDataRequest,
        rule_plan: DataGenerationPlan,
        groups: list[list[str]],
        proposals: list[PlanProposal | UnusableAnswer],
    ) -> DataGenerationPlan:
        plan, lines, taken = rule_plan.model_copy(deep=True), [], 0
        for group, proposal in zip(groups, proposals, strict=True):
            if isinstance(proposal, UnusableAnswer):
                lines.append(_unusable_line(group, proposal, whole=len(groups) == 1))
                continue
            merged = apply_proposal(plan, proposal, schema, request, group)
            plan, taken = merged.plan, taken + merged.taken
            lines += _lines(merged.fallbacks)
        cap_counts(schema, plan.tables)
        problems = validate_plan(plan, schema)
        if problems:  # the checks above should make this unreachable; the rule plan is safe
            log.debug("%s: merged plan invalid: %s", PREFIX, problems)
            return _noted(
                rule_plan, [f"{PREFIX}: the merged plan is invalid ({problems[0]}); planned with rules."]
            )
        rationale = " ".join(p.rationale for p in proposals if isinstance(p, PlanProposal)).strip()
        if rationale and taken:  # the model's reasons, when some of its choices are in the plan
            plan.rationale = f"Model: {printable(rationale, MAX_RATIONALE)} Rules: {rule_plan.rationale}"
        plan.planner = self.name if taken else rule_plan.planner
        return _noted(plan, lines)


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
