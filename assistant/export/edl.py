"""CMX 3600 EDL export through the otio-cmx3600-adapter, from the same OTIO timeline as the OTIO writer.

An EDL has one rate: the first clip's. Clips of other rates keep their times, expressed as timecode at
that rate (rounded to its frames). EDL speed and title events are not portable across editors, so
speed changes are dropped and the title card is left out; OTIO and FCPXML keep both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

import opentimelineio as otio

from assistant.export import otio as export_otio
from assistant.timeline.model import Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    plain = Timeline(clips=tuple(dataclasses.replace(c, speed=1.0) for c in timeline.clips),
                     transition=timeline.transition, transition_seconds=timeline.transition_seconds)
    built = export_otio.build(plain, videos)
    atomic_write_text(out_path, otio.adapters.write_to_string(built, "cmx_3600"))
    return out_path
