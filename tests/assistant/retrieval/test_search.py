"""The match decision on synthetic score distributions, scene grouping, and signal fusion."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from assistant.plan.schema import Query
from assistant.retrieval.decide import decide, group_scenes
from assistant.retrieval.search import find_scenes
from assistant.retrieval.types import ShotScores
from index.shot import Shot

RNG = np.random.default_rng(7)


def shots(durations_s: Sequence[float], vid: str = "v", fps: int = 25) -> list[Shot]:
    out, frame = [], 0
    for i, d in enumerate(durations_s):
        n = int(d * fps)
        out.append(Shot(vid, i, frame, frame + n, Fraction(frame, fps), Fraction(frame + n, fps)))
        frame += n
    return out


def test_bimodal_picks_the_high_mode() -> None:
    low, high = RNG.normal(0.20, 0.006, 20), RNG.normal(0.29, 0.006, 30)  # matches are the majority
    scores = np.concatenate([low, high])
    RNG.shuffle(scores)
    d = decide(scores)
    assert np.array_equal(d.matches, scores > 0.25) and d.rule == "upper mode"


def test_few_strong_outliers_match() -> None:
    scores = RNG.normal(0.21, 0.01, 60)
    scores[[5, 6, 40]] = [0.30, 0.31, 0.29]
    d = decide(scores)
    assert set(np.flatnonzero(d.matches)) == {5, 6, 40} and d.rule == "outliers"


def test_flat_and_uniform_scores_match_nothing() -> None:
    for scores in (RNG.normal(0.25, 0.002, 80), RNG.uniform(0.18, 0.30, 80), np.full(10, 0.2)):
        d = decide(scores)
        assert not d.matches.any() and d.rule == "flat: no confident match"


def test_contrast_vetoes_and_decides_for_few_shots() -> None:
    scores = RNG.normal(0.21, 0.01, 40)
    scores[3] = 0.30
    contrast = np.full(40, 0.20)
    contrast[3] = 0.32  # this shot scores high for every caption: not specific to the query
    assert not decide(scores, contrast).matches[3]
    few = decide(np.array([0.25, 0.18]), np.array([0.22, 0.22]))
    assert few.matches.tolist() == [True, False] and few.rule == "contrast"
    assert not decide(np.array([0.25, 0.18])).matches.any()
    assert decide(np.array([])).matches.size == 0


def test_grouping_bridges_short_gaps_and_drops_slivers() -> None:
    s = shots([3, 1, 3, 4, 0.5, 5, 2])
    matched = [True, False, True, False, True, False, False]
    scenes = group_scenes(s, matched, [0.3, 0, 0.4, 0, 0.5, 0, 0], ["visual"] * 7)
    # shots 0-2 join across a 1 s gap; shot 4 is a 0.5 s sliver after a 4 s gap and is dropped
    assert [(sc.first_shot, sc.last_shot) for sc in scenes] == [(0, 2)]
    assert scenes[0].start == 0 and scenes[0].end == 7 and scenes[0].end_frame == 175
    assert scenes[0].score == 0.4 and scenes[0].signal == "visual"


class FixedScorer:
    """A stand-in signal with given per-video scores (the plug-in point the dialogue search uses)."""

    def __init__(self, signal: str, scores: dict[str, tuple[list[Shot], list[float]]], lines=None) -> None:
        self.signal = signal
        self._scores = scores
        self._lines = lines or {}

    def score(self, library, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        return {
            vid: ShotScores(self.signal, tuple(sh), np.array(sc), None, self._lines.get(vid))
            for vid, (sh, sc) in self._scores.items() if vid in video_ids
        }


def test_find_scenes_fuses_signals_in_story_order() -> None:
    a, b = shots([2] * 8, "a"), shots([2] * 8, "b")
    flat = [0.2] * 8
    visual = FixedScorer("visual", {
        "a": (a, [0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 0.2, 0.21]),
        "b": (b, [0.5, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]),
    })
    lines = ("", "", "", "", "", "You're a jerk", "", "")
    dialogue = FixedScorer(
        "dialogue", {"a": (a, [0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1]), "b": (b, flat)}, lines={"a": lines},
    )
    scenes = find_scenes(None, Query(text="jerk"), ["b", "a"], scorers=[visual, dialogue])
    assert [(s.video_id, s.first_shot, s.signal) for s in scenes] == [("b", 0, "visual"), ("a", 5, "fused")]
    assert scenes[1].line == "You're a jerk"
    only_dialogue = find_scenes(None, Query(text="jerk", kind="dialogue"), ["a", "b"], [visual, dialogue])
    assert [(s.video_id, s.signal, s.score) for s in only_dialogue] == [("a", "dialogue", 0.9)]
