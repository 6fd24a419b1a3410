"""OpenTimelineIO export: clips as source ranges at each video's exact rate (24000/1001, not 23.976).

The OTIO timeline built here is also what the EDL writer hands to the CMX 3600 adapter. Every clip
carries its personalcut origin (video id, frames, speed, reason) in metadata so a round trip is lossless.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from assistant.timeline.model import TITLE_SECONDS, Timeline
from index.atomic import atomic_write_text
from index.shot import VideoInfo

METADATA_KEY = "personalcut"


def rate_of(video: VideoInfo) -> float:
    """OTIO rates are floats; 24000/1001 as a float converts back to the same fraction exactly."""
    return video.fps.numerator / video.fps.denominator


def fraction_rate(rate: float) -> Fraction:
    """Undo ``rate_of``: recover 24000/1001, 30000/1001, 25, ... from OTIO's float rate."""
    return Fraction(rate).limit_denominator(1001)


def build(
    timeline: Timeline, videos: Mapping[str, VideoInfo], name: str = "personalcut cut"
) -> otio.schema.Timeline:
    first = videos[timeline.clips[0].video_id]
    first_rate = rate_of(first)
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    if timeline.title:
        track.append(otio.schema.Gap(
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, first_rate),
                otio.opentime.RationalTime(round(TITLE_SECONDS * first.fps), first_rate)),
            name=f"Title: {timeline.title}", metadata={METADATA_KEY: {"title": timeline.title}},
        ))
    for i, clip in enumerate(timeline.clips):
        video = videos[clip.video_id]
        rate = rate_of(video)
        if i > 0 and timeline.transition == "crossfade" and timeline.transition_seconds > 0:
            half = otio.opentime.RationalTime(round(timeline.transition_seconds * rate / 2), rate)
            track.append(otio.schema.Transition(
                transition_type=otio.schema.TransitionTypes.SMPTE_Dissolve, in_offset=half, out_offset=half))
        item = otio.schema.Clip(
            name=Path(video.path).name,
            media_reference=otio.schema.ExternalReference(
                target_url=Path(video.path).resolve().as_uri(),
                available_range=otio.opentime.TimeRange(
                    otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(video.frame_count, rate)),
            ),
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(clip.in_frame, rate),
                otio.opentime.RationalTime(clip.out_frame - clip.in_frame, rate)),
            metadata={METADATA_KEY: {**clip.to_json(), "transition": timeline.transition}},
        )
        if clip.speed != 1.0:
            item.effects.append(otio.schema.LinearTimeWarp(time_scalar=clip.speed))
        track.append(item)
    result = otio.schema.Timeline(name=name, tracks=[track])
    result.global_start_time = otio.opentime.RationalTime(0, first_rate)
    return result


def write(timeline: Timeline, videos: Mapping[str, VideoInfo], out_path: Path) -> Path:
    atomic_write_text(out_path, otio.adapters.write_to_string(build(timeline, videos), "otio_json"))
    return out_path
