"""A model's sound changes (``volume`` is in the models' grammar since part 46) are checked against the
message: a level where the message asks for a change becomes that change, silence needs a word for it, one
sound inside the clips cannot be changed, and "slow" said of a fade is no speed."""

from __future__ import annotations

import pytest

from assistant.plan.schema import ClipRef, EditPlan, Volume
from assistant.planning.base import PlannerError
from assistant.planning.llm.base import llm_schema
from assistant.planning.llm.grounding import grounded


def _plan(*ops: dict) -> EditPlan:
    return EditPlan.model_validate({"ops": list(ops)})


def test_the_models_grammar_has_sound_levels() -> None:
    ops = llm_schema()["properties"]["ops"]["items"]["discriminator"]["mapping"]
    assert "volume" in ops and "fade" not in ops


@pytest.mark.parametrize(("request_text", "factor"), [
    ("could the opening clip be a touch louder, it's hard to make out", 1.5),
    ("clip 1 is way too loud", 0.667),
])
def test_a_level_for_a_change_said_in_words_is_that_change(request_text: str, factor: float) -> None:
    got = grounded(_plan({"op": "volume", "target": {"indices": [1]}, "level": 0.3}), request_text, "en")
    assert got.ops == [Volume(target=ClipRef(indices=[1]), factor=factor)]


@pytest.mark.parametrize("request_text", [
    "put clip 2 at 30% volume",  # a level said
    "sound back on for the last clip",
])
def test_a_level_the_message_says_stands(request_text: str) -> None:
    plan = _plan({"op": "volume", "target": {"indices": [2]}, "level": 0.3})
    assert grounded(plan, request_text, "en") == plan


def test_silence_needs_a_word_for_it() -> None:
    with pytest.raises(PlannerError, match="no silence"):
        grounded(_plan({"op": "fade", "at": "end", "seconds": 2.0}, {"op": "volume", "level": 0}),
                 "let the ending fade out gently like in the cinema", "en")
    plan = _plan({"op": "volume", "target": {"indices": [3]}, "level": 0})
    assert grounded(plan, "kill the audio on clip 3", "en") == plan
    assert grounded(plan, "make sure grandma can't hear the swearing in clip 3", "en") == plan


@pytest.mark.parametrize("request_text", ["the background music is way too loud", "turn down the wind"])
def test_one_sound_inside_the_clips_is_sent_back(request_text: str) -> None:
    with pytest.raises(PlannerError, match="one sound inside the clips"):
        grounded(_plan({"op": "volume", "factor": 0.5}), request_text, "en")


def test_slow_said_of_a_fade_is_no_speed() -> None:
    with pytest.raises(PlannerError, match="not the clips' speed"):
        grounded(_plan({"op": "transition", "kind": "fade_black", "seconds": 2.0},
                       {"op": "speed", "factor": 0.5}), "a slow fade to black between all the clips", "en")
    plan = _plan({"op": "transition", "kind": "crossfade", "seconds": 1.0}, {"op": "speed", "factor": 0.5})
    assert grounded(plan, "slow crossfades and slow motion everywhere", "en") == plan


def test_a_clip_removed_with_no_word_for_it_is_sent_back() -> None:
    with pytest.raises(PlannerError, match="removes no clip"):
        grounded(_plan({"op": "blur", "target": "none"}, {"op": "remove_clip", "ref": {"indices": [-1]}}),
                 "Omar doesn't need to be blurred in the last clip", "en")
    for said in ("I don't want the last clip", "bin the last clip", "the last clip can go"):
        plan = _plan({"op": "remove_clip", "ref": {"indices": [-1]}})
        assert grounded(plan, said, "en") == plan


def test_a_redo_needs_a_word_for_it() -> None:
    got = grounded(_plan({"op": "undo"}, {"op": "redo"}), "go back a step please, and one more after that",
                   "en")
    assert [op.op for op in got.ops] == ["undo"]
    plan = _plan({"op": "redo"})
    assert grounded(plan, "actually I wanted that, put it back", "en") == plan
