"""Phrasings from part 53's probes (my own, not in any request file) that had made sure but wrong edits."""

from __future__ import annotations

import pytest

from assistant.plan.schema import Add
from assistant.planning.rules.parser import parse


@pytest.mark.parametrize("text", [
    "take the dull middle part out",
    "cut out the middle section",
    "get rid of the middle bit",
    "leave out everything before the toast",
])
def test_a_stretch_by_position_is_answered_not_searched(text: str) -> None:
    """"take the boring middle bit out" had removed the matches for "middle"; "leave out anything before the
    ceremony" those for "before the ceremony"."""
    result = parse(text)
    assert result.plan.ops == [] and "by position" in (result.plan.refusal or ""), result


@pytest.mark.parametrize(("text", "query_text"), [
    ("bring back the shot of the harbour I deleted", "harbour"),
    ("add back the fireworks that we removed earlier", "fireworks"),
])
def test_whose_removal_it_was_is_not_part_of_the_picture(text: str, query_text: str) -> None:
    [op] = parse(text).plan.ops
    assert isinstance(op, Add) and op.query.text == query_text
