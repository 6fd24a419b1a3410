"""Few-shot selection: the nearest bank examples, deterministic, closest right before the request."""

from __future__ import annotations

import json

from assistant.planning.base import PlannerContext
from assistant.planning.llm.base import FEW_SHOT, _bank, build_messages
from assistant.planning.llm.few_shot import clauses, nearest, similarity

BANK = ["crossfade everything", "remove the cows", "only the horses", "undo the last two edits"]


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity("only the horses", "only the horses") == 1.0
    assert similarity("only the horses", "zzz") == 0.0
    assert similarity("remove the cows", "cows removed") == similarity("cows removed", "remove the cows")
    assert similarity("the", "a") == 0.0  # filler words alone share nothing


def test_plural_and_word_order_still_count_as_near() -> None:
    assert similarity("horse only", "only the horses") > similarity("horse only", "remove the cows")


def test_nearest_puts_the_closest_last_and_breaks_ties_by_bank_order() -> None:
    assert nearest("get rid of the cows", BANK, 2)[-1] == 1
    assert nearest("qqq", BANK, 2) == [1, 0]  # all tie at 0: earliest examples, the first one closest
    assert sorted(nearest("x", BANK, 10)) == [0, 1, 2, 3]
    assert nearest("x", BANK, 0) == []


def test_prompt_shows_the_nearest_bank_examples_as_turns() -> None:
    bank = [user for user, _ in _bank(with_people=False)]  # no cast: no examples about people
    text = "fade to black between every shot"
    messages = build_messages(text, PlannerContext())
    assert len(messages) == 2 + 2 * FEW_SHOT
    shown = [m["content"].removeprefix("Message: ") for m in messages[1:-1:2]]
    assert shown == [bank[i] for i in nearest(text, bank, FEW_SHOT)]
    assert "fade" in shown[-1]
    answers = [json.loads(m["content"]) for m in messages[2:-1:2]]
    assert all(m["role"] == "assistant" for m in messages[2:-1:2]) and all("ops" in a for a in answers)
    assert build_messages(text, PlannerContext())[1:] == messages[1:]  # deterministic
    assert len(build_messages(text, PlannerContext(), few_shot=3)) == 2 + 2 * 3


def test_a_request_with_several_clauses_sees_a_multi_clause_example_last_and_each_clause() -> None:
    bank = [*BANK, "add the horses and remove the cows"]
    assert clauses("only the fish, under a minute and then crossfade") == [
        "only the fish",
        "under a minute",
        "crossfade",
    ]
    picked = nearest("undo, then crossfade", bank, 3)
    assert picked[-1] == 4  # the only multi-clause example, though it shares no words
    assert set(picked[:-1]) == {0, 3}  # the nearest example for each clause
