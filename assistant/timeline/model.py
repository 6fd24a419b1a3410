"""The timeline and version types every stage passes on.

A ``Timeline`` is pure data: ordered clips plus global settings, compared and hashed by content so a
render cache can key on it. A ``Version`` is an immutable snapshot in a session's history tree.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Literal

from assistant.plan.schema import ANY_LINE_LABEL, EditPlan
from assistant.retrieval.types import OnScreen, Signal
from index.shot import fraction_from_str, fraction_to_str

# A plural's ending ("fights", "matches", "boxes"), so clips chosen for "fight" are "the fights".
_PLURAL = re.compile(r"(?:(?<=ch|sh|ss)|(?<=x))es$|(?<!s)s$")


@dataclass(frozen=True)
class Reason:
    """Why a clip is in the cut: the query that brought it, its score and which signal matched."""

    query: str = ""
    score: float | None = None
    signal: Signal = "source"
    line: str | None = None  # the matching dialogue line, when dialogue matched
    people: tuple[OnScreen, ...] = ()  # the people the query named and their time on screen

    @property
    def spoken_lines(self) -> bool:
        """Whether the clip came from every line of dialogue (``Query.any_line``), not from what one says."""
        return self.signal == "dialogue" and self.query.split(" (with ")[0] == ANY_LINE_LABEL

    def describe(self) -> str:
        if self.signal == "source":  # "shot 3 of the source video" once split at its shots
            return f"{self.query} of the source video" if self.query else "whole source video"
        text = f'"{self.query}" ({self.signal}' if not self.spoken_lines else f"spoken lines ({self.signal}"
        if self.score is not None and not self.spoken_lines:
            text += f", score {self.score:.2f}"
        text += ")"
        if self.line:
            text += f' — "{self.line}"'
        if self.people:
            text += " — " + ", ".join(p.describe() for p in self.people)
        return text


TransitionKind = Literal["cut", "crossfade", "fade_black"]


@dataclass(frozen=True)
class Join:
    """How a clip is joined to the clip before it when that differs from the cut's transition ("crossfade
    between clips 2 and 3 only"); it travels with the clip when clips move."""

    kind: TransitionKind
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"kind": self.kind, "seconds": self.seconds}

    @classmethod
    def from_json(cls, d: object) -> Join | None:
        if not isinstance(d, dict) or d.get("kind") not in ("cut", "crossfade", "fade_black"):
            return None
        seconds = 0.0 if d["kind"] == "cut" else _bounded(d.get("seconds"), 0.5, 3.0)
        return cls(kind=d["kind"], seconds=seconds)


BlurMode = Literal["none", "all", "all_but", "only"]
BLUR_MODES: tuple[BlurMode, ...] = ("none", "all", "all_but", "only")


@dataclass(frozen=True)
class FaceBlur:
    """Which faces one clip blurs when that differs from the cut's own blur ("blur the faces in clip 3",
    "don't blur clip 2"); it travels with the clip when clips move. Modes and people as ``Privacy``'s."""

    mode: BlurMode
    people: tuple[int, ...] = ()

    def to_json(self) -> dict:
        return {"mode": self.mode, "people": list(self.people)}

    @classmethod
    def from_json(cls, d: object) -> FaceBlur | None:
        if not isinstance(d, dict) or d.get("mode") not in BLUR_MODES:
            return None
        people = d.get("people") or ()
        if not isinstance(people, list | tuple) or not all(isinstance(p, int) for p in people):
            return None
        return cls(mode=d["mode"], people=tuple(people) if d["mode"] in ("all_but", "only") else ())


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
    volume: float = 1.0  # the clip's sound as a multiple of its recorded level (0: muted)
    join: Join | None = None  # the transition from the clip before, when not the cut's own
    blur: FaceBlur | None = None  # the faces this clip blurs, when not the cut's own blur

    def __post_init__(self) -> None:
        if self.out_frame <= self.in_frame or self.end <= self.start:
            raise ValueError(f"empty clip {self.video_id} [{self.in_frame}, {self.out_frame})")

    @property
    def duration(self) -> Fraction:
        """Source duration (before speed change)."""
        return self.end - self.start

    @property
    def speed_ratio(self) -> Fraction:
        """The speed as the exact ratio every stage uses (source seconds per output second)."""
        return Fraction(self.speed).limit_denominator(1000)

    @property
    def output_duration(self) -> Fraction:
        """Length at its speed, before rounding to output frames (see ``Timeline.output_time``)."""
        return self.duration / self.speed_ratio

    @property
    def source_fps(self) -> Fraction:
        """The clip's own frame rate from its frames and exact times (the source's nominal rate when CFR)."""
        return (Fraction(self.out_frame - self.in_frame) / self.duration).limit_denominator(1001)

    def chosen_for(self, words: str) -> bool:
        """Whether the clip was chosen for ``words`` ("fight" for a clip of "fights"), by its query, line or
        the people its reason says are on screen ("the Thom clips" after "only the shots with people"); a
        plural said of clips chosen in the singular counts ("the fights" for clips of "fight scene")."""
        people = " ".join(p.name for p in self.reason.people)
        text = f"{self.reason.query} {self.reason.line or ''} {people}".lower()
        needle = words.lower()
        singular = _PLURAL.sub("", needle)
        return needle in text or singular != needle and re.search(
            rf"(?<!\w){re.escape(singular)}(?:e?s)?(?!\w)", text) is not None

    def to_json(self) -> dict:
        return {
            "video": self.video_id,
            "in_frame": self.in_frame,
            "out_frame": self.out_frame,
            "start": fraction_to_str(self.start),
            "end": fraction_to_str(self.end),
            "speed": self.speed,
            **({"volume": self.volume} if self.volume != 1.0 else {}),  # older JSON (and hashes) kept
            **({"join": self.join.to_json()} if self.join is not None else {}),
            **({"blur": self.blur.to_json()} if self.blur is not None else {}),
            "reason": {
                "query": self.reason.query,
                "score": self.reason.score,
                "signal": self.reason.signal,
                "line": self.reason.line,
                **({"people": [p.to_json() for p in self.reason.people]} if self.reason.people else {}),
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
            volume=_bounded(d.get("volume"), 1.0, MAX_VOLUME),
            join=Join.from_json(d.get("join")),
            blur=FaceBlur.from_json(d.get("blur")),
            reason=Reason(
                query=r.get("query", ""), score=r.get("score"), signal=r.get("signal", "source"),
                line=r.get("line"), people=tuple(OnScreen.from_json(p) for p in r.get("people") or ()),
            ),
        )


MAX_END_FADE_SECONDS = 5.0  # the longest opening or closing fade
MAX_VOLUME = 4.0  # the loudest a clip's sound is made (four times its level: about +12 dB)


@dataclass(frozen=True)
class Fades:
    """Seconds a part of the output fades up from black at its start and down to black at its end."""

    start: Fraction = Fraction(0)
    end: Fraction = Fraction(0)

    def at_least(self, seconds: Fraction) -> Fades:
        return Fades(max(self.start, seconds), max(self.end, seconds))

    @property
    def key(self) -> str:
        """For cache keys: a symmetric pair reads as the one number it used to be."""
        return str(self.start) if self.start == self.end else f"{self.start}/{self.end}"

    def __bool__(self) -> bool:
        return self.start > 0 or self.end > 0


NO_FADES = Fades()

DEFAULT_OUTPUT_FPS = Fraction(30)  # the rate of a cut with no clips (a title card alone)


@dataclass(frozen=True)
class OutputSpan:
    """Where one clip lies in the output: ``frames`` output frames from ``start`` (output seconds).

    With a crossfade the next clip's span starts before this one ends: they overlap, both visible.
    """

    clip: Clip
    start: Fraction
    frames: int
    fps: Fraction

    @property
    def length(self) -> Fraction:
        return self.frames / self.fps

    @property
    def end(self) -> Fraction:
        return self.start + self.length

    def to_output(self, source_time: Fraction) -> Fraction:
        """An instant of the clip's source (seconds) on the output, scaled onto the frames the clip fills."""
        return self.start + (source_time - self.clip.start) * self.length / self.clip.duration


@dataclass(frozen=True)
class OutputTime:
    """The cut's output time at one frame rate, in whole frames: the one definition render, subtitles,
    exports and the reported duration all use, so they agree to the frame.

    Each clip fills ``round(source seconds / speed * fps)`` frames (at least one), rounded per clip so a
    clip's frames never depend on its neighbours (preview segments are cached per clip). The title card
    fills ``round(TITLE_SECONDS * fps)`` frames. A crossfade or fade to black lasts the requested
    seconds rounded to frames, capped at half the shortest clip; crossfades overlap neighbours by it.
    The cut's opening and closing fades (``Timeline.fade_in`` / ``fade_out``) are whole frames too, on
    the first part (the title card when there is one) and the last clip, at most all of that part's
    frames (half of it when the other end fades too); they change no length.
    """

    fps: Fraction
    transition: TransitionKind
    title_frames: int
    clip_frames: tuple[int, ...]
    transition_frames: int
    spans: tuple[OutputSpan, ...]
    open_frames: int = 0
    close_frames: int = 0
    # Per join (between clip i and i + 1): its kind and frames, the cut's transition unless the clip after it
    # has a ``Join`` of its own (empty: every join is the cut's transition).
    edge_kinds: tuple[TransitionKind, ...] = ()
    edge_frames: tuple[int, ...] = ()

    def edge(self, index: int) -> tuple[TransitionKind, int]:
        """The kind and frames of the join between clip ``index`` and clip ``index + 1``."""
        if self.edge_kinds:
            return self.edge_kinds[index], self.edge_frames[index]
        return self.transition, self.transition_frames

    def edge_overlap(self, index: int) -> int:
        """Frames clips ``index`` and ``index + 1`` overlap (a crossfade's; 0 for other joins)."""
        kind, frames = self.edge(index)
        return frames if kind == "crossfade" and len(self.clip_frames) > 1 else 0

    @property
    def total_frames(self) -> int:
        overlaps = sum(self.edge_overlap(i) for i in range(len(self.clip_frames) - 1))
        return self.title_frames + sum(self.clip_frames) - overlaps

    @property
    def duration(self) -> Fraction:
        return self.total_frames / self.fps

    @property
    def crossfades(self) -> bool:
        """True when some neighbouring clips overlap (a crossfade of at least one frame between two clips)."""
        return any(self.edge_overlap(i) for i in range(len(self.clip_frames) - 1))

    @property
    def fade(self) -> Fraction:
        """Seconds of fade to black at each clip edge (half the transition; zero unless fade_black)."""
        return self.transition_frames / self.fps / 2 if self.transition == "fade_black" else Fraction(0)

    def clip_fades(self, index: int) -> Fades:
        """The fades of clip ``index``: half of each fade-to-black join beside it (the first and last clips
        fade at the cut's ends too when the cut's transition is one), and the cut's opening and closing
        ones."""
        last = len(self.clip_frames) - 1

        def black(edge: int) -> Fraction:
            kind, frames = self.edge(edge) if 0 <= edge < last else (self.transition, self.transition_frames)
            return frames / self.fps / 2 if kind == "fade_black" else Fraction(0)
        start = self.open_frames / self.fps if index == 0 and not self.title_frames else Fraction(0)
        end = self.close_frames / self.fps if index == last else Fraction(0)
        return Fades(max(start, black(index - 1)), max(end, black(index)))

    @property
    def title_fades(self) -> Fades:
        """The title card fades in when the cut opens with a fade (it fades out only in a fade to black)."""
        return Fades(self.open_frames / self.fps if self.title_frames else Fraction(0))


def clip_output_frames(clip: Clip, fps: Fraction) -> int:
    """Output frames one clip fills at ``fps``: its length at its speed, rounded, never zero."""
    return max(1, round(clip.output_duration * fps))


def title_card_frames(fps: Fraction) -> int:
    return round(TITLE_SECONDS * fps)


def _output_time(timeline: Timeline, fps: Fraction) -> OutputTime:
    counts = tuple(clip_output_frames(c, fps) for c in timeline.clips)
    transition = 0
    if timeline.transition != "cut" and timeline.transition_seconds > 0 and counts:
        wanted = round(Fraction(timeline.transition_seconds).limit_denominator(1000) * fps)
        transition = max(0, min(wanted, min(counts) // 2))
    title = title_card_frames(fps) if timeline.title else 0
    kinds: list[TransitionKind] = []
    edges: list[int] = []
    for i in range(1, len(counts)):
        join = timeline.clips[i].join
        if join is None:
            kinds.append(timeline.transition)
            edges.append(transition)
        else:  # a join of its own: at most half of either clip beside it
            kinds.append(join.kind)
            wanted = round(Fraction(join.seconds).limit_denominator(1000) * fps) if join.kind != "cut" else 0
            edges.append(max(0, min(wanted, counts[i - 1] // 2, counts[i] // 2)))
    spans, at = [], title
    for i, (clip, frames) in enumerate(zip(timeline.clips, counts, strict=True)):
        spans.append(OutputSpan(clip, Fraction(at) / fps, frames, fps))
        at += frames - (edges[i] if i < len(edges) and kinds[i] == "crossfade" else 0)
    first = title or (counts[0] if counts else 0)  # the part the opening fade lies on
    last = counts[-1] if counts else 0
    both = bool(counts) and not title and len(counts) == 1  # one clip fades in and out
    opening = min(_frames(timeline.fade_in, fps), first // 2 if both and timeline.fade_out else first)
    closing = min(_frames(timeline.fade_out, fps), last // 2 if both and timeline.fade_in else last)
    own = any(clip.join is not None for clip in timeline.clips[1:])  # otherwise every join is the cut's
    return OutputTime(fps, timeline.transition, title, counts, transition, tuple(spans), opening, closing,
                      tuple(kinds) if own else (), tuple(edges) if own else ())


def _frames(seconds: float, fps: Fraction) -> int:
    return max(0, round(Fraction(seconds).limit_denominator(1000) * fps)) if seconds > 0 else 0


Aspect = Literal["original", "9:16", "1:1", "4:5"]


@dataclass(frozen=True)
class Privacy:
    """Faces to blur and the frame shape of the whole cut (render effects; they force a re-encode).

    ``blur``: "all" faces, "all_but" the listed characters, "only" the listed characters, or "none".
    ``people`` are character numbers from the cast (stable across renames; names are looked up to show).
    ``aspect``: the output shape; anything but "original" crops a path that follows the people.
    """

    blur: BlurMode = "none"
    people: tuple[int, ...] = ()
    aspect: Aspect = "original"

    @property
    def active(self) -> bool:
        return self.blur != "none" or self.aspect != "original"

    def to_json(self) -> dict:
        return {"blur": self.blur, "people": list(self.people), "aspect": self.aspect}

    @classmethod
    def from_json(cls, d: dict) -> Privacy:
        return cls(blur=d.get("blur", "none"), people=tuple(int(p) for p in d.get("people") or ()),
                   aspect=d.get("aspect", "original"))


@dataclass(frozen=True)
class Timeline:
    clips: tuple[Clip, ...] = ()
    transition: TransitionKind = "cut"
    transition_seconds: float = 0.0
    title: str | None = None
    privacy: Privacy = field(default_factory=Privacy)
    fade_in: float = 0.0  # seconds the cut fades up from black at its start (picture and sound)
    fade_out: float = 0.0  # seconds it fades down to black at its end

    @property
    def output_fps(self) -> Fraction:
        """The frame rate a full render uses: the first clip's source rate."""
        return self.clips[0].source_fps if self.clips else DEFAULT_OUTPUT_FPS

    def output_time(self, fps: Fraction | None = None) -> OutputTime:
        """Output time in whole frames at ``fps`` (default ``output_fps``): see ``OutputTime``."""
        return _output_time(self, self.output_fps if fps is None else Fraction(fps))

    def output_spans(self, fps: Fraction | None = None) -> tuple[OutputSpan, ...]:
        """Each clip's exact place in the output (title card, speed and crossfade overlaps included)."""
        return self.output_time(fps).spans

    def output_duration(self, fps: Fraction | None = None) -> Fraction:
        """The exact length of the rendered output at ``fps``."""
        return self.output_time(fps).duration

    @property
    def duration(self) -> Fraction:
        """Output duration at the cut's own rate: what a full render of it measures."""
        return self.output_duration()

    def clip_privacy(self, index: int) -> Privacy:
        """The effects clip ``index`` renders with: the cut's frame shape and its own blur, else the cut's."""
        blur = self.clips[index].blur
        return self.privacy if blur is None else replace(self.privacy, blur=blur.mode, people=blur.people)

    @property
    def effects_active(self) -> bool:
        """Whether any clip renders with blur or reframe (and so the render re-encodes its frames)."""
        return self.privacy.aspect != "original" or any(
            self.clip_privacy(i).blur != "none" for i in range(len(self.clips)))

    @property
    def blurs_by_clip(self) -> bool:
        """Whether some clip blurs otherwise than the cut as a whole."""
        return any(c.blur is not None for c in self.clips)

    def with_clips(self, clips: tuple[Clip, ...] | list[Clip]) -> Timeline:
        return replace(self, clips=tuple(clips))

    def to_json(self) -> dict:
        return {
            "clips": [c.to_json() for c in self.clips],
            "transition": self.transition,
            "transition_seconds": self.transition_seconds,
            "title": self.title,
            # Only when set: timelines without effects keep the JSON (and content hash) they always had.
            **({"privacy": self.privacy.to_json()} if self.privacy.active else {}),
            **({"fade_in": self.fade_in} if self.fade_in else {}),
            **({"fade_out": self.fade_out} if self.fade_out else {}),
        }

    @classmethod
    def from_json(cls, d: dict) -> Timeline:
        return cls(
            clips=tuple(Clip.from_json(c) for c in d.get("clips", [])),
            transition=d.get("transition", "cut"),
            transition_seconds=float(d.get("transition_seconds", 0.0)),
            title=d.get("title"),
            privacy=Privacy.from_json(d.get("privacy") or {}),
            fade_in=_end_fade(d.get("fade_in")),
            fade_out=_end_fade(d.get("fade_out")),
        )

    def content_hash(self) -> str:
        """Stable hash of everything that changes the rendered output (render cache key)."""
        blob = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _bounded(value: object, default: float, most: float) -> float:
    """A number read back from JSON, within 0..``most`` (``default`` when absent or not a number)."""
    if value is None:
        return default
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return min(max(number, 0.0), most) if number == number else default


def _end_fade(value: object) -> float:
    """An opening or closing fade read back from JSON, within 0..MAX_END_FADE_SECONDS."""
    return _bounded(value, 0.0, MAX_END_FADE_SECONDS)


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
    plan: EditPlan | None = None  # the validated plan that made it (None for version 0)
    backend: str = ""  # which planner answered; "" when none did (version 0, a typed UI action)
    note: str = ""  # what changed, in words
    created_at: float = 0.0
