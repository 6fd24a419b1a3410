"""The rules planner reads statements of taste as ``like`` ops and leaves requests for the cut as edits;
grounding keeps an LLM's ``like`` to the user's words."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add, EditPlan, ForMe, KeepOnly, Like, Query, Remove
from assistant.planning.base import PlannerError
from assistant.planning.llm.grounding import grounded
from assistant.planning.rules.parser import parse


@pytest.mark.parametrize(("text", "ops"), [
    ("I like the dragon scenes", [Like(text="dragon")]),
    ("i'm kinda obsessed with the lighthouse", [Like(text="lighthouse")]),
    ("I could watch hours of the waves", [Like(text="waves")]),
    ("I could watch the snow falling all day", [Like(text="snow falling")]),
    ("I love it when the robot dances", [Like(text="robot dances")]),
    ("the market scenes are my favourite", [Like(text="market")]),
    ("my favourite parts are the ones with the dog", [Like(text="dog")]),
    ("I don't like the battles", [Like(text="battles", liked=False)]),
    ("I'm getting tired of the sword fights", [Like(text="sword fights", liked=False)]),
    ("I'm not a big fan of the close-ups", [Like(text="close-ups", liked=False)]),
    ("the rain bores me", [Like(text="rain", liked=False)]),
    ("the speeches are so tedious!", [Like(text="speeches", liked=False)]),
    ("I didn't really enjoy the city shots", [Like(text="city", liked=False)]),
    ("I like the dragons and I hate the battles", [Like(text="dragons"), Like(text="battles", liked=False)]),
    ("I'm a sucker for sunsets, make me a cut I'd like", [Like(text="sunsets"), ForMe()]),
])
def test_statements_of_taste_are_like_ops(text: str, ops: list) -> None:
    parsed = parse(text)
    assert parsed.plan.ops == ops and not parsed.unparsed


@pytest.mark.parametrize(("text", "op"), [
    ("more of the dragon scenes in my cut", Add),
    ("I'd like the dragon scenes", KeepOnly),
    ("I don't want the battles", Remove),
])
def test_requests_for_the_cut_stay_edits(text: str, op: type) -> None:
    assert [type(o) for o in parse(text).plan.ops] == [op]


@pytest.mark.parametrize("text", [
    "I love this cut", "I like clip 3", "I like that", "I like how you ended it", "I love the new title",
    "I like more dragons",
])
def test_praise_for_the_cut_or_a_clip_is_no_statement_of_taste(text: str) -> None:
    """About the edit, a clip or a request in disguise: not remembered as taste (then not understood)."""
    assert not any(isinstance(op, Like) for op in parse(text).plan.ops)


def test_grounding_keeps_a_like_to_the_users_words() -> None:
    text = "I'm really into the horses"
    assert grounded(EditPlan(ops=[Like(text="horses")]), text, "en").ops == [Like(text="horses")]
    with pytest.raises(PlannerError, match=r"\"dragons\" uses words that are not in the message"):
        grounded(EditPlan(ops=[Like(text="dragons")]), text, "en")
    copied = EditPlan(ops=[Like(text="horses"), Add(query=Query(text="horses"))])
    with pytest.raises(PlannerError, match="says nothing about what the user likes"):
        grounded(copied, "more of the horses", "en")
