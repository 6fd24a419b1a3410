"""Helpers for the rules-parser tables: a confident reading's ops, expected ops from dicts, a query op."""

from __future__ import annotations

from assistant.plan.schema import EditPlan
from assistant.planning.rules.parser import parse


def ops(text: str, names: tuple[str, ...] = ()) -> list:
    """The ops of the rules' reading of ``text`` (with the cast's ``names``); it must be confident (nothing
    unread or guessed)."""
    result = parse(text, names)
    assert result.confident, (text, result.unparsed, result.guessed)
    return result.plan.ops


def plan(*expected: dict) -> list:
    return EditPlan.model_validate({"ops": list(expected)}).ops


def q(op: str, text: str, **more: object) -> dict:
    """A query op: ``q("remove", "rain", kind="visual")``."""
    return {"op": op, "query": {"text": text, **more}}
