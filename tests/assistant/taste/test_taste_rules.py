"""The rules planner reads taste requests into typed ops, and leaves "more of the dragons" to queries."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add, ClipRef, ForMe, LessLike, LimitDuration, MoreLike, Remove, Suggest
from assistant.planning.rules.parser import parse


@pytest.mark.parametrize(("text", "ops"), [
    ("make me a 2-minute cut I'd like", [ForMe(seconds=120)]),
    ("give me my own 90 second cut", [ForMe(seconds=90)]),
    ("make me a cut I would love", [ForMe()]),
    ("surprise me", [ForMe(surprise=True)]),
    ("surprise me with a 1 minute cut", [ForMe(seconds=60, surprise=True)]),
    ("more like clip 3", [MoreLike(ref=ClipRef(indices=[3]))]),
    ("less of this", [LessLike(ref=ClipRef(indices=[-1]))]),
    ("what would I like in this film?", [Suggest()]),
    ("more like the last clip, under 1 minute",
     [MoreLike(ref=ClipRef(indices=[-1])), LimitDuration(seconds=60, bound="at_most")]),
])
def test_taste_requests(text: str, ops: list) -> None:
    parsed = parse(text)
    assert parsed.plan.ops == ops and not parsed.unparsed


def test_queries_stay_queries() -> None:
    assert isinstance(parse("more of the dragons").plan.ops[0], Add)
    assert isinstance(parse("less of the snow").plan.ops[0], Remove)
