"""Questions instead of guesses: a reference that could mean several clips gets choices, not an edit.

Pure functions over a plan and the cut. A ``Question`` is data: its text plus choices, each a typed
``EditPlan`` that answers it exactly (so an answer never goes back through a planner). Only planned turns
are checked; a typed plan (a button, an answer) is applied as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.plan.describe import describe_plan, plural
from assistant.plan.schema import (
    ClipRef,
    EditPlan,
    KeepLines,
    MoveClip,
    Operation,
    Remove,
    RemoveClip,
    RemoveLine,
    Transition,
)
from assistant.timeline.apply import counted_among
from assistant.timeline.lines import Cues, cut_lines
from assistant.timeline.model import Clip, Timeline

REF_FIELDS = ("ref", "target", "into", "clips")  # where an op carries the clips it acts on
MAX_CLIP_CHOICES = 8  # above this many clips a question offers the ends of the cut, not every clip


@dataclass(frozen=True)
class Choice:
    label: str
    plan: EditPlan


@dataclass(frozen=True)
class Question:
    """Asked instead of making a version; answered by applying one choice's plan. With no choices and
    ``points_at``, no question but what an answer left open: the clip it named ("which clip is the longest?"
    "Clip 3 ..."), which "it" / "that one" in the next turn means ("put it first")."""

    text: str
    choices: tuple[Choice, ...]
    points_at: int | None = None  # a clip number (from 1) of the version the answer was about

    def to_json(self) -> dict:
        choices = [{"label": c.label, "plan": c.plan.model_dump(mode="json")} for c in self.choices]
        data: dict = {"text": self.text, "choices": choices}
        if self.points_at is not None:
            data["points_at"] = self.points_at
        return data

    @classmethod
    def from_json(cls, data: dict) -> Question:
        points_at = data.get("points_at")
        return cls(str(data["text"]), tuple(
            Choice(str(c["label"]), EditPlan.model_validate(c["plan"])) for c in data["choices"]),
            int(points_at) if isinstance(points_at, int) and not isinstance(points_at, bool) else None)


def video_or_words(plan: EditPlan, as_videos: EditPlan) -> Question:
    """Words that name a video and may as well be words about the pictures ("keep the tears" beside Tears
    of Steel): the video, or a search for the words."""
    def scoped(p: EditPlan) -> list:
        return [*p.queries(), *p.clip_refs()]

    def named(p: EditPlan) -> list:
        return [video for part in scoped(p) for video in part.videos]

    names = list(dict.fromkeys(video.name for video in named(as_videos) if video not in named(plan)))
    words = [getattr(part, "text", None) or getattr(part, "matching", None)
             for part in scoped(plan) if part not in scoped(as_videos)]
    said = " and ".join(f'"{w}"' for w in dict.fromkeys(words) if w) or "those words"
    video = f"{'video' if len(names) == 1 else 'videos'} {' and '.join(names)}"
    kept = {person for query in as_videos.queries() for person in query.people}
    people = list(dict.fromkeys(p for query in plan.queries() for p in query.people if p not in kept))
    # "drop everything from sintel" beside a character named Sintel: the video, or that person
    other, label = (f"{' and '.join(people)} on screen", "The person") if people else (
        f"{said} as a search of the pictures", "A search")
    return Question(f"Do you mean the {video}, or {other}?", (
        Choice(f"The {video.split()[0]}: {describe_plan(as_videos)}", as_videos),
        Choice(f"{label}: {describe_plan(plan)}", plan),
    ))


def clip_label(number: int, clip: Clip) -> str:
    reason = f' "{clip.reason.query}"' if clip.reason.query else ""
    return f"clip {number} ({float(clip.start):.1f}-{float(clip.end):.1f} s{reason})"


def ambiguity(plan: EditPlan, timeline: Timeline) -> Question | None:
    """The question ``plan`` raises on ``timeline``, or None when every reference is clear."""
    for position, op in enumerate(plan.ops):
        if isinstance(op, Remove):
            question = _which_of_several(plan, position, op, timeline)
        else:
            ref = _ref_of(op)
            question = _number_past_end(plan, position, op, ref, timeline) if ref else None
        if question:
            return question
    return None


def _ref_of(op: Operation) -> ClipRef | None:
    """The clip reference an op carries (``ref``, ``target``, ``into`` or ``clips``), unless it numbers an
    earlier turn."""
    ref = next((r for name in REF_FIELDS if isinstance(r := getattr(op, name, None), ClipRef)), None)
    return ref if isinstance(ref, ClipRef) and ref.turn is None else None


def _with_ref(plan: EditPlan, position: int, op: Operation, ref: ClipRef) -> EditPlan:
    field = next(name for name in REF_FIELDS if isinstance(getattr(op, name, None), ClipRef))
    return _replaced(plan, position, op.model_copy(update={field: ref}))


def _replaced(plan: EditPlan, position: int, op: Operation) -> EditPlan:
    ops = list(plan.ops)
    ops[position] = op
    return EditPlan(ops=ops)


def _number_past_end(
    plan: EditPlan, position: int, op: Operation, ref: ClipRef, timeline: Timeline,
) -> Question | None:
    """"remove clip 9" on a 5-clip cut, "the second fight" when one clip is a fight."""
    candidates = [i + 1 for i in counted_among(ref, timeline.clips)]  # clip numbers
    bad = [n for n in ref.indices if not -len(candidates) <= n <= len(candidates)]
    if not bad or not candidates:
        return None
    what = plural(len(candidates), f'"{ref.matching}" clip' if ref.matching else "clip")
    what += f" from {' and '.join(video.name for video in ref.videos)}" if ref.videos else ""
    text = f"There is no clip {bad[0]}: the cut has {what}. Which one did you mean?"
    useful = [n for n in candidates if not _no_effect(op, n, len(timeline.clips))]
    if not useful and isinstance(op, Transition):
        return None  # a one-clip cut: nothing to join, which applying the plan says
    candidates = useful or candidates
    shown = candidates if len(candidates) <= MAX_CLIP_CHOICES else [candidates[0], candidates[-1]]
    good = [n for n in ref.indices if n not in bad]
    choices = tuple(
        Choice(clip_label(n, timeline.clips[n - 1]),
               _with_ref(plan, position, op, ClipRef(indices=sorted({*good, n}), invert=ref.invert)))
        for n in shown
    )
    return Question(text, choices)


def _no_effect(op: Operation, number: int, count: int) -> bool:
    """Whether ``op`` on clip ``number`` would leave the cut as it is (no choice to offer): a move to where
    the clip already is, a transition into the first clip (nothing comes before it)."""
    if isinstance(op, Transition):
        return op.into is not None and number == 1
    if not isinstance(op, MoveClip):
        return False
    if op.to is not None:
        return number == (1 if op.to == "start" else count)
    anchor = op.before if op.before is not None else op.after
    assert anchor is not None  # the schema requires one place
    anchor += count + 1 if anchor < 0 else 0
    return number in (anchor, anchor - 1 if op.before is not None else anchor + 1)


def _which_of_several(plan: EditPlan, position: int, op: Remove, timeline: Timeline) -> Question | None:
    """"drop the fight" (one, singular) when several clips of the cut were chosen for "fight"."""
    text = op.query.label.lower()
    if re.search(r"s\b", text.split()[-1]) or op.query.kind == "dialogue" or op.query.people:
        return None  # a plural ("the fights") means all of them, and "without Thom" every scene of his
    matching = [n for n, c in enumerate(timeline.clips, 1) if c.reason.query.lower() == text]
    if len(matching) < 2 or len(matching) == len(timeline.clips):
        return None
    shown = matching[:MAX_CLIP_CHOICES]
    choices = [Choice(clip_label(n, timeline.clips[n - 1]),
                      _replaced(plan, position, RemoveClip(ref=ClipRef(indices=[n])))) for n in shown]
    choices.append(Choice(f'all {len(matching)} clips with "{op.query.label}"', plan))
    return Question(f'{len(matching)} clips of the cut show "{op.query.label}". Which one should go?',
                    tuple(choices))


def which_line(plan: EditPlan, timeline: Timeline, cues: Cues) -> Question | None:
    """"drop the line in clip 2" (or "keep just the line in clip 2") when clip 2 plays several lines: each
    of them, or all of them."""
    for position, op in enumerate(plan.ops):
        if not isinstance(op, RemoveLine | KeepLines) or op.lines or op.every or op.clip is None or op.people:
            continue
        kind = type(op)
        if not -len(timeline.clips) <= op.clip <= len(timeline.clips):
            return None  # said when applied
        number = op.clip if op.clip > 0 else len(timeline.clips) + op.clip + 1
        lines = [line for line in cut_lines(timeline.clips, cues) if line.clip == number - 1]
        if len(lines) < 2:
            return None
        choices = [Choice(f"line {n} of clip {number}: {line.quoted}",
                          _replaced(plan, position, kind(lines=[n], clip=number)))
                   for n, line in enumerate(lines[:MAX_CLIP_CHOICES], 1)]
        choices.append(Choice(f"all {len(lines)} lines of clip {number}",
                              _replaced(plan, position, kind(clip=number, every=True))))
        which = "should go" if kind is RemoveLine else "should stay"
        return Question(f"Clip {number} has {len(lines)} lines. Which one {which}?", tuple(choices))
    return None
