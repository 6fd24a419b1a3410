"""Readings found in a user session of 2026-12-05 (part 37): people "talking on" a place are a picture of
where they talk, not their lines about it ("only the people talking on the bridge" searched the dialogue
for "bridge" and found nothing); "can we have X too" asks for more, not for only X (it was a guessed
keep-only of "have X")."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    ClipRef,
    Fade,
    Keep,
    KeepOnly,
    LimitDuration,
    Query,
    Remove,
    Reset,
    Speed,
    Transition,
    Trim,
    TrimCut,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("only the people talking on the bridge", [KeepOnly(query=Query(text="people talking on the bridge"))]),
    ("just the guys talking on the boat, 20 seconds max",
     [KeepOnly(query=Query(text="guys talking on the boat")), LimitDuration(seconds=20, bound="at_most")]),
    ("drop the conversation on the stairs", [Remove(query=Query(text="conversation on the stairs"))]),
    # what is said stays what is said
    ("only the lines about the robots", [KeepOnly(query=Query(text="robots", kind="dialogue"))]),
    ("keep her speech on the budget", [Keep(query=Query(text="budget", kind="dialogue"))]),
    ("cut the talk on gardening", [Remove(query=Query(text="gardening", kind="dialogue"))]),
    ("only where they're talking about money", [KeepOnly(query=Query(text="money", kind="dialogue"))]),
])
def test_talking_on_a_place_is_a_picture_and_about_a_topic_is_dialogue(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("can we have the lady with the umbrella too", [Add(query=Query(text="lady with the umbrella"))]),
    ("could I get the snowball fight as well", [Add(query=Query(text="snowball fight"))]),
    ("can u see the kite flying too", [Add(query=Query(text="kite flying"))]),
    ("have the picnic too", [Add(query=Query(text="picnic"))]),
    # settings, pronouns and the whole videos keep their readings
    ("can we have crossfades too", [Transition(kind="crossfade")]),
    ("can we get it quicker too", [Speed(factor=1.5)]),
    ("can I see the original too", [Reset()]),
    ("could we have only the picnic", [KeepOnly(query=Query(text="picnic"))]),
])
def test_having_something_too_adds_it(text, expected) -> None:
    result = parse(text)
    assert result.confident, text
    assert ops(text) == expected, text


NAMES = ("Celia", "Thom", "Hildy")


@pytest.mark.parametrize(("text", "expected"), [
    ("only the scenes with Celia or Thom", [KeepOnly(query=Query(people=("Celia",))),
                                            Add(query=Query(people=("Thom",)))]),
    ("just Hildy, Celia or Thom", [KeepOnly(query=Query(people=("Hildy",))),
                                   Add(query=Query(people=("Celia",))), Add(query=Query(people=("Thom",)))]),
    ("Thom or Celia running", [KeepOnly(query=Query(text="running", people=("Thom",))),
                               Add(query=Query(text="running", people=("Celia",)))]),
    ("cut out the bits with either Hildy or Thom", [Remove(query=Query(people=("Hildy",))),
                                                    Remove(query=Query(people=("Thom",)))]),
    # both together stays both together
    ("only the scenes with Celia and Thom", [KeepOnly(query=Query(people=("Celia", "Thom")))]),
])
def test_people_said_with_or_are_each_of_them(text, expected) -> None:
    result = parse(text, NAMES)
    assert result.confident and result.plan.ops == expected, text


def test_a_pick_from_the_cut_of_either_person_is_asked_about() -> None:
    """"keep the ones with Celia or Thom" has no plan (a keep of either): asked, not read as both."""
    result = parse("keep the ones with Celia or Thom", NAMES)
    assert not result.confident and result.guessed


@pytest.mark.parametrize(("text", "expected"), [
    ("get rid of the last ten seconds", [TrimCut(seconds=10)]),
    ("chop off the final 4 secs", [TrimCut(seconds=4)]),
    ("lose the opening 3 seconds of the video", [TrimCut(seconds=3, side="start")]),
    ("trim the last 2 seconds off the whole thing", [TrimCut(seconds=2)]),  # was "how much shorter? clip 2"
    ("keep just the first 45 seconds", [TrimCut(seconds=45, side="start", keep=True)]),
    ("only the last minute", [TrimCut(seconds=60, keep=True)]),
    ("cut the last 10 seconds and crossfade", [TrimCut(seconds=10), Transition(kind="crossfade")]),
    # one clip's seconds stay trims of that clip
    ("cut the last 5 seconds of clip 3", [Trim(target=ClipRef(indices=[3]), seconds=5, side="end")]),
    ("drop the first 2 seconds of every clip", [Trim(seconds=2, side="start")]),
])
def test_time_off_an_end_of_the_whole_cut(text, expected) -> None:
    result = parse(text)
    assert result.confident and result.plan.ops == expected, text


def test_time_off_an_end_by_no_amount_asks_how_many_seconds() -> None:
    result = parse("cut the first few seconds")
    assert not result.plan.ops and (result.plan.refusal or "").startswith("How many seconds?")


@pytest.mark.parametrize(("text", "expected"), [
    ("keep the sunset but make it slower", [Speed(target=ClipRef(matching="sunset"), factor=0.5)]),
    ("keep the goal and speed it up", [Speed(target=ClipRef(matching="goal"), factor=1.5)]),
    ("the dance is hilarious, keep that but slow it down a bit",
     [Speed(target=ClipRef(matching="dance"), factor=0.75)]),
    # the keep stays a keep where the next edit is not of those parts alone
    ("keep the fights and make it shorter", [Keep(query=Query(text="fights")), LimitDuration(factor=0.75)]),
])
def test_keep_x_but_change_it_changes_x_and_keeps_the_rest(text, expected) -> None:
    """"keep the kiss but make it slower" had kept only the kiss and slowed the whole cut."""
    result = parse(text)
    assert result.confident and result.plan.ops == expected, text


@pytest.mark.parametrize(("text", "where"), [
    ("I want the fireworks at the end", "end"), ("I'd like the toast at the very beginning", "start"),
    ("i want the cake to come first", "start"), ("I would like the goodbye right at the end", "end"),
])
def test_i_want_x_at_an_end_moves_x_there(text, where) -> None:
    """"I want the bunny at the end" was a keep-only of "bunny at the end" ("at the very start": a reset)."""
    result = parse(text)
    assert result.confident and [(op.op, op.to) for op in result.plan.ops] == [("move", where)], text


@pytest.mark.parametrize(("text", "asked"), [
    ("the ending drags", "How much shorter?"), ("the intro drags on", "How much shorter?"),
    ("the middle part drags", "Which clips are too long?"), ("the middle is too short", "Which clips should"),
])
def test_a_place_in_the_cut_that_drags_is_asked_about_not_a_dislike(text, asked) -> None:
    """They were dislikes of "ending" / "middle" (a taste of the person) or searches for "ending drags"."""
    result = parse(text)
    assert not result.plan.ops and (result.plan.refusal or "").startswith(asked), text


def test_a_place_that_drags_beside_its_edit_is_the_reason() -> None:
    result = parse("the outro drags on, trim 3 seconds off the end of the last clip")
    assert result.confident and result.plan.ops == [Trim(target=ClipRef(indices=[-1]), seconds=3, side="end")]


@pytest.mark.parametrize(("text", "expected"), [
    ("how about a slow fade at the end", [Fade(at="end", seconds=2)]),
    ("what about crossfades?", [Transition(kind="crossfade")]),
    ("how about a 1.5 second dissolve", [Transition(kind="crossfade", seconds=1.5)]),
])
def test_a_setting_suggested_with_how_about_is_the_request(text, expected) -> None:
    """"how about a fade at the end" was not understood ("how about" was filler only before a gerund)."""
    result = parse(text)
    assert result.confident and result.plan.ops == expected, text


def test_a_thing_suggested_with_how_about_is_still_asked_about() -> None:
    assert not parse("how about the beach").plan.ops
