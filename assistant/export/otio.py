"""OpenTimelineIO export: clips as source ranges at each video's exact rate (24000/1001, not 23.976).

The OTIO timeline built here is what every other format's adapter (CMX 3600 EDL, FCPXML, FCP 7 XML)
writes from. Every clip carries its personalcut origin (video id, frames, speed, reason) in metadata
so a round trip is lossless.

Output time comes from ``Timeline.output_time`` at the first video's rate (what a render uses). A
crossfade is an OTIO transition between two clips, which in OTIO takes handle media from beyond the
clips' ranges and does not shorten the track; ours overlaps the clips' own frames and does. So each
crossfade trims the outgoing clip's tail by its ``out_offset`` and the incoming clip's head by its
``in_offset``: the transition's handles are then the clips' own frames (never before frame 0) and the
track is exactly as long as the render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from assistant.timeline.model import Clip, OutputSpan, Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo

METADATA_KEY = "personalcut"


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
    if out.crossfades:
        before = out.transition_frames // 2  # the transition's in_offset, in output frames
        after = out.transition_frames - before
        for i in range(1, len(out.spans)):
            trims[i - 1][1] = _source_frames(out.spans[i - 1], after)
            trims[i][0] = _source_frames(out.spans[i], before)
    return [(head, tail) for head, tail in trims]


def _clip_item(clip: Clip, video: VideoInfo, head: int, tail: int, transition: str) -> otio.schema.Clip:
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
        metadata={METADATA_KEY: {**clip.to_json(), "transition": transition}},
    )
    if clip.speed != 1.0:
        item.effects.append(otio.schema.LinearTimeWarp(time_scalar=clip.speed))
    return item


def build(
    timeline: Timeline, videos: Mapping[str, VideoInfo], name: str = "personalcut cut"
) -> otio.schema.Timeline:
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
        if i > 0 and out.crossfades:
            previous = videos[timeline.clips[i - 1].video_id]
            track.append(otio.schema.Transition(
                transition_type=otio.schema.TransitionTypes.SMPTE_Dissolve,
                in_offset=otio.opentime.RationalTime(head, rate_of(video)),
                out_offset=otio.opentime.RationalTime(trims[i - 1][1], rate_of(previous)),
            ))
        track.append(_clip_item(clip, video, head, tail, timeline.transition))
    result = otio.schema.Timeline(name=name, tracks=[track])
    result.global_start_time = otio.opentime.RationalTime(0, first_rate)
    return result


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    atomic_write_text(out_path, otio.adapters.write_to_string(build(timeline, videos), "otio_json"))
    return out_path
