"""Arithmetic on sets of time ranges in seconds, and temporal precision / recall against a truth.

One home for it: scene retrieval (assistant/evaluate.py) and characters (index/cast_eval.py) are scored
the same way, as shared seconds over predicted and true seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Interval = tuple[float, float]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def union(intervals: Sequence[Interval]) -> list[Interval]:
    """Sorted, merged, non-empty intervals."""
    merged: list[list[float]] = []
    for a, b in sorted((a, b) for a, b in intervals if b > a):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def length(intervals: Sequence[Interval]) -> float:
    return sum(b - a for a, b in union(intervals))


def overlap(x: Sequence[Interval], y: Sequence[Interval]) -> float:
    return sum(max(0.0, min(b, d) - max(a, c)) for a, b in union(x) for c, d in union(y))


def subtract(x: Sequence[Interval], cut: Sequence[Interval]) -> list[Interval]:
    """The parts of ``x`` outside every range of ``cut`` (merged)."""
    out: list[Interval] = []
    holes = union(cut)
    for a, b in union(x):
        start = a
        for c, d in holes:
            if d <= start or c >= b:
                continue
            if c > start:
                out.append((start, c))
            start = max(start, d)
        if start < b:
            out.append((start, b))
    return out


def temporal_scores(predicted: Sequence[Interval], truth: Sequence[Interval]) -> Score:
    """Precision = shared time / predicted time; recall = shared / true time. Empty cut: precision 0."""
    shared, pred, true = overlap(predicted, truth), length(predicted), length(truth)
    precision = shared / pred if pred else 0.0
    recall = shared / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)
