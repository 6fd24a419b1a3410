"""Subtitles for a cut: the source videos' cues re-timed onto the cut's output timeline.

Placement follows ``Timeline.duration`` exactly: the title card first (``TITLE_SECONDS``), then each
clip at its speed, each crossfade overlapping the next clip onto the previous one. A cue that runs
past a clip's edge is clipped to the part the cut shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from assistant.timeline.model import TITLE_SECONDS, Timeline
from index.atomic import atomic_write_text
from index.dialogue import cues_for
from index.dialogue_store import Cue


def clip_offsets(timeline: Timeline) -> list[Fraction]:
    """Output time at which each clip starts."""
    overlap = Fraction(0)
    if timeline.transition == "crossfade":
        overlap = Fraction(timeline.transition_seconds).limit_denominator(1000)
    at = TITLE_SECONDS if timeline.title else Fraction(0)
    offsets = []
    for clip in timeline.clips:
        offsets.append(at)
        at += clip.output_duration - overlap
    return offsets


# A line the cut shows only the edge of (it was spoken mostly outside the clip) would flash by
# unreadably; under this many source seconds it is left out. Lines shown whole always stay.
MIN_CLIPPED_PART = Fraction(3, 10)


def retime_cues(
    timeline: Timeline, cues_by_video: Mapping[str, Sequence[Cue]]
) -> list[tuple[Fraction, Fraction, str]]:
    """``(start, end, text)`` on the output timeline in clip order; a cue two clips show appears twice."""
    placed = []
    for clip, offset in zip(timeline.clips, clip_offsets(timeline), strict=True):
        rate = clip.duration / clip.output_duration  # source seconds per output second (the speed)
        for cue in cues_by_video.get(clip.video_id, ()):
            start, end = max(cue.start, clip.start), min(cue.end, clip.end)
            clipped = start > cue.start or end < cue.end
            if end > start and not (clipped and end - start < MIN_CLIPPED_PART):
                out_start = offset + (start - clip.start) / rate
                placed.append((out_start, out_start + (end - start) / rate, cue.text))
    return placed


def _srt_time(t: Fraction) -> str:
    millis = round(t * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def cut_srt(timeline: Timeline, cues_by_video: Mapping[str, Sequence[Cue]]) -> str:
    """SubRip text for the cut (empty string when no cue falls inside it)."""
    blocks = []
    for start, end, text in retime_cues(timeline, cues_by_video):
        if round(end * 1000) <= round(start * 1000):
            continue  # a sliver under a millisecond is not a subtitle
        blocks.append(f"{len(blocks) + 1}\n{_srt_time(start)} --> {_srt_time(end)}\n{text}\n")
    return "\n".join(blocks)


def write_cut_srt(timeline: Timeline, cues_by_video: Mapping[str, Sequence[Cue]], path: Path) -> Path:
    """Write the cut's .srt atomically (next to an export, e.g. ``cut.mp4`` -> ``cut.srt``)."""
    atomic_write_text(path, cut_srt(timeline, cues_by_video))
    return path


def write_library_cut_srt(timeline: Timeline, library_dir: Path, path: Path) -> Path | None:
    """The cut's dialogue from the library's cues as ``path``; None (nothing written) if no line is in it."""
    cues = {video: cues_for(library_dir, video) for video in {c.video_id for c in timeline.clips}}
    text = cut_srt(timeline, cues)
    if not text:
        return None
    atomic_write_text(path, text)
    return path
