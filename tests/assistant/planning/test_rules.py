"""The rules planner on a table of everyday phrasings, plus the number words and clip references it uses."""

from __future__ import annotations

import pytest

from assistant.plan.schema import ClipRef, EditPlan
from assistant.planning.rules.clip_refs import parse_ref, parse_target
from assistant.planning.rules.number_words import words_to_digits
from assistant.planning.rules.parser import REFUSAL_UNKNOWN, RulesPlanner, parse


def q(op: str, text: str, kind: str = "auto") -> dict:
    return {"op": op, "query": {"text": text, "kind": kind}}


def ref(*indices: int, matching: str | None = None, invert: bool = False) -> dict:
    return {"indices": list(indices), "matching": matching, "invert": invert}


CASES: list[tuple[str, list[dict]]] = [
    # queries: only / keep / add / remove
    ("only the fights", [q("keep_only", "fights")]),
    ("just the dragon", [q("keep_only", "dragon")]),
    ("show me the chase scenes", [q("keep_only", "chase")]),
    ("I want only the kissing scenes", [q("keep_only", "kissing")]),
    ("make a supercut of the explosions", [q("keep_only", "explosions")]),
    ("nothing but sunsets", [q("keep_only", "sunsets")]),
    ("scenes with a dragon", [q("keep_only", "dragon")]),
    ("keep the fights", [q("keep", "fights")]),
    ("keep only the ones with the girl", [q("keep", "girl")]),
    ("add more dragon scenes", [q("add", "dragon")]),
    ("more of the chases", [q("add", "chases")]),
    ("also include the market", [q("add", "market")]),
    ("remove the snow", [q("remove", "snow")]),
    ("get rid of the crowd shots", [q("remove", "crowd")]),
    ("cut the dragon out", [q("remove", "dragon")]),
    ("no explosions", [q("remove", "explosions")]),
    # negation
    ("without the snow", [q("remove", "snow")]),
    ("not the dragon", [q("remove", "dragon")]),
    ("only the fights but not the dragon", [q("keep_only", "fights"), q("remove", "dragon")]),
    ("only the fights without the dragon", [q("keep_only", "fights"), q("remove", "dragon")]),
    ("the beach, not the boats", [q("keep_only", "beach"), q("remove", "boats")]),
    # dialogue and visual targeting
    ("where she says 'you're a jerk'", [q("keep_only", "you're a jerk", "dialogue")]),
    ('only the part where he says "run"', [q("keep_only", "run", "dialogue")]),
    ("lines about robots", [q("keep_only", "robots", "dialogue")]),
    ("add the bit where they talk about the moon", [q("add", "moon", "dialogue")]),
    ("shots showing the ocean", [q("keep_only", "ocean", "visual")]),
    ("remove shots of the crowd", [q("remove", "crowd", "visual")]),
    # duration, with number words
    ("keep it under two minutes", [{"op": "limit_duration", "seconds": 120, "bound": "at_most"}]),
    ("under 90 seconds", [{"op": "limit_duration", "seconds": 90, "bound": "at_most"}]),
    ("limit to 2 minutes", [{"op": "limit_duration", "seconds": 120}]),
    ("make it a minute and a half", [{"op": "limit_duration", "seconds": 90}]),
    ("cut it down to thirty seconds", [{"op": "limit_duration", "seconds": 30}]),
    ("one and a half minutes max", [{"op": "limit_duration", "seconds": 90, "bound": "at_most"}]),
    ("1:30 tops", [{"op": "limit_duration", "seconds": 90, "bound": "at_most"}]),
    ("make it shorter", [{"op": "limit_duration", "factor": 0.75}]),
    ("much shorter", [{"op": "limit_duration", "factor": 0.5}]),
    ("a bit longer", [{"op": "limit_duration", "factor": 1.2}]),
    ("half as long", [{"op": "limit_duration", "factor": 0.5}]),
    # order
    ("in story order", [{"op": "order", "by": "story"}]),
    ("put them in chronological order", [{"op": "order", "by": "story"}]),
    ("best first", [{"op": "order", "by": "relevance"}]),
    ("sort by relevance", [{"op": "order", "by": "relevance"}]),
    # speed
    ("faster", [{"op": "speed", "factor": 1.5}]),
    ("2x speed", [{"op": "speed", "factor": 2.0}]),
    ("slow motion", [{"op": "speed", "factor": 0.5}]),
    ("play the fights in slow motion", [{"op": "speed", "target": ref(matching="fights"), "factor": 0.5}]),
    ("slow down the last clip", [{"op": "speed", "target": ref(-1), "factor": 0.5}]),
    # transitions
    ("crossfade", [{"op": "transition", "kind": "crossfade"}]),
    ("1 second crossfades between clips", [{"op": "transition", "kind": "crossfade", "seconds": 1.0}]),
    ("fade to black between scenes", [{"op": "transition", "kind": "fade_black"}]),
    ("no transitions", [{"op": "transition", "kind": "cut", "seconds": 0}]),
    # title
    ('title it "The Last Stand"', [{"op": "title", "text": "The Last Stand"}]),
    ("call it Dragon Days", [{"op": "title", "text": "Dragon Days"}]),
    ('add a title: "Fire, Ice"', [{"op": "title", "text": "Fire, Ice"}]),
    ("remove the title", [{"op": "title", "text": ""}]),
    # history
    ("undo", [{"op": "undo"}]),
    ("go back", [{"op": "undo"}]),
    ("undo the last two changes", [{"op": "undo", "steps": 2}]),
    ("go back three steps", [{"op": "undo", "steps": 3}]),
    ("redo", [{"op": "redo"}]),
    ("start over", [{"op": "reset"}]),
    ("back to the original", [{"op": "reset"}]),
    # references
    ("remove the second one", [{"op": "remove_clip", "ref": ref(2)}]),
    ("drop the last clip", [{"op": "remove_clip", "ref": ref(-1)}]),
    ("delete the second to last clip", [{"op": "remove_clip", "ref": ref(-2)}]),
    ("drop the second fight", [{"op": "remove_clip", "ref": ref(2, matching="fight")}]),
    ("all but the first", [{"op": "keep_clip", "ref": ref(1, invert=True)}]),
    ("remove all but the first two", [{"op": "remove_clip", "ref": ref(1, 2, invert=True)}]),
    ("keep clips 1-3", [{"op": "keep_clip", "ref": ref(1, 2, 3)}]),
    ("keep clips 2, 4 and 5", [{"op": "keep_clip", "ref": ref(2, 4, 5)}]),
    ("only the first three clips", [{"op": "keep_clip", "ref": ref(1, 2, 3)}]),
    ("trim the first clip by 2 seconds", [{"op": "trim", "target": ref(1), "seconds": 2}]),
    (
        "cut 2 seconds off the end of the last clip",
        [{"op": "trim", "target": ref(-1), "seconds": 2, "side": "end"}],
    ),
    ("shave half a second off each clip", [{"op": "trim", "seconds": 0.5}]),
    # "shorter" with a clip and an amount is a trim of that clip, never a search for "make the fourth"
    # "2 seconds shorter" is 2 seconds in all: cut from the end
    ("make the fourth clip 2 seconds shorter",
     [{"op": "trim", "target": ref(4), "seconds": 2, "side": "end"}]),
    ("clip 2 should be a second shorter", [{"op": "trim", "target": ref(2), "seconds": 1, "side": "end"}]),
    ("make it 30 seconds shorter", [{"op": "limit_duration", "change": -30}]),
    ("shorter by 20 seconds", [{"op": "limit_duration", "change": -20}]),
    ("cut 10 seconds off", [{"op": "limit_duration", "change": -10}]),
    ("add 15 seconds", [{"op": "limit_duration", "change": 15}]),
    ("please make the last clip 1.5 s shorter at the end",
     [{"op": "trim", "target": ref(-1), "seconds": 1.5, "side": "end"}]),
    # several operations in one sentence
    (
        "only the fights, keep it under two minutes, crossfade",
        [
            q("keep_only", "fights"),
            {"op": "limit_duration", "seconds": 120, "bound": "at_most"},
            {"op": "transition", "kind": "crossfade"},
        ],
    ),
    (
        "just the dragon in slow motion under a minute",
        [q("keep_only", "dragon"), {"op": "speed", "factor": 0.5},
         {"op": "limit_duration", "seconds": 60, "bound": "at_most"}],
    ),
    ("remove the rain and make it faster", [q("remove", "rain"), {"op": "speed", "factor": 1.5}]),
    ("undo that and then add the clouds", [{"op": "undo"}, q("add", "clouds")]),
    (
        "the fights in story order with crossfades",
        [q("keep_only", "fights"), {"op": "order", "by": "story"}, {"op": "transition", "kind": "crossfade"}],
    ),
    (
        "please only the owls, then call it Night Birds",
        [q("keep_only", "owls"), {"op": "title", "text": "Night Birds"}],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrasing(text: str, expected: list[dict]) -> None:
    result = parse(text)
    assert result.plan == EditPlan.model_validate({"ops": expected})
    assert not result.unparsed


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    "text",
    [
        "only the fights",
        "undo",
        "drop the second fight",
        "shots showing the sea",
        "the bird scenes, 1 minute",
    ],
)
def test_explicit_requests_are_confident(text: str) -> None:
    assert parse(text).confident


def test_bare_phrase_is_a_guess_and_unknown_text_is_reported() -> None:
    guess = parse("dragons")
    assert guess.plan.ops and guess.guessed == ("dragons",) and not guess.confident
    unknown = parse("what's the weather like?")
    assert unknown.plan.refusal == REFUSAL_UNKNOWN and unknown.unparsed and not unknown.confident
    partial = parse("only the fights, what's the weather like?")
    assert partial.plan.ops and partial.unparsed and not partial.confident


def test_planner_protocol_returns_the_same_plan() -> None:
    assert RulesPlanner().plan("only the fights", None) == parse("only the fights").plan


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("two minutes", "2 minutes"),
        ("twenty five seconds", "25 seconds"),
        ("a minute and a half", "1.5 minutes"),
        ("one hundred twenty", "120"),
        ("the second one", "the second one"),
        ("half a minute", "0.5 minutes"),
        ("one shot", "1 shot"),
        ("two and a half minutes", "2.5 minutes"),
    ],
)
def test_number_words(text: str, digits: str) -> None:
    assert words_to_digits(text) == digits


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the third one", ClipRef(indices=[3])),
        ("the last 2 clips", ClipRef(indices=[-2, -1])),
        ("the penultimate clip", ClipRef(indices=[-2])),
        ("clips 3 to 5", ClipRef(indices=[3, 4, 5])),
        ("everything except the last", ClipRef(indices=[-1], invert=True)),
        ("the 2nd chase", ClipRef(indices=[2], matching="chase")),
        ("the dragon", None),
        ("clip 0", None),
    ],
)
def test_clip_refs(phrase: str, expected: ClipRef | None) -> None:
    assert parse_ref(phrase) == expected


def test_targets_cover_everything_or_a_kind() -> None:
    assert parse_target("each clip") == ClipRef()
    assert parse_target("the fights") == ClipRef(matching="fights")
    assert parse_target("in") is None


# --- placement, relevance-ranked limits, trims to a length (issue 11 item 4) -----------------------
def _dump(text: str) -> list[dict]:
    result = parse(text)
    assert not result.unparsed and not result.guessed, (result.unparsed, result.guessed)
    return [{"op": op.op, **op.model_dump(mode="json", exclude_defaults=True)} for op in result.plan.ops]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stick the waterfall shots at the very front", [
            {"op": "move", "query": {"text": "waterfall"}, "to": "start"}]),
        ("shift the end credits to the back of the video", [
            {"op": "move", "query": {"text": "end credits"}, "to": "end"}]),
        ("have the campfire last", [{"op": "move", "query": {"text": "campfire"}, "to": "end"}]),
        ("open with the city at night", [{"op": "move", "query": {"text": "city at night"}, "to": "start"}]),
        ("finish on the lighthouse", [{"op": "move", "query": {"text": "lighthouse"}, "to": "end"}]),
        ("only the storms and move the lightning to the start", [
            {"op": "keep_only", "query": {"text": "storms"}},
            {"op": "move", "query": {"text": "lightning"}, "to": "start"}]),
    ],
)
def test_move_matching_scenes_to_start_or_end(text: str, expected: list[dict]) -> None:
    assert _dump(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pick the juicy bits", [{"op": "best"}]),
        ("leave only the strongest moments", [{"op": "best"}]),
        ("the four best car chases", [{"op": "best", "query": {"text": "car chases"}, "count": 4}]),
        ("top 2 sword duels", [{"op": "best", "query": {"text": "sword duels"}, "count": 2}]),
        ("the best 45 seconds", [{"op": "best", "seconds": 45.0}]),
        ("the best minute of the races", [{"op": "best", "query": {"text": "races"}, "seconds": 60.0}]),
        ("the 6 best clips with dissolves", [
            {"op": "best", "count": 6}, {"op": "transition", "kind": "crossfade"}]),
    ],
)
def test_relevance_ranked_limits(text: str, expected: list[dict]) -> None:
    assert _dump(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chop clip five down to 2 seconds", [
            {"op": "trim_to", "target": {"indices": [5]}, "seconds": 2.0}]),
        ("cut the opening clip to 3 seconds from the start", [
            {"op": "trim_to", "target": {"indices": [1]}, "seconds": 3.0, "side": "start"}]),
        ("make each clip 4 seconds long", [{"op": "trim_to", "seconds": 4.0, "exact": True}]),  # grows too
        ("shave half a second off the start of clip 6", [
            {"op": "trim", "target": {"indices": [6]}, "seconds": 0.5, "side": "start"}]),
    ],
)
def test_per_clip_trims_by_number(text: str, expected: list[dict]) -> None:
    assert _dump(text) == expected


@pytest.mark.parametrize(
    ("text", "not_op"),
    [
        ("put the strongest ones first", "move"),  # relevance order, not a query for "strongest"
        ("all but the first", "move"),
        ("only the good guys", "best"),  # "good" ranks only a generic noun ("the good parts")
        ("trim it to 30 seconds", "trim_to"),  # a length for the whole cut
        ("put clip 2 at the end", "move"),  # a clip by number is not a query
    ],
)
def test_new_rules_do_not_misread(text: str, not_op: str) -> None:
    assert not_op not in {op.op for op in parse(text).plan.ops}


@pytest.mark.parametrize(
    ("text", "understood", "not_understood"),
    [
        ("gosh, only the lighthouse", [q("keep_only", "lighthouse")], ()),  # an exclamation is no query
        ("uhh hmm", [], ()),
        ("let me ponder this, crossfade", [{"op": "transition", "kind": "crossfade", "seconds": 0.5}],
         ("let me ponder this",)),
        ("never mind the seagulls", [], ("never mind the seagulls",)),
        ("the third duel", [], ("the third duel",)),  # a position, not something to search for
        ("i was hoping you could tidy it", [], ("i was hoping you could tidy it",)),
    ],
)
def test_what_was_not_understood_is_reported_never_searched_for(
    text: str, understood: list[dict], not_understood: tuple[str, ...],
) -> None:
    result = parse(text)
    assert result.plan.ops == EditPlan.model_validate({"ops": understood}).ops
    assert result.unparsed == not_understood and not result.guessed


@pytest.mark.parametrize("text", ["everything but the lighthouse", "keep all of it except the seagulls",
                                  "the whole film minus the storm"])
def test_everything_except_x_removes_x(text: str) -> None:
    result = parse(text)
    assert [op.op for op in result.plan.ops] == ["remove"] and result.confident
    assert result.plan.ops[0].query.text in ("lighthouse", "seagulls", "storm")


def test_legitimate_queries_are_still_read() -> None:
    for text, query in (("only the lighthouse", "lighthouse"), ("the lighthouse", "lighthouse"),
                        ("shots of the harbour at dawn", "harbour at dawn")):
        assert parse(text).plan.ops[0].query.text == query
