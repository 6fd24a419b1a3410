"""CMX 3600 EDL export through the otio-cmx3600-adapter, from the same OTIO timeline as the OTIO writer.

An EDL has one rate: the first clip's. Clips of other rates keep their times, expressed as timecode at
that rate (rounded to its frames). EDL speed and title events are not portable across editors, so
speed changes are dropped and the title card is left out; OTIO and FCPXML keep both. Crossfades are
dissolves on the clips' own frames (see ``export.otio``), so a clip starting at frame 0 is fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import opentimelineio as otio

from assistant.export import otio as export_otio
from assistant.timeline.model import Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    # the title card is left out, but the EDL's TITLE line keeps the cut's name
    built = export_otio.build(replace(export_otio.at_normal_speed(timeline), title=None), videos,
                              name=export_otio.sequence_name(timeline))
    atomic_write_text(out_path, otio.adapters.write_to_string(built, "cmx_3600"))
    return out_path
