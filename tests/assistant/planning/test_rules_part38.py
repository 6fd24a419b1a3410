"""Readings of planner round 23 (issue 11): classes found among a fresh writer's development requests, tested
with phrasings of their own. Each was misread or not read: chat's "w" / "w/" for "with" (a search for
"parts w the fireworks"); "everything X is in"; people "on screen together"; "top N moments only" (a
ranked search for "only"); "undo undo undo" (one step); a verdict on the last edit said with its undo or
redo ("wait no I did want that, redo it" also removed the matches for "i did want that"); a length for
someone ("90 seconds max for the class group chat"); "let clip 2 run another 2 secs"; a clip's abrupt end
judged before a pronoun acts on it; the sound doubled ("double it" after "the sound is too quiet" had made
the cut twice as long); both ends of the cut trimmed at once; "a version with the stuff I like"."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Best,
    ClipRef,
    Extend,
    ForMe,
    Keep,
    KeepOnly,
    LessLike,
    LimitDuration,
    MoreLike,
    NameCharacter,
    Query,
    Redo,
    Remove,
    TrimCut,
    Undo,
    Volume,
)
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("keep the bits w/ the goat", [Keep(query=Query(text="goat"))]),
    ("only the parts w the marching band", [KeepOnly(query=Query(text="marching band"))]),
    ("only the shots w/the tractor", [KeepOnly(query=Query(text="tractor", kind="visual"))]),
    ("drop everything Hannah is in", [Remove(query=Query(people=["Hannah"]))]),
    ("keep anything Rafael shows up in", [Keep(query=Query(people=["Rafael"]))]),
    ("just where the two leads are on screen together", [KeepOnly(query=Query(people=["leads"]))]),
    ("just the bits where Ivo and Bea are in the frame together",
     [KeepOnly(query=Query(people=["Ivo", "Bea"]))]),
    ("best 7 moments only", [Best(count=7)]),
    ("top 3 crashes only please", [Best(query=Query(text="crashes"), count=3)]),
])
def test_chat_with_people_on_screen_and_ranked_moments(text, expected) -> None:
    assert ops(text) == expected, text


def test_a_word_w_is_only_with_before_what_follows_it() -> None:
    """"w" is "with" only before an article or possessive ("the W hotel" stays a search for it)."""
    assert "with" not in (parse("the W hotel").plan.ops[0].query.text or "")


@pytest.mark.parametrize(("text", "expected"), [
    ("undo undo undo undo", [Undo(steps=4)]),
    ("Redo redo!", [Redo(steps=2)]),
    ("hmm no I did want it, redo", [Redo()]),
    ("we needed that one after all, undo", [Undo()]),
    ("that change made it way worse, take it back", [Undo()]),
    ("that was a mistake, undo", [Undo()]),
])
def test_repeated_undo_words_and_a_verdict_said_with_the_undo(text, expected) -> None:
    assert ops(text) == expected, text


def test_no_before_a_subject_is_said_to_the_assistant_not_a_removal() -> None:
    """"no we wanted that" is talk; "no dogs" still removes the dogs."""
    assert not any(isinstance(op, Remove) for op in parse("no we wanted that").plan.ops)
    assert ops("no dogs") == [Remove(query=Query(text="dogs"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("it has to be 45 seconds max for the school assembly", [LimitDuration(seconds=45, bound="at_most")]),
    ("keep it under 3 minutes for my nan", [LimitDuration(seconds=180, bound="at_most")]),
    ("let the third clip run another 4 secs", [Extend(target=ClipRef(indices=[3]), seconds=4)]),
    ("let the last clip go for an extra second", [Extend(target=ClipRef(indices=[-1]), seconds=1)]),
    ("clip 5 stops way too suddenly, let it run another 1.5 seconds",
     [Extend(target=ClipRef(indices=[5]), seconds=1.5)]),
    ("the opening clip starts too late, start it 2 seconds earlier",
     [Extend(target=ClipRef(indices=[1]), seconds=2, side="start")]),
])
def test_lengths_for_someone_and_clips_let_run_longer(text, expected) -> None:
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("double the sound", [Volume(factor=2)]),
    ("make clip 4 twice as loud", [Volume(target=ClipRef(indices=[4]), factor=2)]),
    ("make the whole thing half as loud", [Volume(factor=0.5)]),
    ("triple the volume of clip 2", [Volume(target=ClipRef(indices=[2]), factor=3)]),
    ("the audio is way too quiet, double it", [Volume(factor=2)]),
])
def test_the_sound_doubled_or_halved(text, expected) -> None:
    assert ops(text) == expected, text
    assert not any(isinstance(op, LimitDuration) for op in ops(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("trim the first 3 seconds and the last 4 seconds",
     [TrimCut(seconds=3, side="start"), TrimCut(seconds=4, side="end")]),
    ("lose the first and last 2 seconds", [TrimCut(seconds=2, side="start"), TrimCut(seconds=2, side="end")]),
    ("chop the last 10 seconds and the first 5 seconds",
     [TrimCut(seconds=10, side="end"), TrimCut(seconds=5, side="start")]),
])
def test_both_ends_of_the_cut_at_once(text, expected) -> None:
    assert ops(text) == expected, text


def test_keeping_both_ends_is_not_one_end() -> None:
    """"keep the first and last 5 seconds" is two pieces of the cut: not read as one end kept."""
    read = parse("keep the first and last 5 seconds").plan.ops
    assert not any(isinstance(op, TrimCut) and op.keep for op in read)


def test_a_version_with_the_stuff_i_like_is_a_cut_for_me() -> None:
    assert ops("edit me a video with the clips I really love") == [ForMe()]
    assert ops("make me a version full of the bits I enjoy") == [ForMe()]


@pytest.mark.parametrize("text", ["even more!!", "hmm, something seems weird", "fix the bit with her",
                                  "nah, better", "tweak it somehow"])
def test_words_that_name_nothing_are_not_offered_back_as_a_search(text) -> None:
    """They were asked about as searches ("Did you mean: kept only scenes matching 'more'?"); now nothing is
    guessed and the chat says it did not understand."""
    result = parse(text)
    assert not result.guessed and not any(isinstance(op, KeepOnly) for op in result.plan.ops), result


@pytest.mark.parametrize("text", ["the lighthouse", "something with the goat", "more puppies"])
def test_a_bare_phrase_that_names_something_is_still_read(text) -> None:
    assert parse(text).plan.ops, text


@pytest.mark.parametrize(("text", "expected"), [
    ("the snowball fight, keep just that bit", [KeepOnly(query=Query(text="snowball fight"))]),
    ("the llamas, only keep those", [KeepOnly(query=Query(text="llamas"))]),
    ("Ines and Paolo singing karaoke - only that please",
     [KeepOnly(query=Query(text="singing karaoke", people=["Ines", "Paolo"]))]),
])
def test_a_thing_named_then_kept_through_a_pronoun(text, expected) -> None:
    """The thing was offered back as a guess and "keep just that bit" was not understood; two names leading
    the clause were searched for as words."""
    assert ops(text) == expected, text


def test_a_sound_judged_beside_an_edit_is_its_reason_not_a_taste() -> None:
    """ "mute clip 2, the hum is unbearable" also recorded a dislike of "hum" (taste ranks pictures)."""
    muted = [Volume(target=ClipRef(indices=[2]), level=0)]
    assert ops("mute clip 2, the engine noise is unbearable") == muted


@pytest.mark.parametrize(("text", "expected"), [
    ("more like the kayaking clip", [MoreLike(ref=ClipRef(matching="kayaking"))]),
    ("fewer like the traffic footage", [LessLike(ref=ClipRef(matching="traffic"))]),
    ("the drone shots are stunning, give me more like them", [MoreLike(ref=ClipRef(matching="drone"))]),
    ("the harbour footage is amazing, find me 5 more like that",
     [MoreLike(ref=ClipRef(matching="harbour"), count=5)]),
    ("the fireworks bits are great, more of those", [Add(query=Query(text="fireworks"))]),
])
def test_more_like_clips_named_by_what_they_show(text, expected) -> None:
    """ "more like the snorkelling clip" added the matches for "like the snorkelling"; praise of some footage,
    then "more like it", asked for more like the last clip."""
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("add whatever you've got of the hot air balloons", [Add(query=Query(text="hot air balloons"))]),
    ("keep everything we have of the regatta", [Keep(query=Query(text="regatta"))]),
    ("cut the bit where you can hear him snoring on the train",
     [Remove(query=Query(text="snoring on the train"))]),
])
def test_what_there_is_of_a_thing_and_what_is_heard_are_the_search(text, expected) -> None:
    """The lead words were searched for with the thing ("whatever you've got of the lanterns ...")."""
    assert ops(text) == expected, text


@pytest.mark.parametrize(("text", "seconds"), [
    ("make it shorter than a minute", 60), ("keep the whole thing shorter than 90 seconds", 90),
    ("it needs to be less than 2 minutes", 120),
])
def test_shorter_than_a_length_is_a_cap_on_the_cut(text, seconds) -> None:
    """A model's translation of "que dure menos de un minuto" was "make it shorter than a minute", which the
    rules read as a trim of the clips matching "than"."""
    assert ops(text) == [LimitDuration(seconds=seconds, bound="at_most")], text


@pytest.mark.parametrize(("text", "expected"), [
    ("the boy who shows up as #5 is called Tadhg", [NameCharacter(character=5, name="Tadhg")]),
    ("the lady who appears as number 2 is Nonna", [NameCharacter(character=2, name="Nonna")]),
    ("start clip 4 a bit earlier, like 2.5 seconds earlier",
     [Extend(target=ClipRef(indices=[4]), seconds=2.5, side="start")]),
])
def test_naming_by_how_someone_shows_up_and_an_amount_said_again(text, expected) -> None:
    assert ops(text) == expected, text
