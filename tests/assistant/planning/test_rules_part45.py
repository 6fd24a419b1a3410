"""Readings fixed in part 45 from probes of my own, checked with other phrasings of my own. Both were
confident wrong edits: "no music in the last clip please" removed the clips matching "music in the last"
(music cannot be picked out of a clip's sound: it is answered, and nothing changes), and "I want a trailer
for this, about 30 sec" replaced the cut with a search for "trailer for this"."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Best, LimitDuration, Query, Remove, Volume
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize("text", [
    "no music on clip 2 please",
    "without the soundtrack in the final clip",
    "no background music in the first three clips",
    "no music",
    "i want a version without any music",
])
def test_no_music_in_clips_is_answered_never_a_removal(text: str) -> None:
    result = parse(text)
    assert result.plan.ops == [] and not result.confident
    assert result.plan.refusal is not None and "pick out one sound" in result.plan.refusal


@pytest.mark.parametrize(("text", "expected"), [
    ("no sound in clip 4", [Volume(target=ops("mute clip 4")[0].target, level=0.0)]),  # whole clips: a mute
    ("remove the music video", [Remove(query=Query(text="music video"))]),  # a thing on screen, not a sound
])
def test_the_sound_of_whole_clips_and_music_on_screen_are_still_read(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("can you make a trailer for this", [Best()]),
    ("i'd like a 45 second teaser for this video", [Best(seconds=45.0)]),
    ("a recap of the whole movie please", [Best()]),
    ("i need a promo for this, around 20 sec", [Best(), LimitDuration(seconds=20.0)]),
    ("make me a trailer of the sword fight", [Best(query=Query(text="sword fight"))]),  # of a search, still
])
def test_a_trailer_for_this_is_the_best_of_the_cut_never_a_search(text: str, expected: list) -> None:
    assert ops(text) == expected
