"""The plan language's move / best / trim_to ops: validation, the LLM's JSON schema, and plain words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.plan.describe import describe_plan
from assistant.plan.schema import Best, ClipRef, EditPlan, Move, Query, TrimTo, plan_json_schema


def test_new_ops_round_trip_through_json_and_resolve_their_queries() -> None:
    plan = EditPlan.model_validate({"ops": [
        {"op": "move", "query": {"text": "credits"}, "to": "end"},
        {"op": "best", "query": {"text": "fight"}, "count": 3},
        {"op": "best", "seconds": 120},
        {"op": "trim_to", "target": {"indices": [4]}, "seconds": 2.5, "side": "start"},
    ]})
    assert plan.ops == [
        Move(query=Query(text="credits"), to="end"), Best(query=Query(text="fight"), count=3),
        Best(seconds=120), TrimTo(target=ClipRef(indices=[4]), seconds=2.5, side="start"),
    ]
    # Chat resolves exactly these before applying: a Best without a query ranks the cut as it is.
    assert [q.text for q in plan.queries()] == ["credits", "fight"]
    assert EditPlan.model_validate_json(plan.model_dump_json()) == plan


@pytest.mark.parametrize("bad", [
    {"op": "move", "query": {"text": "x"}, "to": "middle"},
    {"op": "move", "to": "start"},
    {"op": "best", "count": 2, "seconds": 30},
    {"op": "best", "count": 0},
    {"op": "best", "count": 51},
    {"op": "best", "seconds": -1},
    {"op": "trim_to", "target": {"indices": [0]}, "seconds": 2},
    {"op": "trim_to", "seconds": 0},
    {"op": "trim_to", "seconds": 2, "side": "middle"},
])
def test_invalid_new_ops_are_rejected(bad: dict) -> None:
    with pytest.raises(ValidationError):
        EditPlan.model_validate({"ops": [bad]})


def test_the_llm_schema_offers_the_new_ops() -> None:
    schema = plan_json_schema()
    ops = {name: schema["$defs"][name] for name in ("Move", "Best", "TrimTo")}
    assert ops["Move"]["properties"]["to"]["anyOf"][0]["enum"] == ["start", "end"]
    assert ops["Move"]["properties"]["before"]["anyOf"][0] == {"$ref": "#/$defs/Query"}
    # the models' grammar keeps "to" required (a move next to another search is the rules parser's)
    from assistant.planning.llm.base import llm_schema

    move = llm_schema()["$defs"]["Move"]
    assert move["properties"]["to"]["enum"] == ["start", "end"] and "to" in move["required"]
    assert "before" not in move["properties"] and "after" not in move["properties"]
    assert ops["Best"]["properties"]["count"]["anyOf"][0]["maximum"] == 50
    mapping = schema["properties"]["ops"]["items"]["discriminator"]["mapping"]
    assert {"move", "best", "trim_to"} <= set(mapping)


def test_new_ops_in_words() -> None:
    words = describe_plan(EditPlan(ops=[
        Move(query=Query(text="dragon"), to="start"), Best(query=Query(text="fight"), count=3),
        Best(seconds=120), Best(), TrimTo(target=ClipRef(indices=[2]), seconds=3),
    ]))
    assert words == (
        "Moved scenes matching 'dragon' to the start; Kept the 3 best scenes matching 'fight'; "
        "Kept the best 2:00 of the clips of the cut; Kept the better half of the clips of the cut; "
        "trimmed the 2nd clip to 3 s (cutting from the end)"
    )


@pytest.mark.parametrize("bad", [
    {"op": "move_clip", "ref": {"indices": [2]}},  # no place
    {"op": "move_clip", "ref": {"indices": [2]}, "to": "start", "before": 3},  # two places
    {"op": "move_clip", "ref": {"indices": [2]}, "after": 0},
    {"op": "move_clip", "ref": {"indices": [2]}, "to": "middle"},
    {"op": "move_clip", "ref": {"indices": [2]}, "after": "3; rm -rf /"},
    {"op": "swap_clips"},
    {"op": "order", "by": "random"},
])
def test_invalid_reorders_are_rejected(bad: dict) -> None:
    with pytest.raises(ValidationError):
        EditPlan.model_validate({"ops": [bad]})


def test_reorders_in_the_llm_schema_and_a_word_for_any_clip_narrows_nothing() -> None:
    schema = plan_json_schema()
    mapping = schema["properties"]["ops"]["items"]["discriminator"]["mapping"]
    assert {"move_clip", "swap_clips"} <= set(mapping)
    assert "reverse" in schema["$defs"]["Order"]["properties"]["by"]["enum"]
    # "make clip 5 the third clip" read by a model as clips matching "clip": every clip matches that word.
    assert ClipRef(indices=[5], matching="Clip").matching is None
    assert ClipRef(indices=[2], matching="fight").matching == "fight"


def test_split_in_the_llm_schema_and_in_plain_words() -> None:
    mapping = plan_json_schema()["properties"]["ops"]["items"]["discriminator"]["mapping"]
    assert "split" in mapping
    two = {"op": "split", "target": {"indices": [2, -2]}}
    plan = EditPlan.model_validate({"ops": [{"op": "split"}, two]})
    assert describe_plan(plan) == ("Split every clip into shots; "
                                   "Split the 2nd and 2nd from last clips into shots")
    assert describe_plan(plan, "de").startswith("Alle Clips in die einzelnen Einstellungen geteilt")
    with pytest.raises(ValidationError):
        EditPlan.model_validate({"ops": [{"op": "split", "target": {"indices": ["../etc"]}}]})
