"""Phrasings from part 53's probes (my own, not in any request file) that had made sure but wrong edits."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add, ClipRef, Speed, Title, Undo
from assistant.planning.rules.parser import parse


@pytest.mark.parametrize("text", [
    "take the dull middle part out",
    "cut out the middle section",
    "get rid of the middle bit",
    "leave out everything before the toast",
])
def test_a_stretch_by_position_is_answered_not_searched(text: str) -> None:
    """"take the boring middle bit out" had removed the matches for "middle"; "leave out anything before the
    ceremony" those for "before the ceremony"."""
    result = parse(text)
    assert result.plan.ops == [] and "by position" in (result.plan.refusal or ""), result


@pytest.mark.parametrize(("text", "query_text"), [
    ("bring back the shot of the harbour I deleted", "harbour"),
    ("add back the fireworks that we removed earlier", "fireworks"),
])
def test_whose_removal_it_was_is_not_part_of_the_picture(text: str, query_text: str) -> None:
    [op] = parse(text).plan.ops
    assert isinstance(op, Add) and op.query.text == query_text


@pytest.mark.parametrize("text", ["no slow-mo please", "get rid of all the slow motion", "no fast forwarding",
                                  "turn off the speed ups"])
def test_no_speed_change_means_normal_speed(text: str) -> None:
    """"no slow mo" had slowed down the clips matching "no", "get rid of the slow motion" those matching
    "rid of the"."""
    assert parse(text).plan.ops == [Speed(factor=1.0)]


def test_no_speed_change_elsewhere_leaves_the_one_asked_for() -> None:
    assert parse("slow mo the jump, no slow mo anywhere else").plan.ops == [
        Speed(target=ClipRef(matching="jump"), factor=0.5)]
    assert parse("hmm undo the speed change").plan.ops == [Undo()]  # the last version, as before


@pytest.mark.parametrize(("text", "query_text"), [
    ("drop every clip that's shaky", "shaky"),
    ("lose anything that is out of focus", "out of focus"),
])
def test_what_clips_are_like_is_searched_without_that_is(text: str, query_text: str) -> None:
    [op] = parse(text).plan.ops
    assert op.op == "remove" and op.query.text == query_text


@pytest.mark.parametrize("text", ["give it a title card that says The End at the end",
                                  "put a caption saying bye at the very end", "add a closing card"])
def test_a_closing_title_is_answered_not_put_at_the_start(text: str) -> None:
    """The first had titled the cut "The End at the end", at its start."""
    result = parse(text)
    assert result.plan.ops == [] and "A title opens the cut" in (result.plan.refusal or ""), result
    assert parse("add a title saying Hi at the start").plan.ops == [Title(text="Hi")]


@pytest.mark.parametrize("text", ["trim it down to the essentials", "boil it down to the key moments",
                                  "only the key scenes", "just the main bits"])
def test_the_essentials_are_the_best_of_the_cut(text: str) -> None:
    """"cut it down to the essentials" had kept the matches for "essentials"."""
    [op] = parse(text).plan.ops
    assert op.op == "best" and op.query is None


@pytest.mark.parametrize(("text", "op_name", "query_text"), [
    ("tons more of the fireworks", "add", "fireworks"), ("a whole lot more skating", "add", "skating"),
    ("far less of the traffic", "remove", "traffic"),
])
def test_how_much_more_of_something_then_what(text: str, op_name: str, query_text: str) -> None:
    """"way more of the dancing" had been a guessed search for all of those words."""
    [op] = parse(text).plan.ops
    assert op.op == op_name and op.query.text == query_text


def test_how_the_cut_should_feel_is_not_more_of_a_picture() -> None:
    for text in ("a bit more dramatic", "way more exciting", "a lot more zoomed in"):
        assert not parse(text).confident, text  # asked, as before (never a sure search for "dramatic")


def test_words_said_with_have_to_go_are_the_line_kept() -> None:
    """"keep the part where he says we have to go" had removed the lines matching "we" (as "X has to go")."""
    [op] = parse("keep the bit where she says you have to go").plan.ops
    assert op.op == "keep" and op.query.kind == "dialogue" and op.query.text == "you have to go"
    [gone] = parse("the drone shots have to go").plan.ops
    assert gone.op == "remove" and gone.query.text == "drone"


@pytest.mark.parametrize(("text", "op_name", "query_text"), [
    ("i'd probably cut the toasts", "remove", "toasts"), ("we'd drop the car park", "remove", "car park"),
    ("start from scratch with just the penalties", "keep_only", "penalties"),
])
def test_advice_and_starting_over_are_the_edit(text: str, op_name: str, query_text: str) -> None:
    """"i'd cut the speeches" was not understood and "we'd lose the intro" searched for "we'd"; "start again
    with only the sunsets" was not understood."""
    [op] = parse(text).plan.ops
    assert op.op == op_name and op.query.text == query_text


@pytest.mark.parametrize(("text", "clip", "seconds"), [
    ("clip 4 should only be 6 seconds", 4, 6.0), ("the third clip needs to last 3 seconds", 3, 3.0),
    ("clip 1 has to be just 2.5 seconds", 1, 2.5),
])
def test_a_clip_that_should_only_be_so_long(text: str, clip: int, seconds: float) -> None:
    """"clip 2 should only be 5 seconds" and "... should last 5 seconds" were not understood."""
    [op] = parse(text).plan.ops
    assert op.op == "trim_to" and op.target.indices == [clip] and op.seconds == seconds


@pytest.mark.parametrize("text", ["louder at the end", "a bit quieter towards the end", "make the end louder",
                                  "quieter in the middle"])
def test_a_sound_change_for_a_stretch_not_said_is_asked(text: str) -> None:
    """"louder at the end" had moved the clips matching "louder" to the end; "make the end louder" and
    "quieter in the middle" changed the clips matching "end" / "middle"."""
    result = parse(text)
    assert result.plan.ops == [] and "where that stretch begins" in (result.plan.refusal or ""), result
    assert parse("louder for the last 10 seconds").plan.ops[0].op == "volume"  # an end said: done
    assert parse("make the ending quieter").plan.ops[0].target.indices == [-1]  # the last clip, as before
