"""Final Cut Pro 7 XML (xmeml), what Premiere Pro and DaVinci Resolve import, through ``otio-fcp-adapter``.

Written from the same OTIO timeline as the OTIO export (crossfades as dissolves on the clips' own
frames, NTSC rates as timebase + ``ntsc``). The adapter writes no speed effects, so clips are exported
at normal speed (as in the EDL); OTIO and FCPXML keep the speed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import opentimelineio as otio

from assistant.export import otio as export_otio
from assistant.timeline.model import Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    built = export_otio.build(export_otio.at_normal_speed(timeline), videos)
    atomic_write_text(out_path, otio.adapters.write_to_string(built, "fcp_xml"))
    return out_path
