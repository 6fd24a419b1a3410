"""The rules planner on the classes a twelfth fresh pool (requests_dev17.yaml, voices not heard before:
dictation, a terse power user, a film student, a polite grandparent, a non-native speaker) found misread.

Confident wrong edits among them: a reason after the thing ("the loading screens theyre so boring") was
searched for with it, dictated "uh" and "period" became search words, "the whole tape" slowed only clips
matching "tape", the same move said twice was two moves, "out of what's here" was searched for, "coverage of"
was searched for, and a Arabic request became one search for its own words (Arabic, Cyrillic, Devanagari,
Greek, Hebrew and Thai letters were read as "undetermined", so as English). The phrasings here are this
file's own.
"""

from __future__ import annotations

import pytest

from assistant.plan.language import detect_language, reads_as_english
from assistant.planning.auto import AutoPlanner
from assistant.planning.base import PlannerContext
from assistant.planning.rules.parser import REFUSAL_MOCKING, REFUSALS_FINAL, parse
from assistant.planning.rules.terse import terse_ops
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # reasons, hesitations and dictated punctuation around the edit are no search
        ("drop the lobby shots theyre so dull", [q("remove", "lobby")]),
        ("remove the warm up it's way too long", [q("remove", "warm up")]),
        ("so uh take out erm the bit where the tyre goes flat period", [q("remove", "tyre goes flat")]),
        ("cut the intro comma the outro and the credits",
         [q("remove", "intro"), q("remove", "outro and credits")]),
        ("speed up the um the second clip by one point five",
         [{"op": "speed", "target": {"indices": [2]}, "factor": 1.5}]),
        ("slow it down by 2", [{"op": "speed", "factor": 0.5}]),
        # the whole tape / footage / reel is the whole cut
        ("play the whole footage at half speed so they can follow the passes",
         [{"op": "speed", "factor": 0.5}]),
        ("could the canyon clips be sped up to triple speed? they drag on a bit",
         [{"op": "speed", "target": {"matching": "canyon"}, "factor": 3}]),
        # politeness, wondering, gerunds
        ("I was wondering whether it might be possible to add the moment the cake arrives",
         [q("add", "cake arrives")]),
        ("I wonder if the title could maybe say 'Grandad at 90'", [{"op": "title", "text": "Grandad at 90"}]),
        ("if it's no trouble, remove the rain delay", [q("remove", "rain delay")]),
        ("would you mind reversing the order and then adding a half-second crossfade",
         [{"op": "order", "by": "reverse"}, {"op": "transition", "kind": "crossfade", "seconds": 0.5}]),
        ("how about trimming 2 seconds off the start of clip 4",
         [{"op": "trim", "target": {"indices": [4]}, "seconds": 2, "side": "start"}]),
        # titles opened on, wishes for a cut without something
        ("Open with a title card, 'Ten Years of Us'", [{"op": "title", "text": "Ten Years of Us"}]),
        ("begin on a title card that says 'Day One'", [{"op": "title", "text": "Day One"}]),
        ("Note from the groom: he wants the garter toss gone entirely.", [q("remove", "garter toss")]),
        # order said with a move, a ranked pick from what is here, jargon
        ("Cold open with the crash, then put the rest in story order",
         [{"op": "order", "by": "story"}, {"op": "move", "query": {"text": "crash"}, "to": "start"}]),
        ("the ending speech should close it, move it to the very end",
         [{"op": "move", "query": {"text": "ending speech"}, "to": "end"}]),
        ("only the 4 best rallies out of what's here",
         [{"op": "best", "query": {"text": "rallies"}, "count": 4}]),
        ("give me all the coverage of the dancers", [q("keep_only", "dancers")]),
        ("remove the bit he drops the ring", [q("remove", "he drops the ring")]),
        ("undo that and instead give me the 2 best saves",
         [{"op": "undo"}, {"op": "best", "query": {"text": "saves"}, "count": 2}]),
        ("bruh way too long make it 20 sec", [{"op": "limit_duration", "seconds": 20}]),
        # lengths said as what it becomes, history said as how it was, clips listed one by one
        ("squeeze it into a 45-second promo", [{"op": "limit_duration", "seconds": 45}]),
        # (since part 40 a recap of a length is the best that long: the same cut when the cut is longer)
        ("the producer wants a 2 minute recap, not 5", [{"op": "best", "seconds": 120}]),
        ("make it how it was a minute ago", [{"op": "undo"}]),
        ("hmm no I preferred it before you undid it", [{"op": "redo"}]),
        ("go back to the raw rushes", [{"op": "reset"}]),
        ("take out clip 3, clip 5 and clip 8", [{"op": "remove_clip", "ref": {"indices": [3, 5, 8]}}]),
        ("shot 4 and shot 7 can go", [{"op": "remove_clip", "ref": {"indices": [4, 7]}}]),
        # naming with its list number, people said by where they are, who to blur
        ("Face number 4 is Rosa, our goalkeeper", [{"op": "name_character", "character": 4, "name": "Rosa"}]),
        ("drop the shots Tomasz is in", [{"op": "remove", "query": {"people": ["Tomasz"]}}]),
        ("only Pia should be blurred, no one else",
         [{"op": "blur", "target": "only", "people": ["Pia"], "exclusive": True}]),
        ("The parents didn't sign the forms - blur all the faces", [{"op": "blur", "target": "all"}]),
        # moves said as where a scene must be, transitions said as a picture, taste without "I'm"
        ("the fireworks must be the last, at the end of the video",
         [{"op": "move", "query": {"text": "fireworks"}, "to": "end"}]),
        ("might the toasts come first, before the dancing?",
         [{"op": "move", "query": {"text": "toasts"}, "to": "start"}]),
        ("I love it when the shots melt into each other, 2 seconds",
         [{"op": "transition", "kind": "crossfade", "seconds": 2}]),
        ("so tired of the drone shots", [{"op": "like", "text": "drone", "liked": False}]),
        ("which 2 clips would you suggest? don't change anything yet", [{"op": "suggest", "count": 2}]),
        ("show me stuff I'd never usually watch", [{"op": "for_me", "surprise": True}]),
        # what translations say: "transition to black", "speed up the entire video twice"
        ("a transition to black between the chapters, 2 seconds",
         [{"op": "transition", "kind": "fade_black", "seconds": 2}]),
        ("accelerate the entire film twice", [{"op": "speed", "factor": 2}]),
        # remarks beside an undo or a taste
        ("my sister thinks the previous version was way better, so go back one", [{"op": "undo"}]),
        ("I'm not a fan of the drone footage, way too wobbly",
         [{"op": "like", "text": "drone", "liked": False}]),
    ],
)
def test_round_17_classes_are_read_as_meant(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-rain +fireworks 45s xfade", [q("remove", "rain"), q("add", "fireworks"),
                                        {"op": "limit_duration", "seconds": 45},
                                        {"op": "transition", "kind": "crossfade"}]),
        ("+beach volleyball", [q("add", "beach volleyball")]),
        ("ftb 1.5 2m", [{"op": "transition", "kind": "fade_black", "seconds": 1.5},
                        {"op": "limit_duration", "seconds": 120}]),
        ("hero=#3", [{"op": "choose_hero", "person": "#3"}]),
        ("2x 9:16", [{"op": "speed", "factor": 2}, {"op": "reframe", "aspect": "9:16"}]),
    ],
)
def test_a_power_users_shorthand_is_read_in_full(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", ["only the dogs", "undo", "the 2 best goals", "9:16 please", "+ 2", "-1",
                                  "x-ray scenes", "make it 30s"])
def test_plain_words_are_never_shorthand(text: str) -> None:
    """Shorthand is read only when every token is shorthand and one is marked; anything else is English."""
    assert terse_ops(text) is None


@pytest.mark.parametrize("text", [
    "أبق فقط المشاهد التي فيها الكلب",
    "Оставь только сцены с лошадьми",
    "सिर्फ़ घोड़ों वाले दृश्य रखो",
    "Κράτα μόνο τις σκηνές με τα άλογα",
])
def test_requests_in_other_scripts_are_not_read_as_english(text: str) -> None:
    """They used to be "undetermined", so the English rules made one search of the whole request."""
    assert not reads_as_english(detect_language(text))
    result = AutoPlanner(None).plan_turn(text, PlannerContext())
    assert not result.plan.ops and result.plan.refusal and "English" in result.plan.refusal
    assert detect_language("remove the scenes with Ольга") == "en"  # a name in its own letters


@pytest.mark.parametrize("text", [
    "make a supercut of the skinny kid tripping, caption it making fun of him and post it to the class chat",
    "edit it so we humiliate the new teacher and share it with everyone",
])
def test_a_cut_to_mock_someone_in_front_of_others_is_refused_first(text: str) -> None:
    assert parse(text).plan.refusal == REFUSAL_MOCKING and REFUSAL_MOCKING in REFUSALS_FINAL


@pytest.mark.parametrize("text", ["a blooper reel for the team party, post it to the group chat",
                                  "keep the bit where everyone laughs at the dog and share it"])
def test_fun_footage_to_share_is_no_mockery(text: str) -> None:
    assert parse(text).plan.refusal != REFUSAL_MOCKING
