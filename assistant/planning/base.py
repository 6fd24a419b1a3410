"""What every planner backend shares: the protocol, its context and result, and its one error type.

Backends and the factory both import from here, so no backend ever imports the factory back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from assistant.plan.schema import EditPlan

NO_MODEL = "no language model is configured"  # the note on a rules reading no model could confirm


class PlannerError(Exception):
    """A backend could not produce a valid plan; ``raw`` keeps the model's last answer for the record."""

    def __init__(self, message: str, raw: str | None = None) -> None:
        super().__init__(message)
        self.raw = raw


@dataclass(frozen=True)
class CastEntry:
    """One character of the selected videos as a planner sees it: its number, name and screen time."""

    number: int  # the #N of ``personalcut cast``
    name: str | None
    screen_time: float

    def line(self) -> str:
        return f"#{self.number} {self.name or 'unnamed'} ({self.screen_time:.0f} s on screen)"


@dataclass(frozen=True)
class VideoEntry:
    """One video of the session as a request may name it: its library id, display name and title."""

    id: str
    name: str  # what the chat shows (the title, else the file's stem)
    stem: str = ""  # the file's name without extension, when it differs: people use both


@dataclass(frozen=True)
class PlannerContext:
    """What the planner may see besides the request, so "the second one" and "more of that" resolve."""

    clips: tuple[
        str, ...
    ] = ()  # current cut, numbered: "1. 0:12-0:18 sintel_trailer 'girl fighting' (visual 0.31)"
    recent_turns: tuple[str, ...] = ()  # e.g. "user: only the fights -> keep_only(fight)"
    cast: tuple[CastEntry, ...] = ()  # the characters of the selected videos, most screen time first
    film_languages: tuple[str, ...] = ()  # ISO 639-1 codes of the languages the selected videos speak
    videos: tuple[VideoEntry, ...] = ()  # the selected videos, so "everything from sintel" names one

    @property
    def names(self) -> tuple[str, ...]:
        """The cast's names (unnamed characters have none): what "with <name>" may refer to."""
        return tuple(entry.name for entry in self.cast if entry.name)


@runtime_checkable
class Planner(Protocol):
    name: str

    def plan(self, text: str, context: PlannerContext) -> EditPlan: ...

    def plan_turn(self, text: str, context: PlannerContext) -> PlanResult:
        """The plan plus which backend answered; model failures become a note, never an exception."""
        ...


@dataclass(frozen=True)
class PlanResult:
    plan: EditPlan
    backend: str
    note: str = ""
    raw: str | None = None
    unparsed: tuple[str, ...] = ()  # parts of the request no backend understood: ask, never act on them
    guessed: tuple[str, ...] = ()  # bare phrases read as "only X" without a model to confirm them
    language: str = "en"  # the request's language, so the chat can answer in it
    # ``plan`` with words that may name a video ("keep tears") read as that video: the chat asks which
    # was meant (``planning.video_refs``); None when no such words were found.
    as_videos: EditPlan | None = None
    english: str = ""  # the request as a model translated it, when it did: its words name videos too

    @property
    def to_confirm(self) -> bool:
        """An edit read only in part or by a guess: the chat asks before acting on it."""
        return bool(self.plan.ops) and not self.plan.refusal and bool(self.unparsed or self.guessed)
