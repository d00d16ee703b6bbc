"""`\\planner [rules|llm|auto]`: show which planner test-data requests use (and the endpoint,
never its key), or switch it for the rest of the session."""

from __future__ import annotations

from querynl.cli.results import Results, SpecialResult
from querynl.cli.session import Session
from querynl.cli.special.registry import special_command
from querynl.llm.settings import LLMSettings
from querynl.planning.choice import PLANNER_CHOICES, describe_planner


@special_command(
    "\\planner",
    description="Show the test-data planner, or switch it.",
    takes=("arg", "session"),
    usage="[rules|llm|auto]",
)
def planner_command(arg: str, session: Session) -> Results:
    word = arg.strip().lower()
    if word and word not in PLANNER_CHOICES:
        return [
            SpecialResult(status=f"Unknown planner '{arg.strip()}': choose {', '.join(PLANNER_CHOICES)}.")
        ]
    settings = LLMSettings.from_env()
    if word == "llm" and not settings.configured:
        return [SpecialResult(status=f"The LLM planner needs an endpoint: {settings.describe()}.")]
    if word:
        session.planner_choice = word
    return [SpecialResult(status=describe_planner(session.planner_choice, settings))]
