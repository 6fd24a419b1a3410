"""Which shots of one film match a query, judged against the film itself, and how they group into scenes.

Raw CLIP cosines mean little on their own (a film's scores drift with its look), so a shot matches when
its margin over generic captions is a robust outlier (median/MAD z-score) or falls in a clear upper mode
(Otsu split with a separation test). Matches then join into scenes, short gaps bridged, slivers dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from assistant.retrieval.types import Decision, Scene, Signal
from index.shot import Shot

Z_MIN = 3.0  # robust z-score (MAD units) above the film's median for an outlier shot
MIN_SPREAD = 0.005  # cosine; floor on the spread so a flat film never yields "outliers" from noise
MODE_SEPARATION = 4.0  # Otsu class means must be this many pooled stds apart to count as two modes
MIN_MODE_GAP = 0.02  # ...and this far apart in cosine
MIN_HOLE = 1.0  # ...with an empty stretch between them of at least this many pooled stds
MIN_SHOTS_FOR_STATS = 4  # fewer shots than this: decide by the contrast captions alone
BRIDGE_SECONDS = Fraction(2)  # non-matching stretches up to this long between matches join one scene
MIN_SCENE_SECONDS = Fraction(1)  # scenes shorter than this are dropped as slivers


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
    shots: Sequence[Shot], matched: Sequence[bool] | np.ndarray, scores: Sequence[float] | np.ndarray,
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
