"""Round 21 of the rules: readings from the twentieth dev pool's misses, each phrased afresh here.

Several were confident wrong edits before: a length said before "cut of" removed the scenes, "keep the
clips" searched for "keep the", a title said as "text" became a search, "blur the rest but leave X" searched
for "blur the rest", and music "underneath" was added as a search.
"""

from __future__ import annotations

import pytest

from assistant.planning.rules.parser import parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(("text", "expected"), [
    # a length before "cut/video of": a new cut of those at that length (it removed them)
    ("give me a 45 second cut of the snowball fight",
     [q("keep_only", "snowball fight"), {"op": "limit_duration", "seconds": 45, "bound": "at_most"}]),
    ("I'd like a three-minute video of the campfire",
     [q("keep_only", "campfire"), {"op": "limit_duration", "seconds": 180, "bound": "at_most"}]),
    # a new video made of a thing
    ("build me something out of just the lantern parade footage", [q("keep_only", "lantern parade")]),
    ("create a short reel from the skate park", [q("keep_only", "skate park")]),
    # the best length of a thing said length first
    ("two minutes of the finest surfing", [{"op": "best", "query": {"text": "surfing"}, "seconds": 120}]),
    # a purpose after the edit is not searched for
    ("trim it to 40 seconds so it fits in the story slot", [{"op": "limit_duration", "seconds": 40}]),
    ("drop the queue at the airport so nobody gets bored", [q("remove", "queue at the airport")]),
    ("flip the whole thing so it ends with the wedding", [{"op": "order", "by": "reverse"}]),
    # "try" before a style
    ("maybe try a dissolve between the clips", [{"op": "transition", "kind": "crossfade"}]),
    ("could you try clip 4 at half speed", [{"op": "speed", "factor": 0.5, "target": {"indices": [4]}}]),
    # two places in one move
    ("put the toast at the start and the cake at the end",
     [{"op": "move", "query": {"text": "toast"}, "to": "start"},
      {"op": "move", "query": {"text": "cake"}, "to": "end"}]),
    # a fresh start
    ("let's have a clean slate", [{"op": "reset"}]),
    # both sides of every clip
    ("shave a second off every clip on both sides", [{"op": "trim", "seconds": 1, "side": "both"}]),
    # the ends kept after a length for each clip
    ("cut each clip down to 4 seconds, keep the endings", [{"op": "trim_to", "seconds": 4, "side": "start"}]),
    # a title said as text on the picture
    ("we need bold text at the beginning saying WELCOME HOME", [{"op": "title", "text": "WELCOME HOME"}]),
    ("intro text: Our Year in Lisbon", [{"op": "title", "text": "Our Year in Lisbon"}]),
    # taste said with an aside, and a count of suggestions
    ("btw I adore anything with lighthouses", [{"op": "like", "text": "lighthouses"}]),
    ("which 4 bits do you think I'd love most?", [{"op": "suggest", "count": 4}]),
    # blur all but someone, said around the other way
    ("leave Priya visible but blur everyone else",
     [{"op": "blur", "target": "all_but", "people": ["Priya"]}]),
    ("keep Omar's face clear and blur the rest", [{"op": "blur", "target": "all_but", "people": ["Omar"]}]),
    # a shape, then whom it is for
    ("crop it square for the cousins group chat", [{"op": "reframe", "aspect": "1:1"}]),
    ("make it portrait for the school newsletter", [{"op": "reframe", "aspect": "9:16"}]),
])
def test_round21_readings(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(("text", "words"), [
    ("put some mellow piano music underneath", "can't add music"),
    ("add spanish captions for my in-laws", "can't add subtitles"),
    ("add a narration saying welcome to our home", "can't add music, narration"),
    ("make the kids' voices louder", "not pick out one sound in them"),
    ("the music is way too loud", "not pick out one sound in them"),
    ("find out who he is", "don't identify people"),
    ("add some text on the video", "What should it say?"),
    ("upload it to my youtube once it's finished", "can't upload or post it"),
    ("post this on tiktok", "can't upload or post it"),
])
def test_round21_plain_answers(text: str, words: str) -> None:
    result = parse(text)
    assert not result.plan.ops and words in (result.plan.refusal or "")


@pytest.mark.parametrize("text", [
    "keep the clips", "join the shots", "remove the scenes",  # a verb and an article: no search for them
    "join the shots so it looks like the keeper let it in",  # a purpose that is the request: never dropped
])
def test_words_left_without_a_noun_are_never_a_confident_search(text: str) -> None:
    result = parse(text)
    assert not result.confident or not result.plan.ops


@pytest.mark.parametrize(("text", "expected"), [
    ("clip 6 is pretty much a dupe, get rid of it", [{"op": "remove_clip", "ref": {"indices": [6]}}]),
    ("only Frodo walking with Sam",
     [{"op": "keep_only", "query": {"text": "walking", "people": ["Sam", "Frodo"]}}]),
    ("just New Year morning", [q("keep_only", "new year morning")]),  # a morning, nobody doing it
    ("keep the parts where we were kayaking", [q("keep", "kayaking")]),
])
def test_round21_judged_duplicates_people_doing_and_past_tense(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(("text", "expected"), [
    # a clip praised, then a pronoun acting on it (before: "it" was the last clip)
    ("the second clip is just my vibe, find me 3 more like it",
     [{"op": "more_like", "ref": {"indices": [2]}, "count": 3}]),
    # a question or a moment described, then what to do with it
    ("where do the kids talk about the treehouse? keep those", [q("keep", "treehouse", kind="dialogue")]),
    ("when the band walks on stage - only that", [q("keep_only", "band walks on stage")]),
    ("where the boat capsizes. get rid of it", [q("remove", "boat capsizes")]),
    ("when the goat climbs the car, make a video of those", [q("keep_only", "goat climbs the car")]),
])
def test_round21_pronouns_after_a_praise_a_question_or_a_moment(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


def test_a_moment_described_alone_is_asked_about() -> None:
    result = parse("where the dog jumps in the lake")
    assert not result.plan.ops and result.unparsed == ("where the dog jumps in the lake",)
