"""Readings fixed in part 44 from a twenty-first fresh pool (requests_dev26.yaml) and probes of my own,
checked with phrasings of my own. Most were confident wrong edits: "make it 30% louder" sped the cut up to
0.3x, "make clip 2 50% quieter" slowed it to half speed, "the last 10 seconds should be half as loud" changed
clips -10 to -1 chosen for "seconds should be", "fade in 3s" crossfaded every cut, "undo the title you added"
made a title reading "you added", "clips 4 and 5 are boring, delete those two" also deleted clip 2, "...
silence those two" kept only a search for "silence those 2", "ripple delete clip 3" kept only "ripple"."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    ClipRef,
    ClipSpan,
    Fade,
    ForMe,
    LessLike,
    Like,
    MoreLike,
    Move,
    MoveClip,
    Query,
    Remove,
    RemoveClip,
    Speed,
    Title,
    Trim,
    TrimTo,
    Undo,
    Volume,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("make everything 25% louder", [Volume(target=ClipRef(), factor=1.25)]),
    ("the last clip 40 percent quieter please", [Volume(target=ClipRef(indices=[-1]), factor=0.6)]),
    ("make clip 3 10% quieter", [Volume(target=ClipRef(indices=[3]), factor=0.9)]),
    ("make it 20 per cent louder", [Volume(target=ClipRef(), factor=1.2)]),
])
def test_a_percentage_louder_or_quieter_is_a_volume_never_a_speed(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the opening 12 seconds should be twice as loud",
     [Volume(target=ClipRef(span=ClipSpan(edge="start", seconds=12)), factor=2.0)]),
    ("the final 8 seconds need to be half as loud",
     [Volume(target=ClipRef(span=ClipSpan(edge="end", seconds=8)), factor=0.5)]),
    ("clip 6 should be quieter", [Volume(target=ClipRef(indices=[6]), factor=round(1 / 1.5, 3))]),
    ("halve the volume of clip 5", [Volume(target=ClipRef(indices=[5]), factor=0.5)]),
    ("half the sound on the first clip", [Volume(target=ClipRef(indices=[1]), factor=0.5)]),
])
def test_a_stretch_or_a_clip_that_should_be_louder_is_its_volume(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the toddler screams in clip 4, mute it", [Volume(target=ClipRef(indices=[4]), level=0.0)]),
    ("my uncle's phone rings through clips 6 and 7, silence those two",
     [Volume(target=ClipRef(indices=[6, 7]), level=0.0)]),
    ("there's a lawnmower in clips 1 and 2, mute them", [Volume(target=ClipRef(indices=[1, 2]), level=0.0)]),
    ("clips 3 and 8 have traffic noise, mute both", [Volume(target=ClipRef(indices=[3, 8]), level=0.0)]),
    ("the cat knocks over a vase in clip 9. delete it", [RemoveClip(ref=ClipRef(indices=[9]))]),
    ("clips 2 and 7 are tedious, bin those two", [RemoveClip(ref=ClipRef(indices=[2, 7]))]),
    ("clip 4 and clip 6 are the best, keep both", None),
])
def test_clips_described_by_number_then_acted_on_through_a_pronoun(text: str, expected: list | None) -> None:
    got = ops(text)
    if expected is None:  # keep both: those clips kept, nothing searched for "both"
        assert [op.op for op in got] == ["keep_clip"] and got[0].ref.indices == [4, 6]
    else:
        assert got == expected


def test_a_number_said_as_how_many_clips_is_never_a_clip_number() -> None:
    [removed] = ops("clips 5 and 6 are boring, delete those two")
    assert removed == RemoveClip(ref=ClipRef(indices=[5, 6]))  # it had deleted clip 2 as well


@pytest.mark.parametrize(("text", "expected"), [
    ("fade in 2s", [Fade(at="start", seconds=2.0)]),
    ("fade out 4 seconds", [Fade(at="end", seconds=4.0)]),
    ("fade in 1.5s, fade out 1.5s", [Fade(at="both", seconds=1.5)]),
    ("fade in 1s and fade out 3s", [Fade(at="start", seconds=1.0), Fade(at="end", seconds=3.0)]),
    ("title: 'Hiking 2025', fade in 2s, fade out 2s",
     [Title(text="Hiking 2025"), Fade(at="both", seconds=2.0)]),
])
def test_an_opening_or_closing_fade_with_its_length_after_it_is_that_fade(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_a_crossfade_with_its_length_is_still_a_transition() -> None:
    [op] = ops("crossfade 1.5s")
    assert op.op == "transition" and op.kind == "crossfade" and op.seconds == 1.5


@pytest.mark.parametrize(("text", "expected"), [
    ("undo the zoom you added and then delete clip 3", [Undo(), RemoveClip(ref=ClipRef(indices=[3]))]),
    ("undo the titles you just made", [Undo()]),
    ("revert the crossfades we added, then mute the last clip",
     [Undo(), Volume(target=ClipRef(indices=[-1]), level=0.0)]),
    ("undo the last 3 changes you made", [Undo(steps=3)]),
    ("could we go back to before you trimmed everything? that was 2 edits ago",
     [Undo(steps=2)]),
    ("go back to before the slow motion, it was three changes ago",
     [Undo(steps=3)]),
])
def test_an_undo_that_names_the_change_it_undoes(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_undo_of_a_title_makes_no_title() -> None:
    assert not any(isinstance(op, Title) for op in parse("undo the title you put in").plan.ops)


@pytest.mark.parametrize(("text", "expected"), [
    ("ripple delete clip 5", [RemoveClip(ref=ClipRef(indices=[5]))]),
    ("ripple-delete clips 1 and 4", [RemoveClip(ref=ClipRef(indices=[1, 4]))]),
])
def test_an_editors_ripple_delete_removes_the_clips(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "seconds"), [
    ("make a version for me", None), ("cut a 3 minute edit just for me", 180.0),
    ("create a 45 second version for me please", 45.0), ("put together my own cut", None),
])
def test_a_version_made_for_the_person_is_a_cut_for_them(text: str, seconds: float | None) -> None:
    assert ops(text) == [ForMe(seconds=seconds)]


def test_a_version_for_someone_else_is_not_a_cut_for_the_person() -> None:
    parsed = parse("make a version for my sister")
    assert not any(isinstance(op, ForMe) for op in parsed.plan.ops) and not parsed.confident


@pytest.mark.parametrize(("text", "expected"), [
    ("we love clips 2 and 6, more like them", [MoreLike(ref=ClipRef(indices=[2, 6]))]),
    ("i really like the first clip, find more like it", [MoreLike(ref=ClipRef(indices=[1]))]),
    ("I hate clip 5, get rid of it", [LessLike(ref=ClipRef(indices=[5]))]),
    ("clips 1 and 3 are my faves, find more like those", [MoreLike(ref=ClipRef(indices=[1, 3]))]),
])
def test_clips_liked_or_hated_by_number_then_more_or_less_like_them(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "thing"), [
    ("the limbo contest is SO cringe cut it cut it", "limbo contest"),
    ("the conga line is so embarrassing, delete it", "conga line"),
    ("the speech by the best man is awkward, cut it", "speech by the best man"),
    ("the group hug is painful, remove it", "group hug"),
])
def test_a_thing_panned_then_cut_is_removed_never_a_shorter_cut(text: str, thing: str) -> None:
    assert ops(text) == [Remove(query=Query(text=thing))]


def test_a_thing_panned_alone_is_a_dislike() -> None:
    assert ops("the conga line is embarrassing") == [Like(text="conga line", liked=False)]


@pytest.mark.parametrize(("text", "line"), [
    ("someone shouts 'the tent is on fire' at the end, put that in", "the tent is on fire"),
    ("the bit where mum says 'not the hat' - add it back", "not the hat"),
])
def test_a_line_named_then_put_in_is_an_addition_not_a_new_cut(text: str, line: str) -> None:
    assert ops(text) == [Add(query=Query(text=line, kind="dialogue"))]


@pytest.mark.parametrize("text", [
    "hmm the thing with the um... the canoe. yeah. just take the canoe out",
    "can you fix the thing with the... the canoe. right. remove the canoe",
])
def test_a_hesitation_then_the_thing_named_again_is_one_edit(text: str) -> None:
    assert ops(text) == [Remove(query=Query(text="canoe"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("mute clip 1, and clip 3 should be louder (double it)",
     [Volume(target=ClipRef(indices=[1]), level=0.0), Volume(target=ClipRef(indices=[3]), factor=2.0)]),
    ("clip 2 needs to be louder, triple it", [Volume(target=ClipRef(indices=[2]), factor=3.0)]),
    ("speed it up (double it)", [Speed(target=ClipRef(), factor=2.0)]),
    ("slow the whole thing down, halve it", [Speed(target=ClipRef(), factor=0.5)]),
])
def test_an_amount_said_after_a_sound_or_speed_change_is_its_amount(text: str, expected: list) -> None:
    assert ops(text) == expected  # "double it" had also made the cut twice as long


# --- a probe of my own after the round (30 everyday requests), fixed and tested with other phrasings ---

@pytest.mark.parametrize(("text", "expected"), [
    ("turn the last clip down by 20%", [Volume(target=ClipRef(indices=[-1]), factor=0.8)]),
    ("turn clip 2 up by half", [Volume(target=ClipRef(indices=[2]), factor=1.5)]),
    ("could clip 4 be a bit louder", [Volume(target=ClipRef(indices=[4]), factor=1.25)]),
])
def test_turning_clips_up_or_down_by_an_amount_is_their_volume(text: str, expected: list) -> None:
    assert ops(text) == expected  # "turn clip 3 down by 30%" had slowed clip 3 to 0.3x


@pytest.mark.parametrize("text", ["bin those two", "clips 6, 7 and 8 look identical, keep only one of them"])
def test_a_count_or_clip_numbers_are_never_a_search(text: str) -> None:
    parsed = parse(text)
    assert not parsed.plan.ops and parsed.unparsed  # asked; it had searched "2" / "clips 6 7 and 8"


def test_a_liking_then_add_more_adds_more_of_that() -> None:
    assert ops("i love the kayak clips, add more") == [Like(text="kayak", liked=True),
                                                       Add(query=Query(text="kayak"))]


def test_a_dislike_then_a_speed_through_a_pronoun_is_those_clips() -> None:
    assert ops("the unboxing scene is awkward, speed it up") == [
        Like(text="unboxing", liked=False), Speed(target=ClipRef(matching="unboxing"), factor=1.5)]


@pytest.mark.parametrize(("text", "expected"), [
    ("undo the last thing you did and remove clip 1", [Undo(), RemoveClip(ref=ClipRef(indices=[1]))]),
    ("undo what you just changed", [Undo()]),
])
def test_undo_of_what_was_just_done(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_clips_said_one_by_one_in_a_description_then_both() -> None:
    assert ops("the dog howls in clip 2 and clip 6, cut both") == [RemoveClip(ref=ClipRef(indices=[2, 6]))]


def test_taking_the_fades_off_removes_them_as_removing_them_does() -> None:
    assert ops("take the fades off") == ops("remove the fades")


@pytest.mark.parametrize(("text", "expected"), [
    ("keep clip 4 first", [MoveClip(ref=ClipRef(indices=[4]), to="start")]),
    ("keep the final clip at the end", [MoveClip(ref=ClipRef(indices=[-1]), to="end")]),
    ("keep the toast at the end", [Move(query=Query(text="toast"), to="end")]),
])
def test_keeping_something_first_or_last_is_its_place_never_a_narrowing(text: str, expected: list) -> None:
    assert ops(text) == expected  # "keep clip 3 first" had kept only the matches for "clip 3 first"


def test_after_a_reorder_which_clip_a_number_means_is_asked() -> None:
    parsed = parse("reverse the order but keep the second clip first")
    assert [op.op for op in parsed.plan.ops] == ["order"] and parsed.unparsed


@pytest.mark.parametrize(("text", "expected"), [
    ("only the goats, slowed down, with dissolves", ["keep_only", "speed", "transition"]),
    ("quieter everywhere except clip 2", ["volume"]),
])
def test_a_bare_participle_or_an_everywhere_is_the_whole_cut_not_a_search(text: str, expected: list) -> None:
    got = ops(text)
    assert [op.op for op in got] == expected
    assert all(getattr(op, "query", None) is None or op.query.text == "goats" for op in got)


def test_an_end_kept_while_shortening_is_asked_never_a_narrowing() -> None:
    parsed = parse("make it shorter but keep the beginning as it is")
    assert [op.op for op in parsed.plan.ops] == ["limit_duration"] and parsed.unparsed


def test_a_person_judged_in_a_clip_then_him_or_her_is_that_clip() -> None:
    parsed = parse("Maya is too quiet in clip 3, make her louder", ("Maya", "Jon"))
    assert parsed.confident and parsed.plan.ops == [Volume(target=ClipRef(indices=[3]), factor=1.5)]


@pytest.mark.parametrize(("text", "expected"), [
    ("some slow motion in clip 4", [Speed(target=ClipRef(indices=[4]), factor=0.5)]),
    ("no sound on clips 1 to 3", [Volume(target=ClipRef(indices=[1, 2, 3]), level=0.0)]),
])
def test_an_edit_said_of_clips_by_number_is_no_description(text: str, expected: list) -> None:
    assert ops(text) == expected


# --- a fourth probe (messy everyday chat: emoji, second thoughts, what the editor cannot do) ---

@pytest.mark.parametrize(("text", "expected"), [
    ("actually scrap that, delete clip 6 after all", [Undo(), RemoveClip(ref=ClipRef(indices=[6]))]),
    ("scrap that", [Undo()]),
])
def test_scrapping_the_last_change_is_an_undo_never_a_reset(text: str, expected: list) -> None:
    assert ops(text) == expected  # it had reset the cut to the original


def test_scrapping_it_all_is_still_a_reset() -> None:
    assert [op.op for op in ops("scrap it")] == ["reset"]


def test_emoji_break_a_message_like_a_comma_and_stay_in_a_title() -> None:
    assert ops("remove the snow ❄️ and add the sledging") == ops("remove the snow, and add the sledging")
    assert ops('title "Ski trip ⛷️" please') == [Title(text="Ski trip ⛷️")]


@pytest.mark.parametrize("text", ["put text on clip 2 saying 'so proud'", "add a caption on the first clip",
                                  "can we have the cake cutting twice"])
def test_text_on_a_clip_or_a_repeat_is_answered_never_a_search(text: str) -> None:
    parsed = parse(text)
    assert not parsed.plan.ops and parsed.plan.refusal and "can't" in parsed.plan.refusal


# --- a fifth probe (clips by number and place) ---

@pytest.mark.parametrize(("text", "expected"), [
    ("clip 5: trim 3 seconds", [Trim(target=ClipRef(indices=[5]), seconds=3.0)]),
    ("clip 1: slow motion", [Speed(target=ClipRef(indices=[1]), factor=0.5)]),
    ("clips 3 and 6 - mute", [Volume(target=ClipRef(indices=[3, 6]), level=0.0)]),
])
def test_a_clip_label_before_an_edit_is_those_clips(text: str, expected: list) -> None:
    assert ops(text) == expected  # "clip 3: trim 2 seconds" had made the whole cut 2 s shorter


@pytest.mark.parametrize("text", ["clip 2: start at 0:08", "clip 4: louder"])
def test_a_clip_label_before_an_edit_of_the_whole_cut_is_asked(text: str) -> None:
    parsed = parse(text)
    assert not parsed.confident and parsed.unparsed


@pytest.mark.parametrize(("text", "side"), [
    ("cut clip 3 in half and drop the first half", "start"),
    ("cut clip 3 in half, lose the second half", "end"),
])
def test_a_clip_cut_in_half_then_a_half_dropped_is_that_clip_only(text: str, side: str) -> None:
    assert ops(text) == [TrimTo(target=ClipRef(indices=[3]), factor=0.5, side=side)]


@pytest.mark.parametrize("text", ["move the one before last to the end", "drop the last clip but one"])
def test_the_one_before_last_is_the_second_to_last_clip(text: str) -> None:
    [op] = ops(text)
    assert op.ref == ClipRef(indices=[-2])


def test_a_clip_by_its_neighbour_is_asked_never_a_search() -> None:
    parsed = parse("remove the shot just after the toast")
    assert not parsed.plan.ops and parsed.unparsed


@pytest.mark.parametrize(("text", "thing"), [
    ("stop showing me the traffic jams", "traffic jams"),
    ("I never want to see the ferris wheel again", "ferris wheel"),
])
def test_not_wanting_to_see_something_again_removes_it(text: str, thing: str) -> None:
    assert ops(text) == [Remove(query=Query(text=thing))]  # it had been asked about


@pytest.mark.parametrize("text", ["tighten up the pace", "tighten the whole thing up"])
def test_tightening_the_pacing_is_a_shorter_cut_never_a_search(text: str) -> None:
    assert ops(text) == ops("make it shorter")  # it had guessed a search for "tighten up the pacing"
