"""A plan the model hesitated over is asked about, not acted on (``confidence``, ``auto``)."""

from __future__ import annotations

import threading

from assistant.planning.auto import AutoPlanner
from assistant.planning.base import PlannerContext
from assistant.planning.llm.confidence import ASK_BELOW, plan_confidence
from tests.planners import ScriptedModel

_PLAN = '{"ops":[{"op":"speed","factor":3.0}]}'


def _tokens(op_probability: float, word_probability: float = 0.9) -> list[tuple[str, float]]:
    """The streamed tokens of a plan: ``op_probability`` for the operation's name (a decision) and
    ``word_probability`` for a search word copied from the message."""
    return [('{"', 1.0), ("ops", 1.0), ('":[{"', 1.0), ("op", 1.0), ('":"', 0.99),
            ("remove", op_probability), ('","', 1.0), ("query", 0.97), ('":{"', 1.0), ("text", 0.99),
            ('":"', 1.0), ("par", word_probability), ("ade", 0.95), ('"}}', 0.9), ("]}", 0.97)]


def test_the_least_likely_token_is_the_plans_confidence() -> None:
    assert plan_confidence(_tokens(0.8)) == 0.8
    assert plan_confidence(_tokens(0.8, word_probability=0.05)) == 0.05  # a search word the model made up
    assert plan_confidence([]) is None


class _Unsure(ScriptedModel):
    """The scripted model, with the token probabilities a llama.cpp backend records."""

    def __init__(self, answer: str, tokens: list[tuple[str, float]]) -> None:
        super().__init__(answer)
        self.tokens = tokens

    def complete(self, messages):  # type: ignore[no-untyped-def]
        answer = super().complete(messages)
        self.last_tokens = self.tokens
        return answer


def test_a_plan_the_model_hesitated_over_becomes_a_question() -> None:
    request = "the parade is just floats forever, maybe triple it? the whole video I mean"
    unsure = AutoPlanner(_Unsure(_PLAN, _tokens(ASK_BELOW / 2))).plan_turn(request, PlannerContext())
    assert unsure.to_confirm and unsure.guessed == (request,) and "unsure" in unsure.note
    assert [op.op for op in unsure.plan.ops] == ["speed"]  # what it would do: the question's choice
    sure = AutoPlanner(_Unsure(_PLAN, _tokens(0.9))).plan_turn(request, PlannerContext())
    assert not sure.to_confirm and [op.op for op in sure.plan.ops] == ["speed"]
    blind = AutoPlanner(ScriptedModel(_PLAN)).plan_turn(request, PlannerContext())  # no probabilities: acts
    assert not blind.to_confirm


def test_each_session_thread_reads_its_own_plans_confidence() -> None:
    """The app's sessions share one model: a plan written in another thread must not stand in for this
    thread's (its tokens were set between this thread's plan and the check)."""
    model = ScriptedModel(_PLAN)
    model.last_tokens = _tokens(0.9)
    other = threading.Thread(target=lambda: setattr(model, "last_tokens", _tokens(0.1)))
    other.start()
    other.join()
    assert model.plan_confidence() == 0.9
