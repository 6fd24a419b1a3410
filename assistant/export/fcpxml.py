"""FCPXML 1.10 export, our own small writer.

The ``otio-fcpx-xml-adapter`` plug-in (1.0.0) is installed and reads these files back in the tests,
but it cannot write them: it keys formats by ``int(rate)``, so 23.976/29.97 get an empty
``frameDuration`` and every time is truncated to whole frames at 23/29 fps. Here times are rational
strings in frame durations (``"1001/24000s"``) so NTSC rates stay exact; media are referenced by
absolute ``file://`` URL; the XML is built with ElementTree, so names are escaped. Lengths, the title
card and crossfades follow ``Timeline.output_time`` (crossfades trimmed as in ``export.otio``).
Blur and reframe (``render.privacy_marks``) become markers on each clip: one per blurred face (where it
is, over the frames it is blurred) and one per reframed shot (the crop's size and first position).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from assistant.export.otio import crossfade_trims, sequence_name
from assistant.render.privacy_marks import ClipMarks
from assistant.timeline.model import Timeline
from index.atomic import atomic_write_bytes
from index.shot import VideoInfo

VERSION = "1.10"


def rational(seconds: Fraction) -> str:
    seconds = Fraction(seconds)
    if seconds.denominator == 1:
        return f"{seconds.numerator}s"
    return f"{seconds.numerator}/{seconds.denominator}s"


def _markers(element: ET.Element, marks: ClipMarks, first_frame: int, fps: Fraction, aspect: str) -> None:
    """Markers in the asset's time (the clip's source frames), as FCPXML places a clip's markers."""
    def add(start: int, end: int, value: str) -> None:
        ET.SubElement(element, "marker", start=rational((first_frame + start) / fps),
                      duration=rational(max(1, end - start) / fps), value=value)

    for region in marks.blur_regions:
        add(region.start, region.end, f"blurred face at {region.keys[0][1:]}")
    if marks.crop_size is not None:
        corner = {frame: (x, y) for frame, x, y in marks.crop_keys}
        width, height = marks.crop_size
        for start, end in marks.shots:
            add(start, end, f"reframe {aspect}: crop {width}x{height} from {corner[start]}")


def build(timeline: Timeline, videos: Mapping[str, VideoInfo], name: str | None = None,
          marks: Sequence[ClipMarks | None] = ()) -> ET.Element:
    root = ET.Element("fcpxml", version=VERSION)
    resources = ET.SubElement(root, "resources")
    first = videos[timeline.clips[0].video_id]
    formats: dict[tuple[Fraction, int, int], str] = {}
    assets: dict[str, str] = {}

    def format_id(video: VideoInfo) -> str:
        key = (video.fps, video.display_width, video.height)
        if key not in formats:
            formats[key] = f"r{len(formats) + len(assets) + 1}"
            ET.SubElement(resources, "format", id=formats[key], frameDuration=rational(1 / video.fps),
                          width=str(video.display_width), height=str(video.height))
        return formats[key]

    sequence_format = format_id(first)
    for clip in timeline.clips:
        video = videos[clip.video_id]
        if video.id not in assets:
            fmt = format_id(video)
            assets[video.id] = f"r{len(formats) + len(assets) + 1}"
            asset = ET.SubElement(
                resources, "asset", id=assets[video.id], name=Path(video.path).name, uid=video.id, start="0s",
                duration=rational(video.frame_count / video.fps), hasVideo="1",
                hasAudio="1" if video.has_audio else "0", format=fmt,
            )
            ET.SubElement(asset, "media-rep", kind="original-media", src=Path(video.path).resolve().as_uri())
    library = ET.SubElement(root, "library")
    event = ET.SubElement(library, "event", name="personalcut")
    project = ET.SubElement(event, "project", name=name or sequence_name(timeline))
    sequence = ET.SubElement(project, "sequence", format=sequence_format, tcStart="0s", tcFormat="NDF",
                             audioLayout="stereo", audioRate="48k")
    spine = ET.SubElement(sequence, "spine")
    out = timeline.output_time(first.fps)
    offset = Fraction(0)
    if timeline.title:
        title_length = out.title_frames / first.fps
        ET.SubElement(spine, "gap", name=f"Title: {timeline.title}", offset="0s", start="0s",
                      duration=rational(title_length))
        offset += title_length
    if out.open_frames:  # the cut's opening fade: a dissolve from black at the start of the spine
        ET.SubElement(spine, "transition", name="Fade In", offset="0s",
                      duration=rational(Fraction(out.open_frames) / first.fps))
    last = len(timeline.clips) - 1
    overlaps = [out.edge_overlap(i) for i in range(last)]  # output frames each join's crossfade takes
    for i, (span, (head, tail)) in enumerate(zip(out.spans, crossfade_trims(timeline, first.fps),
                                                 strict=True)):
        clip, video = span.clip, videos[span.clip.video_id]
        before = overlaps[i - 1] // 2 if i > 0 else 0  # of the crossfade into this clip, before the cut
        after = overlaps[i] - overlaps[i] // 2 if i < last else 0  # of the one out of it, after the cut
        if i > 0 and overlaps[i - 1]:
            ET.SubElement(spine, "transition", name="Cross Dissolve",
                          offset=rational(offset - Fraction(before) / first.fps),
                          duration=rational(Fraction(overlaps[i - 1]) / first.fps))
        source_start = (clip.in_frame + head) / video.fps
        source_length = (clip.out_frame - clip.in_frame - head - tail) / video.fps
        length = (span.frames - before - after) / first.fps
        element = ET.SubElement(
            spine, "asset-clip", ref=assets[video.id], name=Path(video.path).name, offset=rational(offset),
            start=rational(source_start), duration=rational(length),
        )
        if length != source_length:
            time_map = ET.SubElement(element, "timeMap")
            ET.SubElement(time_map, "timept", time="0s", value="0s", interp="linear")
            ET.SubElement(time_map, "timept", time=rational(length), value=rational(source_length),
                          interp="linear")
        if clip.volume != 1.0:  # the clip's sound level, in dB (muted: the -96 dB floor)
            gain = 20 * math.log10(clip.volume) if clip.volume > 0 else -96.0
            ET.SubElement(element, "adjust-volume", amount=f"{max(gain, -96.0):.1f}dB")
        clip_marks = marks[i] if marks else None  # markers after the timing and audio adjustments (DTD order)
        if clip_marks is not None:
            _markers(element, clip_marks, clip.in_frame, video.fps, timeline.privacy.aspect)
        offset += length
    if out.close_frames:  # and its closing fade, a dissolve to black at the end
        fade = Fraction(out.close_frames) / first.fps
        ET.SubElement(spine, "transition", name="Fade Out", offset=rational(offset - fade),
                      duration=rational(fade))
    sequence.set("duration", rational(offset))
    return root


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path,
          marks: Sequence[ClipMarks | None] = ()) -> Path:
    root = build(timeline, videos, marks=marks)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    header = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n'
    atomic_write_bytes(out_path, f"{header}{body}\n".encode())
    return out_path
