"""Rules readings added in part 48: the sound of an event's clips ("make the speech louder"), a sound that
cannot be picked out ("make the wind twice as loud"), a thing and a place with no verb ("the sunset at the
end"), a named person doing something at the start of a request, and "<name> at her <event>"."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add, KeepOnly, Move, MoveClip, Remove, Volume
from assistant.planning.rules.parser import parse


def _ops(text: str, names: tuple[str, ...] = ()) -> list:
    result = parse(text, names)
    assert result.confident, (text, result.unparsed, result.guessed)
    return list(result.plan.ops)


@pytest.mark.parametrize("text, factor", [
    ("make the speech louder", 1.5),
    ("twice as loud on the speech", 2.0),
    ("make the speech twice as loud", 2.0),
    ("boost the toast 2x", 2.0),
    ("the toast is hard to hear, boost it 2x", 2.0),
    ("the vows are really hard to hear", 1.5),
    ("make the fireworks a bit louder", 1.25),
])
def test_an_event_is_the_clips_showing_it(text: str, factor: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, Volume) and op.target is not None and op.target.matching
    assert op.target.matching.split()[-1] in {"speech", "toast", "vows", "fireworks"}
    assert op.factor == pytest.approx(factor)


@pytest.mark.parametrize("text", [
    "make the wind louder",
    "make the wind twice as loud",
    "make the crowd a bit quieter",
    "make her voice half as loud",
])
def test_a_sound_inside_the_clips_is_refused_not_searched(text: str) -> None:
    plan = parse(text).plan
    assert not plan.ops and plan.refusal and "one sound" in plan.refusal


@pytest.mark.parametrize("text, what, to", [
    ("the sunset at the end", "sunset", "end"),
    ("fireworks last", "fireworks", "end"),
    ("the beach first", "beach", "start"),
])
def test_a_thing_and_a_place_without_a_verb_is_a_move(text: str, what: str, to: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, Move) and op.query.text == what and op.to == to


def test_a_clip_and_a_place_without_a_verb_moves_the_clip() -> None:
    [op] = _ops("clip 3 last")
    assert isinstance(op, MoveClip) and op.ref.indices == [3] and op.to == "end"


@pytest.mark.parametrize("text", [
    "add the karaoke, stick it at the very end",
    "no fade at the end please",
    "keep only the penalties, best one first",
])
def test_verbs_fades_and_rankings_are_not_things_to_move(text: str) -> None:
    ops = parse(text).plan.ops
    assert not any(isinstance(op, Move) and op.query.text and
                   any(word in op.query.text for word in ("stick", "fade", "best")) for op in ops)


@pytest.mark.parametrize("text, activity", [
    ("Farid cooking should come before the bits where we're eating", "cooking"),
    ("Maya dancing at the end", "dancing"),
])
def test_a_name_doing_something_opens_a_request(text: str, activity: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, Move) and op.query.text == activity and op.query.people


@pytest.mark.parametrize("text", ["Add dancing scenes", "Keep running shots"])
def test_an_opening_verb_is_nobody(text: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, (Add, KeepOnly, Remove)) or op.op == "keep"
    assert not op.query.people


@pytest.mark.parametrize("text, op_type, what", [
    ("make a cut of Ines at her piano recital", KeepOnly, "piano recital"),
    ("add Tomas at his graduation", Add, "graduation"),
])
def test_a_name_at_their_event(text: str, op_type: type, what: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, op_type) and op.query.text == what
    assert op.query.people and op.query.people[0] in text
