"""Requests in other languages through a real chat session (ingested library, SQLite versions).

Without a language model the chat answers one line (English plus the user's language) and makes no
version; with one (a scripted model behind the real prompt/validation path) the request reaches it and
the reply is in the user's language.
"""

from __future__ import annotations

import pytest

from assistant.plan.language import message
from assistant.planning.auto import AutoPlanner
from assistant.planning.factory import make_planner
from tests.assistant.test_chat import OneShotScorer, library_dir, session
from tests.planners import ScriptedModel

__all__ = ["library_dir"]  # the fixture, shared with test_chat.py
KEEP_BOATS = '{"ops": [{"op": "keep_only", "query": {"text": "boat", "kind": "visual"}}]}'


@pytest.mark.parametrize("planner", [make_planner("rules"), AutoPlanner(None)], ids=["rules", "auto"])
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("nur die Stellen mit Booten", "Ohne funktionierendes Sprachmodell verstehe ich nur englische"),
        ("我只要有船的片段", "没有可用的语言模型时，我只能理解英文请求"),
    ],
)
def test_offline_a_foreign_request_gets_one_line_and_no_version(library_dir, planner, text, line) -> None:
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=planner)
    result = chat.turn(text)
    assert result.plan.ops == [] and result.version.number == 0 and len(chat.versions()) == 1
    assert "\n" not in result.message and result.question is None
    assert result.message.startswith(message("offline_english_only") + " / " + line)
    assert not result.message.endswith(")")  # the line says why; no planner note is tacked on


def test_a_german_request_reaches_the_model_and_the_reply_is_german(library_dir) -> None:
    model = ScriptedModel(KEEP_BOATS)
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=AutoPlanner(model))
    result = chat.turn("nur die Stellen mit Booten")
    assert model.calls[0][-1]["content"].endswith("\nMessage: nur die Stellen mit Booten")
    assert result.backend == "scripted" and result.version.number == 1
    assert result.version.timeline.clips[0].reason.query == "boat"  # the English query reached the search
    assert result.message == "Nur Szenen zu Bilder mit „boat“ behalten — 1 Clip, 1.2 s"


def test_a_chinese_request_gets_chinese_replies(library_dir) -> None:
    model = ScriptedModel(KEEP_BOATS, '{"ops": [{"op": "remove", "query": {"text": "boat"}}]}')
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=AutoPlanner(model))
    kept = chat.turn("我只要有船的片段")
    assert kept.version.number == 1
    assert kept.message.startswith("只保留了与画面中有“boat”的镜头相符的场景 — 1个片段")
    emptied = chat.turn("把船都删掉")  # would leave nothing: unchanged, with the reason in English
    assert emptied.version.number == 1
    assert emptied.message.startswith('剪辑未改变。 (Removing "boat" would leave nothing.')
    english = chat.turn("undo")  # English stays English, from the rules parser
    assert english.backend == "rules" and english.message.startswith("undid to version 0")


def test_a_miss_in_japanese_gets_the_hint_in_japanese(library_dir) -> None:
    model = ScriptedModel('{"ops": [{"op": "remove", "query": {"text": "snow"}}]}')
    chat = session(library_dir, scorers=[OneShotScorer(None)], planner=AutoPlanner(model))
    missed = chat.turn("雪のシーンを消して")
    assert missed.version.number == 0 and not missed.matched
    assert missed.message.startswith("「snow」に合うものは見つかりませんでした。")
    assert missed.message.endswith(message("hint_no_match", "ja"))


def test_a_reply_in_another_language_counts_one_clip_and_many_clips_apart(library_dir) -> None:
    """"1 Clips" was the German reply's length for a one-clip cut."""
    model = ScriptedModel('{"ops": [{"op": "remove", "query": {"text": "boat"}}]}', KEEP_BOATS)
    chat = session(library_dir, scorers=[OneShotScorer(1)], planner=AutoPlanner(model))
    removed = chat.turn("entferne die Boote")
    clips = len(removed.version.timeline.clips)
    assert removed.version.number == 1 and clips > 1
    assert f" — {clips} Clips, " in removed.message
    kept = chat.turn("nur die Stellen mit Booten")
    assert len(kept.version.timeline.clips) == 1 and kept.message.endswith(" — 1 Clip, 1.2 s")
