"""The lines of dialogue a cut plays, in the order it plays them: what "the last line" and "line 2 of clip 3"
point at, and what the chat lists when asked what is said.

Pure functions over the timeline and the videos' cues (subtitles or recognised speech), which the caller
reads from the library; the same cue played by two clips is two lines of the cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from assistant.plan.describe import plural
from assistant.plan.schema import KeepLines, RemoveLine
from assistant.timeline.history import PlanError
from assistant.timeline.model import Clip
from index.dialogue_store import Cue

Cues = Mapping[str, Sequence[Cue]]  # video id -> its cues in time order
# person (as a line op names them) -> video id -> the (start, end) seconds they are on screen there
OnScreen = Mapping[str, Mapping[str, Sequence[tuple[float, float]]]]
SHOWN_CHARS = 60  # a line quoted in a note or a question is cut to this


@dataclass(frozen=True)
class CutLine:
    """``cue`` as clip ``clip`` (an index into the cut's clips) plays it: only the part inside the clip."""

    clip: int
    cue: Cue
    start: Fraction
    end: Fraction

    @property
    def quoted(self) -> str:
        text = " ".join(self.cue.text.split())
        return f'"{text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1].rstrip() + "…"}"'


def said_in(clip: Clip, cues: Sequence[Cue]) -> list[Cue]:
    """The lines of ``cues`` (the clip's video's) spoken while ``clip`` plays, in time order."""
    return [cue for cue in cues if cue.start < clip.end and clip.start < cue.end]


def cut_lines(clips: Sequence[Clip], cues: Cues) -> list[CutLine]:
    """Every line the cut plays, clip by clip in the cut's order, each in time order inside its clip."""
    return [CutLine(i, cue, max(cue.start, clip.start), min(cue.end, clip.end))
            for i, clip in enumerate(clips) for cue in said_in(clip, cues.get(clip.video_id, ()))]


def _while_on_screen(line: CutLine, video: str, people: Sequence[str], on_screen: OnScreen) -> bool:
    """Whether every one of ``people`` is on screen at some time while ``line`` plays."""
    start, end = float(line.start), float(line.end)
    return all(any(a < end and start < b for a, b in on_screen.get(person, {}).get(video, ()))
               for person in people)


def said_while(lines: Sequence[CutLine], clips: Sequence[Clip], people: Sequence[str], on_screen: OnScreen,
               ) -> list[CutLine]:
    """The ``lines`` said while every one of ``people`` is on screen (subtitles say what, not who)."""
    return [line for line in lines if _while_on_screen(line, clips[line.clip].video_id, people, on_screen)]


def chosen_lines(op: RemoveLine | KeepLines, clips: Sequence[Clip], cues: Cues,
                 on_screen: OnScreen | None = None) -> list[CutLine]:
    """The lines ``op`` points at (among those spoken while its people are on screen, from ``on_screen``);
    a ``PlanError`` that says what the cut (or clip) holds when it points at none, or at one line of a clip
    that has several."""
    lines = cut_lines(clips, cues)
    if op.people and lines:
        lines = said_while(lines, clips, op.people, on_screen or {})
        if not lines:
            who = " and ".join(op.people)
            raise PlanError(f"No line of the cut is spoken while {who} "
                            f"{'is' if len(op.people) == 1 else 'are'} on screen.")
    if not lines:
        raise PlanError("Nothing is said in the cut (its clips have no subtitles or recognised speech), so "
                        f"there is no line to {'keep' if isinstance(op, KeepLines) else 'remove'}.")
    where = "the cut" if not op.people else f"{' and '.join(op.people)}'s lines"
    if op.clip is not None:
        if not -len(clips) <= op.clip <= len(clips):
            raise PlanError(f"There is no clip {op.clip}: the cut has {plural(len(clips), 'clip')}.")
        index = op.clip - 1 if op.clip > 0 else len(clips) + op.clip
        lines = [line for line in lines if line.clip == index]
        where = f"clip {index + 1}"
        if not lines:
            raise PlanError(f"Nothing is said in {where}.")
    if op.lines:
        picked: list[CutLine] = []
        for n in op.lines:
            if not -len(lines) <= n <= len(lines):
                raise PlanError(f"There is no line {n} in {where}: it holds {plural(len(lines), 'line')}.")
            line = lines[n - 1 if n > 0 else n]
            picked += [line] if line not in picked else []
        return picked
    if op.every or len(lines) == 1:
        return lines
    listed = "; ".join(f"{n} {line.quoted}" for n, line in enumerate(lines[:6], 1))
    more = f" and {len(lines) - 6} more" if len(lines) > 6 else ""
    verb = "keep" if isinstance(op, KeepLines) else "drop"
    raise PlanError(f"{where.capitalize()} holds {plural(len(lines), 'line')}: {listed}{more}. Say which "
                    f'("{verb} line 2 of {where}"), or "{verb} the lines of {where}" for all of them.')
