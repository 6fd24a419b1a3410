"""Readings fixed in part 42 from a nineteenth fresh pool (requests_dev24.yaml), checked with phrasings of my
own: a self-correction that gives only new numbers ("remove clips 2 and 4, no wait, 2 and 5" removed clips 2
and 4 and then kept the matches for "2 and 5"), a stretch of the cut by percent or by the halfway point ("the
last 25% should be slowed down" slowed the last clip to a quarter speed), the parts named before the verb
("the bits where they're ice skating, put those first" replaced the cut with them), "undo both", version 0,
footage from outside the library, deleting the library's videos, and a few more."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Blur,
    ClipRef,
    ClipSpan,
    Extend,
    ForMe,
    KeepOnly,
    LessLike,
    Like,
    LimitDuration,
    Move,
    MoveClip,
    NameCharacter,
    Order,
    Query,
    Redo,
    Remove,
    RemoveClip,
    Reset,
    Speed,
    Split,
    SwapClips,
    Title,
    Transition,
    Trim,
    TrimCut,
    Undo,
    Volume,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("drop clips 1 and 3, no wait, 1 and 4", RemoveClip(ref=ClipRef(indices=[1, 4]))),
    ("delete clip 5, sorry, 6", RemoveClip(ref=ClipRef(indices=[6]))),
    ("move clip 3 to the start, oops, clip 2", MoveClip(ref=ClipRef(indices=[2]), to="start")),
    ("swap clips 2 and 3 - no, 2 and 4", SwapClips(ref=ClipRef(indices=[2, 4]))),
    ("slow down clip 1, hang on, clip 2", Speed(target=ClipRef(indices=[2]), factor=0.5)),
])
def test_a_correction_of_only_the_numbers_changes_the_numbers(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("cut the harbour, no wait, the lighthouse", [Remove(query=Query(text="lighthouse"))]),
    ("add the parade, actually add the fireworks", [Add(query=Query(text="fireworks"))]),
    # a second thing said with "and" or "also" is one more, not instead
    ("remove the harbour and also the lighthouse",
     [Remove(query=Query(text="harbour")), Remove(query=Query(text="lighthouse"))]),
])
def test_a_correction_replaces_what_it_corrects(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("text", "edge", "share"), [
    ("slow down the last 20%", "end", 0.2),
    ("speed up the first 30 percent", "start", 0.3),
    ("the final 40% should be sped up", "end", 0.4),
    ("slow down the back half", "end", 0.5),
    ("speed up the front half", "start", 0.5),
])
def test_a_stretch_by_percent_or_by_half_gets_the_speed(text: str, edge: str, share: float) -> None:
    [op] = ops(text)
    assert isinstance(op, Speed) and op.target == ClipRef(span=ClipSpan(edge=edge, share=share))


def test_a_percent_after_first_or_last_is_no_speed() -> None:
    """"the last 25%" is a stretch of the cut: it had become a quarter speed for the last clip."""
    [op] = ops("the last 25% should be slowed down to 0.6x")
    assert op == Speed(target=ClipRef(span=ClipSpan(edge="end", share=0.25)), factor=0.6)
    assert ops("play clip 3 at 70% speed") == [Speed(target=ClipRef(indices=[3]), factor=0.7)]


@pytest.mark.parametrize(("text", "expected"), [
    ("mute everything after the halfway point",
     Volume(target=ClipRef(span=ClipSpan(edge="end", share=0.5)), level=0.0)),
    ("mute everything before the midway point",
     Volume(target=ClipRef(span=ClipSpan(edge="start", share=0.5)), level=0.0)),
    ("cut the last 20%", TrimCut(share=0.2)),
    ("keep only the first 40 percent", TrimCut(share=0.4, side="start", keep=True)),
])
def test_halfway_and_percent_stretches_for_volume_and_trims(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("the clips with the kayaks, put them last", Move(query=Query(text="kayaks"), to="end")),
    ("the bits where they're rock climbing, put those first",
     Move(query=Query(text="rock climbing"), to="start")),
    ("the parts in the snow, cut them", Remove(query=Query(text="snow"))),
    ("move the toast so it comes after the first dance",
     Move(query=Query(text="toast"), after=Query(text="first dance"))),
])
def test_parts_named_before_the_verb_are_what_it_acts_on(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("undo both", Undo(steps=2)),
    ("redo both of them", Redo(steps=2)),
    ("undo all three", Undo(steps=3)),
    ("go back to version 0", Reset()),
    ("revert to v0", Reset()),
])
def test_history_by_count_and_version_zero(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize("text", [
    "download the new bond trailer and put it at the end",
    "delete all my uploads",
    "wipe my library, every single one",
])
def test_what_is_outside_the_cut_is_answered_and_changes_nothing(text: str) -> None:
    result = parse(text)
    assert not result.plan.ops and result.plan.refusal, result.plan
    assert "library" in result.plan.refusal


def test_a_search_that_mentions_videos_or_uploads_is_still_a_search() -> None:
    [search] = ops("remove my videos of the dog")
    assert isinstance(search, Remove) and search.query.text.endswith("dog")
    assert ops("remove the part where they talk about uploads")[0].query.kind == "dialogue"


@pytest.mark.parametrize(("text", "expected"), [
    ("the person you have as #4 is actually called Søren", NameCharacter(character=4, name="Søren")),
    ("the guy you labelled as number 3 is Kenji", NameCharacter(character=3, name="Kenji")),
    ("number 2 is really Amaia", NameCharacter(character=2, name="Amaia")),
])
def test_a_number_said_another_way_is_named(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("the kayaking bits are the best part honestly", Like(text="kayaking")),
    ("a 45-second cut of stuff i'd like", ForMe(seconds=45)),
    ("split it all into its separate shots", Split()),
    ("keep it under two minutes pleeeease", LimitDuration(seconds=120, bound="at_most")),
    ("slow the whole thng down", Speed(factor=0.5)),
    ("not this again, less of clip 4", LessLike(ref=ClipRef(indices=[4]))),
])
def test_more_phrasings(text: str, expected: object) -> None:
    assert ops(text) == [expected]


@pytest.mark.parametrize("text", [
    "put the harbour at the end and the title at the start",
    "the title at the start",
])
def test_where_the_title_goes_is_not_what_it_says(text: str) -> None:
    """"... and the title at the start" had become a title reading "at the start" (or "at the", a reset)."""
    result = parse(text)
    assert not any(isinstance(op, Title | Reset) for op in result.plan.ops), result.plan
    assert not result.confident


@pytest.mark.parametrize(("text", "title"), [
    ('add the title "At the Start"', "At the Start"),
    ("call it At the Start", "At the Start"),
    ("title: At the end", "At the end"),
    ("add a title at the start saying Lake Days", "Lake Days"),
])
def test_a_title_that_reads_like_a_place_is_kept_when_it_is_one(text: str, title: str) -> None:
    assert ops(text) == [Title(text=title)]


@pytest.mark.parametrize("text", [
    "make all faces unrecognisable except Ines",
    "please make all the faces unrecognizable apart from Ines",  # as a model translates German "unkenntlich"
])
def test_unrecognisable_but_someone_is_a_blur_of_all_but_them(text: str) -> None:
    """It blurred every face and then removed the scenes with Ines."""
    assert ops(text) == [Blur(target="all_but", people=("Ines",))]


@pytest.mark.parametrize(("text", "expected"), [
    ("make clip 2 3 seconds shorter and clip 4 1 second longer",
     [Trim(target=ClipRef(indices=[2]), seconds=3.0, side="end"),
      Extend(target=ClipRef(indices=[4]), seconds=1.0)]),
    ("make the intro 2 seconds shorter and the ending 2 seconds longer",
     [Trim(target=ClipRef(indices=[1]), seconds=2.0, side="end"),
      Extend(target=ClipRef(indices=[-1]), seconds=2.0)]),
])
def test_two_clips_lengths_under_one_verb_are_two_changes(text: str, expected: list) -> None:
    """The first had trimmed both clips by 3 s and made the whole cut 1 s longer."""
    assert ops(text) == expected


def test_two_clips_lengths_with_no_amount_are_asked_how_much() -> None:
    """It had kept only the matches for "make the intro shorter and ending"."""
    result = parse("make the intro shorter and the ending longer")
    assert not result.plan.ops and (result.plan.refusal or "").startswith("How much shorter?")


@pytest.mark.parametrize(("text", "expected"), [
    # a whole-cut change and the clips it leaves out (it had made the change and removed those clips, or kept
    # the matches for "not clip 2")
    ("make it quieter except clip 3", Volume(target=ClipRef(indices=[3], invert=True), factor=0.667)),
    ("turn it up, just not clip 1", Volume(target=ClipRef(indices=[1], invert=True), factor=1.5)),
    ("speed it all up apart from the last clip",
     Speed(target=ClipRef(indices=[-1], invert=True), factor=1.5)),
])
def test_a_whole_cut_change_but_not_some_clips(text: str, expected: object) -> None:
    assert ops(text) == [expected]


def test_some_clips_one_way_and_the_rest_the_other() -> None:
    """It had slowed clips 1-2 "matching clips faster and the rest"."""
    assert ops("make the first two clips faster and the rest slower") == [
        Speed(target=ClipRef(indices=[1, 2]), factor=1.5),
        Speed(target=ClipRef(indices=[1, 2], invert=True), factor=0.5),
    ]


@pytest.mark.parametrize(("text", "parts"), [
    ("cut clip 4 into three", 3), ("chop clip 1 into 5 pieces", 5), ("cut clip 2 into two parts", 2),
])
def test_cut_into_pieces_is_a_split(text: str, parts: int) -> None:
    """It had removed the matches for "clip 4 into 3" ("cut clip 2 in half" stays a clip half as long)."""
    [op] = ops(text)
    assert isinstance(op, Split) and op.parts == parts and op.target.indices


@pytest.mark.parametrize(("text", "expected"), [
    ("make the cut 15 seconds shorter by trimming the longest clips", LimitDuration(change=-15.0)),
    ("make it 30 seconds shorter by cutting out the interviews", Remove(query=Query(text="interviews"))),
])
def test_how_a_cut_gets_shorter_is_no_search(text: str, expected: object) -> None:
    """They had trimmed the clips matching "trimming longest" (or "dropping beach") by that many seconds."""
    assert ops(text) == [expected]


@pytest.mark.parametrize(("text", "ref"), [
    ("i don't like clip 3", [3]), ("not a fan of clip 5", [5]), ("i hate the last clip", [-1]),
])
def test_a_clip_disliked_by_number_is_less_of_it(text: str, ref: list[int]) -> None:
    """As "drop clip 4, not my style": "not a fan of clip 5" had removed the matches for "fan of clip 5"."""
    assert ops(text) == [LessLike(ref=ClipRef(indices=ref))]


def test_a_transition_but_not_into_some_clips() -> None:
    """It had crossfaded every join."""
    assert ops("put a crossfade between every clip except the first two") == [
        Transition(kind="crossfade", into=ClipRef(indices=[1, 2], invert=True))]


def test_feel_is_no_clip_to_speed_up() -> None:
    """"make it feel faster" had sped up the clips matching "feel"."""
    assert ops("make it feel faster") == [Speed(factor=1.5)]


def test_every_line_someone_says_is_their_dialogue() -> None:
    """"drop every line Thom says" had searched for "line says" with Thom on screen."""
    [op] = parse("drop every line Thom says", ("Celia", "Thom")).plan.ops
    assert op == Remove(query=Query(text="any line", kind="dialogue", people=("Thom",)))


def test_keeping_the_title_is_no_search() -> None:
    """"... but keep the title" had added the matches for "title"."""
    result = parse("only Celia's scenes but keep the title", ("Celia", "Thom"))
    assert result.confident and result.plan.ops == [KeepOnly(query=Query(people=("Celia",)))]


@pytest.mark.parametrize("text", ["cut clip 6 down to the bit where he jumps",
                                  "trim the last clip to the part where she smiles"])
def test_a_moment_inside_a_clip_by_what_happens_is_answered(text: str) -> None:
    """It had removed everything matching "clip 6 down to the bit where he jumps"."""
    result = parse(text)
    assert not result.plan.ops and "moment" in (result.plan.refusal or "")


@pytest.mark.parametrize(("text", "expected"), [
    ("less slow", Speed(factor=1.25)), ("not that slow", Speed(factor=1.25)),
    ("not as fast please", Speed(factor=0.75)), ("a bit less loud", Volume(factor=0.8)),
    ("too loud now", Volume(factor=0.8)), ("make it less quiet", Volume(factor=1.25)),
])
def test_a_little_the_other_way(text: str, expected: object) -> None:
    """They had removed the matches for "slow", "that slow", "fast" and "loud"."""
    assert ops(text) == [expected]


def test_the_original_order_is_the_story_order_and_not_so_fast_is_no_speed() -> None:
    assert ops("restore the original order") == [Order(by="story")]  # it had reset the cut
    result = parse("not so fast")  # "wait": it had removed the matches for "so fast"
    assert not result.plan.ops
