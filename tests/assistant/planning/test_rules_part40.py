"""Degrees of a change, found in a user session (part 40): "a little bit shorter" was read as plain
"shorter" (a quarter off instead of a tenth), "make the video a little bit slower" slowed the clips matching
"little" to half speed, "shorter by a little" became a search for the whole sentence, and "louder" or "a bit
quieter" with no verb were searches too. A translation that dropped the request's "a little" ("让它慢一点"
came back as "make it slower") halved the speed."""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    Add,
    Best,
    ClipRef,
    Keep,
    KeepOnly,
    LimitDuration,
    Move,
    Query,
    Redo,
    Speed,
    Transition,
    TrimCut,
    Undo,
    Volume,
)
from assistant.planning.llm.base import kept_degree, made_imperative
from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops


@pytest.mark.parametrize(("text", "expected"), [
    ("could you make it a little bit longer", [LimitDuration(factor=1.2)]),
    ("the whole video a tiny bit quicker please", [Speed(factor=1.25)]),
    ("make the video a little bit slower", [Speed(factor=0.75)]),
    ("make it shorter by a bit", [LimitDuration(factor=0.9)]),
    ("make it slower by a lot", [Speed(factor=0.25)]),
    ("longer by a little", [LimitDuration(factor=1.2)]),
])
def test_a_little_bit_and_by_a_little_are_degrees(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_a_little_bit_of_something_is_still_the_thing() -> None:
    """Only a degree before a comparative is rewritten: "a little bit of the dancing" keeps its words."""
    reading = parse("a little bit of the dancing")
    assert reading.plan.ops == [KeepOnly(query=Query(text="little bit of the dancing"))]
    assert not reading.confident  # a guess, asked about or read by a model: never acted on


@pytest.mark.parametrize(("text", "expected"), [
    ("louder pls", [Volume(factor=1.5)]),
    ("hmm a wee bit quieter", [Volume(factor=0.8)]),
    ("much louder", [Volume(factor=2.0)]),
    ("clip 4 slightly softer", [Volume(target=ClipRef(indices=[4]), factor=0.8)]),
    ("the first clip louder please", [Volume(target=ClipRef(indices=[1]), factor=1.5)]),
])
def test_the_sound_louder_or_quieter_without_a_verb(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_one_sound_said_louder_is_not_the_whole_cut() -> None:
    """"the birds a bit louder" names one sound in the clips (or a search): never acted on as the whole cut's
    sound; "the music a bit softer" is answered that one sound cannot be picked out."""
    assert not parse("the birds a bit louder").confident
    music = parse("the music a bit softer")
    assert music.plan.ops == [] and "not pick out one sound" in (music.plan.refusal or "")


@pytest.mark.parametrize(("request_text", "english", "expected"), [
    ("让它慢一点", "make it slower", "make it a bit slower"),
    ("mach den Ton etwas leiser", "make the sound quieter", "make the sound a bit quieter"),
    ("fais-le un peu plus long", "make it longer", "make it a bit longer"),
    ("ちょっと速くして", "make it faster", "make it a bit faster"),
    ("mach es etwas kürzer", "make it something shorter", "make it a bit shorter"),  # "etwas" as "something"
    # the translation kept a degree, or the request had none: as translated
    ("rendilo un po' più lento", "make it a little slower", "make it a little slower"),
    ("hazlo más corto", "make it shorter", "make it shorter"),
    ("mach es viel kürzer", "make it much shorter", "make it much shorter"),
    # "etwas" is also "something": no comparative, nothing added
    ("schneid etwas mit Hunden raus", "cut out something with dogs", "cut out something with dogs"),
])
def test_a_translation_keeps_the_requests_degree(request_text: str, english: str, expected: str) -> None:
    assert kept_degree(request_text, english) == expected


def test_the_kept_degree_reads_as_a_small_change() -> None:
    assert ops(kept_degree("让它慢一点", "make it slower")) == [Speed(factor=0.75)]


@pytest.mark.parametrize(("text", "expected"), [
    # a teaser, trailer, recap or highlight reel is the best of the cut, that long when a length is said:
    # "give me a 15 second teaser" had kept only the matches for "15 second teaser", "cut a 30 sec sizzle
    # reel" removed the matches for "30 sec sizzle reel", "a 30 second highlight reel" lost its length
    ("could you put together a 20 sec promo", [Best(seconds=20.0)]),
    ("cut me a 45 second sizzle reel", [Best(seconds=45.0)]),
    ("i need a 2 minute recap of the hike", [Best(query=Query(text="hike"), seconds=120.0)]),
    ("do a quick trailer", [Best()]),
    ("make us a highlights video please", [Best()]),
    ("a 90 sec highlight reel, not 3 minutes", [Best(seconds=90.0)]),
])
def test_a_teaser_or_recap_is_the_best_of_the_cut(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize("text", ["remove the trailer", "keep the trailer park scenes", "add a trailer"])
def test_a_trailer_as_a_thing_on_screen_stays_a_search(text: str) -> None:
    assert all(not isinstance(op, Best) for op in parse(text).plan.ops)


@pytest.mark.parametrize(("text", "expected"), [
    # confident misreadings of everyday requests, each had rewritten the cut
    ("could you begin from the harbour scene", [Move(query=Query(text="harbour"), to="start")]),
    ("start the video at 1:15", [TrimCut(seconds=75.0, side="start")]),
    ("begin from 8 seconds in", [TrimCut(seconds=8.0, side="start")]),
    ("keep it all within two minutes", [LimitDuration(seconds=120.0, bound="at_most")]),
    ("insert a quick black screen between the shots", [Transition(kind="fade_black")]),
    ("ok cut to the chase", [LimitDuration(factor=0.75)]),
])
def test_everyday_requests_that_had_been_misread(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_clips_picked_by_their_length_are_answered_not_cut() -> None:
    """"drop anything under 2 seconds" removed the matches for "under" and cut the whole cut to 2 s."""
    for text in ("toss anything shorter than 3 secs", "get rid of whatever is under 2 seconds"):
        reading = parse(text)
        assert reading.plan.ops == [] and "by their length" in (reading.plan.refusal or ""), text


def test_an_idiom_about_the_ending_is_not_a_search_moved_last() -> None:
    assert not parse("let's end it on a happy note").confident


@pytest.mark.parametrize(("text", "expected"), [
    ("nah, leave it in", [Undo()]),
    ("oh wait i do want to keep those", [Undo()]),
    ("give me them back", [Redo()]),  # as "put it back": the chat puts back what the last turn removed
    ("no keep the harbour", [Keep(query=Query(text="harbour"))]),  # the correction, then its clause
])
def test_a_correction_that_keeps_what_was_just_removed(text: str, expected: list) -> None:
    assert ops(text) == expected


@pytest.mark.parametrize(("request_text", "english", "expected"), [
    ("mach es etwas leiser", "it's a bit quieter", "make it a bit quieter"),
    ("Mach das bitte 20 Sekunden länger", "It is 20 seconds longer", "make it 20 seconds longer"),
    # a statement the request makes stays one
    ("es ist zu lang", "it's too long", "it's too long"),
])
def test_a_german_make_it_is_not_translated_as_a_statement(request_text: str, english: str,
                                                           expected: str) -> None:
    assert made_imperative(request_text, english) == expected


def test_make_it_shorter_by_seconds_is_a_change_not_a_length() -> None:
    """"Mach es 30 Sekunden kürzer" came back as "It's 30 seconds shorter", read as a 30-second cut."""
    assert ops(made_imperative("Mach es 30 Sekunden kürzer", "It's 30 seconds shorter")) == [
        LimitDuration(change=-30.0)]


@pytest.mark.parametrize("text", ["only blur the soldiers", "blur the police", "blur the teachers' faces"])
def test_people_by_what_they_are_are_asked_who(text: str) -> None:
    """"actually only blur the soldiers" was answered "I couldn't turn that into an edit": now, as for "the
    kids", the chat asks whose faces and how to name them."""
    reading = parse(text)
    assert reading.plan.ops == [] and (reading.plan.refusal or "").startswith("Whose face is that?")


def test_after_all_and_instead_are_no_search_words() -> None:
    assert ops("keep the harbour after all") == [Keep(query=Query(text="harbour"))]
    assert ops("a 20 second teaser instead") == [Best(seconds=20.0)]


def test_every_other_clip_is_answered_not_searched() -> None:
    """"drop every other clip" had kept only the matches for "drop every other"."""
    for text in ("cut every other shot", "remove the odd clips"):
        reading = parse(text)
        assert reading.plan.ops == [] and "every other clip" in (reading.plan.refusal or ""), text


def test_they_are_both_on_screen_asks_who_they_are() -> None:
    """"only when they're both on screen" had kept only the picture matches for "they're both"."""
    reading = parse("only the bits where they're both on screen", ("Celia", "Thom"))
    assert reading.plan.ops == [] and (reading.plan.refusal or "").startswith("Who do you mean?")


@pytest.mark.parametrize(("text", "expected"), [
    ("not enough fireworks", [Add(query=Query(text="fireworks"))]),  # it had removed "enough fireworks"
    ("there's not enough of the dancing", [Add(query=Query(text="dancing"))]),
    ("it's kind of long", [LimitDuration(factor=0.9)]),
])
def test_judgements_that_ask_for_more_or_a_little_less(text: str, expected: list) -> None:
    assert ops(text) == expected


def test_the_title_judged_too_long_is_no_title_reading_is_too_long() -> None:
    reading = parse("the title is way too long")
    assert reading.plan.ops == [] and "title" in (reading.plan.refusal or "")
