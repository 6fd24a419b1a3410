"""The rules planner on what a user session of 2026-12-04 (part 28) hit: removing every clip, "the boring
parts", and a search for slow-motion scenes read as a speed. The phrasings are this file's own."""

from __future__ import annotations

import pytest

from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize("text", ["delete everything", "remove all the clips", "cut it all",
                                  "bin every clip"])
def test_removing_every_clip_is_answered_not_searched(text: str) -> None:
    # before: "delete everything" kept only scenes matching "delete everything"
    result = parse(text)
    assert not result.plan.ops and "at least one clip" in (result.plan.refusal or ""), result.plan


def test_removing_everything_with_a_thing_is_still_a_removal() -> None:
    assert ops("get rid of everything with the tractor") == plan(q("remove", "tractor"))


@pytest.mark.parametrize("text", ["remove the boring parts", "cut the dull bits",
                                  "get rid of the worst clips", "skip the slow stuff",
                                  "lose the weak scenes"])
def test_the_boring_parts_go_as_the_better_half_stays(text: str) -> None:
    # before: a search for "boring" (CLIP has no picture of boredom) and its matches removed
    assert ops(text) == plan({"op": "best"})


def test_the_boring_parts_and_a_length() -> None:
    assert ops("drop the boring bits and make it a minute") == plan({"op": "best"},
                                                                     {"op": "limit_duration", "seconds": 60})


@pytest.mark.parametrize(("text", "op"), [("remove the slow motion parts", "remove"),
                                          ("keep the slow-mo shots", "keep")])
def test_slow_motion_scenes_are_a_search_not_a_speed(text: str, op: str) -> None:
    # before: "remove the slow motion parts" played every clip matching "remove the" at half speed
    [found] = parse(text).plan.ops
    assert found.op == op and "slow" in found.query.text


@pytest.mark.parametrize(("text", "seconds"), [("transitions: black", 0.5),
                                               ("transition: black, 1.5 seconds", 1.5)])
def test_a_transition_headline_names_its_kind(text: str, seconds: float) -> None:
    # before: a search for "transitions: black" and, with a length after it, the whole cut cut to that length
    assert ops(text) == plan({"op": "transition", "kind": "fade_black", "seconds": seconds})


@pytest.mark.parametrize("text", ["speed up the end", "slow the middle part down"])
def test_a_speed_for_a_stretch_of_the_cut_by_position_is_answered(text: str) -> None:
    # before: "make the second half faster" played clip 2 at 1.5x ("half" dropped as in "half speed"); since
    # part 41 it is the second half of the cut (``ClipSpan``), and stretches with no edge are answered
    result = parse(text)
    assert not result.plan.ops and "where that stretch" in (result.plan.refusal or ""), result.plan
    assert ops("speed up the last clip") == plan({"op": "speed", "target": {"indices": [-1]}, "factor": 1.5})
