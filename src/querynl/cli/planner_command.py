"""`\\planner [rules|llm|auto]` in the REPL: show which planner test-data requests use (and
the endpoint, never its key), or switch it for the rest of the session."""

from __future__ import annotations

from querynl.cli.commands import Results, SpecialResult, special_command
from querynl.llm.settings import LLMSettings
from querynl.planning.choice import PLANNER_CHOICES, describe_planner, make_planner
from querynl.planning.planner import Planner


class PlannerSwitch:
    """The session's choice; the REPL asks it for a planner at each request (the endpoint's
    settings are read then, so a changed environment counts)."""

    def __init__(self, choice: str = "auto") -> None:
        self.choice = choice

    def planner(self) -> Planner:
        return make_planner(self.choice)


SWITCH = PlannerSwitch()


@special_command(
    "\\planner",
    description="Show the test-data planner, or switch it: \\planner rules|llm|auto.",
    takes=("arg",),
)
def planner_command(arg: str) -> Results:
    word = arg.strip().lower()
    if word and word not in PLANNER_CHOICES:
        return [
            SpecialResult(status=f"Unknown planner '{arg.strip()}': choose {', '.join(PLANNER_CHOICES)}.")
        ]
    settings = LLMSettings.from_env()
    if word == "llm" and not settings.configured:
        return [SpecialResult(status=f"The LLM planner needs an endpoint: {settings.describe()}.")]
    if word:
        SWITCH.choice = word
    return [SpecialResult(status=describe_planner(SWITCH.choice, settings))]
