"""The rules planner on the classes an eighth fresh pool (requests_dev13.yaml, messages written to be hard:
rambling, hedged, typos, remarks beside the edit) found misread.

Confident wrong edits among them: "bit of a downer" after a removal removed clips matching "downer", "make
every clip three seconds long max, they drag" kept only clips matching "make every", "just the first dance"
kept the first clip matching "dance", "blur all faces except mine (im Jonas)" removed clips matching "mine im
jonas", and "write my history essay" searched for "2000 words". The phrasings are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.planning.rules.parser import REFUSAL_OFF_TOPIC, REFUSAL_PERSONAL, parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # remarks and verdicts beside the edit are not searched for
        ("lose the parking lot, kind of a mess", [q("remove", "parking lot")]),
        ("drop the speeches lol nobody sat through them", [q("remove", "speeches")]),
        ("no more sunset shots pls theyre samey", [q("remove", "sunset")]),
        ("the dissolves look tacky, hard cuts between the clips please",
         [{"op": "transition", "kind": "cut", "seconds": 0}]),
        ("just cut straight from one clip to the next", [{"op": "transition", "kind": "cut", "seconds": 0}]),
        ("every shot 4 seconds long max, they go on forever", [{"op": "trim_to", "seconds": 4}]),
        # hedged wishes and typos without apostrophes
        ("i sort of want just the cake cutting? if thats ok", [q("keep_only", "cake cutting")]),
        ("I'd love it if the fireworks were in there too", [q("add", "fireworks")]),
        # an ordinal that names a thing, not a position in the cut
        ("only the first kiss", [q("keep_only", "first kiss")]),
        ("remove the second goal", [{"op": "remove_clip", "ref": {"indices": [2], "matching": "goal"}}]),
        # lengths said against the cut's own
        ("it's still too long by half a minute", [{"op": "limit_duration", "change": -30}]),
        ("too short by 15 seconds", [{"op": "limit_duration", "change": 15}]),
        ("make it a third of the length it is now", [{"op": "limit_duration", "factor": 0.333}]),
        ("cut the canal bits and make it a bit shorter, like two minutes",
         [q("remove", "canal"), {"op": "limit_duration", "seconds": 120}]),
        # history said with a count
        ("it was better before, redo the last 3", [{"op": "redo", "steps": 3}]),
        # people said as being on screen
        ("only the parts where Mara and Tom are both in shot", [{"op": "keep_only",
                                                                  "query": {"people": ["Mara", "Tom"]}}]),
        # the user names themself
        ("blur every face except mine (I'm Ravi)", [{"op": "blur", "target": "all_but", "people": ["Ravi"]}]),
        # asking for suggestions, then how many
        ("what would you recommend we watch? show me 4 scenes", [{"op": "suggest", "count": 4}]),
        # starting over with the full footage
        ("start from scratch and use the whole footage again", [{"op": "reset"}]),
    ],
)
def test_round_13_classes_are_read_as_meant(text: str, expected: list[dict]) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "can u write my cover letter for the film school application",
    "draft an email to my landlord about the heating",
])
def test_writing_that_is_no_edit_is_refused(text: str) -> None:
    assert parse(text).plan.refusal == REFUSAL_OFF_TOPIC and not parse(text).plan.ops


@pytest.mark.parametrize("text", [
    "only the bits where she writes the letter",
    "keep the scene where he reads his poem",
])
def test_writing_shown_in_the_footage_is_still_a_search(text: str) -> None:
    result = parse(text)
    assert not result.plan.refusal and result.plan.ops


def test_where_people_live_is_personal() -> None:
    assert parse("figure out where the guests in this video live").plan.refusal == REFUSAL_PERSONAL


def test_a_verdict_said_alone_is_asked_about() -> None:
    result = parse("bit of a downer")
    assert not result.plan.ops and result.unparsed
