"""The types every retrieval signal shares: scenes, per-shot scores, the scorer protocol, a decision.

They live apart from the scorers so a signal (visual, dialogue) and the fusion never import each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from assistant.plan.schema import Query
from index.shot import Shot, ShotHit, VideoInfo
from index.store import ModelRecord

# Where a clip came from: the whole source, one retrieval signal, several (fused), a person's pick, or
# the query-less ranking of "just the good parts" (retrieval/highlights.py), or a person's taste
# (assistant/taste).
Signal = Literal["source", "visual", "dialogue", "people", "fused", "manual", "highlight", "taste"]


@dataclass(frozen=True)
class OnScreen:
    """How long one person of a query is on screen in a scene: "Celia on screen 6.2 s of 7.0 s"."""

    name: str
    seconds: float
    of: float  # the scene's length

    def describe(self) -> str:
        return f"{self.name} on screen {self.seconds:.1f} s of {self.of:.1f} s"

    def to_json(self) -> list:
        return [self.name, self.seconds, self.of]

    @classmethod
    def from_json(cls, value: Sequence) -> OnScreen:
        return cls(str(value[0]), float(value[1]), float(value[2]))


@dataclass(frozen=True)
class Scene:
    """Consecutive shots ``first_shot..last_shot`` of one video that match a query."""

    video_id: str
    first_shot: int
    last_shot: int
    start_frame: int
    end_frame: int  # exclusive
    start: Fraction
    end: Fraction
    score: float
    signal: Signal
    line: str | None = None
    people: tuple[OnScreen, ...] = ()  # the query's people and their time on screen, when it named any

    @property
    def duration(self) -> Fraction:
        return self.end - self.start


@dataclass(frozen=True)
class ShotScores:
    """One signal's scores for every shot of one video, in shot order."""

    signal: Signal
    shots: tuple[Shot, ...]
    scores: np.ndarray
    # Per shot, the score a match must beat: the best generic caption for pictures; a signal with an
    # absolute scale (dialogue) can pass its floor here. The film's distribution is judged on the margin.
    contrast: np.ndarray | None = None
    lines: tuple[str | None, ...] | None = None  # matching dialogue line per shot
    # A signal that decided for itself gives its matches here; then the scores only inform, and the
    # scenes keep their own ranges (a dialogue line, not the whole shots it falls in).
    scenes: tuple[Scene, ...] | None = None


class ShotLibrary(Protocol):
    """What retrieval and the chat need from a shot library; ``index.library.Library`` is one.

    A protocol rather than the class, so the assistant depends on a surface, not on how the index
    stores it (and a test or a remote index can stand in).
    """

    dir: Path

    @property
    def model(self) -> ModelRecord | None: ...

    def embed_text(self, text: str) -> np.ndarray: ...

    def videos(self) -> list[VideoInfo]: ...

    def video(self, ref: str) -> VideoInfo: ...

    def shots(self, video_id: str) -> list[Shot]: ...

    def shot_vectors(self, video_id: str) -> np.ndarray: ...

    def shot_scores(self, query: str | np.ndarray, video_ids: Sequence[str]) -> list[ShotHit]: ...


class ShotScorer(Protocol):
    """A signal that scores every shot of the given videos for a query."""

    signal: Signal

    def score(
        self, library: ShotLibrary, query: Query, video_ids: Sequence[str],
    ) -> dict[str, ShotScores]: ...


@dataclass(frozen=True)
class Decision:
    matches: np.ndarray  # bool per shot
    rule: str  # which test decided, for debugging and eval output
