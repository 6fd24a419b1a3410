"""The picture signal: CLIP text-to-keyframe scores per shot, with generic captions as the bar to beat."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.plan.schema import Query
from assistant.retrieval.types import ShotLibrary, ShotScores, Signal

# Captions that say nothing specific: a shot only matches if the query beats them on that shot.
CONTRAST_PROMPTS = ("a photo", "a frame from a video", "a scene from a movie", "an image")


_CONTRAST_VECTORS: dict[tuple[str, tuple[str, ...]], list[np.ndarray]] = {}  # per model and captions
_CONTRAST_LOCK = threading.Lock()


class VisualScorer:
    """CLIP text-to-keyframe scores from the library (the same model it was built with).

    The contrast captions never change, so their text vectors are embedded once per model per process
    (not per chat session: four text encodes cost a second or two on a busy CPU) and kept.
    """

    signal: Signal = "visual"

    def __init__(self, contrast_prompts: Sequence[str] = CONTRAST_PROMPTS) -> None:
        self.contrast_prompts = tuple(contrast_prompts)

    def _contrast(self, library: ShotLibrary) -> list[np.ndarray]:
        key = (library.model.model_id if library.model is not None else "", self.contrast_prompts)
        with _CONTRAST_LOCK:
            if key not in _CONTRAST_VECTORS:
                _CONTRAST_VECTORS[key] = [library.embed_text(p) for p in self.contrast_prompts]
            return _CONTRAST_VECTORS[key]

    def warm(self, library: ShotLibrary) -> None:
        """Load the text side of CLIP and embed the captions now (an app warms it while the page loads)."""
        self._contrast(library)

    def score(self, library: ShotLibrary, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        per_video = _by_video(library.shot_scores(query.text, list(video_ids)))
        contrast: dict[str, dict[int, float]] = defaultdict(dict)
        for vector in self._contrast(library):
            for vid, hits in _by_video(library.shot_scores(vector, list(video_ids))).items():
                for hit in hits:
                    old = contrast[vid].get(hit.shot.index, -np.inf)
                    contrast[vid][hit.shot.index] = max(old, hit.score)
        out = {}
        for vid, hits in per_video.items():
            neg = None
            if self.contrast_prompts:
                neg = np.array([contrast[vid].get(h.shot.index, -np.inf) for h in hits])
            out[vid] = ShotScores(
                "visual", tuple(h.shot for h in hits), np.array([h.score for h in hits], float), neg,
            )
        return out


def _by_video(hits: Sequence[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for hit in hits:
        grouped[hit.shot.video_id].append(hit)
    return {vid: sorted(hs, key=lambda h: h.shot.index) for vid, hs in grouped.items()}
