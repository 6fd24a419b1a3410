"""Phrasings from part 54's probes (my own, not in any request file) that had made sure but wrong edits.

The requests tested here are other wordings of the probed ones, so a fix for one sentence does not pass."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add, KeepOnly, Speed
from assistant.planning.rules.parser import parse


@pytest.mark.parametrize("text", [
    "i'd like the whole film in slow motion",
    "we want it all slowed down",
    "i need everything slowed down please",
    "the entire edit slowed down",
])
def test_the_whole_cut_said_as_a_wish_is_slowed_as_a_whole(text: str) -> None:
    """"i want the whole thing in slow motion" had slowed the clips matching "i want the whole thing", and
    "i'd like everything slowed down" kept only the matches for "slowed down"."""
    assert parse(text).plan.ops == [Speed(factor=0.5)]


@pytest.mark.parametrize(("text", "target"), [
    ("i'd like the car chase slowed down", "car chase"),
    ("i want the dancing in slow motion", "dancing"),
])
def test_a_wish_for_some_clips_keeps_its_target(text: str, target: str) -> None:
    [op] = parse(text).plan.ops
    assert isinstance(op, Speed) and op.factor == 0.5 and op.target.matching == target


@pytest.mark.parametrize(("text", "query_text"), [
    ("get me another angle of the crash", "crash"),
    ("throw in a few more shots of the harbour", "harbour"),
    ("two more clips of the horses please", "horses"),
    ("one more moment where the baby giggles", "baby giggles"),
    ("maybe a different take of the sunset", "sunset"),
])
def test_more_shots_of_something_are_added_not_searched_by_count(text: str, query_text: str) -> None:
    """"give me another angle of the explosion" had kept only the matches for those words, and "one more shot
    of the bridge" those for "1 more shot of the bridge"."""
    [op] = parse(text).plan.ops
    assert isinstance(op, Add) and op.query.text == query_text, op


@pytest.mark.parametrize("text", [
    "show us what you've made",
    "can i see the latest version",
    "let me watch it again",
    "what does the edit look like so far",
    "what is in my cut",
])
def test_asking_to_see_the_cut_changes_nothing(text: str) -> None:
    """"show me what you've got so far" had kept only the matches for "what you've got so far"."""
    plan = parse(text).plan
    assert plan.ops == [] and (plan.refusal or "").startswith("Nothing changed"), plan


@pytest.mark.parametrize("text", ["great, save it", "download the final cut please",
                                  "send this to my sister"])
def test_saving_or_sharing_says_how(text: str) -> None:
    plan = parse(text).plan
    assert plan.ops == [] and "Share this version" in (plan.refusal or ""), plan


def test_downloading_a_new_film_is_still_answered_as_outside_the_library() -> None:
    plan = parse("download the new bond trailer and cut it in").plan
    assert plan.ops == [] and "not fetch any" in (plan.refusal or ""), plan


@pytest.mark.parametrize("text", ["give me a different cut", "let's try another one"])
def test_another_version_with_nothing_said_is_asked_about(text: str) -> None:
    plan = parse(text).plan
    assert plan.ops == [] and "other version should have" in (plan.refusal or ""), plan


@pytest.mark.parametrize(("text", "query_text"), [
    ("show me the fights", "fights"),
    ("let me see the bridge scenes", "bridge"),
    ("more shots of the sea", "sea"),
])
def test_what_to_see_still_chooses_the_cut(text: str, query_text: str) -> None:
    """The answers above are for the cut itself; naming what to see still edits."""
    [op] = parse(text).plan.ops
    assert isinstance(op, KeepOnly | Add) and op.query.text == query_text, op


@pytest.mark.parametrize(("text", "topic"), [
    ("just the bits where she says something about the storm", "storm"),
    ("keep the lines where they say stuff about money", "money"),
])
def test_something_about_a_topic_is_the_topic(text: str, topic: str) -> None:
    """"only where Thom says something about the robot" had searched the dialogue for "something about the
    robot"."""
    [op] = parse(text).plan.ops
    assert isinstance(op, KeepOnly | Add) or op.op == "keep"
    assert op.query.kind == "dialogue" and op.query.text == topic, op  # type: ignore[union-attr]
