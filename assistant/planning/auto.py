"""The ``auto`` planner: which backend answers a turn, and what happens when a model fails.

Small local models are weak, so ``auto`` lets the rules parser answer when it understood the whole
request and asks the LLM only when some of it was not understood. It never raises on model output, and
never passes on a partial reading as if it were whole: what the rules did not understand stays in the
result (``unparsed``/``guessed``) so the chat asks about it instead of acting.
"""

from __future__ import annotations

from assistant.plan.language import reads_as_english
from assistant.plan.schema import EditPlan
from assistant.planning.base import Planner, PlannerContext, PlannerError, PlanResult
from assistant.planning.rules.parser import REFUSAL_UNSAFE, RulesParse, parse


class AutoPlanner:
    """The fallback policy in one place: rules first when they read the whole request, else the LLM.

    A hostile request is refused before any model sees it; an LLM that fails or answers invalid JSON
    hands the turn back to the rules parser with a visible note. ``rules_first=False`` asks the LLM
    every time (an explicitly chosen backend), still with those guards.
    """

    name = "auto"

    def __init__(self, llm: Planner | None, *, rules_first: bool = True) -> None:
        self.llm = llm
        self.rules_first = rules_first

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        return self.plan_turn(text, context).plan

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        rules = parse(text)
        if rules.plan.refusal == REFUSAL_UNSAFE:
            return PlanResult(rules.plan, "rules", note="refused before asking any model")
        llm = self.llm
        if llm is None:
            # Another language gets the one-line "offline only English" refusal; it says why by itself.
            understood = rules.confident or not reads_as_english(rules.language)
            return _rules_result(rules, "" if understood else "no language model is configured")
        if self.rules_first and (rules.confident or rules.plan.refusal and not rules.unparsed):
            note = f"the rules parser understood it all; {llm.name} not asked"
            return PlanResult(rules.plan, "rules", note=note, language=rules.language)
        # The model reads the whole request (it needs the understood clauses as context for the rest), and
        # any language: the parser sends every non-English request here unread.
        try:
            return PlanResult(llm.plan(text, context), backend=llm.name, language=rules.language)
        except PlannerError as exc:
            note = f"the {llm.name} planner gave no valid plan ({exc}); used the rules parser"
            return _rules_result(rules, note, raw=exc.raw)
        except Exception as exc:  # noqa: BLE001 - a model runtime's own failure must not end the chat either
            note = f"the {llm.name} planner failed ({type(exc).__name__}: {exc}); used the rules parser"
            return _rules_result(rules, note)


def _rules_result(rules: RulesParse, note: str, raw: str | None = None) -> PlanResult:
    return PlanResult(
        rules.plan, "rules", note=note, raw=raw, unparsed=rules.unparsed, guessed=rules.guessed,
        language=rules.language,
    )
