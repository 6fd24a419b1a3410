""""Do the same for clip 4", "same again", "repeat that for the last two clips": the last turn's edit once
more, or done to other clips (part 41; none was read: "do the same for clip 4" was "I couldn't turn that into
an edit"). Real library (tests/conftest.py's: a 4-shot clip and a 1-shot clip), rules planner."""

from __future__ import annotations

import pytest

from assistant.chat import _SAME_AGAIN
from assistant.plan.schema import ClipRef, Speed, Volume
from tests.assistant.test_chat import library_dir, session

__all__ = ["library_dir"]  # the module fixture this file uses


@pytest.mark.parametrize(("text", "ref"), [
    ("do the same for clip 4", "clip 4"), ("same again", None), ("do that again", None),
    ("repeat that for the last two clips", "the last two clips"), ("ok, once more", None),
    ("the same for the last clip too", "the last clip"),
])
def test_repeats_are_read(text: str, ref: str | None) -> None:
    m = _SAME_AGAIN.fullmatch(text)
    assert m is not None and m.group("ref") == ref


@pytest.mark.parametrize("text", ["do that", "do it", "do the intro", "same old clips please"])
def test_other_requests_are_not_repeats(text: str) -> None:
    assert _SAME_AGAIN.fullmatch(text) is None


def test_the_last_edit_done_to_other_clips(library_dir) -> None:
    chat = session(library_dir)
    split = chat.turn("split it into shots").version  # 5 clips: the 4 shots of the first video, the second
    assert len(split.timeline.clips) == 5
    slowed = chat.turn("slow down clip 2").version
    again = chat.turn("do the same for clip 4")
    assert again.version.number == slowed.number + 1 and again.message.startswith("Did the same for clip 4")
    assert again.version.plan.ops == [Speed(target=ClipRef(indices=[4]), factor=0.5)]
    assert [c.speed for c in again.version.timeline.clips] == [1.0, 0.5, 1.0, 0.5, 1.0]
    chat.turn("mute clip 1")
    both = chat.turn("repeat that for the last two clips")
    assert both.version.plan.ops == [Volume(target=ClipRef(indices=[-2, -1]), level=0)]
    assert [c.volume for c in both.version.timeline.clips] == [0.0, 1.0, 1.0, 0.0, 0.0]
    same = chat.turn("same again")  # muting muted clips again changes nothing: said, no new version
    assert same.version.id == both.version.id and "no change" in same.message


def test_nothing_to_repeat_or_no_clips_to_move_it_to_is_said(library_dir) -> None:
    chat = session(library_dir)
    first = chat.turn("do the same for clip 2")
    assert first.version.number == 0 and "no edit to repeat" in first.message
    chat.turn("make it shorter")
    moved = chat.turn("do the same for clip 2")  # the cut's length is no edit of clips
    assert "not one done to clips" in moved.message and moved.version.number == 1
    vague = chat.turn("do the same for the dog")
    assert vague.message.startswith('Which clips are "the dog"?') and vague.version.number == 1
