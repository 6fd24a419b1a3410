"""What blur and reframe did to each clip, as keyframes an editing-interchange file can carry.

Editors cannot replay our per-frame pipeline, so exports hand them the decisions: the crop window's path
(keyframes at each shot's first and last frame and every ``KEY_STEP`` frames between, linear in between:
the path's speed is bounded, so that is close) and each blurred face's region over time. OTIO keeps both as
clip metadata and markers, FCPXML as markers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from assistant.render import effects
from assistant.render.face_boxes import segments
from assistant.timeline.model import Timeline
from index.shot import VideoInfo

KEY_STEP = 12  # frames between keyframes inside a shot


@dataclass(frozen=True)
class BlurRegion:
    """One face blurred over clip-relative frames ``[start, end)``: keys are (frame, x0, y0, x1, y1)."""

    start: int
    end: int
    keys: tuple[tuple[int, int, int, int, int], ...]


@dataclass(frozen=True)
class ClipMarks:
    """One clip's effects in source pixels and clip-relative source frames."""

    picture: tuple[int, int]  # the source picture the coordinates are in (display pixels)
    shots: tuple[tuple[int, int], ...]  # the clip's shots, clip-relative frames [start, end)
    crop_size: tuple[int, int] | None  # None: not reframed
    crop_keys: tuple[tuple[int, int, int], ...]  # (frame, x, y) of the crop's top-left corner
    blur_regions: tuple[BlurRegion, ...]

    def to_json(self) -> dict:
        return {
            "picture": list(self.picture),
            "shots": [list(shot) for shot in self.shots],
            **({"crop": {"size": list(self.crop_size), "keyframes": [list(k) for k in self.crop_keys]}}
               if self.crop_size is not None else {}),
            "blur": [{"start": r.start, "end": r.end, "keyframes": [list(k) for k in r.keys]}
                     for r in self.blur_regions],
        }


def _key_frames(start: int, end: int) -> list[int]:
    return sorted({*range(start, end, KEY_STEP), end - 1})


def clip_marks(analysis: effects.ClipEffects) -> ClipMarks:
    crop_keys: list[tuple[int, int, int]] = []
    shots = segments(analysis.frames, analysis.cuts)
    crop = analysis.crop
    if crop is not None:
        for start, end in shots:
            crop_keys += [(f, int(crop[f, 0]), int(crop[f, 1])) for f in _key_frames(start, end)]
    regions = []
    for boxes in analysis.blurred:
        present = ~np.isnan(boxes[:, 0])
        edges = np.flatnonzero(np.diff(np.concatenate([[0], present.astype(np.int8), [0]])))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            keys = tuple((f, *(int(round(v)) for v in boxes[f])) for f in _key_frames(int(start), int(end)))
            regions.append(BlurRegion(int(start), int(end), keys))  # type: ignore[arg-type]
    return ClipMarks(analysis.size, tuple(shots), analysis.crop_size if analysis.crop is not None else None,
                     tuple(crop_keys), tuple(sorted(regions, key=lambda r: r.start)))


def timeline_marks(timeline: Timeline, videos: Mapping[str, VideoInfo],
                   source: object) -> tuple[ClipMarks | None, ...]:
    """Per clip its marks (None for a clip without effects of its own, "don't blur clip 2", or whose source
    file is gone: nothing to analyse); empty when the cut has no effects."""
    if not timeline.effects_active:
        return ()
    marks: list[ClipMarks | None] = []
    for i, clip in enumerate(timeline.clips):
        video = videos[clip.video_id]
        privacy = timeline.clip_privacy(i)
        if not privacy.active or not os.path.isfile(video.path):
            marks.append(None)
            continue
        marks.append(clip_marks(effects.analyse_for(clip, video, privacy, source)))
    return tuple(marks)
