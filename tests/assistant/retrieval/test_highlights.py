"""The query-less highlight ranking: constructed films (pure), then the fetch from a real ingested library."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from assistant.retrieval.highlights import (
    FilmEvidence,
    dialogue_density,
    distinctiveness,
    film_evidence,
    find_highlights,
    rank_highlights,
)
from index.dialogue_store import Cue
from index.library import Library
from tests.assistant.retrieval.test_search import shots


def cues(vid: str, *lines: tuple[float, float, str]) -> tuple[Cue, ...]:
    return tuple(
        Cue(vid, i, Fraction(s).limit_denominator(100), Fraction(e).limit_denominator(100), text, "sidecar")
        for i, (s, e, text) in enumerate(lines)
    )


def vectors(*rows: Sequence[float]) -> np.ndarray:
    array = np.array(rows, np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


# Four look-alike shots, one that looks nothing like them (index 4), all 2 s long.
ALIKE = vectors([1, 0, 0], [1, 0.05, 0], [1, 0.1, 0.1], [1, 0.3, 0.2], [0, 0, 1])


def test_dialogue_dense_then_distinctive_shots_rank_first() -> None:
    film = shots([2, 2, 2, 2, 2])
    spoken = cues("v", (2.1, 2.9, "Where is the key?"), (3.0, 3.9, "Under the mat."))  # both in shot 1
    ranked = rank_highlights([FilmEvidence(tuple(film), ALIKE, spoken)])
    assert [h.scene.first_shot for h in ranked][:2] == [1, 4]
    top = ranked[0]
    assert top.scene.signal == "highlight" and top.scene.line in {"Where is the key?", "Under the mat."}
    assert "1.0 lines/s of dialogue" in top.why and "picture" in top.why
    assert "distinctive than 100%" in ranked[1].why and ranked[1].scene.line is None
    assert all(a.scene.score >= b.scene.score for a, b in zip(ranked, ranked[1:], strict=False))


def test_short_and_black_shots_are_never_highlights() -> None:
    film = shots([2, 0.5, 2, 2, 2])  # shot 1 is a half-second flash
    dark = np.array([False, False, False, False, True])  # shot 4 (the distinctive one) is black
    spoken = cues("v", (2.0, 2.5, "Now!"))
    ranked = rank_highlights([FilmEvidence(tuple(film), ALIKE, spoken, dark)])
    assert sorted(h.scene.first_shot for h in ranked) == [0, 2, 3]


def test_a_film_missing_a_signal_is_ranked_by_the_other_at_full_weight() -> None:
    silent = FilmEvidence(tuple(shots([2] * 5, vid="silent")), ALIKE, ())
    blind = FilmEvidence(tuple(shots([2, 2], vid="blind")), None, cues("blind", (2.0, 3.0, "Hello.")))
    ranked = rank_highlights([silent, blind])
    best = {(h.scene.video_id, h.scene.first_shot): h.scene.score for h in ranked}
    assert best[("silent", 4)] == 1.0  # the most distinctive picture of a film without dialogue
    assert best[("blind", 1)] == 1.0 and best[("blind", 0)] == 0.0  # one line in 2 s: full marks
    assert "picture" not in next(h.why for h in ranked if h.scene.video_id == "blind")


def test_dialogue_density_counts_a_line_by_its_share_in_each_shot() -> None:
    film = shots([2, 2])
    density = dialogue_density(film, cues("v", (1.0, 3.0, "A line across the cut.")))
    assert np.allclose(density, [0.25, 0.25])  # half a line in each 2 s shot


def test_distinctiveness_is_a_percentile_among_eligible_shots() -> None:
    eligible = np.array([True, True, True, True, False])
    pct = distinctiveness(ALIKE, eligible)
    assert pct[4] == 1.0  # further than every eligible shot, though not one itself
    assert np.allclose(pct[:4], [2 / 3, 1 / 3, 0.0, 1.0])  # shot 2 lies nearest the mean, shot 3 furthest
    twins = distinctiveness(vectors([1, 0, 0], [0, 1, 0], [0, 1, 0]), np.ones(3, bool))
    assert twins[1] == twins[2] == 0.25 and twins[0] == 1.0  # the twins share ranks 0 and 1/2


def test_find_highlights_reads_the_library(small_library) -> None:
    library = Library.open(small_library.dir)
    cuts, single = small_library.video_ids
    evidence = film_evidence(library, cuts)
    assert evidence.vectors is not None and evidence.vectors.shape[0] == len(evidence.shots) == 4
    assert evidence.dark is not None and not evidence.dark.any()  # test patterns, no black shot
    found = find_highlights(library, [cuts, single, cuts])
    assert sorted((h.scene.video_id, h.scene.first_shot) for h in found) == sorted(
        [(cuts, i) for i in range(4)] + [(single, 0)]
    )
    assert [h.scene.score for h in found] == sorted((h.scene.score for h in found), reverse=True)
