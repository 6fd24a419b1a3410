"""Reordering clips by number with the rules planner: moves, swaps, reversal, and what stays a search."""

from __future__ import annotations

import pytest

from assistant.plan.describe import describe_plan
from assistant.plan.schema import EditPlan
from assistant.planning.rules.parser import parse


def move(*indices: int, to: str | None = None, before: int | None = None, after: int | None = None) -> dict:
    place = {"to": to} if to else {"before": before} if before is not None else {"after": after}
    return {"op": "move_clip", "ref": {"indices": list(indices)}, **place}


def swap(*indices: int, matching: str | None = None) -> dict:
    ref = {"indices": list(indices)} if indices else {}
    return {"op": "swap_clips", "ref": {**ref, **({"matching": matching} if matching else {})}}


REVERSE = {"op": "order", "by": "reverse"}

CASES: list[tuple[str, list[dict]]] = [
    ("put the second clip first", [move(2, to="start")]),
    ("could you move clip 4 to the end please", [move(4, to="end")]),
    ("start off with clip 3", [move(3, to="start")]),
    ("close on the first clip", [move(1, to="end")]),
    ("have the last 2 clips at the start", [move(-2, -1, to="start")]),
    ("make clip 6 the opener", [move(6, to="start")]),
    ("make the third clip the last one", [move(3, to="end")]),
    ("move the penultimate clip to the front", [move(-2, to="start")]),
    ("stick clip 2 after clip 5", [move(2, after=5)]),
    ("slide clip 7 in front of clip 1", [move(7, before=1)]),
    ("move clip 6 to position 3", [move(6, before=3)]),
    ("put clip 1 in 4th position", [move(1, after=4)]),
    ("make the last clip the third one", [move(-1, before=3)]),
    ("bump clip 5 up two places", [move(5, before=3)]),
    ("move clip 2 down", [move(2, after=3)]),
    ("nudge clip 2 earlier", [move(2, to="start")]),
    ("squeeze clip 8 in between clips 3 and 4", [move(8, after=3)]),
    ("clip 4 has to come right after clip 1", [move(4, after=1)]),
    ("grab the 6th clip and stick it at the front", [move(6, to="start")]),
    ("clips 2 and 3 are in the wrong order, switch them round", [swap(2, 3)]),
    ("put clip 4 where clip 2 is and clip 2 where 4 is", [swap(4, 2)]),
    ("lose clip 3 and swap 1 and 2", [{"op": "remove_clip", "ref": {"indices": [3]}}, swap(1, 2)]),
    ("knock the second clip out", [{"op": "remove_clip", "ref": {"indices": [2]}}]),
    ("swap clips 3 and 1", [swap(3, 1)]),
    ("swap clips 1 and 1", [swap(1, 1)]),  # the timeline says a swap needs two clips, not a search
    ("switch the 2nd and 4th clips around", [swap(2, 4)]),
    ("trade clip 1 for the last one", [swap(1, -1)]),
    ("clips 5 and 6 should switch places", [swap(5, 6)]),
    ("swap the two dance scenes", [swap(matching="dance")]),
    ("flip the order", [REVERSE]),
    ("reverse the order of the clips", [REVERSE]),
    ("play everything in reverse order", [REVERSE]),
    ("swap clips 1 and 2, then crossfade", [swap(1, 2), {"op": "transition", "kind": "crossfade"}]),
    ("move clip 3 to the end and make it shorter",
     [move(3, to="end"), {"op": "limit_duration", "factor": 0.75}]),
]


def ops(text: str) -> list[dict]:
    plan = parse(text).plan
    return [{"op": op.op, **op.model_dump(exclude_defaults=True, exclude={"op"})} for op in plan.ops]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reorder_phrasings(text: str, expected: list[dict]) -> None:
    got = ops(text)
    for op in got:
        op.pop("seconds", None) if op["op"] == "transition" else None
    assert got == expected


def test_a_place_that_is_not_one_is_not_understood_and_not_a_search() -> None:
    parsed = parse("put clip 8 between clips 3 and 6")  # no single place between them
    assert parsed.plan.ops == [] and parsed.plan.refusal  # before: a guessed search for the whole sentence
    assert parsed.unparsed == ("put clip 8 between clips 3 and 6",) and parsed.guessed == ()


@pytest.mark.parametrize(("text", "op"), [
    ("put the dragon scenes first", "move"),  # a search, not a clip number: the query move stays
    ("move the credits to the end", "move"),
    ("put the best matches first", "order"),
    ("swap the sunset for the beach", "remove"),  # swapping content is a remove plus an add
])
def test_content_moves_and_swaps_stay_queries(text: str, op: str) -> None:
    assert ops(text)[0]["op"] == op
    assert not any(o["op"] in ("move_clip", "swap_clips") for o in ops(text))


def test_a_swap_of_clip_numbers_is_not_a_swap_of_content() -> None:
    assert ops("swap clip 2 with clip 4") == [swap(2, 4)]
    assert ops("replace clip 2 with the sunset") == [
        {"op": "remove_clip", "ref": {"indices": [2]}}, {"op": "add", "query": {"text": "sunset"}}]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Moved the 2nd clip after the last clip; Swapped clips 1 and 3; "
           "Reversed the order of the clips"),
    ("de", "Clip 2 hinter den letzten Clip verschoben; Clip 1, 3 vertauscht; "
           "Reihenfolge der Clips umgekehrt"),
    ("ja", "クリップ2を最後のクリップの後ろに移動しました；クリップ1, 3を入れ替えました；"
           "クリップの順序を逆にしました"),
])
def test_reorders_are_described_in_the_chat_language(language: str, text: str) -> None:
    plan = EditPlan(ops=[move(2, after=-1), swap(1, 3), REVERSE])  # type: ignore[list-item]
    assert describe_plan(plan, language) == text


@pytest.mark.parametrize("text", ["move clip 5000 to the start", "move clip 0 to the end", "remove clip 0",
                                  "only clip 0", "put clip -1 first", "move clip 3 after clip 99999"])
def test_a_clip_number_no_cut_has_is_never_a_sure_search(text: str) -> None:
    """Before: a sure search for "clip 5000" (a move of whatever CLIP found for those words)."""
    parsed = parse(text)
    assert parsed.sure == () and not any(clause.startswith("move clip 3") for clause in parsed.guessed)
    assert not any(op.op == "move" and "clip" in op.query.text for op in parsed.plan.ops)


@pytest.mark.parametrize(("text", "moved", "side", "beside"), [
    ("put the fights before the chase", "fights", "before", "chase"),
    ("move the dragon scenes right after the sunrise", "dragon", "after", "sunrise"),
    ("the interviews should come after the drone shots", "interviews", "after", "drone"),
    ("place the toast in front of the cake", "toast", "before", "cake"),
])
def test_matching_parts_move_next_to_another_search(text: str, moved: str, side: str, beside: str) -> None:
    """Before, "put the fights before the chase" was a guessed search for the whole sentence."""
    parsed = parse(text)
    (op,) = parsed.plan.ops
    assert parsed.confident and op.op == "move" and op.query.text == moved
    assert getattr(op, side).text == beside and op.to is None


@pytest.mark.parametrize("text", ["put the fights before clip 3", "move clip 2 after the chase"])
def test_a_clip_number_beside_a_search_is_no_move_of_a_search(text: str) -> None:
    assert not any(op.op == "move" for op in parse(text).plan.ops)


@pytest.mark.parametrize(("text", "first", "second"), [
    ("swap the fights and the chase", {"matching": "fights"}, {"matching": "chase"}),
    ("switch the beach and city scenes round", {"matching": "beach"}, {"matching": "city"}),
    ("exchange the toast bits with the cake bits", {"matching": "toast"}, {"matching": "cake"}),
    ("swap clip 2 with the interview clips", {"indices": [2]}, {"matching": "interview"}),
    ("could you swap the order of the drone and the kitchen shots", {"matching": "drone"},
     {"matching": "kitchen"}),
])
def test_two_groups_of_clips_swap(text: str, first: dict, second: dict) -> None:
    """Before, each was a guessed search for the whole sentence (asked, never done)."""
    parsed = parse(text)
    assert parsed.confident, parsed
    assert ops(text) == [{"op": "swap_clips", "ref": first, "other": second}]


@pytest.mark.parametrize("text", [
    "swap the fade to black for a crossfade",  # a transition replaced
    "swap the sunset for the beach",  # "for": a replacement, a remove plus an add
    "swap the title with Summer 2024",  # "with" names no clips on either side
    "switch the crossfades and the hard cuts",
])
def test_what_is_no_swap_of_two_groups(text: str) -> None:
    assert not any(op.op == "swap_clips" for op in parse(text).plan.ops)


@pytest.mark.parametrize("text", ["swap the jetty and dune stuff round later maybe clips",
                                  "halve the tempo of the opening two clips",
                                  "go and grab the sunrise clips"])
def test_a_verb_phrase_ending_in_clips_is_never_a_sure_search(text: str) -> None:
    """Before, a trailing "clips" made any phrase a sure search: "halve the speed of the first three
    clips" became a cut of the matches for those words."""
    parsed = parse(text)
    assert not parsed.sure or all(op.op != "keep_only" for op in parsed.sure), parsed
