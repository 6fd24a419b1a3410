"""Untrusted text in plans: terminal control sequences and bidi controls never survive validation.

A chat message is typed or pasted by a person (or written by a model); before it is parsed or stored,
escape sequences go whole (not just their ESC, which left "[31m" to be read as 31 minutes) and bidi
overrides go (they could make a title display as something else on a share page).
"""

from __future__ import annotations

import pytest

from assistant.plan.schema import (
    BIDI_CONTROLS,
    ClipRef,
    EditPlan,
    KeepOnly,
    LimitDuration,
    Query,
    Title,
    clean_text,
    strip_unsafe,
)
from assistant.planning.base import PlannerContext
from assistant.planning.factory import make_planner, plan_turn
from assistant.planning.llm.base import build_messages
from assistant.planning.rules.parser import parse

SEQUENCES = [
    ("\x1b[31mred\x1b[0m", "red"),  # CSI: SGR colour and reset
    ("\x1b[2J\x1b[1;1Hclear", "clear"),  # CSI with parameters
    ("a\x1b]0;pwned\x07b", "ab"),  # OSC window title, BEL-terminated
    ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST-terminated
    ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
    ("a\x9b31mb", "ab"),  # 8-bit CSI
    ("a\x1b7b\x1b8c", "abc"),  # save / restore cursor (ESC + final byte)
    ("x\x1b]0;no terminator", "x0;no terminator"),  # unterminated: only the introducer goes
]


@pytest.mark.parametrize(("raw", "clean"), SEQUENCES)
def test_control_sequences_are_removed_whole(raw: str, clean: str) -> None:
    assert clean_text(raw, 200) == clean


def test_every_bidi_control_is_removed() -> None:
    assert len(BIDI_CONTROLS) == 12
    text = "".join(f"{c}w{i}" for i, c in enumerate(BIDI_CONTROLS))
    assert strip_unsafe(text) == "".join(f"w{i}" for i in range(12))
    # the classic spoof: "exe.mp4" reversed on screen
    assert clean_text("cut\u202e4pm.exe", 120) == "cut4pm.exe"


def test_control_characters_still_become_spaces() -> None:
    assert clean_text("one\ttwo\nthree\x00four\x85five", 200) == "one two three four five"


def test_a_colour_code_in_a_chat_message_is_not_a_duration() -> None:
    """The reported bug: "\\x1b[31m" left "[31m" behind, read as 31 minutes."""
    result = parse("\x1b[31m only the fights")
    assert result.plan == parse("only the fights").plan
    assert result.plan.ops == [KeepOnly(query=Query(text="fights"))]
    assert not any(isinstance(op, LimitDuration) for op in result.plan.ops)
    assert result.confident


@pytest.mark.parametrize("backend", ["rules", "auto"])
def test_every_planner_front_door_strips_sequences(backend: str) -> None:
    planned = plan_turn("\x1b[31m only the fights\x1b[0m, \x1b]0;x\x07under 2 minutes", PlannerContext(),
                        make_planner(backend))
    assert planned.plan == parse("only the fights, under 2 minutes").plan
    assert LimitDuration(seconds=120, bound="at_most") in planned.plan.ops


def test_the_llm_prompt_carries_no_sequences_or_bidi() -> None:
    context = PlannerContext(clips=("1. \x1b]0;t\x07clip",), recent_turns=("\u2066undo\u2069",))
    messages = build_messages("\x1b[31monly the \u202efights", context)
    prompt = messages[-1]["content"]
    assert "\x1b" not in prompt and "\x07" not in prompt and not set(BIDI_CONTROLS) & set(prompt)
    assert "only the fights" in prompt


def test_plan_validation_cleans_every_text_field_a_model_writes() -> None:
    """Model output goes through ``EditPlan.model_validate``: the one choke point for every backend."""
    plan = EditPlan.model_validate({"ops": [
        {"op": "keep_only", "query": {"text": "\u202eduels\x1b[0m"}},
        {"op": "remove_clip", "ref": {"matching": "\u2067chase\u2069"}},
        {"op": "title", "text": "My \x1b]0;pwned\x07\u202ecut"},
    ]})
    keep, remove, title = plan.ops
    assert keep.query.text == "duels" and remove.ref.matching == "chase" and title.text == "My cut"
    refusal = EditPlan.model_validate({"refusal": "\x1b[1mno\u202e"})
    assert refusal.refusal == "no"
    assert ClipRef(matching="\u200e ").matching is None  # nothing left: no filter, not an empty one
    with pytest.raises(ValueError, match="empty query"):
        Query(text="\x1b[31m\u202e")
    assert Title(text="\u2066\u2069").text == ""
