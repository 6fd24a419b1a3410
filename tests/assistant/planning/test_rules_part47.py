"""Rules readings added in part 47: complaints that name their fix, a clip's role at either end, "with just
<name>", photo nouns after a search, and names spelt as written after a translation."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Blur,
    ClipRef,
    EditPlan,
    Fade,
    ForMe,
    KeepOnly,
    Like,
    LimitDuration,
    MoveClip,
    NameCharacter,
    Redo,
    Remove,
    RemoveClip,
    RemoveLine,
    Speed,
    Transition,
    TrimCut,
    Undo,
    Volume,
)
from assistant.planning.auto import _names_as_written
from assistant.planning.rules.parser import REFUSAL_DECEPTIVE, parse


def _ops(text: str, names: tuple[str, ...] = ()) -> list:
    result = parse(text, names)
    assert result.confident, (text, result.unparsed, result.guessed)
    return list(result.plan.ops)


@pytest.mark.parametrize("text", [
    "the cuts feel way too jarring",
    "all the jumps between the clips are kinda choppy",
    "these transitions look really rough",
])
def test_harsh_cuts_get_smoother_transitions(text: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, Transition) and op.kind == "crossfade"


@pytest.mark.parametrize("text, at", [
    ("the video kind of ends out of nowhere", "end"),
    ("the whole thing cuts off so suddenly at the end", "end"),
    ("it opens way too abruptly", "start"),
    ("could the edit ease in", "start"),
    ("could you ease it out", "end"),
])
def test_abrupt_ends_get_a_fade(text: str, at: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, Fade) and op.at == at


@pytest.mark.parametrize("text, index, to", [
    ("clip 4 would make a way better closer", 4, "end"),
    ("use the second clip as the intro", 2, "start"),
    ("the last clip would be a great opener honestly", -1, "start"),
])
def test_a_clip_named_for_an_end_moves_there(text: str, index: int, to: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, MoveClip) and op.ref.indices == [index] and op.to == to


def test_a_judged_ending_still_asks_about_the_last_clip() -> None:
    """"the ending is too abrupt" judges the last clip's length: it is asked about, not faded."""
    result = parse("the ending is too abrupt")
    assert not result.plan.ops


def test_with_just_a_name_is_that_person() -> None:
    [op] = _ops("put together a reel with just Ines")
    assert isinstance(op, KeepOnly) and op.query.people == ("Ines",) and not op.query.text
    [op] = _ops("a video with only Ravi and Tomas")
    assert isinstance(op, KeepOnly) and op.query.people == ("Ravi", "Tomas")


@pytest.mark.parametrize("text, want", [
    ("get rid of the parking lot pics", "parking lot"),
    ("delete all the receipt photos", "receipt"),
])
def test_photo_nouns_are_not_searched(text: str, want: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, Remove) and op.query.text == want


def test_photo_nouns_leave_a_taste_too() -> None:
    [op] = _ops("the selfie pictures bore me")
    assert isinstance(op, Like) and op.text == "selfie" and not op.liked


def test_a_translation_keeps_the_accents_of_names() -> None:
    assert _names_as_written("nur die Szenen mit Zoë und Jürgen", "only the scenes with Zoe and Jurgen") == (
        "only the scenes with Zoë and Jürgen")
    # an English word that happens to match nothing written with accents is left alone
    assert _names_as_written("montre la Fête", "show the Party") == "show the Party"
    assert _names_as_written("solo el perro", "only the dog") == "only the dog"


@pytest.mark.parametrize("text, steps", [
    ("undo. and again", 2),
    ("go back one more step", 1),  # "one more" here is the one step itself
    ("revert that, then another one, and another", 3),
    ("redo, and one more time pls", 2),
])
def test_again_after_an_undo_is_one_step_more(text: str, steps: int) -> None:
    [op] = _ops(text)
    assert isinstance(op, Redo if text.startswith("redo") else Undo) and op.steps == steps


def test_again_after_another_edit_is_not_an_undo() -> None:
    assert not any(isinstance(op, Undo | Redo) for op in parse("add the fireworks, and again").plan.ops)


@pytest.mark.parametrize("text, op_type", [
    ("character 5 is Nadia, then show only her in the shot", KeepOnly),
    ("number 2 is Omar and cut him", Remove),
])
def test_a_pronoun_after_naming_is_the_one_named(text: str, op_type: type) -> None:
    named, op = _ops(text)
    assert isinstance(named, NameCharacter) and isinstance(op, op_type)
    assert op.query.people == (named.name,)


@pytest.mark.parametrize("text, thing, factor", [
    ("the harbour timelapse feels way too sluggish, make it 2x", "harbour timelapse", 2.0),
    ("those sunset shots are a bit too fast. play them at half speed", "sunset", 0.5),
])
def test_a_thing_judged_too_slow_then_sped_by_pronoun(text: str, thing: str, factor: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, Speed) and op.target.matching == thing and op.factor == factor


def test_a_thing_judged_too_slow_alone_is_asked_about() -> None:
    result = parse("the harbour timelapse is too slow")
    assert not result.plan.ops and result.unparsed


@pytest.mark.parametrize("text, factor", [
    ("speed up the ferry crossing, make it 3x", 3.0),
    ("slow the goal down. play it at quarter speed", 0.25),
])
def test_an_amount_said_after_a_speed_is_that_speed(text: str, factor: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, Speed) and op.target.matching and op.factor == factor


@pytest.mark.parametrize("text, op_type", [
    ("drop Oksana's bits", Remove),
    ("I only want Yusuf's scenes", KeepOnly),
])
def test_a_capitalised_owner_is_a_person(text: str, op_type: type) -> None:
    ops = _ops(text)
    assert isinstance(ops[0], op_type) and ops[0].query.people and not ops[0].query.text


def test_a_capitalised_owner_of_a_thing_is_the_person_and_the_thing() -> None:
    [op] = _ops("cut Marguerite's cartwheels")
    assert isinstance(op, Remove) and op.query.people == ("Marguerite",) and op.query.text == "cartwheels"


def test_today_owns_nothing() -> None:
    assert not any(getattr(op, "query", None) and op.query.people
                   for op in parse("Yesterday's sunset only").plan.ops)


def test_while_youre_at_it_is_no_search() -> None:
    first, second = _ops("swap clips 3 and 5, and delete clip 1 while you're at it")
    assert isinstance(second, RemoveClip) and second.ref.indices == [1]


def test_pouring_rain_is_searched_once() -> None:
    [op] = _ops("remove the bits where it's pouring rain")
    assert isinstance(op, Remove) and op.query.text == "pouring rain"


def test_a_sound_change_after_a_move_is_of_the_moved_clips() -> None:
    *_, op = _ops("add the bonfire, put it at the end and make it quieter")
    assert isinstance(op, Volume) and op.target.matching == "bonfire"


def test_a_sound_change_after_an_addition_is_of_the_cut() -> None:
    """ "add the beach scenes, speed it up": two writers meant the cut, not the beach."""
    *_, op = _ops("add the pier and make it louder")
    assert isinstance(op, Volume) and op.target == ClipRef()


def test_strangers_faces_are_blurred_as_extras() -> None:
    [op] = _ops("blur the strangers' faces")
    assert isinstance(op, Blur) and op.target == "all_but"


def test_a_verdict_then_a_speed_by_pronoun_is_those_clips() -> None:
    """ "sooo" is "so"; the dislike stays a taste beside the speed (as part 44 decided)."""
    *_, op = _ops("the hike is sooo dull, 3x it")
    assert isinstance(op, Speed) and op.target.matching == "hike" and op.factor == 3.0


@pytest.mark.parametrize("text, want", [
    ("add 45 seconds to the overall runtime", 45.0),
])
def test_seconds_added_to_the_length(text: str, want: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, LimitDuration) and op.change == want


def test_the_first_seconds_described_then_cut() -> None:
    [op] = _ops("the first 8 seconds are just my thumb over the lens, lose that")
    assert isinstance(op, TrimCut) and op.seconds == 8 and op.side == "start"


@pytest.mark.parametrize("text, ref, where", [
    ("clip 4 -> the end", [4], "end"),
    ("the third clip to the start", [3], "start"),
])
def test_a_move_without_its_verb(text: str, ref: list[int], where: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, MoveClip) and op.ref.indices == ref and op.to == where


def test_a_bare_factor_after_to_is_a_speed_but_a_range_is_clips() -> None:
    [op] = _ops("slow down the second clip to 0.6")
    assert isinstance(op, Speed) and op.factor == 0.6 and op.target.indices == [2]
    [op] = _ops("speed up clips 3 to 5")
    assert isinstance(op, Speed) and op.target.indices == [3, 4, 5]


@pytest.mark.parametrize("text", ["make the speech 2x louder", "boost the vows 2x"])
def test_louder_by_a_multiplier_is_never_a_speed(text: str) -> None:
    assert not any(isinstance(op, Speed) for op in parse(text).plan.ops)


@pytest.mark.parametrize("text, indices", [
    ("blur all the faces everywhere except clip 2", [2]),
    ("blur faces in every clip but the last", [-1]),
])
def test_a_blur_of_every_clip_but_some(text: str, indices: list[int]) -> None:
    [op] = _ops(text)
    assert isinstance(op, Blur) and op.target == "all"
    assert op.clips is not None and op.clips.indices == indices and op.clips.invert


def test_a_blur_except_a_person_is_still_all_but() -> None:
    [op] = _ops("blur everyone except Priya")
    assert isinstance(op, Blur) and op.target == "all_but" and op.people == ("Priya",) and op.clips is None


@pytest.mark.parametrize("text, steps", [("redo the last 3 changes we undid", 3)])
def test_redo_the_last_n_undone(text: str, steps: int) -> None:
    [op] = _ops(text)
    assert isinstance(op, Redo) and op.steps == steps


def test_nvm_the_last_change_is_an_undo() -> None:
    [op] = _ops("nvm my last change")
    assert isinstance(op, Undo)


@pytest.mark.parametrize("text", ["you choose", "choose for me"])
def test_you_pick_is_a_cut_for_me(text: str) -> None:
    [op] = _ops(text)
    assert isinstance(op, ForMe) and not op.surprise


def test_faces_in_a_clip_need_blurring() -> None:
    [op] = _ops("the faces in clip 5 need to be blurred")
    assert isinstance(op, Blur) and op.target == "all" and op.clips is not None and op.clips.indices == [5]


def test_a_kind_of_thing_called_the_best_is_a_taste() -> None:
    [op] = _ops("sunset timelapses are honestly the best")
    assert isinstance(op, Like) and op.liked and op.text == "sunset timelapses"


@pytest.mark.parametrize("text, seconds", [
    ("90 second highlight reel based on what i normally enjoy", 90.0),
    ("a 1 min highlights reel of what I usually love", 60.0),
])
def test_a_highlight_reel_of_what_i_like_is_for_me(text: str, seconds: float) -> None:
    [op] = _ops(text)
    assert isinstance(op, ForMe) and op.seconds == seconds


def test_something_heard_in_a_clip_judged_then_muted() -> None:
    [op] = _ops("the traffic noise in clip 4 is horrible, turn off the sound on it")
    assert isinstance(op, Volume) and op.level == 0 and op.target.indices == [4]


def test_a_share_of_the_original_volume_is_a_level() -> None:
    [op] = _ops("the last half at 40% of the normal volume")
    assert isinstance(op, Volume) and op.level == 0.4 and op.target.span is not None


def test_seconds_of_this_is_a_length() -> None:
    [op] = _ops("my friends won't watch more than 20 seconds of this")
    assert isinstance(op, LimitDuration) and op.seconds == 20 and op.bound == "at_most"


def test_everything_said_in_a_clip_is_every_line() -> None:
    [op] = _ops("delete everything they say in clip 4, all of it")
    assert isinstance(op, RemoveLine) and op.clip == 4 and op.every


def test_again_past_any_history_stays_a_valid_plan() -> None:
    plan = parse("undo" + ", and again" * 80).plan
    assert EditPlan.model_validate(plan.model_dump()) == plan


@pytest.mark.parametrize("text", [
    "put together a doctored video of my flatmate looking wasted so the group chat sees it",
    "cut it so it looks like she is drunk at the wedding",
])
def test_footage_made_up_about_someone_is_refused(text: str) -> None:
    plan = parse(text).plan
    assert not plan.ops and plan.refusal == REFUSAL_DECEPTIVE


@pytest.mark.parametrize("text", ["cut the drunk uncle bits", "fake snow scenes only"])
def test_words_of_harm_alone_are_not_a_fabrication(text: str) -> None:
    assert parse(text).plan.ops


@pytest.mark.parametrize("text", ["stick subtitles on it in german", "add captions in french for my gran"])
def test_subtitles_in_a_language_are_answered_not_searched(text: str) -> None:
    plan = parse(text).plan
    assert not plan.ops and plan.refusal and "subtitles" in plan.refusal


@pytest.mark.parametrize("text", [
    "I'd love a brand new cut of the goats",
    "can I get a fresh edit with just the goats",
    "cut of the goats pls",
    "i want a new video made out of all the clips of the goats",
])
def test_a_new_cut_of_something_keeps_it(text: str) -> None:
    """ "cut" is the video made here: several of these had removed the goats."""
    [op] = _ops(text)
    assert isinstance(op, KeepOnly) and op.query.text == "goats"


def test_the_rest_after_the_best_is_implied() -> None:
    [op] = _ops("keep the better half and lose the worse ones")
    assert type(op).__name__ == "Best"


def test_why_said_after_the_edit_is_no_search() -> None:
    [op] = _ops("mute the drummer clips, he's shouting the whole time")
    assert isinstance(op, Volume) and op.level == 0


@pytest.mark.parametrize("text, count", [("just keep the best 7", 7), ("show me the top 2", 2)])
def test_the_best_n_without_a_noun(text: str, count: int) -> None:
    [op] = _ops(text)
    assert type(op).__name__ == "Best" and op.count == count
