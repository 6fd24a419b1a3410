"""Reframing geometry: the crop a target aspect takes from a picture, and a smooth crop path per shot.

Pure numpy over per-frame targets (where the people are), so the path's rules can be tested without
video: inside a shot the crop follows a smoothed target at a bounded speed (no jitter, no whip pans);
at a cut it jumps straight to the new shot's target (a hard reset, as an editor would reframe).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.timeline.model import Aspect

ASPECTS: dict[str, tuple[int, int]] = {"9:16": (9, 16), "1:1": (1, 1), "4:5": (4, 5)}
MAX_STEP = 0.02  # the crop moves at most this share of the picture's long side per frame
SMOOTH_SECONDS = 0.5  # the target is averaged over this window before the crop follows it
LETTERBOX_LEVEL = 28  # rows/columns never brighter than this (8-bit luma) are black bars
MIN_PICTURE_SHARE = 0.4  # a "picture area" smaller than this share of a side is a dark scene, not bars


def _even_floor(value: float) -> int:
    return max(2, int(value) // 2 * 2)


def crop_size(width: int, height: int, aspect: Aspect) -> tuple[int, int]:
    """The largest even ``aspect`` crop of a ``width`` x ``height`` picture (all of it for "original")."""
    if aspect == "original":
        return _even_floor(width), _even_floor(height)
    num, den = ASPECTS[aspect]
    if width * den > height * num:  # picture wider than the target: full height
        return min(_even_floor(width), _even_floor(height * num / den)), _even_floor(height)
    return _even_floor(width), min(_even_floor(height), _even_floor(width * den / num))


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int


def picture_area(row_peaks: np.ndarray, column_peaks: np.ndarray) -> Rect:
    """The picture inside black bars, from each row's and column's brightest luma over sampled frames.

    A side whose bright part is under ``MIN_PICTURE_SHARE`` of it is taken whole (a dark scene).
    """
    def span(peaks: np.ndarray) -> tuple[int, int]:
        lit = np.flatnonzero(peaks > LETTERBOX_LEVEL)
        if len(lit) == 0 or (lit[-1] + 1 - lit[0]) < MIN_PICTURE_SHARE * len(peaks):
            return 0, len(peaks)
        return int(lit[0]), int(lit[-1]) + 1

    y0, y1 = span(np.asarray(row_peaks))
    x0, x1 = span(np.asarray(column_peaks))
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _smooth(values: np.ndarray, window: int) -> np.ndarray:
    """Centred moving average, edges padded with the end values (a shot's ends do not drift)."""
    if window <= 1 or len(values) < 2:
        return values.copy()
    half = window // 2
    padded = np.concatenate([np.full(half, values[0]), values, np.full(half, values[-1])])
    kernel = np.ones(2 * half + 1) / (2 * half + 1)
    return np.convolve(padded, kernel, mode="valid")


def axis_path(
    targets: np.ndarray, cuts: Sequence[int], lo: int, hi: int, size: int, max_step: float, window: int
) -> np.ndarray:
    """Crop starts (ints) along one axis, one per frame: the crop of ``size`` inside ``[lo, hi)`` centred
    on the smoothed target, moving at most ``max_step`` pixels a frame, reset at each cut frame."""
    frames = len(targets)
    starts = np.zeros(frames, np.int64)
    whole_step = max(1, int(max_step))
    if size >= hi - lo:
        starts[:] = lo
        return starts
    bounds = [0, *sorted(c for c in cuts if 0 < c < frames), frames]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        wanted = np.rint(np.clip(_smooth(targets[a:b].astype(np.float64), window) - size / 2, lo, hi - size))
        position = int(wanted[0])
        for i in range(b - a):  # in whole pixels, so rounding never takes a step past the bound
            position += int(np.clip(wanted[i] - position, -whole_step, whole_step))
            starts[a + i] = position
    return np.clip(starts, lo, hi - size)


def crop_path(
    centres: np.ndarray, cuts: Sequence[int], picture: Rect, crop: tuple[int, int], fps: float
) -> np.ndarray:
    """``(frames, 2)`` crop top-left corners (x, y) following ``centres`` (``(frames, 2)`` target points)."""
    step = MAX_STEP * max(picture.w, picture.h)
    window = max(1, round(SMOOTH_SECONDS * fps))
    xs = axis_path(centres[:, 0], cuts, picture.x, picture.x + picture.w, crop[0], step, window)
    ys = axis_path(centres[:, 1], cuts, picture.y, picture.y + picture.h, crop[1], step, window)
    return np.stack([xs, ys], axis=1)


def max_jump(path: np.ndarray, cuts: Sequence[int]) -> float:
    """The largest frame-to-frame crop move (pixels) anywhere but across ``cuts``."""
    if len(path) < 2:
        return 0.0
    moves = np.abs(np.diff(path.astype(np.float64), axis=0)).max(axis=1)
    for cut in cuts:
        if 0 < cut < len(path):
            moves[cut - 1] = 0.0
    return float(moves.max())
