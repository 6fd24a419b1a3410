"""OpenTimelineIO export: clips as source ranges at each video's exact rate (24000/1001, not 23.976).

The OTIO timeline built here is what every other format's adapter (CMX 3600 EDL, FCPXML, FCP 7 XML)
writes from. Every clip carries its personalcut origin (video id, frames, speed, reason) in metadata
so a round trip is lossless. A cut with blur or reframe adds what they did (``render.privacy_marks``):
the crop path and blur regions as keyframes in the clip's metadata (``personalcut.privacy``), and
markers on the clip, one per blurred face (red) and one per reframed shot (blue), so an editor sees them.

Output time comes from ``Timeline.output_time`` at the first video's rate (what a render uses). A
crossfade is an OTIO transition between two clips, which in OTIO takes handle media from beyond the
clips' ranges and does not shorten the track; ours overlaps the clips' own frames and does. So each
crossfade trims the outgoing clip's tail by its ``out_offset`` and the incoming clip's head by its
``in_offset``: the transition's handles are then the clips' own frames (never before frame 0) and the
track is exactly as long as the render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from assistant.render.privacy_marks import ClipMarks
from assistant.timeline.model import Clip, OutputSpan, OutputTime, Privacy, Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo

METADATA_KEY = "personalcut"
DEFAULT_NAME = "personalcut cut"  # an untitled cut's sequence


def rate_of(video: VideoInfo) -> float:
    """OTIO rates are floats; 24000/1001 as a float converts back to the same fraction exactly."""
    return video.fps.numerator / video.fps.denominator


def fraction_rate(rate: float) -> Fraction:
    """Undo ``rate_of``: recover 24000/1001, 30000/1001, 25, ... from OTIO's float rate."""
    return Fraction(rate).limit_denominator(1001)


def at_normal_speed(timeline: Timeline) -> Timeline:
    """The cut with every clip at speed 1, for formats whose adapters have no speed effect (EDL, FCP 7)."""
    return replace(timeline, clips=tuple(replace(c, speed=1.0) for c in timeline.clips))


def _source_frames(span: OutputSpan, output_frames: int) -> int:
    """Source frames of ``span``'s clip shown in ``output_frames`` of its output frames."""
    clip = span.clip
    return round(Fraction(output_frames * (clip.out_frame - clip.in_frame), span.frames))


def crossfade_trims(timeline: Timeline, fps: Fraction) -> list[tuple[int, int]]:
    """Per clip, (head, tail) source frames that crossfades take as transition handles."""
    out = timeline.output_time(fps)
    trims = [[0, 0] for _ in timeline.clips]
    for i in range(1, len(out.spans)):
        if overlap := out.edge_overlap(i - 1):
            before = overlap // 2  # the transition's in_offset, in output frames
            trims[i - 1][1] = _source_frames(out.spans[i - 1], overlap - before)
            trims[i][0] = _source_frames(out.spans[i], before)
    return [(head, tail) for head, tail in trims]


def _privacy_metadata(privacy: Privacy, marks: ClipMarks | None) -> dict:
    """The settings, and what they did when the clip was analysed (not for a source that is gone)."""
    return {"privacy": {**privacy.to_json(), **(marks.to_json() if marks is not None else {})}}


def _markers(clip: Clip, marks: ClipMarks, rate: float, aspect: str) -> list[otio.schema.Marker]:
    """Markers in the clip's media time: each blurred face, each reframed shot (its crop's first place)."""
    def span(start: int, end: int) -> otio.opentime.TimeRange:
        return otio.opentime.TimeRange(otio.opentime.RationalTime(clip.in_frame + start, rate),
                                       otio.opentime.RationalTime(end - start, rate))

    found = [otio.schema.Marker(name=f"blurred face {r.keys[0][1:]}", marked_range=span(r.start, r.end),
                                color=otio.schema.MarkerColor.RED) for r in marks.blur_regions]
    if marks.crop_size is not None:
        width, height = marks.crop_size
        corner = {frame: (x, y) for frame, x, y in marks.crop_keys}
        found += [otio.schema.Marker(name=f"reframe {aspect}: crop {width}x{height} from {corner[start]}",
                                     marked_range=span(start, end), color=otio.schema.MarkerColor.BLUE)
                  for start, end in marks.shots]
    return found


def _clip_item(clip: Clip, video: VideoInfo, head: int, tail: int, transition: str,
               privacy: Privacy, marks: ClipMarks | None) -> otio.schema.Clip:
    rate = rate_of(video)
    item = otio.schema.Clip(
        name=Path(video.path).name,
        media_reference=otio.schema.ExternalReference(
            target_url=Path(video.path).resolve().as_uri(),
            available_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(video.frame_count, rate)),
        ),
        source_range=otio.opentime.TimeRange(
            otio.opentime.RationalTime(clip.in_frame + head, rate),
            otio.opentime.RationalTime(clip.out_frame - clip.in_frame - head - tail, rate)),
        metadata={METADATA_KEY: {**clip.to_json(), "transition": transition,
                                 **(_privacy_metadata(privacy, marks) if privacy.active else {})}},
    )
    if marks is not None:
        item.markers.extend(_markers(clip, marks, rate, privacy.aspect))
    if clip.speed != 1.0:
        item.effects.append(otio.schema.LinearTimeWarp(time_scalar=clip.speed))
    return item


def sequence_name(timeline: Timeline) -> str:
    """The name of the exported sequence: the cut's title on one line, or a default when it has none."""
    title = " ".join((timeline.title or "").split())
    return title or DEFAULT_NAME


def build(
    timeline: Timeline, videos: Mapping[str, VideoInfo], name: str | None = None,
    marks: Sequence[ClipMarks | None] = (),
) -> otio.schema.Timeline:
    """The OTIO timeline; ``marks`` (one per clip, from ``privacy_marks.timeline_marks``) adds the effects.
    Named ``name``, else by the cut's title, so the sequence an editor imports is called what the user
    called the cut."""
    first = videos[timeline.clips[0].video_id]
    first_rate = rate_of(first)
    out = timeline.output_time(first.fps)
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    if timeline.title:
        track.append(otio.schema.Gap(
            source_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, first_rate),
                                                 otio.opentime.RationalTime(out.title_frames, first_rate)),
            name=f"Title: {timeline.title}", metadata={METADATA_KEY: {"title": timeline.title}},
        ))
    trims = crossfade_trims(timeline, first.fps)
    for i, (clip, (head, tail)) in enumerate(zip(timeline.clips, trims, strict=True)):
        video = videos[clip.video_id]
        if i > 0 and out.edge_overlap(i - 1):
            previous = videos[timeline.clips[i - 1].video_id]
            track.append(otio.schema.Transition(
                transition_type=otio.schema.TransitionTypes.SMPTE_Dissolve,
                in_offset=otio.opentime.RationalTime(head, rate_of(video)),
                out_offset=otio.opentime.RationalTime(trims[i - 1][1], rate_of(previous)),
            ))
        track.append(_clip_item(clip, video, head, tail, timeline.transition, timeline.clip_privacy(i),
                                marks[i] if marks else None))
    _end_fades(track, timeline, out, first_rate)
    result = otio.schema.Timeline(name=name or sequence_name(timeline), tracks=[track])
    result.global_start_time = otio.opentime.RationalTime(0, first_rate)
    return result


def _end_fades(track: otio.schema.Track, timeline: Timeline, out: OutputTime, rate: float) -> None:
    """The cut's opening and closing fades as markers over the frames they take (and their seconds in the
    track's metadata): OTIO has no fade from or to black an editor would read the same way."""
    fades = {}
    if out.open_frames:
        fades["fade_in"] = timeline.fade_in
        track.markers.append(otio.schema.Marker(
            name=f"Fade in from black ({timeline.fade_in:g} s)",
            marked_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, rate),
                                                 otio.opentime.RationalTime(out.open_frames, rate)),
            color=otio.schema.MarkerColor.BLACK))
    if out.close_frames:
        fades["fade_out"] = timeline.fade_out
        track.markers.append(otio.schema.Marker(
            name=f"Fade out to black ({timeline.fade_out:g} s)",
            marked_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(out.total_frames - out.close_frames, rate),
                otio.opentime.RationalTime(out.close_frames, rate)),
            color=otio.schema.MarkerColor.BLACK))
    if fades:
        track.metadata[METADATA_KEY] = fades


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path,
          marks: Sequence[ClipMarks | None] = ()) -> Path:
    built = build(timeline, videos, marks=marks)
    atomic_write_text(out_path, otio.adapters.write_to_string(built, "otio_json"))
    return out_path
