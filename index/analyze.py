"""Analyse one video: a single decode pass, shot detection, keyframes and thumbnails.

This is the whole pixel side of ingest; the caller embeds ``keyframe_images`` and stores ``shots``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from index.decode import decode
from index.keyframes import choose_keyframes, keyframe_quality, write_thumbnail
from index.shot import Shot, VideoInfo
from index.shot_detect import detect_boundaries

FrameSink = Callable[[av.VideoFrame, float, np.ndarray], None]  # (frame, seconds, 48x27 YUV feature image)
Progress = Callable[[str, int, int], None]  # (stage, done, total), e.g. ("decode", frames_done, frames_total)


@dataclass
class Analysis:
    shots: list[Shot]  # contiguous, covering the whole video; thumbnails already written
    keyframe_images: list[list[np.ndarray]]  # per shot, RGB uint8 (short side >= 224), one per shot.keyframes
    timings: dict[str, float] = field(default_factory=dict)  # seconds in "decode", "detect", "keyframes"


def analyze(path: Path | str, info: VideoInfo, library_dir: Path, progress: Progress | None = None,
            frame_sink: FrameSink | None = None) -> Analysis:
    """Find the shots of a probed video, pick their keyframes and write their thumbnails.

    ``frame_sink`` rides the decode (the face stage); its time is counted in "decode".

    Shot frames are presentation-order indices; times are exact pts seconds from the first frame.
    Raises ``CorruptMediaError`` if decoding breaks off.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    on_frames = None if progress is None else (lambda done, total: progress("decode", done, total))
    decoded = decode(path, info, on_frames, frame_sink)
    timings["decode"] = time.perf_counter() - started

    started = time.perf_counter()
    boundaries = detect_boundaries(decoded.features, float(info.fps))
    timings["detect"] = time.perf_counter() - started
    if progress is not None:
        progress("detect", 1, 1)

    started = time.perf_counter()
    starts = [0, *(b.frame for b in boundaries)]
    ends = [*starts[1:], decoded.frame_count]
    shots: list[Shot] = []
    images: list[list[np.ndarray]] = []
    candidates = list(decoded.candidates)
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        chosen = choose_keyframes(candidates, start, end, float(info.fps))
        pictures = [c.image() for c in chosen]
        best = max(range(len(chosen)), key=lambda i: keyframe_quality(chosen[i]))
        shots.append(Shot(
            video_id=info.id, index=index, start_frame=start, end_frame=end,
            start=decoded.time(start), end=decoded.time(end),
            keyframes=tuple(decoded.time(c.frame) for c in chosen),
            thumbnail=write_thumbnail(pictures[best], Path(library_dir), info.id, index),
        ))
        images.append(pictures)
        if progress is not None:
            progress("keyframes", index + 1, len(starts))
    timings["keyframes"] = time.perf_counter() - started
    return Analysis(shots, images, timings)
