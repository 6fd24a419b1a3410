"""Editing-interchange exports: one registry of writers (name -> writer, file suffix).

Every writer takes the timeline and the resolved videos and writes one file atomically; the CLI and
the app list formats from here, so adding a writer is one entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.export import edl, fcp7xml, fcpxml, otio
from assistant.render import graph as rg
from assistant.render.ffmpeg import RenderError
from assistant.render.privacy_marks import timeline_marks
from assistant.timeline.model import Timeline


@dataclass(frozen=True)
class Exporter:
    write: Callable[..., Path]  # (timeline, videos, out path[, privacy marks when ``carries_effects``])
    suffix: str
    description: str
    carries_effects: bool = False  # writes blur regions and the crop path (``render.privacy_marks``)


EXPORTERS: dict[str, Exporter] = {
    "otio": Exporter(otio.write, ".otio", "OpenTimelineIO", carries_effects=True),
    "edl": Exporter(edl.write, ".edl", "CMX 3600 EDL"),
    "fcpxml": Exporter(fcpxml.write, ".fcpxml", "Final Cut Pro X XML", carries_effects=True),
    "fcp7xml": Exporter(fcp7xml.write, ".xml", "Final Cut Pro 7 XML (Premiere Pro, DaVinci Resolve)"),
}


def export(timeline: Timeline, source: rg.MediaSource, fmt: str, out_path: Path) -> Path:
    """Write the cut as an editing-interchange file (``fmt`` a key of ``EXPORTERS``) referencing the media."""
    if fmt not in EXPORTERS:
        raise RenderError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
    videos = rg.resolve_videos(timeline, source, require_files=False)
    exporter = EXPORTERS[fmt]
    if exporter.carries_effects and timeline.effects_active:
        return exporter.write(timeline, videos, Path(out_path), timeline_marks(timeline, videos, source))
    return exporter.write(timeline, videos, Path(out_path))
