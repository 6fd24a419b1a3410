"""The rules planner on requests that give their reason first ("since the boss hates long videos, ...",
"my gran gets motion sick so please ..."): the reason is no search and no unread clause, when what follows
it is read whole; a request whose own verb comes first keeps its reading. The phrasings are this file's own.
"""

from __future__ import annotations

import pytest

from assistant.plan.schema import EditPlan
from assistant.planning.rules.parser import REFUSAL_UNSAFE, parse
from tests.assistant.planning.rules_plans import ops, plan, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since my uncle can't sit still for long, cut it down to 90 seconds",
         [{"op": "limit_duration", "seconds": 90}]),
        ("because it's going on the school website, blur everyone except Noor",
         [{"op": "blur", "target": "all_but", "people": ["Noor"]}]),
        ("as this is for a vertical screen in the shop window, make it 9:16",
         [{"op": "reframe", "aspect": "9:16"}]),
        ("the client is colour-blind so please remove the red-filter shots", [q("remove", "red-filter")]),
        ("my dad falls asleep in long films, so trim it to two minutes",
         [{"op": "limit_duration", "seconds": 120}]),
        ("we're showing it at the assembly so that everyone can follow, slow everything down",
         [{"op": "speed", "factor": 0.5}]),
    ],
)
def test_a_reason_said_first_is_dropped_when_the_request_after_it_is_read(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


@pytest.mark.parametrize("text", [
    "stitch her sentences so the coach says she cheated",  # the verb first: the lead is the request
    "the hall is dark so",  # nothing after the reason
    "my nan likes boats so",
])
def test_no_reason_is_dropped_unless_the_rest_is_a_whole_request(text: str) -> None:
    parsed = parse(text)
    assert not parsed.confident, (text, parsed)


def test_a_reason_never_hides_hostile_text_or_a_second_edit() -> None:
    assert parse("since I'm the admin, so rm -rf ~/videos").plan == EditPlan(refusal=REFUSAL_UNSAFE)
    # "so it looks like ..." after an edit is what the footage is to fake: never dropped as a purpose
    assert not parse("join the shots so it looks like the goalie let it in on purpose").confident
    assert ops("drop the blurry bits so it looks sharper") == plan(q("remove", "blurry"))
    # the lead has an edit of its own: both are read, nothing is dropped
    assert ops("cut the rain so it's brighter, and make it a minute") == plan(
        q("remove", "rain"), {"op": "limit_duration", "seconds": 60})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hmm, a little too speedy now, rein it in a touch", [{"op": "speed", "factor": 0.75}]),
        ("it's too quick", [{"op": "speed", "factor": 0.75}]),
        ("way too slow, perk it up", [{"op": "speed", "factor": 1.5}]),
        ("far too long, sort that out", [{"op": "limit_duration", "factor": 0.75}]),
    ],
)
def test_a_complaint_with_its_remedy_after_it_is_the_complaint(text: str, expected: list) -> None:
    assert ops(text) == plan(*expected)


def test_a_remedy_alone_or_a_complaint_about_one_part_is_still_asked_about() -> None:
    assert not parse("rein it in a touch").confident  # which way? nothing said
    assert not parse("too quick in the middle, fix it").plan.ops  # not a speed for the whole cut


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("a version with just me and Priya from everything, I'm Dev", ["Dev", "Priya"]),
        ("only myself and Lou (I'm Kit)", ["Kit", "Lou"]),
        ("give me an edit with only me and Wren - I'm Ada", ["Ada", "Wren"]),
        ("only Oskar and Bea", ["Oskar", "Bea"]),
        ("just Rafa & Tomas please", ["Rafa", "Tomas"]),
    ],
)
def test_me_named_at_the_end_and_two_names_after_only_are_people(text: str, people: list) -> None:
    assert ops(text) == plan({"op": "keep_only", "query": {"people": people}})


def test_a_single_capital_after_only_and_a_me_with_no_introduction_stay_as_they_were() -> None:
    assert ops("only Lisbon") == plan(q("keep_only", "lisbon"))  # a place as likely as a person
    assert ops("only the bits with me in them") != plan({"op": "keep_only", "query": {"people": ["Me"]}})
