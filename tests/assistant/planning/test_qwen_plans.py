"""A real small model plans: Qwen2.5-Coder 0.5B on llama.cpp, decoding constrained to the plan's JSON
Schema, plans people from the cast, a blur, a reframe and clips moved by number, and translates requests
that name a session's videos without losing the names.

Every request here comes with the same cast, so all of them share one prompt prefix (the system prompt
with its cast part, and the core examples): the model evaluates it once (~25 s on 2 cores) and later
requests, in this process or the next, start from it (``prompt_state``)."""

from __future__ import annotations

import re

import pytest

from assistant.plan.schema import Blur, ClipRef, KeepOnly, MoveClip, Reframe
from assistant.planning.auto import AutoPlanner, translated_keeping_names
from assistant.planning.base import CastEntry, PlannerContext, PlannerError, VideoEntry
from assistant.planning.factory import plan_turn
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


def test_qwen_reports_how_sure_it_was_of_a_translation(qwen_planner) -> None:
    """A translation's tokens are recorded too (free text, no grammar), apart from the plan's: the least
    likely one outside quotes is the word ``auto`` asks about when it is under ``TRANSLATION_ASK_BELOW``."""
    qwen_planner.plan("blur all the faces", CAST)
    plan_tokens = qwen_planner.last_tokens
    english = qwen_planner.translate("Entferne den letzten Clip, bitte")
    tokens = qwen_planner.last_text_tokens
    assert tokens and english.strip() and qwen_planner.last_tokens == plan_tokens
    assert all(0.0 < probability <= 1.0 for _, probability in tokens)
    least = qwen_planner.translation_confidence()
    assert least is not None and least[0] >= min(p for _, p in tokens) and least[1] in [t for t, _ in tokens]


VIDEOS = PlannerContext(videos=(VideoEntry("aa00000000000001", "tears_of_steel_opening_64s_512x120"),
                                VideoEntry("aa00000000000002", "sintel_trailer_480x204"),
                                VideoEntry("aa00000000000003", "moviepy_chaplin_clip")))


@pytest.mark.parametrize("said", ["entferne alles aus sintel", "删除所有来自sintel的片段"])
def test_a_video_named_in_another_language_keeps_its_name_through_the_translation(qwen_planner, said) -> None:
    """Before, the 0.5B model translated "entferne alles aus sintel" as "remove everything from the
    screen", and the rules cut the matches for "screen": a wrong edit."""
    result = plan_turn(said, VIDEOS, AutoPlanner(qwen_planner))
    (op,) = result.plan.ops
    assert op.op == "remove" and [v.name for v in op.query.videos] == ["sintel_trailer_480x204"], result
    assert op.query.text == ""  # all of it: no search for "screen" or "fragments" beside it


@pytest.mark.parametrize("said", ["entferne alles aus sintel", "sintelの場面を全部消して",
                                  "quita todo lo de sintel", "nur die Kämpfe aus tears, bitte"])
def test_a_translation_never_drops_a_video_name_unnoticed(qwen_planner, said) -> None:
    """What comes back keeps each name as written, unquoted, or the model's translation is not used."""
    try:
        english = translated_keeping_names(qwen_planner, said, VIDEOS)
    except PlannerError as exc:
        assert "lost the name" in str(exc)
        return
    name = "sintel" if "sintel" in said else "tears"
    assert re.search(rf"(?<![\w\"]){name}(?![\w\"])", english), english
