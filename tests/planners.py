"""Planners for tests that must prove no planner runs (typed actions, the app's buttons)."""

from __future__ import annotations

from assistant.plan.schema import EditPlan
from assistant.planning.base import PlannerContext, PlanResult


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
