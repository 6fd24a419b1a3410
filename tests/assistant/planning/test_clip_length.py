"""A clip's length by its ends in the rules: an end of a clip kept (trim_to), a clip run on (extend), and a
question, never a guess, when no amount is said. Each of these was a search or a wrong trim before."""

from __future__ import annotations

import pytest

from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops, plan


def trim_to(seconds: float, side: str, **target: object) -> dict:
    return {"op": "trim_to", "target": target, "seconds": seconds, "side": side}


def extend(seconds: float, side: str = "end", **target: object) -> dict:
    return {"op": "extend", "target": target, "seconds": seconds, "side": side}


@pytest.mark.parametrize(("text", "expected"), [
    ("keep the first 4 seconds of clip 6", trim_to(4, "end", indices=[6])),
    ("only use the final 2 seconds of the fifth clip", trim_to(2, "start", indices=[5])),
    ("give me just the opening three seconds of the last shot", trim_to(3, "end", indices=[-1])),
    ("clip 2 should only be its last 5 seconds", trim_to(5, "start", indices=[2])),
    ("chop clip 7 down to its first 1.5 seconds", trim_to(1.5, "end", indices=[7])),
    ("the first 2 seconds of every clip", trim_to(2, "end")),
])
def test_an_end_of_a_clip_kept_is_a_trim_to_from_the_other_end(text: str, expected: dict) -> None:
    assert ops(text) == plan(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("make clip 4 three seconds longer", extend(3, indices=[4])),
    ("extend the second clip by 1.5 seconds", extend(1.5, indices=[2])),
    ("lengthen clip 3 at the start by 2 seconds", extend(2, "start", indices=[3])),
    ("add 4 seconds to the end of the last clip", extend(4, indices=[-1])),
    ("add 1 second to both ends of clip 5", extend(1, "both", indices=[5])),
    ("give clip 6 3 more seconds", extend(3, indices=[6])),
    ("start the third clip 2 seconds earlier", extend(2, "start", indices=[3])),
    ("end clip 1 a couple of seconds later", extend(2, indices=[1])),
    ("let the sunset clip run on another 5 seconds", extend(5, matching="sunset")),
    ("could the goat clip begin a second sooner", extend(1, "start", matching="goat")),
    ("clip 7 should end 3 seconds later", extend(3, indices=[7])),
])
def test_a_clip_run_on_into_its_video_is_an_extend(text: str, expected: dict) -> None:
    assert ops(text) == plan(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("make it 20 seconds longer", {"op": "limit_duration", "change": 20}),  # the whole cut, by an amount
    ("add half a minute to it", {"op": "limit_duration", "change": 30}),
    ("trim 2 seconds off the end of clip 3", {"op": "trim", "target": {"indices": [3]}, "seconds": 2,
                                               "side": "end"}),
])
def test_lengths_of_the_whole_cut_and_plain_trims_are_unchanged(text: str, expected: dict) -> None:
    assert ops(text) == plan(expected)


@pytest.mark.parametrize(("text", "words"), [
    ("make clip 3 longer", 'How many seconds longer? Say e.g. "make clip 3 3 seconds longer"'),
    ("lengthen the fourth clip a little", "How many seconds longer?"),
    ("shorten clip 2", 'How much shorter? Say e.g. "trim 2 seconds off the end of clip 2"'),
    ("trim the last clip", "How much shorter?"),
    ("make the beach clip a bit shorter", "How much shorter?"),
])
def test_a_clip_longer_or_shorter_by_no_amount_is_asked_about_not_guessed(text: str, words: str) -> None:
    result = parse(text)
    assert not result.plan.ops and words in (result.plan.refusal or "")


def test_keeping_the_first_seconds_of_the_whole_cut_keeps_them() -> None:
    """Answered "I can't cut time off an end of the whole cut" until part 37 (``TrimCut``); never a trim of a
    clip."""
    assert parse("keep only the first 8 seconds").confident
    assert ops("keep only the first 8 seconds") == plan({"op": "trim_cut", "seconds": 8, "side": "start",
                                                         "keep": True})


@pytest.mark.parametrize(("text", "expected"), [
    ("snip the tail off clip 5, about 2 seconds", {"op": "trim", "target": {"indices": [5]}, "seconds": 2,
                                                   "side": "end"}),
    ("make the opening clip longer. maybe 4 seconds", extend(4, indices=[1])),
])
def test_the_amount_said_just_after_the_question_it_would_raise_completes_the_edit(text: str,
                                                                                   expected: dict) -> None:
    assert ops(text) == plan(expected)


def test_which_end_without_how_much_is_asked_about() -> None:
    result = parse("lop the end off the second clip")
    assert not result.plan.ops and "How much shorter?" in (result.plan.refusal or "")
