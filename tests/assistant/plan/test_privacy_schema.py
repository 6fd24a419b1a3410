"""The blur, unblur and reframe ops: what the schema accepts and rejects, the JSON Schema models are held
to, and the plan in words."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from assistant.plan.describe import describe_plan
from assistant.plan.schema import (
    MAX_BLUR_PEOPLE,
    NAMED_REF,
    AspectName,
    Blur,
    BlurTarget,
    EditPlan,
    KeepOnly,
    Query,
    Reframe,
    Unblur,
)
from assistant.planning.llm.base import llm_schema, plan_to_json
from assistant.timeline.model import Aspect, BlurMode


def _plan(*ops: dict) -> EditPlan:
    return EditPlan.model_validate({"ops": list(ops)})


def test_the_plan_language_and_the_timeline_name_the_same_targets_and_shapes() -> None:
    assert set(get_args(BlurTarget)) == set(get_args(BlurMode))
    assert set(get_args(AspectName)) == set(get_args(Aspect))


def test_valid_ops_parse_with_names_cleaned_and_repeats_dropped() -> None:
    plan = _plan({"op": "blur", "target": "all_but", "people": ["Celia", " Celia ", "#3", "hero"]},
                 {"op": "unblur", "people": ["Thom"]}, {"op": "reframe", "aspect": "9:16"},
                 {"op": "blur", "target": "only", "people": [NAMED_REF], "exclusive": True})
    assert plan.ops == [Blur(target="all_but", people=("Celia", "#3", "hero")), Unblur(people=("Thom",)),
                        Reframe(aspect="9:16"), Blur(target="only", people=(NAMED_REF,), exclusive=True)]
    assert plan.blur_people() == ["Celia", "#3", "hero", "Thom", NAMED_REF]
    assert plan.people() == []  # query people only: blur people are resolved on their own path


def test_hostile_names_lose_their_control_characters_and_an_emptied_name_is_refused() -> None:
    [op] = _plan({"op": "unblur", "people": ["\x1b[31mThom\u202e\x07"]}).ops
    assert op.people == ("Thom",)
    with pytest.raises(ValidationError, match="cannot be empty"):
        _plan({"op": "blur", "target": "only", "people": ["\x1b[2J\u202e"]})


@pytest.mark.parametrize("op", [
    {"op": "reframe", "aspect": "16:9"},
    {"op": "reframe", "aspect": "9x16"},
    {"op": "reframe"},
    {"op": "blur", "target": "some"},
    {"op": "blur"},  # the target is required: a model must say whose faces
    {"op": "blur", "target": "all", "people": ["Thom"]},
    {"op": "blur", "target": "none", "people": ["Thom"]},
    {"op": "blur", "target": "only"},
    {"op": "blur", "target": "all_but", "people": []},
    {"op": "blur", "target": "all_but", "people": ["Celia"], "exclusive": True},
    {"op": "blur", "target": "all", "strength": 9},
    {"op": "unblur", "people": []},
    {"op": "unblur"},
    {"op": "blur", "target": "only", "people": ["x" * 61]},
    {"op": "blur", "target": "all_but", "people": [f"P{i}" for i in range(MAX_BLUR_PEOPLE + 1)]},
])
def test_bad_ops_are_rejected(op: dict) -> None:
    with pytest.raises(ValidationError):
        _plan(op)


def test_the_models_json_schema_constrains_targets_and_shapes() -> None:
    defs = llm_schema()["$defs"]
    assert defs["Reframe"]["properties"]["aspect"]["enum"] == ["original", "9:16", "1:1", "4:5"]
    assert defs["Blur"]["properties"]["target"]["enum"] == ["all", "all_but", "only", "none"]
    for name in ("Blur", "Unblur", "Reframe"):
        assert defs[name]["required"][0] == "op" and defs[name]["additionalProperties"] is False
    assert "target" in defs["Blur"]["required"] and "people" in defs["Unblur"]["required"]


def test_plans_round_trip_through_the_compact_json_models_see() -> None:
    plan = EditPlan(ops=[KeepOnly(query=Query(text="beach")), Reframe(aspect="original"),
                         Blur(target="all"), Blur(target="only", people=("Thom",), exclusive=True)])
    text = plan_to_json(plan)
    assert '{"op":"reframe","aspect":"original"}' in text and '{"op":"blur","target":"all"}' in text
    assert EditPlan.model_validate_json(text) == plan


def test_the_plan_in_words() -> None:
    plan = EditPlan(ops=[Blur(target="all_but", people=("Celia", NAMED_REF)), Unblur(people=("Thom",)),
                         Blur(target="only", people=("Thom",), exclusive=True), Blur(target="none"),
                         Reframe(aspect="9:16"), Reframe(aspect="original")])
    assert describe_plan(plan) == (
        "Blurred every face except Celia and the named characters; Stopped blurring the face of Thom; "
        "Blurred only the face of Thom; Stopped blurring faces; Reframed to 9:16 (vertical); "
        "Back to the original frame shape")
    assert describe_plan(EditPlan(ops=[Reframe(aspect="1:1"), Blur(target="all")]), "fr") == (
        "Recadré en 1:1 (carré); Flouté tous les visages")
