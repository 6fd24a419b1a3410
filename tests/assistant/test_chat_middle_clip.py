""""Drop the middle one": the clip in the middle of the cut by its number when the cut has one middle (an
odd number of clips), asked about otherwise (part 42; it was always asked). Real library (tests/conftest.py's:
a 4-shot clip and a 1-shot clip), rules planner."""

from __future__ import annotations

from assistant.plan.schema import ClipRef, RemoveClip
from tests.assistant.test_chat import library_dir, session

__all__ = ["library_dir"]  # the module fixture this file uses


def test_the_middle_clip_of_an_odd_cut_is_its_number_and_of_an_even_one_is_asked(library_dir) -> None:
    chat = session(library_dir)
    split = chat.turn("split it into shots").version
    assert len(split.timeline.clips) == 5
    middle = split.timeline.clips[2]
    dropped = chat.turn("drop the middle one")
    assert dropped.version.number == split.number + 1
    assert dropped.version.plan.ops == [RemoveClip(ref=ClipRef(indices=[3]))]
    assert middle not in dropped.version.timeline.clips and len(dropped.version.timeline.clips) == 4
    asked = chat.turn("remove the middle clip")  # four clips: two in the middle
    assert asked.version.number == dropped.version.number and "Which clip is the middle one?" in asked.message
