"""Rules readings added in part 48: the sound of an event's clips ("make the speech louder"), a sound that
cannot be picked out ("make the wind twice as loud"), a thing and a place with no verb ("the sunset at the
end"), a named person doing something at the start of a request, and "<name> at her <event>"."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Best,
    Blur,
    ClipRef,
    Fade,
    ForMe,
    JoinClips,
    KeepClip,
    KeepLines,
    KeepOnly,
    Like,
    LimitDuration,
    MoreLike,
    Move,
    MoveClip,
    Reframe,
    Remove,
    RemoveClip,
    Speed,
    SwapClips,
    Title,
    Transition,
    Unblur,
    Volume,
)
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


@pytest.mark.parametrize("text, level", [
    ("Set the volume to half of the original for the whole video", 0.5),
    ("whole thing at 80% of the original level please", 0.8),
    ("put the sound back to how it was recorded everywhere", 1.0),
])
def test_a_level_of_the_original_sound(text: str, level: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, Volume) and op.level == pytest.approx(level)
    assert op.target is None or not (op.target.indices or op.target.matching or op.target.span)


def test_a_stretch_said_silent_and_a_place_muted() -> None:
    [op] = _ops("the last 10 seconds should be silent")
    assert isinstance(op, Volume) and op.level == 0 and op.target.span is not None
    assert op.target.span.edge == "end" and op.target.span.seconds == 10
    [op] = _ops("mute the bits on the motorway, it's just wind")
    assert isinstance(op, Volume) and op.level == 0 and op.target.matching == "motorway"
    [op] = _ops("boost the speeches 1.5x")
    assert isinstance(op, Volume) and op.factor == 1.5 and op.target.matching == "speeches"


@pytest.mark.parametrize("text", [
    "cut out the penalty shootout, too stressful to rewatch",
    "unblur everyone, we got permission",
])
def test_how_the_user_feels_is_no_second_edit(text: str) -> None:
    assert len(_ops(text)) == 1


@pytest.mark.parametrize("text, edge, factor", [
    ("can the first half go 1.5 times as fast", "start", 1.5),
    ("can the last quarter run at half speed", "end", 0.5),
])
def test_a_stretch_said_with_go_or_run(text: str, edge: str, factor: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, Speed) and op.target.span is not None and op.target.span.edge == edge
    assert op.factor == factor


def test_speeds_said_plainly() -> None:
    [op] = _ops("clip 6: normal speed again")
    assert isinstance(op, Speed) and op.factor == 1 and op.target.indices == [6]
    [op] = _ops("timelapse the sunset, 4x")
    assert isinstance(op, Speed) and op.factor == 4 and op.target.matching == "sunset"
    [op] = _ops("the lecture's too slow, can we play it at 1.5")
    assert isinstance(op, Speed) and op.factor == 1.5 and not op.target.matching


def test_moves_said_as_wishes_and_pronouns() -> None:
    [op] = _ops("I'd love it to open with the drone shot of the coastline")
    assert isinstance(op, Move) and op.to == "start" and "coastline" in op.query.text
    [op] = _ops("last clip should be the first one")
    assert isinstance(op, MoveClip) and op.ref.indices == [-1] and op.to == "start"
    add, move, shape = _ops("bring in the haka and open the video with it, 4:5 crop too")
    assert isinstance(add, Add) and isinstance(move, Move) and move.query == add.query and move.to == "start"
    assert isinstance(shape, Reframe) and shape.aspect == "4:5"


def test_an_and_after_a_quoted_title_and_a_plus_start_edits() -> None:
    title, fade = _ops("Add a title 'Kenji & Aiko' and a 3 second fade in")
    assert isinstance(title, Title) and title.text == "Kenji & Aiko"
    assert isinstance(fade, Fade) and fade.at == "start" and fade.seconds == 3
    crossfade, fade = _ops("half-second crossfades everywhere + fade in and out over 2 seconds")
    assert isinstance(crossfade, Transition) and crossfade.kind == "crossfade"
    assert isinstance(fade, Fade) and fade.seconds == 2
    [title] = _ops("can the opening text say Graduation Day — Class of 2024")
    assert isinstance(title, Title) and title.text == "Graduation Day — Class of 2024"


def test_clips_by_place_from_the_end_and_as_an_earlier_version_had_them() -> None:
    [op] = _ops("delete the third clip from the end")
    assert isinstance(op, RemoveClip) and op.ref.indices == [-3]
    [op] = _ops("swap what were clips 1 and 3 in the last version")
    assert isinstance(op, SwapClips) and op.ref.indices == [1, 3] and op.ref.turn == -1
    [op] = _ops("keep only the clips that were 1 and 2 in the previous version")
    assert isinstance(op, KeepClip) and op.ref.indices == [1, 2] and op.ref.turn == -1


def test_every_piece_joined_and_a_clips_lines_kept() -> None:
    [op] = _ops("join all the pieces back up")
    assert isinstance(op, JoinClips) and op.target == ClipRef()
    [op] = _ops("only keep what's said in clip 2")
    assert isinstance(op, KeepLines) and op.clip == 2 and op.every


def test_taste_said_more_ways() -> None:
    [op] = _ops("I'm so over sunsets")
    assert isinstance(op, Like) and not op.liked and op.text == "sunsets"
    assert not parse("I'm so over the moon").plan.ops
    [op] = _ops("gimme more stuff like the goal celebrations")
    assert isinstance(op, MoreLike) and op.ref.matching == "goal celebrations"
    [op] = _ops("make a 3 min one for me, something different from what I usually keep")
    assert isinstance(op, ForMe) and op.seconds == 180 and op.surprise
    [op] = _ops("pick what I'd like for a 45 second reel")
    assert isinstance(op, ForMe) and op.seconds == 45 and not op.surprise


@pytest.mark.parametrize("text", ["add a heart sticker over Priya",
                                  "add a picture-in-picture of the reaction cam"])
def test_drawings_and_two_pictures_at_once_are_refused(text: str) -> None:
    plan = parse(text).plan
    assert not plan.ops and plan.refusal


def test_a_scene_of_stickers_is_still_a_search() -> None:
    [op] = _ops("add the stickers scene")
    assert isinstance(op, Add) and op.query.text == "stickers"


def test_a_length_to_run_and_more_of_it() -> None:
    [op] = _ops("The slideshow slot at the reception is long, so it has to run at least three minutes.")
    assert isinstance(op, LimitDuration) and op.seconds == 180 and op.bound == "at_least"
    [op] = _ops("it's a bit short, give it another 45 seconds")
    assert isinstance(op, LimitDuration) and op.change == 45


def test_how_much_of_a_thing_and_the_whole_event_are_not_searched() -> None:
    [op] = _ops("nobody needs 5 mins of the parking garage, cut it")
    assert isinstance(op, Remove) and op.query.text == "parking garage"
    [op] = _ops("I only want the 3 best dunks from the whole game")
    assert isinstance(op, Best) and op.query is not None and op.query.text == "dunks" and op.count == 3


def test_a_fresh_edit_of_only_someone() -> None:
    [op] = _ops("I want a fresh edit that is only Lucía dancing")
    assert isinstance(op, KeepOnly) and op.query.text == "dancing" and op.query.people == ("Lucía",)
    [op] = _ops("make a new cut with just the goals")
    assert isinstance(op, KeepOnly) and op.query.text == "goals"


def test_who_someone_is_in_brackets_and_unblur_everywhere() -> None:
    [op] = _ops("blur ONLY Tyler (the neighbour's kid) and unblur everybody else")
    assert isinstance(op, Blur) and op.target == "only" and op.people == ("Tyler",) and op.exclusive
    blur, unblur = _ops("blur the faces in clip 4 and unblur Marisol everywhere")
    assert isinstance(blur, Blur) and blur.clips is not None and blur.clips.indices == [4]
    assert isinstance(unblur, Unblur) and unblur.people == ("Marisol",)


def test_half_of_the_original_level_is_of_the_whole_cut() -> None:
    volume, _fade = _ops("Set the volume to half of the original for the whole video and do a 2 sec fade to "
                         "black before the last clip")
    assert isinstance(volume, Volume) and volume.level == 0.5
    assert volume.target is None or not (volume.target.matching or volume.target.indices)
    [op] = _ops("set the volume of clip 2 to half of the original")
    assert isinstance(op, Volume) and op.level == 0.5 and op.target.indices == [2]


@pytest.mark.parametrize("text, what", [
    ("can u also throw in the bit where we build the sandcastle", "building the sandcastle"),
    ("remove the part where I fall over", "falling over"),
    ("the bits where we dance", "dancing"),
    ("the part where we swim", "swimming"),
])
def test_a_pronoun_doing_something_is_searched_as_the_doing(text: str, what: str) -> None:
    [op] = _ops(text)
    assert op.query.text == what


def test_someone_else_doing_something_keeps_who() -> None:
    [op] = _ops("remove the bit he drops the ring")
    assert isinstance(op, Remove) and op.query.text == "he drops the ring"


def test_what_someone_says_stays_dialogue() -> None:
    [op] = _ops("where Theo explains the rules of the game, add that in")
    assert isinstance(op, Add) and op.query.kind == "dialogue" and op.query.text == "rules of the game"


def test_more_ways_to_say_undo_move_unblur_join_and_order() -> None:
    assert [op.op for op in _ops("hmm no. the previous version was nicer")] == ["undo"]
    [op] = _ops("clips 4 and 5 right before clip 2")
    assert isinstance(op, MoveClip) and op.ref.indices == [4, 5] and op.before == 2
    [op] = _ops("Sara doesn't need to be blurred in the last clip")
    assert isinstance(op, Unblur) and op.people == ("Sara",) and op.clips is not None
    assert op.clips.indices == [-1]
    [op] = _ops("clip 2 and 3 are really one moment, they shouldn't be two separate clips")
    assert isinstance(op, JoinClips) and op.target.indices == [2, 3]
    [op] = _ops("it's confusing, can it just follow what happened in order")
    assert op.op == "order" and op.by == "story"


def test_the_same_thing_twice_is_not_one_clip() -> None:
    ops = _ops("clips 7 and 8 are basically the same thing, delete 8")
    assert not any(isinstance(op, JoinClips) for op in ops)
    assert any(isinstance(op, RemoveClip) and op.ref.indices == [8] for op in ops)


def test_gathered_from_the_library_or_taken_out_of_the_cut() -> None:
    [op] = _ops("Pull every clip of Kwame out of my library and make that the video.")
    assert isinstance(op, KeepOnly) and op.query.text.lower() == "kwame"
    [op] = _ops("grab all the beach shots from my videos")
    assert isinstance(op, KeepOnly) and op.query.text == "beach"
    [op] = _ops("take the swearing out of the clips")
    assert isinstance(op, Remove) and op.query.text == "swearing"


@pytest.mark.parametrize("turn, said", [(-1, "of the previous version"), (-2, "of 2 versions ago")])
def test_clips_numbered_as_an_earlier_version_are_described_so(turn: int, said: str) -> None:
    from assistant.plan.describe import describe_plan
    from assistant.plan.schema import EditPlan

    text = describe_plan(EditPlan(ops=[SwapClips(ref=ClipRef(indices=[1, 3], turn=turn))]))
    assert said in text
    german = describe_plan(EditPlan(ops=[SwapClips(ref=ClipRef(indices=[1, 3], turn=-1))]), "de")
    assert "vorigen Version" in german
