"""Sound levels in chat: clips muted, restored, set or made louder/quieter by number, place or what they
were chosen for, or the whole cut; one sound inside a clip is answered, never guessed."""

from __future__ import annotations

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    Blur,
    ClipRef,
    EditPlan,
    Keep,
    KeepOnly,
    LimitDuration,
    Query,
    Reframe,
    Remove,
    RemoveClip,
    Speed,
    Volume,
)
from assistant.planning.rules.parser import parse
from assistant.timeline.diff import diff_timelines
from tests.assistant.planning.rules_plans import ops
from tests.assistant.timeline.test_apply import FIGHT, root, run

WHOLE = ClipRef()


@pytest.mark.parametrize(("text", "expected"), [
    ("silence the second clip", Volume(target=ClipRef(indices=[2]), level=0)),
    ("could you mute clips 1 and 4", Volume(target=ClipRef(indices=[1, 4]), level=0)),
    ("get rid of the audio on the last clip please", Volume(target=ClipRef(indices=[-1]), level=0)),
    ("I want it with no sound at all", Volume(target=WHOLE, level=0)),
    ("switch off the sound", Volume(target=WHOLE, level=0)),
    ("make the first clip silent", Volume(target=ClipRef(indices=[1]), level=0)),
    ("put the sound back on clip 2", Volume(target=ClipRef(indices=[2]), level=1)),
    ("unmute everything", Volume(target=WHOLE, level=1)),
    ("the volume of the last two clips at 30%", Volume(target=ClipRef(indices=[-2, -1]), level=0.3)),
    ("play clip 3 at half volume", Volume(target=ClipRef(indices=[3]), level=0.5)),
    ("make clip 2 much louder", Volume(target=ClipRef(indices=[2]), factor=2.0)),
    ("lower the sound of the first clip", Volume(target=ClipRef(indices=[1]), factor=0.667)),
    ("turn it up a little", Volume(target=WHOLE, factor=1.25)),
    ("the last clip is way too loud", Volume(target=ClipRef(indices=[-1]), factor=0.5)),
    ("mute the interview clips", Volume(target=ClipRef(matching="interview"), level=0)),
])
def test_sound_levels_are_read(text: str, expected: Volume) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize("text", ["mute the wind", "turn the music down", "the dog's barking is too loud",
                                  "make grandma's voice louder"])
def test_one_sound_inside_the_clips_is_answered_not_guessed(text: str) -> None:
    result = parse(text)
    assert not result.plan.ops and "not pick out one sound" in (result.plan.refusal or "")


def test_a_level_beside_other_edits() -> None:
    assert ops("only the fights, no sound") == [KeepOnly(query=Query(text="fights")), Volume(level=0)]


def test_levels_apply_to_the_chosen_clips_and_stack_for_louder_and_quieter() -> None:
    h, result = run(root(), KeepOnly(query=FIGHT), Volume(target=ClipRef(indices=[2]), level=0))
    assert [c.volume for c in h.current.timeline.clips] == [1.0, 0.0, 1.0]
    assert "muted 1 clip" in result.note
    h, result = run(h, Volume(factor=0.5))  # the whole cut, each clip from its own level
    assert [c.volume for c in h.current.timeline.clips] == [0.5, 0.0, 0.5]
    assert "sound quieter (0.5x) for 3 clips" in result.note
    first = ClipRef(indices=[1])
    h, _ = run(h, Volume(target=first, factor=4.0), Volume(target=first, factor=4))
    assert h.current.timeline.clips[0].volume == 4.0  # never past four times the recorded level
    changes = diff_timelines(h.versions[-2].timeline, h.current.timeline)
    assert changes.resounded and "sound: " in changes.describe() and "50 % -> 400 %" in changes.describe()
    h, _ = run(h, Volume(level=1))
    assert {c.volume for c in h.current.timeline.clips} == {1.0}


def test_a_plan_of_both_amounts_or_neither_is_refused() -> None:
    with pytest.raises(ValueError, match="either a level or a factor"):
        Volume(level=0.5, factor=2)
    with pytest.raises(ValueError, match="either a level or a factor"):
        Volume()


@pytest.mark.parametrize(("language", "words"), [
    ("en", "muted the 3rd clip"), ("de", "stumm"), ("fr", "son coupé"), ("es", "silenció"), ("zh", "静音"),
    ("ja", "ミュート"),
])
def test_levels_are_described_in_the_users_language(language: str, words: str) -> None:
    plan = EditPlan(ops=[Volume(target=ClipRef(indices=[3]), level=0)])
    assert words in describe_plan(plan, language).lower()


@pytest.mark.parametrize(("text", "expected"), [
    ("we can hardly hear clip 3", Volume(target=ClipRef(indices=[3]), factor=1.5)),
    ("reduce the audio of the first two clips by a quarter",
     Volume(target=ClipRef(indices=[1, 2]), factor=0.75)),
    ("raise the volume by 20%", Volume(target=WHOLE, factor=1.2)),
    ("I'd like a silent edit", Volume(target=WHOLE, level=0)),
])
def test_levels_by_how_much_and_by_what_is_heard(text: str, expected: Volume) -> None:
    assert ops(text) == [expected]


def test_it_after_a_judged_clip_is_that_clip() -> None:
    assert ops("clip 3 is really too quiet, can you make it louder") == [
        Volume(target=ClipRef(indices=[3]), factor=1.5)]


@pytest.mark.parametrize(("text", "expected"), [
    ("only the goals and mute clip 2", [KeepOnly(query=Query(text="goals")),
                                        Volume(target=ClipRef(indices=[2]), level=0)]),
    ("lose the intro and silence the rest", [Remove(query=Query(text="intro")), Volume(level=0)]),
    ("keep the races and turn the sound down", [Keep(query=Query(text="races")), Volume(factor=0.667)]),
])
def test_a_level_after_and_is_its_own_edit_not_part_of_the_search(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_turning_one_sound_down_is_answered() -> None:
    result = parse("turn down the background hum")
    assert not result.plan.ops and "not pick out one sound" in (result.plan.refusal or "")


TWO, LAST = ClipRef(indices=[2]), ClipRef(indices=[-1])


@pytest.mark.parametrize(("text", "expected"), [
    # "it" was the whole cut: every clip muted, or the whole cut sped up, beside an edit of one clip
    ("speed up clip 2 and mute it", [Speed(target=TWO, factor=1.5), Volume(target=TWO, level=0)]),
    ("mute clip 3 and speed it up", [Volume(target=ClipRef(indices=[3]), level=0),
                                     Speed(target=ClipRef(indices=[3]), factor=1.5)]),
    ("blur the faces in clip 2 and mute it", [Blur(target="all", clips=TWO), Volume(target=TWO, level=0)]),
    ("speed up the last clip and make it louder", [Speed(target=LAST, factor=1.5),
                                                   Volume(target=LAST, factor=1.5)]),
    # "mute them" alone had been answered as one sound picked out of clips
    ("slow down clips 2 and 4 and mute them", [Speed(target=ClipRef(indices=[2, 4]), factor=0.5),
                                               Volume(target=ClipRef(indices=[2, 4]), level=0)]),
    # ... but a clip removed renumbers the cut, and an edit no clip takes is the cut's
    ("remove clip 2 and make it shorter", [RemoveClip(ref=TWO), LimitDuration(factor=0.75)]),
    ("mute clip 2 and make it vertical", [Volume(target=TWO, level=0), Reframe(aspect="9:16")]),
])
def test_it_after_an_edit_of_numbered_clips_is_those_clips(text: str, expected: list) -> None:
    assert ops(text) == expected
    assert parse(text).confident


@pytest.mark.parametrize(("text", "expected"), [
    ("speed up clip #4", [Speed(target=ClipRef(indices=[4]), factor=1.5)]),  # was not understood
    ("a quick favour - mute clip 2", [Volume(target=TWO, level=0)]),  # "quick" had been searched for
])
def test_a_clip_number_after_a_hash_and_a_quick_favour(text: str, expected: list) -> None:
    assert ops(text) == expected
