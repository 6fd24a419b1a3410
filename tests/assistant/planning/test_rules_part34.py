"""Readings from a sixteenth fresh pool (dev21's misses, each tested with phrasings of its own): "put X in",
"cut it down to X", lengths and factors said after the change, titles corrected, people by role with a
possessive, refusals for a look or for words put in someone's mouth. Each was a wrong edit, a guess or
nothing before."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Best,
    Blur,
    ClipRef,
    Extend,
    Keep,
    KeepOnly,
    LimitDuration,
    NameCharacter,
    Order,
    Query,
    Remove,
    RemoveClip,
    RemoveLine,
    Speed,
    Suggest,
    Title,
    Trim,
    Undo,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("could u stick the sparklers in pls", [Add(query=Query(text="sparklers"))]),
    ("throw the sandcastle in as well", [Add(query=Query(text="sandcastle"))]),
    ("pare this down to the kids on the swings", [Keep(query=Query(text="kids on the swings"))]),
    ("cut it down to only the bits in the rain", [Keep(query=Query(text="rain"))]),
    ("cut to just the dancing", [KeepOnly(query=Query(text="dancing"))]),
    ("cut it down to 40 seconds", [LimitDuration(seconds=40)]),  # a length stays a length
])
def test_putting_in_and_cutting_down_to(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("begin clip 2 a bit earlier, about 4 seconds", [Extend(target=ClipRef(indices=[2]), seconds=4,
                                                            side="start")]),
    ("end the final clip slightly later, 1.5 sec", [Extend(target=ClipRef(indices=[-1]), seconds=1.5)]),
    ("speed the whole thing up a touch, 1.3 will do", [Speed(factor=1.3)]),
    ("slow it all down, say 0.75 should do it", [Speed(factor=0.75)]),
    ("slow clip 3 down to 0.6x", [Speed(target=ClipRef(indices=[3]), factor=0.6)]),  # was 1/0.6, faster
    ("speed the lot up", [Speed(factor=1.5)]),
    ("it's about 4 minutes now, make it 90 seconds", [LimitDuration(seconds=90)]),
    ("its like 3 min right now, i want 1", [LimitDuration(seconds=60)]),
])
def test_amounts_said_after_the_change(text, expected) -> None:
    assert ops(text) == expected, text


def test_slowing_by_a_multiple_is_still_slower() -> None:
    (slow,) = ops("slow it down 3x")
    assert isinstance(slow, Speed) and abs(slow.factor - 1 / 3) < 1e-3


@pytest.mark.parametrize(("text", "title"), [
    ("call it Lisbon, not Porto", "Lisbon"),
    ("title it Day One... no wait, Day Two", "Day Two"),
    ("name it Spring, sorry, Summer", "Summer"),
    ("add a title that says We Did It!", "We Did It!"),
])
def test_titles_as_finally_said(text, title) -> None:
    assert ops(text) == [Title(text=title)], text


def test_a_title_with_nothing_to_say_is_asked_for() -> None:
    result = parse("could you add a title please")
    assert not result.plan.ops and result.plan.refusal.startswith("What should it say?")


@pytest.mark.parametrize(("text", "expected"), [
    ("put them in the proper order", [Order(by="story")]),
    ("most recent first", [Order(by="reverse")]),
    ("play it backwards, final day first", [Order(by="reverse")]),
    ("just the single best catch", [Best(query=Query(text="catch"), count=1)]),
    ("try dropping the speeches", [Remove(query=Query(text="speeches"))]),
    ("undo that, and maybe try keeping only the beach instead",
     [Undo(), KeepOnly(query=Query(text="beach"))]),
    ("then the best minute of whatever's left", [Best(seconds=60)]),  # no search for "whatever's left"
])
def test_order_best_and_tries(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("the third hug is cringe, bin it", [RemoveClip(ref=ClipRef(indices=[3], matching="hug"))]),
    ("clip 4 is blurry, get rid", [RemoveClip(ref=ClipRef(indices=[4]))]),
    ("the last clip has an abrupt ending, trim 1 second off the end", [
        Trim(target=ClipRef(indices=[-1]), seconds=1, side="end")]),
    ("the first thing she says in clip 2 is awkward, cut it", [RemoveLine(lines=[1], clip=2)]),
    ("the line in the last clip, take it out", [RemoveLine(clip=-1)]),
    ("snip out the last 2 lines", [RemoveLine(lines=[-2, -1])]),
])
def test_clips_and_lines_judged_then_acted_on(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("the woman who's number 3 is called Ines", [NameCharacter(character=3, name="Ines")]),
    ("character 5 is named Bo", [NameCharacter(character=5, name="Bo")]),
    ("drop the hero's scenes", [Remove(query=Query(people=("hero",)))]),  # was a search for "'s"
    ("only blur Ana and unblur everyone else", [Blur(target="only", people=("Ana",), exclusive=True)]),
    ("pick me 4 clips I'd probably enjoy, don't touch the cut", [Suggest(count=4)]),
    ("show me 5 scenes you think I'd like, without changing anything", [Suggest(count=5)]),
])
def test_people_blur_and_suggestions(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "starts"), [
    ("make it look like a home movie, faded and warm", "I can't change the look"),
    ("add a bit of film grain", "I can't change the look"),
    ("make my brother say thank you to everyone", "I can't make anyone say"),
])
def test_what_cannot_be_done_is_said(text, starts) -> None:
    result = parse(text)
    assert not result.plan.ops and result.plan.refusal.startswith(starts), (text, result)


def test_what_the_new_readings_leave_alone() -> None:
    assert ops("make it say Happy Birthday at the start") != []  # "it" says: not a person's words
    assert parse("call it Paris?").plan.ops == [Title(text="Paris")]  # a "?" is a hesitation
    assert ops("keep the golden hour shots") == [Keep(query=Query(text="golden hour"))]  # a look word inside
