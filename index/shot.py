"""Core index types: a probed video and its shots.

Times are exact: frame numbers at the source rate plus rational seconds (``Fraction``) taken from the
decoder's presentation timestamps, so nothing accumulates float error and VFR sources stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import PurePath


def fraction_to_str(value: Fraction) -> str:
    """Serialise a rational time losslessly (``"1001/24000"``)."""
    return f"{value.numerator}/{value.denominator}"


def fraction_from_str(text: str) -> Fraction:
    return Fraction(text)


@dataclass(frozen=True)
class VideoInfo:
    """What probing a file tells us; ``id`` is the content hash, so the same bytes are one video."""

    id: str
    path: str
    duration: Fraction
    fps: Fraction  # nominal (average) frame rate; exact per-frame times live in the shots
    width: int
    height: int
    frame_count: int
    codec: str
    has_audio: bool
    vfr: bool = False
    sample_aspect: Fraction = Fraction(1)
    title: str = ""

    @property
    def display_name(self) -> str:
        """What people call it: its title, else the file's name without the extension."""
        return self.title or PurePath(self.path).stem

    @property
    def display_width(self) -> int:
        """Width after applying the sample aspect ratio (anamorphic sources)."""
        return int(round(self.width * self.sample_aspect))


@dataclass(frozen=True)
class Shot:
    """One shot: frames ``[start_frame, end_frame)`` of a video, and when they are shown."""

    video_id: str
    index: int
    start_frame: int
    end_frame: int  # exclusive
    start: Fraction  # seconds, pts of start_frame
    end: Fraction  # seconds, pts of end_frame (or the stream end)
    keyframes: tuple[Fraction, ...] = field(default_factory=tuple)
    thumbnail: str | None = None  # path relative to the library directory

    @property
    def duration(self) -> Fraction:
        return self.end - self.start

    @property
    def frame_count(self) -> int:
        return self.end_frame - self.start_frame

    def to_json(self) -> dict:
        return {
            "index": self.index,
            "start_frame": self.start_frame,
            "end_frame": self.end_frame,
            "start": float(self.start),
            "end": float(self.end),
            "keyframes": [float(k) for k in self.keyframes],
        }


@dataclass(frozen=True)
class ShotHit:
    """A shot returned by a search, with its cosine similarity to the query."""

    shot: Shot
    score: float
