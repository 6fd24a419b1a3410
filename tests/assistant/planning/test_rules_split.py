"""The rules planner on splitting clips at shot changes ("split it into its shots"): the first cut is each
video whole, so a shot can only be named by number once the cut has one clip per shot. The phrasings are
this file's own."""

from __future__ import annotations

import pytest

from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize("text", [
    "split it into its shots",
    "split into shots",
    "please chop the film up into individual shots",
    "break everything apart at the scene changes",
    "one clip per shot",
    "show me every shot as its own clip",
    "give me the shots as separate clips",
    "list the shots",
])
def test_the_whole_cut_split_into_shots(text: str) -> None:
    assert ops(text) == plan({"op": "split"})


@pytest.mark.parametrize(("text", "target"), [
    ("split the second clip into shots", {"indices": [2]}),
    ("split clips 1 and 3 into scenes", {"indices": [1, 3]}),
    ("cut the last clip up into its shots", {"indices": [-1]}),
    ("split the harbour clip into shots", {"matching": "harbour"}),
])
def test_some_clips_split_into_shots(text: str, target: dict) -> None:
    assert ops(text) == plan({"op": "split", "target": target})


def test_a_split_then_an_edit_by_number_in_one_request() -> None:
    assert ops("split it into shots and drop the third one") == plan(
        {"op": "split"}, {"op": "remove_clip", "ref": {"indices": [3]}})


@pytest.mark.parametrize(("text", "expected"), [
    ("cut the scenes with horses", plan(q("remove", "horses"))),  # a removal, no split
    ("cut the film into a 90 second teaser", plan({"op": "limit_duration", "seconds": 90})),
])
def test_cutting_scenes_or_a_length_is_no_split(text: str, expected: list) -> None:
    assert ops(text) == expected
