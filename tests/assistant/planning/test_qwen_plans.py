"""A real small model plans: Qwen2.5-Coder 0.5B on llama.cpp, decoding constrained to the plan's JSON
Schema, plans people from the cast, a blur, a reframe and clips moved by number.

Every request here comes with the same cast, so all of them share one prompt prefix (the system prompt
with its cast part, and the core examples): the model evaluates it once (~25 s on 2 cores) and later
requests, in this process or the next, start from it (``prompt_state``)."""

from __future__ import annotations

from assistant.plan.schema import Blur, ClipRef, KeepOnly, MoveClip, Reframe
from assistant.planning.base import CastEntry, PlannerContext
from assistant.planning.llm.confidence import ASK_BELOW

CAST = PlannerContext(cast=(CastEntry(2, "Celia", 61.0), CastEntry(3, "Thom", 20.0), CastEntry(7, None, 4.0)))


def test_qwen_plans_people_from_the_cast(qwen_planner) -> None:
    result = qwen_planner.plan_turn("only the scenes with Celia", CAST)
    assert result.backend == "llamacpp", result.note
    [op] = result.plan.ops
    assert isinstance(op, KeepOnly) and op.query.people == ("Celia",)


def test_qwen_plans_a_blur_and_a_reframe_under_the_schema(qwen_planner) -> None:
    assert qwen_planner.plan("blur all the faces", CAST).ops == [Blur(target="all")]
    vertical = qwen_planner.plan("make it vertical for my phone", CAST)
    assert vertical.ops == [Reframe(aspect="9:16")]


def test_qwen_moves_clips_by_number(qwen_planner) -> None:
    first = qwen_planner.plan_turn("put the second clip first", CAST)
    assert first.backend == "llamacpp" and first.plan.ops == [MoveClip(ref=ClipRef(indices=[2]), to="start")]
    after = qwen_planner.plan_turn("move clip 1 so it lands after clip 4", CAST)
    assert after.backend == "llamacpp" and after.plan.ops == [MoveClip(ref=ClipRef(indices=[1]), after=4)]


def test_qwen_reports_how_sure_it_was_of_a_plan(qwen_planner) -> None:
    """The token probabilities come from llama.cpp's logits while the plan streams: a plain request is read
    with confidence, and the number is the probability of the plan's least likely token."""
    qwen_planner.plan("blur all the faces", CAST)
    tokens = qwen_planner.last_tokens
    assert tokens and "".join(text for text, _ in tokens).startswith('{"ops"')
    assert all(0.0 < probability <= 1.0 for _, probability in tokens)
    confidence = qwen_planner.plan_confidence()
    assert confidence is not None and confidence == min(p for _, p in tokens)
    assert confidence >= ASK_BELOW  # asked plainly, the model does not hesitate
