"""Test planners: one that must never run (typed actions, the app's buttons), one that replays answers."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.plan.schema import EditPlan
from assistant.planning.base import PlannerContext, PlanResult
from assistant.planning.llm.base import ChatModelPlanner, Messages


class RefusingPlanner:
    """Records every request and raises: a typed path that reaches it is a bug the test reports."""

    name = "refusing"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def plan(self, text: str, context: PlannerContext) -> EditPlan:
        self.asked.append(text)
        raise AssertionError(f"the planner was asked to plan {text!r}")

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        return PlanResult(self.plan(text, context), self.name)


class ScriptedModel(ChatModelPlanner):
    """A stand-in for the model only: replays fixed answers (plans, then translations) through the real
    prompt → validate → ground → repair path, and records every prompt it was given."""

    name = "scripted"

    def __init__(self, *answers: str, translations: Sequence[str] = ()) -> None:
        self.answers = list(answers)
        self.translations = list(translations)
        self.calls: list[Messages] = []

    def complete(self, messages: Messages) -> str:
        self.calls.append(messages)
        return self.answers.pop(0)

    def complete_text(self, messages: Messages, slot: str = "translate") -> str:
        if not self.translations:
            raise NotImplementedError  # a backend that cannot translate: the model plans the original
        self.calls.append(messages)
        return self.translations.pop(0)
