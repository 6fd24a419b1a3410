"""Phrasings from part 56's probes (my own, not in any request file) that had made sure but wrong edits.

The requests tested here are other wordings of the probed ones, so a fix for one sentence does not pass."""

from __future__ import annotations

import pytest

from assistant.plan.schema import ClipRef, Extend, Move, Remove, Trim, Undo
from assistant.planning.rules.parser import parse

CAST = ["Celia", "Thom"]


@pytest.mark.parametrize("text", [
    "drop the goals except the last one",
    "get rid of every shot with Thom apart from the first",
    "cut all the interviews except the second interview",
    "take out the scenes with Celia except clip 4",
])
def test_an_exception_to_a_removal_is_asked_about_never_removed_too(text: str) -> None:
    """"remove Celia's scenes except the last one" removed her scenes and then the cut's last clip as well."""
    parsed = parse(text, CAST)
    assert not any(isinstance(op, Remove) and op is not parsed.plan.ops[0] for op in parsed.plan.ops)
    assert not any(type(op).__name__ == "RemoveClip" for op in parsed.plan.ops), parsed.plan
    assert parsed.unparsed, "the exception is asked about"


@pytest.mark.parametrize("text", [
    "switch off the music in the third clip",
    "strip out the background music",
    "could you kill the music",
    "lose the music on the last clip",
])
def test_taking_the_music_away_is_answered_not_searched(text: str) -> None:
    """"kill the music in clip 2" removed the scenes matching "music in clip 2"; the music in a clip cannot be
    picked out of its sound, and the answer says what can be done."""
    plan = parse(text).plan
    assert plan.ops == [] and "pick out one sound" in (plan.refusal or ""), plan


@pytest.mark.parametrize(("text", "query_text"), [
    ("remove the music video", "music video"),
    ("cut the songs", "songs"),
])
def test_scenes_named_after_music_are_still_searched(text: str, query_text: str) -> None:
    [op] = parse(text).plan.ops
    assert isinstance(op, Remove) and op.query.text == query_text, op


@pytest.mark.parametrize(("text", "query_text", "people"), [
    ("take Thom out of this", "", ("Thom",)),
    ("drop the horses from the edit", "horses", ()),
    ("remove the rain from this", "rain", ()),
    ("get the toddlers out of it", "toddlers", ()),
    ("lose the sunset from my montage", "sunset", ()),
])
def test_the_cut_named_as_where_from_is_no_search(text: str, query_text: str, people: tuple) -> None:
    """"remove Thom from the cut" searched "from the cut" with him, and "remove the dog from the cut" searched
    "dog from the cut"."""
    [op] = parse(text, CAST).plan.ops
    assert isinstance(op, Remove) and (op.query.text, op.query.people) == (query_text, people), op


@pytest.mark.parametrize("text", [
    "bring back the stuff we deleted",
    "put back everything you took out a moment ago",
    "restore all the deleted clips",
    "add back the bits you dropped just now",
])
def test_bringing_back_what_was_removed_is_an_undo(text: str) -> None:
    """"add back the stuff you removed last time" added the matches for "you removed last time", and "restore
    the removed scenes" those for "removed"."""
    assert parse(text).plan.ops == [Undo()]


@pytest.mark.parametrize(("text", "query_text", "people", "to"), [
    ("everything with Thom, put it at the start", "", ("Thom",), "start"),
    ("anything that shows the lighthouse, move it to the end", "lighthouse", (), "end"),
    ("whatever has the cake in it, stick it first", "cake", (), "start"),
    ("keep Celia and move her to the end", "", ("Celia",), "end"),
])
def test_what_was_named_then_moved_is_moved_and_not_kept_alone(text: str, query_text: str, people: tuple,
                                                              to: str) -> None:
    """"anything with Celia, put it at the end" kept only Celia's scenes and left the move unread; "whatever
    has the dog in it, move it to the front" was not understood."""
    parsed = parse(text, CAST)
    moves = [op for op in parsed.plan.ops if isinstance(op, Move)]
    assert len(moves) == 1 and (moves[0].query.text, moves[0].query.people, moves[0].to) == (
        query_text, people, to), parsed.plan
    assert not any(type(op).__name__ == "KeepOnly" for op in parsed.plan.ops)
    assert not parsed.unparsed


@pytest.mark.parametrize(("text", "query_text"), [
    ("keep everything that features the lighthouse", "lighthouse"),
    ("only anything that has the bride in it", "bride"),
])
def test_whatever_has_something_is_that_thing(text: str, query_text: str) -> None:
    [op] = parse(text).plan.ops
    assert op.query.text == query_text, op


@pytest.mark.parametrize("text", [
    "let me see the previous cut", "show us the earlier version again", "no no that's wrong",
    "nah that's not what I meant", "that's the wrong shot",
])
def test_going_back_or_saying_the_change_was_wrong_is_an_undo(text: str) -> None:
    """"show me the previous version" kept the matches for "previous version"; "no that's wrong" removed the
    matches for "wrong"."""
    assert parse(text).plan.ops == [Undo()]


@pytest.mark.parametrize(("text", "op"), [
    ("make the second clip start a second later",
     Trim(target=ClipRef(indices=[2]), seconds=1.0, side="start")),
    ("have the last clip end 3 seconds sooner", Trim(target=ClipRef(indices=[-1]), seconds=3.0, side="end")),
    ("could you make clip 4 start 2 seconds earlier",
     Extend(target=ClipRef(indices=[4]), seconds=2.0, side="start")),
])
def test_making_a_clip_start_or_end_at_another_time(text: str, op) -> None:
    """"make the first clip start 2 seconds later" trimmed the clips matching "make the first"."""
    assert parse(text).plan.ops == [op]


@pytest.mark.parametrize(("text", "words", "who"), [
    ("cut the line where Celia says okay", "okay", ("Celia",)),
    ("keep the moment Thom says thanks", "thanks", ("Thom",)),
])
def test_a_filler_word_someone_says_is_what_they_say(text: str, words: str, who: tuple) -> None:
    """"remove every line where Thom says okay" dropped "okay" as filler and removed every line of Thom's."""
    [op] = parse(text, CAST).plan.ops
    assert (op.query.text, op.query.kind, op.query.people) == (words, "dialogue", who), op


@pytest.mark.parametrize("text", ["add 15 more seconds of the fireworks",
                                  "put in another 5 seconds of the dog"])
def test_an_amount_of_something_is_asked_about_not_searched(text: str) -> None:
    """"add 10 more seconds of the beach" added the matches for "10 more seconds of the beach"."""
    parsed = parse(text)
    assert parsed.plan.ops == [] and parsed.unparsed, parsed.plan
