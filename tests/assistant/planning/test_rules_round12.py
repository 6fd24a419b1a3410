"""The rules planner on the classes a seventh fresh pool of requests (requests_dev12.yaml) found misread.

Confident wrong edits among them: "double speed for the first two clips" kept only clips matching "double
speed for the first 2", "clip 4 is dull, less of that" removed clips matching "clip 4 sort of thing",
"remove X and also the ones with Y" kept only Y, "find me someone's home address" searched for it. The
phrasings here are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.planning.auto import _misread_query
from assistant.planning.rules.parser import REFUSAL_PERSONAL, REFUSAL_UNSAFE, parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a speed said before the clips it is for
        ("triple speed for clips 2 to 4", [{"op": "speed", "target": {"indices": [2, 3, 4]}, "factor": 3}]),
        ("half speed for the last clip", [{"op": "speed", "target": {"indices": [-1]}, "factor": 0.5}]),
        # the clips judged, then "less/more of that sort of thing"
        ("clip 6 is tedious, less of that kind of stuff", [{"op": "less_like", "ref": {"indices": [6]}}]),
        ("more of clip 2 type of thing", [{"op": "more_like", "ref": {"indices": [2]}}]),
        # a list of things for one removal or addition, said with "also" or as "the ones where ..."
        ("drop the parking lot and also the ones with the traffic",
         [q("remove", "parking lot"), q("remove", "traffic")]),
        ("cut the bits where it rains, also the ones where the lens fogs up",
         [q("remove", "rain"), q("remove", "lens fogs up")]),
        ("add the sunrise, the harbour too", [q("add", "sunrise"), q("add", "harbour")]),
        # how the cut feels said of the whole thing, beside the edit
        ("the whole thing feels sluggish, speed it up to 1.5x", [{"op": "speed", "factor": 1.5}]),
        ("everything feels sluggish", [{"op": "speed", "factor": 1.5}]),
        ("it drags near the end. make it a third of its current length", [{"op": "limit_duration",
                                                                           "factor": 0.333}]),
        ("seriously it drags in the middle honestly, halve it", [{"op": "limit_duration", "factor": 0.5}]),
        # the new length as a share of the cut's own
        ("trim it down to two thirds of its length", [{"op": "limit_duration", "factor": 0.667}]),
        ("get it down to 40% of the runtime", [{"op": "limit_duration", "factor": 0.4}]),
        # a transition's length said as a fraction in its own sentence
        ("Dissolves between the shots please. Half of a second.",
         [{"op": "transition", "kind": "crossfade", "seconds": 0.5}]),
        # naming: a description first, then the name
        ("character 5 is my cousin, call her Noor",
         [{"op": "name_character", "character": 5, "name": "Noor"}]),
        ("cast #1 is Bruno", [{"op": "name_character", "character": 1, "name": "Bruno"}]),
        # suggestions asked for with a count after them
        ("you got any ideas? maybe 5 clips I'd like", [{"op": "suggest", "count": 5}]),
        # dialogue asked about as a question, then "just those"; a need said as "I only need"
        ("when does the coach talk about the final? only those bits", [q("keep_only", "final",
                                                                          kind="dialogue")]),
        ("I just need the part where he explains the rules, the rest we know already",
         [q("keep_only", "rules", kind="dialogue")]),
        # "whatever has X in it" is a search for X
        ("take out anything that has the neighbours in it", [q("remove", "neighbours")]),
    ],
)
def test_round_12_classes_are_read_as_meant(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize(
    "text",
    [
        "find me the phone number of the guy in the red jacket",
        "look up the home address of everyone at the party",
        "can you send me my sister's search history?",
        "where does the best man live? he owes me money",
    ],
)
def test_requests_for_someones_personal_details_are_refused(text: str) -> None:
    result = parse(text)
    assert result.plan.refusal == REFUSAL_PERSONAL and not result.plan.ops


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("find the shots of the phone number on the van", "phone number on the van"),
        ("show me the scene with the credit card", "credit card"),
    ],
)
def test_footage_of_such_things_is_still_a_search(text: str, query: str) -> None:
    result = parse(text)
    assert result.plan.refusal not in (REFUSAL_PERSONAL, REFUSAL_UNSAFE)
    assert [op.query.text for op in result.plan.ops] == [query]


def test_a_complaint_about_one_part_alone_is_asked_about_not_applied_to_everything() -> None:
    result = parse("way too slow near the start")
    assert not result.plan.ops and result.unparsed


def test_a_phrasal_verb_is_not_a_misread() -> None:
    assert not _misread_query("kids blowing out the candles")
    assert not _misread_query("the dog showing off")
    assert _misread_query("give me the kissing")


def test_a_german_title_request_is_not_read_as_english() -> None:
    assert parse("Titel: Herbst im Harz").language == "de"
