"""Shot boundary detection over the per-frame feature stack from ``decode``: vectorised numpy only.

Three detectors behind one tiny base, each finding one kind of transition:

- ``CutDetector``: hard cuts, a frame-to-frame jump much larger than its neighbours' (adaptive
  threshold, as in PySceneDetect's AdaptiveDetector) that persists a few frames (so flashes do not count);
- ``FadeDetector``: fades through black, a run of near-black frames between two pictures;
- ``DissolveDetector``: cross-dissolves, where frames change slowly but a frame half a second away
  is very different, the middle frame is a blend of both ends and the colours really change (pans do not).

``detect_boundaries`` merges them: one boundary per transition, hard cuts first, no shot shorter
than the minimum length.
"""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Literal

import cv2
import numpy as np

MIN_SHOT_SECONDS = Fraction(1, 2)
PAIR_BATCH = 512  # frames per float batch in FrameSignals.pairwise (6 MB a frame array)
CHANGED_PIXEL = 24.0  # summed |dY|+|dU|+|dV| for a pixel to count as changed
TransitionKind = Literal["cut", "fade", "dissolve"]
KIND_PRIORITY: dict[TransitionKind, int] = {"cut": 0, "fade": 1, "dissolve": 2}  # stronger kinds first


@dataclass(frozen=True)
class Boundary:
    """A new shot starts at ``frame``; the transition that makes it occupies frames ``span``."""

    frame: int
    kind: TransitionKind
    strength: float
    span: tuple[int, int]  # first and last frame of the transition, inclusive


def mean_abs_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b).mean(axis=(1, 2))


def _centred_abs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a - b| with the per-channel mean difference removed (mean(a) - mean(b) = mean(a - b)): one float
    array instead of two centred copies."""
    diff = np.subtract(a, b)
    diff -= diff.mean(axis=1, keepdims=True)
    return np.abs(diff, out=diff)


def centred_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Difference with each frame's per-channel mean removed: what is left when only exposure changes."""
    return _centred_abs(a, b).mean(axis=(1, 2))


def changed_fraction(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of pixels that really change once exposure is removed: a dissolve replaces the whole picture,
    an object crossing it does not."""
    return (_centred_abs(a, b).sum(axis=2) > CHANGED_PIXEL).mean(axis=1)


def centred_change(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``centred_diff`` and ``changed_fraction`` from one centred difference, as a (2, m) array: the
    dissolve test needs both for the same frame pairs."""
    diff = _centred_abs(a, b)
    return np.stack([diff.mean(axis=(1, 2)), (diff.sum(axis=2) > CHANGED_PIXEL).mean(axis=1)])


def blend_error(middle: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How far the middle frame is from the average of the two ends (0 for a linear dissolve)."""
    return np.abs(middle - (a + b) / 2).mean(axis=(1, 2))


def black_frames(features: np.ndarray) -> np.ndarray:
    """Which of ``(frames, h, w, 3)`` YUV feature images are near black: dark on average and almost
    everywhere (burned-in captions may stay). In batches of frames: the percentile works on a float64
    copy (32 MB for a 2-minute window at once)."""
    out = np.empty(len(features), bool)
    for part in frame_batches(len(features)):
        y = features[part, ..., 0].reshape(part.stop - part.start, -1)
        dark = y.mean(axis=1) <= 26
        if dark.any():  # the percentile (the slow half) only for frames dark on average
            dark[dark] = np.percentile(y[dark], 90, axis=1) <= 32
        out[part] = dark
    return out


def frame_batches(count: int) -> Iterator[slice]:
    """Consecutive slices of at most PAIR_BATCH frames covering ``range(count)``: per-frame arithmetic on a
    window's frames works a batch at a time, so its float and int64 temporaries stay small."""
    return (slice(lo, min(lo + PAIR_BATCH, count)) for lo in range(0, count, PAIR_BATCH))


class FrameSignals:
    """Per-frame measurements shared by the detectors, computed once and lazily."""

    def __init__(self, features: np.ndarray, fps: float) -> None:
        if features.ndim != 4 or features.shape[-1] != 3:
            raise ValueError(f"expected (frames, h, w, 3) YUV features, got shape {features.shape}")
        self.features = features
        self.fps = fps

    def __len__(self) -> int:
        return len(self.features)

    @cached_property
    def luma(self) -> np.ndarray:
        """Mean luma per frame (limited range: black is 16)."""
        return self.features[..., 0].reshape(len(self.features), -1).mean(axis=1)

    @cached_property
    def black(self) -> np.ndarray:
        """Near-black frames (``black_frames``)."""
        return black_frames(self.features)

    def pairwise(self, measure: Callable[..., np.ndarray], *frames: np.ndarray) -> np.ndarray:
        """``measure`` over frames ``frames[0][i], frames[1][i], ...`` as float32 (m, pixels, 3) batches.
        No frames: an empty (0,) array whatever the measure.

        Batching keeps memory flat: a float copy of every frame of a film would not fit.
        """
        out: np.ndarray | None = None
        pixels = self.features.shape[1] * self.features.shape[2]
        for part in frame_batches(len(frames[0])):
            batch = [self.features[f[part]].reshape(-1, pixels, 3).astype(np.float32) for f in frames]
            values = measure(*batch)
            if out is None:  # (m,) or, for a measure of several values, (values, m)
                out = np.empty((*values.shape[:-1], len(frames[0])), np.float32)
            out[..., part] = values
        return np.empty(0, np.float32) if out is None else out

    def distance(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Mean absolute YUV difference between frames ``a[i]`` and ``b[i]`` (0-255 scale).

        In the features' own uint8 with an integer sum (OpenCV's absdiff): the same values as
        ``mean_abs_diff`` on float copies, 12 times faster (the most called measure of detection)."""
        flat = self.features.reshape(len(self.features), -1)
        out = np.empty(len(a), np.float32)
        for part in frame_batches(len(out)):
            changed = cv2.absdiff(flat[a[part]], flat[b[part]])
            out[part] = changed.sum(axis=1, dtype=np.uint32) / flat.shape[1]
        return out

    @cached_property
    def step(self) -> np.ndarray:
        """``step[i]``: difference between frame i-1 and i; ``step[0]`` = 0."""
        out = np.zeros(len(self), np.float32)
        if len(self) > 1:
            idx = np.arange(1, len(self))
            out[1:] = self.distance(idx - 1, idx)
        return out

    @cached_property
    def histograms(self) -> np.ndarray:
        """Normalised colour histograms (16 Y + 8 U + 8 V bins) per frame."""
        return colour_histograms(self.features)

    def histograms_at(self, frames: np.ndarray) -> np.ndarray:
        """``histograms[frames]``, computing only those frames' (the dissolve test needs a few)."""
        if "histograms" in self.__dict__:
            return self.histograms[frames]
        unique, inverse = np.unique(frames, return_inverse=True)
        return colour_histograms(self.features[unique])[inverse.reshape(-1)]


def colour_histograms(features: np.ndarray) -> np.ndarray:
    """Normalised colour histograms (16 Y + 8 U + 8 V bins) of each of ``(frames, h, w, 3)`` YUV images."""
    counts = np.empty((len(features), 32), np.float32)
    for part in frame_batches(len(counts)):  # the bin numbers are int64: 25 MB a 2-minute window at once
        sample = features[part, ::2, ::2]  # every other pixel is plenty for 32 bins
        n = len(sample)
        bins = np.concatenate([
            sample[..., 0].reshape(n, -1) // 16,
            sample[..., 1].reshape(n, -1) // 32 + 16,
            sample[..., 2].reshape(n, -1) // 32 + 24,
        ], axis=1).astype(np.int64)
        flat = bins + np.arange(n)[:, None] * 32
        counts[part] = np.bincount(flat.ravel(), minlength=n * 32).reshape(n, 32)
    return counts / counts.sum(axis=1, keepdims=True)


class Detector(ABC):
    """Finds one kind of transition in the frame signals."""

    @abstractmethod
    def detect(self, signals: FrameSignals) -> list[Boundary]: ...


def _frames(fps: float, seconds: float, minimum: int = 1) -> int:
    return max(minimum, int(round(fps * seconds)))


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of the ``radius`` values on each side of every position, excluding the position itself."""
    padded = np.pad(values, radius, mode="edge")
    csum = np.concatenate([[0.0], np.cumsum(padded, dtype=np.float64)])
    total = csum[2 * radius + 1:] - csum[:-2 * radius - 1]
    return ((total - values) / (2 * radius)).astype(np.float32)


@dataclass(frozen=True)
class CutDetector(Detector):
    min_score: float = 5.0  # mean YUV jump (0-255) a cut must reach
    ratio: float = 3.0  # ... and how many times its neighbours' average jump
    window: int = 2  # neighbours on each side for that average
    big_score: float = 12.0  # a jump this big needs the ratio over one side's neighbours only
    persist: float = 0.45  # share of the jump that must remain against nearby frames (flashes return)
    flash_frames: int = 3

    def detect(self, signals: FrameSignals) -> list[Boundary]:
        n = len(signals)
        if n < 3:
            return []
        step = signals.step
        neighbours = _window_mean(step, self.window)
        rel = step / (neighbours + 1.0)
        # A cut into (or out of) fast action has busy neighbours on one side only: a big jump over the
        # calmer side counts too.
        padded = np.pad(step, self.window, mode="edge")
        sides = np.lib.stride_tricks.sliding_window_view(padded, 2 * self.window + 1)
        calmer = np.minimum(sides[:, :self.window].mean(axis=1), sides[:, self.window + 1:].mean(axis=1))
        one_sided = (step >= self.big_score) & (step / (calmer + 1.0) >= self.ratio)
        idx = np.flatnonzero(((step >= self.min_score) & (rel >= self.ratio)) | one_sided)
        idx = idx[idx >= 1]
        if not len(idx):
            return []
        # A flash (lightning, a camera flash, a single odd frame) is a jump that comes back: within a few
        # frames the picture again resembles the one before it. A cut never returns.
        returns = np.zeros(len(idx), bool)
        for m in range(1, self.flash_frames + 1):
            near = self.persist * step[idx]
            returns |= signals.distance(idx - 1, np.minimum(idx + m, n - 1)) < near
            returns |= signals.distance(np.maximum(idx - 1 - m, 0), idx) < near
        persists = ~returns
        return [Boundary(int(i), "cut", float(step[i]), (int(i) - 1, int(i))) for i in idx[persists]]


@dataclass(frozen=True)
class FadeDetector(Detector):
    """A run of black frames with pictures on both sides; the boundary is the middle of the run.

    A black leader or tail belongs to the first/last shot: it is reported at frame 0 or the end, where
    the merge drops it, but its span still claims the fade so no dissolve is reported inside it.
    """

    min_contrast: float = 12.0  # how much brighter the pictures around the black must get (luma)

    def detect(self, signals: FrameSignals) -> list[Boundary]:
        black = signals.black.astype(np.int8)
        edges = np.diff(np.concatenate([[0], black, [0]]))
        starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)  # runs [start, stop)
        n, luma = len(signals), signals.luma
        out = []
        for start, stop in zip(starts, stops, strict=True):
            first, last = int(start), int(stop) - 1
            while first > 0 and luma[first - 1] > luma[first] + 0.1:  # the fade out before the black
                first -= 1
            while last < n - 1 and luma[last + 1] > luma[last] + 0.1:  # the fade in after it
                last += 1
            frame = 0 if start == 0 else n if stop == n else int((start + stop) // 2)
            dark = luma[start:stop].mean()
            if 0 < frame < n and min(luma[first], luma[last]) < dark + self.min_contrast:
                continue  # dark pictures flickering around the threshold, not a fade
            out.append(Boundary(frame, "fade", float(stop - start), (first, last)))
        return out


@dataclass(frozen=True)
class DissolveDetector(Detector):
    half_window: float = 0.4  # seconds each side of the frame a dissolve is judged at
    min_change: float = 6.0  # mean YUV difference between the two ends, exposure shifts removed
    max_blend_error: float = 0.3  # middle frame vs the mean of the ends, relative to the change
    min_colour_change: float = 0.25  # histogram distance (0-1) between the ends; pans barely move it
    max_path: float = 2.0  # summed frame steps relative to the change: motion wanders, dissolves go straight
    min_coverage: float = 0.35  # share of the picture that must change
    strict_blend: float = 0.15  # ... unless blend error and path are this small
    strict_path: float = 1.3

    def detect(self, signals: FrameSignals) -> list[Boundary]:
        n, k = len(signals), _frames(signals.fps, self.half_window, minimum=3)
        if n <= 2 * k:
            return []
        mid = np.arange(k, n - k)
        change = signals.distance(mid - k, mid + k)
        csum = np.concatenate([[0.0], np.cumsum(signals.step, dtype=np.float64)])
        path = csum[mid + k + 1] - csum[mid - k + 1]
        black = signals.black
        # Cheap tests first; the costlier ones only run on the few frames that pass them.
        ok = ((change >= self.min_change) & (path <= self.max_path * change)
              & ~black[mid - k] & ~black[mid + k])
        # Auto exposure brightens or darkens the whole picture linearly, like a dissolve would: judge the
        # change with each frame's mean removed.
        if ok.any():
            centred, coverage = signals.pairwise(centred_change, mid[ok] - k, mid[ok] + k)
            ok[ok] = (centred >= self.min_change) & (coverage >= self.min_coverage)
        blend = np.full(len(mid), np.inf, np.float32)
        blend[ok] = signals.pairwise(blend_error, mid[ok], mid[ok] - k, mid[ok] + k)
        ok &= blend <= self.max_blend_error * change
        # Between shots of similar colours, accept only a nearly perfect blend along a straight path.
        colour = np.zeros(len(mid), np.float32)
        if ok.any():
            ends = signals.histograms_at(np.concatenate([mid[ok] - k, mid[ok] + k]))
            colour[ok] = np.abs(ends[:ok.sum()] - ends[ok.sum():]).sum(axis=1) / 2
        straight = (blend <= self.strict_blend * change) & (path <= self.strict_path * change)
        ok &= (colour >= self.min_colour_change) | straight
        score = change - 2 * blend
        # A long dissolve passes for many consecutive frames: one boundary per run, at its best frame.
        out = []
        for run in _runs(np.flatnonzero(ok), gap=k):
            j = int(run[np.argmax(score[run])])
            i = int(mid[j])
            span = (int(mid[run[0]]) - k, int(mid[run[-1]]) + k)
            out.append(Boundary(i, "dissolve", float(score[j]), span))
        return out


def _runs(indices: np.ndarray, gap: int) -> list[np.ndarray]:
    """Split sorted indices where consecutive ones are more than ``gap`` apart."""
    if not len(indices):
        return []
    return np.split(indices, np.flatnonzero(np.diff(indices) > gap) + 1)


DEFAULT_DETECTORS: tuple[Detector, ...] = (
    CutDetector(), FadeDetector(), DissolveDetector(), DissolveDetector(half_window=0.15),
)


def detect_boundaries(features: np.ndarray, fps: float, min_shot_frames: int | None = None,
                      detectors: tuple[Detector, ...] = DEFAULT_DETECTORS) -> list[Boundary]:
    """All detectors' boundaries merged into one list, sorted by frame (see ``merge_boundaries``)."""
    signals = FrameSignals(features, fps)
    found = [b for d in detectors for b in d.detect(signals)]
    return merge_boundaries(found, len(signals), min_shot_length(fps, min_shot_frames))


def min_shot_length(fps: float, min_shot_frames: int | None = None) -> int:
    """The shortest shot in frames: ``min_shot_frames`` when given, else ``MIN_SHOT_SECONDS`` at ``fps``."""
    return min_shot_frames if min_shot_frames is not None else _frames(fps, float(MIN_SHOT_SECONDS))


def merge_boundaries(found: list[Boundary], n: int, min_len: int) -> list[Boundary]:
    """One boundary per transition from every detector's findings in a video of ``n`` frames.

    Stronger kinds win (cut > fade > dissolve, then strength); a weaker boundary whose transition
    overlaps a stronger one's, or closer than ``min_len`` to an accepted boundary or the video's ends,
    is dropped. A boundary's fate depends only on those within its ``reach`` (``index.shot_stream``
    merges far-apart groups separately and gets the same answer).
    """
    found = sorted(found, key=lambda b: (KIND_PRIORITY[b.kind], -b.strength, b.frame))
    accepted: list[int] = []
    kept: list[Boundary] = []
    claimed: list[tuple[int, int]] = []  # transitions already explained by a stronger boundary
    for b in found:
        inside_stronger = any(lo <= b.span[1] and b.span[0] <= hi for lo, hi in claimed)
        claimed.append(b.span)
        if inside_stronger or b.frame < min_len or n - b.frame < min_len:
            continue
        pos = bisect.bisect_left(accepted, b.frame)
        if (pos > 0 and b.frame - accepted[pos - 1] < min_len) or (
                pos < len(accepted) and accepted[pos] - b.frame < min_len):
            continue
        accepted.insert(pos, b.frame)
        kept.append(b)
    return sorted(kept, key=lambda b: b.frame)


def reach(boundary: Boundary, min_len: int) -> tuple[int, int]:
    """Frames within which another boundary can change whether ``boundary`` is kept (span or spacing)."""
    return (min(boundary.frame, boundary.span[0]) - min_len, max(boundary.frame, boundary.span[1]) + min_len)
