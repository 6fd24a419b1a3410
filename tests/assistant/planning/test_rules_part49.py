"""Rules readings added in part 49 (planner round 31): an edit verb said of what the footage shows ("the
part where I drop the egg"), pieces of a clip just split, amounts said after a volume or speed change,
"N times louder", a scene's sound named by what it shows, moves with "pull ... up", transitions into a named
scene, and remarks beside an edit that are not edits of their own."""

from __future__ import annotations

import pytest

from assistant.plan.language import detect_language
from assistant.plan.schema import (
    Add,
    Best,
    Blur,
    ClipRef,
    Fade,
    KeepClip,
    LessLike,
    LimitDuration,
    MoreLike,
    Move,
    MoveClip,
    Remove,
    RemoveClip,
    RemoveLine,
    Reset,
    Speed,
    Split,
    SwapClips,
    Transition,
    TrimTo,
    Undo,
    Volume,
)
from assistant.planning.rules.parser import parse


def _ops(text: str, names: tuple[str, ...] = ()) -> list:
    result = parse(text, names)
    assert result.confident, (text, result.unparsed, result.guessed)
    return list(result.plan.ops)


@pytest.mark.parametrize("text, what", [
    ("remove the part where I drop the egg", "dropping the egg"),
    ("cut the bit where we cut the cake", "cutting the cake"),
    ("lose the shot where you move the tripod", "moving the tripod"),
    ("remove the moment when I trim the hedge", "trimming the hedge"),
])
def test_an_edit_verb_in_what_the_footage_shows_is_not_a_second_edit(text: str, what: str) -> None:
    # each had been two removals: of "i" (or "we") and of the thing handled
    assert _ops(text) == [Remove(query=_ops(f"remove {what}")[0].query)]


def test_i_am_doing_is_no_person() -> None:
    (op,) = parse("keep the bits where I'm icing the cupcakes").plan.ops
    assert op.query.text == "icing the cupcakes" and op.query.people == ()


@pytest.mark.parametrize("text, second", [
    ("split clip 3 at 4 seconds and mute the piece that comes after the split", Volume(
        target=ClipRef(indices=[4]), level=0)),
    ("split clip 2 in half, then speed up the first piece",
     Speed(target=ClipRef(indices=[2]), factor=1.5)),
    ("split clip 5 in two and move the second part to the start",
     MoveClip(ref=ClipRef(indices=[6]), to="start")),
    ("split the last clip at 3 seconds and drop the bit after the cut",
     RemoveClip(ref=ClipRef(indices=[-1]))),
    ("split the last clip in half and slow down the first piece",
     Speed(target=ClipRef(indices=[-2]), factor=0.5)),
])
def test_a_piece_of_the_clip_just_split_is_named_by_its_number(text: str, second: object) -> None:
    ops = _ops(text)
    assert isinstance(ops[0], Split) and ops[1:] == [second]


@pytest.mark.parametrize("text, indices", [
    ("remove the second last clip", [-2]),
    ("speed up the third last clip", [-3]),
    ("drop the 2nd last one", [-2]),
    ("remove the first and last clips", [1, -1]),
])
def test_nth_last_counts_from_the_end(text: str, indices: list[int]) -> None:
    # "the second last clip" had been clips 2 and -1
    (op,) = _ops(text)
    assert (op.ref if hasattr(op, "ref") else op.target).indices == indices


def test_earlier_version_said_first() -> None:
    assert _ops("from 2 versions ago, keep only what were clips 2 and 4") == [
        KeepClip(ref=ClipRef(indices=[2, 4], turn=-2))]
    assert _ops("bring back clips 1 and 5 from the last version and get rid of the rest") == [
        KeepClip(ref=ClipRef(indices=[1, 5], turn=-1))]


@pytest.mark.parametrize("text", [
    "drag the interview up to the top",
    "pull the interview up to the front",
    "bump the interview up to the start",
])
def test_pulled_up_to_the_top_is_a_move(text: str) -> None:
    # "pull X" alone still removes: "pull X up to the top" had removed "interview up"
    assert _ops(text) == [Move(query=_ops("move the interview to the start")[0].query, to="start")]


def test_pulled_up_before_is_a_move_before() -> None:
    (op,) = _ops("pull the toast up so it comes before the cake")
    assert isinstance(op, Move) and op.query.text == "toast" and op.before is not None
    assert op.before.text == "cake"
    assert _ops("pull the rain shots") == [Remove(query=_ops("remove the rain shots")[0].query)]


@pytest.mark.parametrize("text, factor", [
    ("make them three times louder", 3.0),
    ("make it like 3x louder", 3.0),
    ("clip 2 twice as quiet", 0.5),
    ("make it four times quieter", 0.25),
])
def test_times_louder_is_a_volume_not_a_speed(text: str, factor: float) -> None:
    (op,) = _ops(text)
    assert isinstance(op, Volume) and op.factor == pytest.approx(factor, abs=0.01)


def test_how_much_louder_said_for_the_clips_just_named() -> None:
    assert _ops("the interviews are far too quiet, make them three times louder") == [
        Volume(target=ClipRef(matching="interviews"), factor=3.0)]


@pytest.mark.parametrize("text, op", [
    ("much too loud, 40% please", Volume(factor=0.4)),
    ("way too quiet", Volume(factor=2.0)),
    ("make it louder, 50%", Volume(factor=1.5)),  # half as loud again, not half the sound
    ("speed it up, 30%", Speed(factor=1.3)),
    ("turn it down, maybe to 60% of what it is now", Volume(factor=0.6)),
    ("my dad is hard of hearing, so turn the volume way up, double it", Volume(factor=2.0)),
    ("speed it up, double it", Speed(factor=2.0)),
    ("the fade at the end is too quick, double it", Fade(at="end", factor=2.0)),
])
def test_an_amount_after_a_change_is_how_much(text: str, op: object) -> None:
    # "40% please" had been a speed, "to 60% of what it is now" a length, "double it" the cut's length
    assert _ops(text) == [op]


@pytest.mark.parametrize("text, target, level", [
    ("could you take the audio off the boat clips", ClipRef(matching="boat"), 0.0),
    ("I don't want any sound in the second half", None, 0.0),
    ("can the first 8 seconds be silent", None, 0.0),
])
def test_sound_taken_off_some_clips(text: str, target: ClipRef | None, level: float) -> None:
    (op,) = _ops(text)
    assert isinstance(op, Volume) and op.level == level
    if target is not None:
        assert op.target == target
    else:
        assert op.target.span is not None  # a stretch of the cut by time or share, not clips chosen for words


def test_everything_but_a_scene_quieter() -> None:
    # it had removed the scene and made the whole cut quieter
    assert _ops("everything apart from the speeches should be half as loud") == [
        Volume(target=ClipRef(matching="speeches", invert=True), factor=0.5)]


def test_a_fronted_scene_then_a_pronoun_is_what_changes() -> None:
    assert _ops("the goal celebration, slow it to a quarter") == [
        Speed(target=ClipRef(matching="goal celebration"), factor=0.25)]
    assert _ops("the drone flyover, can it go even faster, like 3x") == [
        Speed(target=ClipRef(matching="drone flyover"), factor=3.0)]
    # a keep said outright stays a keep, and the speed is the cut's ("only the goals, slow them down")
    ops = _ops("keep only the penalties, put them in slow motion")
    assert len(ops) == 2 and isinstance(ops[1], Speed) and ops[1].target == ClipRef()


def test_ramp_down_is_slowing() -> None:
    assert _ops("ramp the jump down to half speed") == [Speed(target=ClipRef(matching="jump"), factor=0.5)]


@pytest.mark.parametrize("text, matching", [
    ("dip to black going into the finale", "finale"),
    ("fade to black before the vows", "vows"),
    ("a crossfade leading into the sunset", "sunset"),
])
def test_a_transition_into_a_named_scene(text: str, matching: str) -> None:
    (op,) = _ops(text)
    assert isinstance(op, Transition) and op.into == ClipRef(matching=matching) and op.kind != "cut"


def test_blend_into_one_another_is_every_cut() -> None:
    (op,) = _ops("make the shots blend into one another")
    assert isinstance(op, Transition) and op.into is None


def test_a_group_swap_of_named_songs() -> None:
    assert _ops("swap the slow song and the speech") == [
        SwapClips(ref=ClipRef(matching="slow song"), other=ClipRef(matching="speech"))]
    assert not parse("swap the song").plan.ops  # music, which no choice of clips changes


@pytest.mark.parametrize("text, ops", [
    ("switch clips 2 and 6, people always leave after the dancing", [SwapClips(ref=ClipRef(indices=[2, 6]))]),
    ("can clip 3 start a second earlier? you cut off her jump", None),
    ("the dessert should come after the main course, not before", None),
    ("take it all the way back to the start, all my changes are rubbish", [Reset()]),
    ("remove every line in clip 4 but keep the picture", [RemoveLine(clip=4, every=True)]),
])
def test_a_remark_beside_an_edit_is_no_edit(text: str, ops: list | None) -> None:
    got = _ops(text)
    if ops is not None:
        assert got == ops
    else:
        assert len(got) == 1 and not isinstance(got[0], Remove)


@pytest.mark.parametrize("text, op", [
    ("the school wants at least 2 minutes, can you stretch it to that",
     LimitDuration(seconds=120, bound="at_least")),
    ("make it longer please at least 3 minutes its for the reunion",
     LimitDuration(seconds=180, bound="at_least")),
    ("give me a 30 second version for my aunt's facebook", LimitDuration(seconds=30)),
    ("tighten each clip to five seconds max", TrimTo(seconds=5)),
])
def test_lengths_asked_for_by_someone(text: str, op: object) -> None:
    assert _ops(text) == [op]


def test_nobody_needs_is_no_length() -> None:
    assert _ops("nobody needs 10 mins of the car park, cut it") == [
        Remove(query=_ops("remove the car park")[0].query)]


def test_sequencing_words_and_labels_are_not_searched() -> None:
    assert _ops("okay so first get rid of the blurry shots then add the sunset") == [
        *_ops("get rid of the blurry shots"), *_ops("add the sunset")]
    ops = _ops("Please add the picnic. After that, make it quieter.")
    assert isinstance(ops[0], Add) and isinstance(ops[1], Volume) and len(ops) == 2
    assert _ops("privacy request: blur everybody except Zoe", ("Zoe",)) == [
        Blur(target="all_but", people=("Zoe",))]


def test_texted_and_and_too_black() -> None:
    assert _ops("delete the 1st n 3rd clips") == [RemoveClip(ref=ClipRef(indices=[1, 3]))]
    assert _ops("finish on a fade too black") == [Fade(at="end")]


def test_if_there_is_any_footage_include_it() -> None:
    assert _ops("If there's any footage of the otters playing, add it in.") == [
        Add(query=_ops("add the otters playing")[0].query)]


def test_find_the_best_and_make_that_the_video() -> None:
    assert _ops("find the 4 best tries and make that the whole video") == [
        Best(query=_ops("the 4 best tries")[0].query, count=4)]


def test_taste_said_with_when() -> None:
    assert _ops("remove clips 1 and 3 and show me fewer things like that from now on") == [
        LessLike(ref=ClipRef(indices=[1, 3]))]
    ops = _ops("the puppies are my favourite, find more like them")
    assert ops == [MoreLike(ref=ClipRef(matching="puppies"))]


def test_undo_everything_from_the_last_turns() -> None:
    assert _ops("undo everything from the last 3 turns") == [Undo(steps=3)]


def test_captions_on_a_scene_are_answered() -> None:
    plan = parse("can you put spanish captions on the speech").plan
    assert not plan.ops and plan.refusal and "caption" in plan.refusal


@pytest.mark.parametrize("text, language", [
    ("Kun je clip 2 en 4 omwisselen?", "nl"),
    ("Thêm cảnh bãi biển vào nhé", "vi"),
    ("Lägg in övertoningar mellan alla klipp", "sv"),
    ("can you swap clips 2 and 4?", "en"),
])
def test_dutch_vietnamese_and_swedish_are_told_apart(text: str, language: str) -> None:
    assert detect_language(text) == language
