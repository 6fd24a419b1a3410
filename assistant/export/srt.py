"""Subtitles for a cut: the source videos' cues re-timed onto the cut's output timeline.

Placement is ``Timeline.output_spans``, the one definition of output time the renderer also uses:
the title card first, then each clip over the output frames it fills (its speed and the crossfades
included), so a line is on screen exactly while the render shows its frames. A cue that runs past
a clip's edge is clipped to the part the cut shows. The SubRip text is written by ``pysubs2``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import pysubs2

from assistant.timeline.model import Timeline
from index.atomic import atomic_write_text
from index.dialogue import cues_for
from index.dialogue_store import Cue

# A line the cut shows only the edge of (it was spoken mostly outside the clip) would flash by
# unreadably; under this many source seconds it is left out. Lines shown whole always stay.
MIN_CLIPPED_PART = Fraction(3, 10)


def retime_cues(
    timeline: Timeline, cues_by_video: Mapping[str, Sequence[Cue]], fps: Fraction | None = None
) -> list[tuple[Fraction, Fraction, str]]:
    """``(start, end, text)`` on the output timeline at ``fps`` (default: the cut's own rate), in clip
    order; a cue two clips show appears twice."""
    placed = []
    for span in timeline.output_spans(fps):
        clip = span.clip
        for cue in cues_by_video.get(clip.video_id, ()):
            start, end = max(cue.start, clip.start), min(cue.end, clip.end)
            clipped = start > cue.start or end < cue.end
            if end > start and not (clipped and end - start < MIN_CLIPPED_PART):
                placed.append((span.to_output(start), span.to_output(end), cue.text))
    return placed


def cut_srt(
    timeline: Timeline, cues_by_video: Mapping[str, Sequence[Cue]], fps: Fraction | None = None
) -> str:
    """SubRip text for the cut (empty string when no cue falls inside it)."""
    subs = pysubs2.SSAFile()
    for start, end, text in retime_cues(timeline, cues_by_video, fps):
        if round(end * 1000) <= round(start * 1000):
            continue  # a sliver under a millisecond is not a subtitle
        event = pysubs2.SSAEvent(start=round(start * 1000), end=round(end * 1000))
        event.plaintext = text
        subs.append(event)
    return subs.to_string("srt").rstrip("\n") + "\n" if subs.events else ""


def write_library_cut_srt(
    timeline: Timeline, library_dir: Path, path: Path, fps: Fraction | None = None
) -> Path | None:
    """The cut's dialogue from the library's cues as ``path``; None (nothing written) if no line is in it."""
    cues = {video: cues_for(library_dir, video) for video in {c.video_id for c in timeline.clips}}
    text = cut_srt(timeline, cues, fps)
    if not text:
        return None
    atomic_write_text(path, text)
    return path
