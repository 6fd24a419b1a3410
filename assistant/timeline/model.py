"""The timeline and version types every stage passes on.

A ``Timeline`` is pure data: ordered clips plus global settings, compared and hashed by content so a
render cache can key on it. A ``Version`` is an immutable snapshot in a session's history tree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Literal

from assistant.retrieval.types import Signal
from index.shot import fraction_from_str, fraction_to_str


@dataclass(frozen=True)
class Reason:
    """Why a clip is in the cut: the query that brought it, its score and which signal matched."""

    query: str = ""
    score: float | None = None
    signal: Signal = "source"
    line: str | None = None  # the matching dialogue line, when dialogue matched

    def describe(self) -> str:
        if self.signal == "source":
            return "whole source video"
        text = f'"{self.query}" ({self.signal}'
        if self.score is not None:
            text += f", score {self.score:.2f}"
        text += ")"
        if self.line:
            text += f' — "{self.line}"'
        return text


@dataclass(frozen=True)
class Clip:
    """Frames ``[in_frame, out_frame)`` of one video; ``start``/``end`` are their exact times."""

    video_id: str
    in_frame: int
    out_frame: int  # exclusive
    start: Fraction
    end: Fraction
    reason: Reason = field(default_factory=Reason)
    speed: float = 1.0

    def __post_init__(self) -> None:
        if self.out_frame <= self.in_frame or self.end <= self.start:
            raise ValueError(f"empty clip {self.video_id} [{self.in_frame}, {self.out_frame})")

    @property
    def duration(self) -> Fraction:
        """Source duration (before speed change)."""
        return self.end - self.start

    @property
    def output_duration(self) -> Fraction:
        return self.duration / Fraction(self.speed).limit_denominator(1000)

    def to_json(self) -> dict:
        return {
            "video": self.video_id,
            "in_frame": self.in_frame,
            "out_frame": self.out_frame,
            "start": fraction_to_str(self.start),
            "end": fraction_to_str(self.end),
            "speed": self.speed,
            "reason": {
                "query": self.reason.query,
                "score": self.reason.score,
                "signal": self.reason.signal,
                "line": self.reason.line,
            },
        }

    @classmethod
    def from_json(cls, d: dict) -> Clip:
        r = d.get("reason") or {}
        return cls(
            video_id=d["video"],
            in_frame=int(d["in_frame"]),
            out_frame=int(d["out_frame"]),
            start=fraction_from_str(d["start"]),
            end=fraction_from_str(d["end"]),
            speed=float(d.get("speed", 1.0)),
            reason=Reason(
                query=r.get("query", ""), score=r.get("score"), signal=r.get("signal", "source"),
                line=r.get("line"),
            ),
        )


TransitionKind = Literal["cut", "crossfade", "fade_black"]


@dataclass(frozen=True)
class Timeline:
    clips: tuple[Clip, ...] = ()
    transition: TransitionKind = "cut"
    transition_seconds: float = 0.0
    title: str | None = None

    @property
    def duration(self) -> Fraction:
        """Output duration: clips at their speed, minus crossfade overlaps, plus the title card."""
        total = sum((c.output_duration for c in self.clips), Fraction(0))
        if self.transition == "crossfade" and len(self.clips) > 1:
            total -= Fraction(self.transition_seconds).limit_denominator(1000) * (len(self.clips) - 1)
        if self.title:
            total += TITLE_SECONDS
        return total

    def with_clips(self, clips: tuple[Clip, ...] | list[Clip]) -> Timeline:
        return replace(self, clips=tuple(clips))

    def to_json(self) -> dict:
        return {
            "clips": [c.to_json() for c in self.clips],
            "transition": self.transition,
            "transition_seconds": self.transition_seconds,
            "title": self.title,
        }

    @classmethod
    def from_json(cls, d: dict) -> Timeline:
        return cls(
            clips=tuple(Clip.from_json(c) for c in d.get("clips", [])),
            transition=d.get("transition", "cut"),
            transition_seconds=float(d.get("transition_seconds", 0.0)),
            title=d.get("title"),
        )

    def content_hash(self) -> str:
        """Stable hash of everything that changes the rendered output (render cache key)."""
        blob = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:32]


TITLE_SECONDS = Fraction(2)


@dataclass(frozen=True)
class Version:
    """Immutable snapshot: undo moves to ``parent_id``; a share link points at one of these."""

    id: str
    session_id: str
    parent_id: str | None
    number: int  # 0 for a session's starting version, then 1, 2, ... in creation order
    timeline: Timeline
    turn: str = ""  # the chat text that made it
    plan: dict | None = None  # the validated EditPlan as JSON
    backend: str = ""  # which planner answered
    note: str = ""  # what changed, in words
    created_at: float = 0.0
