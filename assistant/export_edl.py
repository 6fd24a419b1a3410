"""CMX 3600 EDL export through the otio-cmx3600-adapter, from the same OTIO timeline as the OTIO writer.

EDL has one rate per list and no speed or title events we can trust across editors, so the list is at
the first clip's rate, speed changes are dropped and the title card is left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

import opentimelineio as otio

from assistant import export_otio
from assistant.ffmpeg_run import RenderError
from assistant.timeline import Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    rates = {videos[c.video_id].fps for c in timeline.clips}
    if len(rates) > 1:
        raise RenderError(
            "an EDL holds one frame rate but this cut mixes "
            + ", ".join(f"{float(r):.3f}" for r in sorted(rates)) + " fps; export OTIO or FCPXML instead"
        )
    plain = Timeline(clips=tuple(dataclasses.replace(c, speed=1.0) for c in timeline.clips),
                     transition=timeline.transition, transition_seconds=timeline.transition_seconds)
    built = export_otio.build(plain, videos)
    atomic_write_text(out_path, otio.adapters.write_to_string(built, "cmx_3600"))
    return out_path
