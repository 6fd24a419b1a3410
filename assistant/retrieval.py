"""Query -> the scenes that match it: a decision per film, not a fixed top-k.

"Only the scenes with X" needs a yes/no per shot. Raw CLIP cosines mean little on their own (a film's
scores drift with its look), so each film is judged against itself: the query's score minus generic
"contrast" captions per shot, then robust outliers (median/MAD z-score) or a clear upper mode (Otsu
split with a separation test). Matching shots are grouped into scenes, short gaps bridged, slivers
dropped. Signals are pluggable scorers; one with an absolute scale (dialogue) may decide for itself and
hand over its own scenes (a line's range, not whole shots), which are merged with the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Protocol

import numpy as np

from assistant.plan_schema import Query
from assistant.timeline import Signal
from index.shot import Shot

# Captions that say nothing specific: a shot only matches if the query beats them on that shot.
CONTRAST_PROMPTS = ("a photo", "a frame from a video", "a scene from a movie", "an image")

Z_MIN = 3.0  # robust z-score (MAD units) above the film's median for an outlier shot
MIN_SPREAD = 0.005  # cosine; floor on the spread so a flat film never yields "outliers" from noise
MODE_SEPARATION = 4.0  # Otsu class means must be this many pooled stds apart to count as two modes
MIN_MODE_GAP = 0.02  # ...and this far apart in cosine
MIN_HOLE = 1.0  # ...with an empty stretch between them of at least this many pooled stds
MIN_SHOTS_FOR_STATS = 4  # fewer shots than this: decide by the contrast captions alone
BRIDGE_SECONDS = Fraction(2)  # non-matching stretches up to this long between matches join one scene
MIN_SCENE_SECONDS = Fraction(1)  # scenes shorter than this are dropped as slivers


@dataclass(frozen=True)
class Scene:
    """Consecutive shots ``first_shot..last_shot`` of one video that match a query."""

    video_id: str
    first_shot: int
    last_shot: int
    start_frame: int
    end_frame: int  # exclusive
    start: Fraction
    end: Fraction
    score: float
    signal: Signal
    line: str | None = None

    @property
    def duration(self) -> Fraction:
        return self.end - self.start


@dataclass(frozen=True)
class ShotScores:
    """One signal's scores for every shot of one video, in shot order."""

    signal: Signal
    shots: tuple[Shot, ...]
    scores: np.ndarray
    # Per shot, the score a match must beat: the best generic caption for pictures; a signal with an
    # absolute scale (dialogue) can pass its floor here. The film's distribution is judged on the margin.
    contrast: np.ndarray | None = None
    lines: tuple[str | None, ...] | None = None  # matching dialogue line per shot
    # A signal that decided for itself gives its matches here; then the scores only inform, and the
    # scenes keep their own ranges (a dialogue line, not the whole shots it falls in).
    scenes: tuple[Scene, ...] | None = None


class ShotScorer(Protocol):
    """A signal that scores every shot of the given videos for a query."""

    signal: Signal

    def score(self, library: Any, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]: ...


@dataclass(frozen=True)
class Decision:
    matches: np.ndarray  # bool per shot
    rule: str  # which test decided, for debugging and eval output


class VisualScorer:
    """CLIP text-to-keyframe scores from the library (the same model it was built with).

    The contrast captions never change, so their text vectors are embedded once per model and kept.
    """

    signal: Signal = "visual"

    def __init__(self, contrast_prompts: Sequence[str] = CONTRAST_PROMPTS) -> None:
        self.contrast_prompts = tuple(contrast_prompts)
        self._contrast_vectors: dict[str, list[np.ndarray]] = {}

    def _contrast(self, library: Any) -> list[np.ndarray]:
        model_id = library.model.model_id if library.model is not None else ""
        if model_id not in self._contrast_vectors:
            self._contrast_vectors[model_id] = [library.embed_text(p) for p in self.contrast_prompts]
        return self._contrast_vectors[model_id]

    def score(self, library: Any, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
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


def decide(scores: Sequence[float] | np.ndarray, contrast: np.ndarray | None = None) -> Decision:
    """Which shots of one film match: robust outliers or a clear upper mode, beating the contrast."""
    s = np.asarray(scores, dtype=float)
    n = len(s)
    if n == 0:
        return Decision(np.zeros(0, bool), "no shots")
    values = s if contrast is None else s - np.asarray(contrast, dtype=float)
    finite = np.isfinite(values)  # a shot without keyframe vectors scores -inf
    if not finite.any():
        return Decision(np.zeros(n, bool), "no scores")
    values = np.where(finite, values, values[finite].min())
    beats = finite if contrast is None else finite & (values > 0)
    if n < MIN_SHOTS_FOR_STATS:
        if contrast is None:
            return Decision(np.zeros(n, bool), "too few shots to compare")
        return Decision(beats, "contrast")
    median = float(np.median(values))
    spread = max(1.4826 * float(np.median(np.abs(values - median))), MIN_SPREAD)
    outliers = (values - median) / spread >= Z_MIN
    modes = _otsu(values)
    two_modes = modes.separation >= MODE_SEPARATION and modes.gap >= MIN_MODE_GAP and modes.hole >= MIN_HOLE
    upper = values >= modes.threshold if two_modes else np.zeros(n, bool)
    matches = (outliers | upper) & beats
    if not matches.any():
        return Decision(matches, "flat: no confident match")
    return Decision(matches, "upper mode" if (upper & ~outliers).any() else "outliers")


@dataclass(frozen=True)
class _Split:
    threshold: float  # lowest value of the upper class
    separation: float  # class means apart, in pooled within-class stds
    gap: float  # class means apart
    hole: float  # empty stretch between the classes, in pooled stds (uniform noise has none)


def _otsu(values: np.ndarray) -> _Split:
    """Otsu's best two-class split of the values (maximum between-class variance), O(n log n)."""
    v = np.sort(values)
    n = len(v)
    k = np.arange(1, n)
    below = np.cumsum(v)[:-1]
    mean_lo, mean_hi = below / k, (v.sum() - below) / (n - k)
    split = int(k[np.argmax(k * (n - k) * (mean_hi - mean_lo) ** 2)])
    lo, hi = v[:split], v[split:]
    pooled = max(float(np.sqrt((split * lo.var() + (n - split) * hi.var()) / n)), MIN_SPREAD / 10)
    gap = float(hi.mean() - lo.mean())
    return _Split(float(v[split]), gap / pooled, gap, float(v[split] - v[split - 1]) / pooled)


def group_scenes(
    shots: Sequence[Shot], matched: Sequence[bool], scores: Sequence[float],
    signals: Sequence[Signal], lines: Sequence[str | None] | None = None,
) -> list[Scene]:
    """Runs of matching shots -> scenes: bridge short gaps, drop slivers (shots in story order)."""
    runs: list[list[int]] = []
    gap_start: int | None = None
    for i, hit in enumerate(matched):
        if not hit:
            if gap_start is None:
                gap_start = i
            continue
        if runs and gap_start is not None and shots[i].start - shots[gap_start].start <= BRIDGE_SECONDS:
            runs[-1].extend(range(gap_start, i + 1))
        elif runs and gap_start is None:
            runs[-1].append(i)
        else:
            runs.append([i])
        gap_start = None
    scenes = []
    for run in runs:
        first, last = shots[run[0]], shots[run[-1]]
        if last.end - first.start < MIN_SCENE_SECONDS:
            continue
        hits = [i for i in run if matched[i]]
        best = max(hits, key=lambda i: scores[i])
        kinds = {signals[i] for i in hits}
        line = next((lines[i] for i in hits if lines and lines[i]), None)
        scenes.append(Scene(
            video_id=first.video_id, first_shot=first.index, last_shot=last.index,
            start_frame=first.start_frame, end_frame=last.end_frame, start=first.start, end=last.end,
            score=float(scores[best]), signal=signals[best] if len(kinds) == 1 else "fused", line=line,
        ))
    return scenes


def find_scenes(
    library: Any, query: Query, video_ids: Sequence[str], scorers: Sequence[ShotScorer] | None = None,
) -> list[Scene]:
    """The scenes of ``video_ids`` that match ``query``, in story order (videos as given, then time).

    ``query.kind`` picks the scorers of that signal ("auto" fuses all); if none fits, all are used.
    """
    scorers = list(scorers) if scorers is not None else default_scorers()
    fitting = [s for s in scorers if query.kind == "auto" or s.signal == query.kind]
    per_signal = [scorer.score(library, query, video_ids) for scorer in (fitting or scorers)]
    scenes: list[Scene] = []
    for vid in video_ids:
        scenes.extend(_fuse(vid, [p[vid] for p in per_signal if vid in p]))
    return scenes


def default_scorers() -> list[ShotScorer]:
    """Pictures and dialogue (imported here: the dialogue scorer builds on this module's types)."""
    from assistant.dialogue_scorer import DialogueScorer

    return [VisualScorer(), DialogueScorer()]


def _fuse(video_id: str, signals: Sequence[ShotScores]) -> list[Scene]:
    """Scenes of the shot-level signals plus the scenes signals decided themselves, overlaps merged."""
    decided = [scene for sig in signals if sig.scenes is not None for scene in sig.scenes]
    return merge_scenes([*_fuse_shots(video_id, [s for s in signals if s.scenes is None]), *decided])


def merge_scenes(scenes: Sequence[Scene]) -> list[Scene]:
    """Overlapping or touching scenes of one video become one; it is "fused" if its parts' signals differ.

    The merged score is the best part's; its lines are the parts' distinct lines in time order.
    """
    merged: list[list[Scene]] = []
    for scene in sorted(scenes, key=lambda s: (s.start_frame, s.end_frame)):
        if merged and scene.start_frame <= max(p.end_frame for p in merged[-1]):
            merged[-1].append(scene)
        else:
            merged.append([scene])
    return [parts[0] if len(parts) == 1 else _joined(parts) for parts in merged]


def _joined(parts: Sequence[Scene]) -> Scene:
    last = max(parts, key=lambda s: s.end_frame)
    kinds = {p.signal for p in parts}
    lines = list(dict.fromkeys(p.line for p in parts if p.line))
    return replace(
        parts[0], first_shot=min(p.first_shot for p in parts), last_shot=max(p.last_shot for p in parts),
        end_frame=last.end_frame, end=last.end, score=max(p.score for p in parts),
        signal=kinds.pop() if len(kinds) == 1 else "fused", line=" / ".join(lines) or None,
    )


def _fuse_shots(video_id: str, signals: Sequence[ShotScores]) -> list[Scene]:
    """A shot matches if any signal decides it does; its score and signal come from the first that did."""
    if not signals:
        return []
    shots = signals[0].shots
    n = len(shots)
    matched = np.zeros(n, bool)
    scores = np.zeros(n, float)
    kinds: list[Signal] = [signals[0].signal] * n
    lines: list[str | None] = [None] * n
    for sig in signals:
        if tuple(s.index for s in sig.shots) != tuple(s.index for s in shots):
            raise ValueError(f"{sig.signal} scores cover different shots of {video_id}")
        decision = decide(sig.scores, sig.contrast)
        for i in np.flatnonzero(decision.matches & ~matched):
            scores[i], kinds[i] = sig.scores[i], sig.signal
            lines[i] = sig.lines[i] if sig.lines else None
        for i in np.flatnonzero(decision.matches & matched):
            if kinds[i] != sig.signal:
                kinds[i] = "fused"
            lines[i] = lines[i] or (sig.lines[i] if sig.lines else None)
        matched |= decision.matches
    return group_scenes(shots, matched, scores, kinds, lines)
