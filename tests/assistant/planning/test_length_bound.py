"""A length said as a ceiling ("under 2 minutes") or a floor ("at least a minute") carries that bound, from
the rules, the shorthand and a model's plan alike: a plain target length shortens or lengthens, so "keep it
under 3 minutes" had run a 1-minute cut on to 3 minutes, and "make it longer than a minute" had cut a
2-minute one down to 1."""

from __future__ import annotations

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import Best, EditPlan, KeepOnly, LimitDuration, Query
from assistant.planning.llm.grounding import grounded, length_bound_said
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "seconds", "bound"), [
    ("squeeze it under four minutes", 240, "at_most"),
    ("3 min max please", 180, "at_most"),
    ("it can't be more than 2 minutes", 120, "at_most"),
    ("no longer than a minute and a half", 90, "at_most"),
    ("cap the whole thing at 75 seconds", 75, "at_most"),
    ("40 seconds or less", 40, "at_most"),
    ("it should run at least two minutes", 120, "at_least"),
    ("make the video longer than 90 seconds", 90, "at_least"),
    ("not less than a minute please", 60, "at_least"),
    ("50 seconds or longer", 50, "at_least"),
    ("it mustn't be longer than two minutes", 120, "at_most"),
    ("I don't want it over 4 minutes", 240, "at_most"),
    ("it shouldn't be shorter than 30 seconds", 30, "at_least"),
    ("make it 2 minutes", 120, None),
    ("trim the video to 45 seconds", 45, None),
])
def test_the_rules_read_which_way_a_length_may_move_the_cut(text: str, seconds: float,
                                                            bound: str | None) -> None:
    assert ops(text) == [LimitDuration(seconds=seconds, bound=bound)]


def test_a_change_by_an_amount_is_still_a_change() -> None:
    assert ops("make it 20 seconds longer") == [LimitDuration(change=20)]


def test_a_bound_beside_other_edits_and_in_shorthand() -> None:
    assert ops("only the canoe trip, under 90 seconds") == [
        KeepOnly(query=Query(text="canoe trip")), LimitDuration(seconds=90, bound="at_most")]
    assert ops("-rain max 50s")[1:] == [LimitDuration(seconds=50, bound="at_most")]
    assert ops("-rain 50s")[1:] == [LimitDuration(seconds=50)]


@pytest.mark.parametrize(("text", "bound"), [
    ("keep it below three minutes", "at_most"),
    ("no more than two minutes", "at_most"),
    ("das Video soll höchstens drei Minuten dauern", "at_most"),
    ("pas plus de deux minutes", "at_most"),
    ("que no dure más de un minuto", "at_most"),  # "más de" alone is a floor
    ("que dure más de un minuto", "at_least"),
    ("non deve durare più di due minuti", "at_most"),
    ("que dure menos de dos minutos", "at_most"),
    ("视频不超过两分钟", "at_most"),
    ("2分以内にまとめて", "at_most"),
    ("mindestens eine Minute lang", "at_least"),
    ("almeno un minuto", "at_least"),
    ("至少一分钟", "at_least"),
    ("it can't run longer than two minutes", "at_most"),
    ("it shouldn't be shorter than a minute", "at_least"),
    ("make it two minutes", None),
])
def test_a_bound_is_read_in_the_languages_the_model_is_asked_in(text: str, bound: str | None) -> None:
    assert length_bound_said(text) == bound


def test_a_models_length_gets_the_bound_the_message_says() -> None:
    plan = EditPlan.model_validate({"ops": [{"op": "limit_duration", "seconds": 180}]})
    assert grounded(plan, "das Ganze bitte unter drei Minuten", "de").ops == [
        LimitDuration(seconds=180, bound="at_most")]
    assert grounded(plan, "make the whole thing three minutes", "en").ops == [LimitDuration(seconds=180)]
    # a bound the model gave stands
    floor = EditPlan.model_validate({"ops": [{"op": "limit_duration", "seconds": 180, "bound": "at_least"}]})
    assert grounded(floor, "keep it under three minutes", "en").ops == floor.ops


def test_the_answer_says_a_floor_as_a_floor() -> None:
    floor = EditPlan(ops=[LimitDuration(seconds=60, bound="at_least")])
    assert "at least 1:00" in describe_plan(floor).lower()
    assert "mindestens 1:00" in describe_plan(floor, "de").lower()


def test_a_bound_before_a_length_of_something_is_no_search() -> None:
    """"give me at least 2 mins of the surfing" had kept only the matches for "at least" and then the best
    2 minutes of the surfing; a length of the cut itself keeps its bound."""
    assert ops("give me at least 2 mins of the surfing") == [Best(query=Query(text="surfing"), seconds=120)]
    assert ops("up to 90 seconds of the picnic") == [Best(query=Query(text="picnic"), seconds=90)]
    assert ops("up to 2 minutes of the cut") == [LimitDuration(seconds=120, bound="at_most")]
