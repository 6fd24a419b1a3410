"""A plan the model hesitated over is asked about, not acted on (``confidence``, ``auto``)."""

from __future__ import annotations

import threading

from assistant.planning.auto import AutoPlanner
from assistant.planning.base import PlannerContext
from assistant.planning.llm.confidence import (
    ASK_BELOW,
    TRANSLATION_ASK_BELOW,
    plan_confidence,
    translation_confidence,
)
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


def _said(*words: tuple[str, float]) -> list[tuple[str, float]]:
    return list(words)


class _Translating(ScriptedModel):
    """The scripted model with a translation's token probabilities, as llama.cpp records them."""

    def __init__(self, translation: str, tokens: list[tuple[str, float]]) -> None:
        super().__init__(translations=[translation])
        self.text_tokens = tokens

    def complete_text(self, messages, slot="translate"):  # type: ignore[no-untyped-def]
        answer = super().complete_text(messages, slot)
        self.last_text_tokens = self.text_tokens
        return answer


def test_a_word_the_translation_hardly_knew_makes_the_reading_a_question() -> None:
    # "the father's sunrise" for "dad's speech": the rules read the English in full, and it is asked about
    english = "remove the clip with the father's sunrise"
    unsure = _said(("remove", 0.9), (" the", 0.95), (" clip", 0.6), (" with", 0.8), (" the", 0.9),
                   (" father", 0.7), ("'s", 0.9), (" sunrise", TRANSLATION_ASK_BELOW / 2))
    asked = AutoPlanner(_Translating(english, unsure)).plan_turn("תוריד את הקטע עם הנאום של אבא",
                                                                  PlannerContext())
    assert asked.to_confirm and asked.guessed and "sunrise" in asked.note
    assert [op.op for op in asked.plan.ops] == ["remove"]  # what it would do: the question's choice
    sure = [(word, 0.9) for word, _ in unsure]
    acted = AutoPlanner(_Translating(english, sure)).plan_turn("תוריד את הקטע עם הנאום של אבא",
                                                                PlannerContext())
    assert not acted.to_confirm and [op.op for op in acted.plan.ops] == ["remove"]


def test_quoted_words_kept_as_written_are_no_doubt_but_quotes_the_model_added_are() -> None:
    tokens = _said(("add", 0.9), (" a", 0.9), (" title", 0.9), (':', 0.9), (' "', 0.9), ("N", 0.05),
                   ("oces", 0.1), ('"', 0.9))
    assert translation_confidence(tokens, quoted=True) == (0.9, "add")
    assert translation_confidence(tokens, quoted=False) == (0.05, "N")
    title = AutoPlanner(_Translating('add a title: "Noces de Camille"', tokens)).plan_turn(
        "Ajoute un titre : « Noces de Camille »", PlannerContext())
    assert not title.to_confirm and [op.op for op in title.plan.ops] == ["title"]


def test_the_default_model_passes_its_doubts_on() -> None:
    """The app's default planner (downloaded on first use) wraps a llama.cpp planner: ``auto`` reads the
    doubts through it (it had none to read, so the default app never asked)."""
    from assistant.planning.llm.default_model import DefaultModelPlanner

    default = DefaultModelPlanner()
    assert default.plan_confidence() is None and default.translation_confidence() is None  # nothing loaded
    model = ScriptedModel(_PLAN)
    model.last_tokens = _tokens(0.2)
    model.last_text_tokens = _said(("only", 0.9), (" the", 0.1))
    default._llm = model
    assert default.plan_confidence() == 0.2 and default.translation_confidence() == (0.1, " the")
