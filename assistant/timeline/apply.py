"""Timeline algebra: apply one chat turn's ``EditPlan`` to a session's history, as pure functions.

Nothing here does I/O: retrieval results come in as ``resolved`` (query -> scenes), and the result says
which version to build on and the new timeline (or only a move in history). Same inputs, same output,
so a version can be rebuilt, tested with hypothesis, and hashed for the render cache.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Literal

from assistant.plan.describe import aspect_words, clips_named, people_words, plural
from assistant.plan.schema import (
    CLIP_REF_FIELDS,
    NAMED_REF,
    Add,
    Best,
    Blur,
    ClipRef,
    ClipSpan,
    EditPlan,
    Extend,
    Fade,
    JoinClips,
    Keep,
    KeepClip,
    KeepLines,
    KeepOnly,
    LimitDuration,
    Move,
    MoveClip,
    Operation,
    Order,
    Query,
    Redo,
    Reframe,
    Remove,
    RemoveClip,
    RemoveLine,
    Reset,
    Speed,
    Split,
    SwapClips,
    Title,
    Transition,
    Trim,
    TrimCut,
    TrimTo,
    Unblur,
    Undo,
    Volume,
    parts_query,
)
from assistant.retrieval.highlights import Highlight
from assistant.retrieval.types import Scene
from assistant.timeline.history import History, PlanError, redo_target, undo_target
from assistant.timeline.lines import Cues, OnScreen, chosen_lines, said_in
from assistant.timeline.model import (
    MAX_END_FADE_SECONDS,
    MAX_VOLUME,
    TITLE_SECONDS,
    Clip,
    FaceBlur,
    Join,
    Privacy,
    Reason,
    Timeline,
    Version,
)
from index.dialogue_store import Cue
from index.shot import VideoInfo

MIN_CLIP_SECONDS = Fraction(1)  # LimitDuration and Trim never shorten a clip below this
ShotStarts = Mapping[str, Sequence[tuple[int, Fraction]]]  # video -> (first frame, start time) of shots 2..n
MIN_PIECE_SECONDS = Fraction(1, 4)  # Keep/Remove drop leftover slivers shorter than this


@dataclass(frozen=True)
class ApplyResult:
    """``timeline`` is a new version to save as a child of ``base_id``; None means move to ``base_id``."""

    base_id: str
    timeline: Timeline | None
    note: str
    unmatched: tuple[str, ...] = ()  # query texts that matched nothing (the cut is then unchanged)

    @property
    def changed(self) -> bool:
        return self.timeline is not None


@dataclass(frozen=True)
class Characters:
    """The people a plan's blur ops name, resolved against the cast before applying (as queries are).

    ``numbers``: each ref as the plan writes it ("Celia", "#3", "hero", "named") -> its character numbers;
    ``names``: every character's number -> the name notes show ("#7" when unnamed).
    """

    numbers: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    names: Mapping[int, str] = field(default_factory=dict)


def source_timeline(videos: Sequence[VideoInfo]) -> Timeline:
    """Version 0: each selected video whole, in the order given."""
    if not videos:
        raise ValueError("a session needs at least one video")
    return Timeline(clips=tuple(
        Clip(video_id=v.id, in_frame=0, out_frame=v.frame_count, start=Fraction(0), end=v.duration)
        for v in videos
    ))


def scene_clip(scene: Scene, query: Query) -> Clip:
    """The clip of a found scene, its reason saying why; a whole video asked for by name is that video as the
    source has it ("whole source video")."""
    whole = scene.signal == "source"
    reason = Reason(query="" if whole else query.label, score=None if whole else scene.score,
                    signal=scene.signal, line=scene.line, people=scene.people)
    return Clip(scene.video_id, scene.start_frame, scene.end_frame, scene.start, scene.end, reason=reason)


def apply_plan(
    plan: EditPlan, history: History, resolved: Mapping[Query, list[Scene]], source: Timeline,
    highlights: Sequence[Highlight] = (), characters: Characters | None = None,
    shot_starts: ShotStarts | None = None, cues: Cues | None = None, on_screen: OnScreen | None = None,
) -> ApplyResult:
    """Apply ``plan`` op by op from the current version; any failing op leaves the cut unchanged.

    Undo/Redo move the base version; later ops edit from there, so "undo and make it shorter" branches.
    ``highlights`` rank the shots for a query-less ``Best`` on a cut that has no scores (the whole videos);
    ``characters`` are the blur ops' people as cast numbers; ``shot_starts`` where each video's shots
    begin, for a ``Split``; ``cues`` each video's lines of dialogue, for a ``RemoveLine`` or ``KeepLines``,
    and ``on_screen`` when their people are, for lines counted among a person's.
    """
    base = history.current
    if plan.refusal:
        return ApplyResult(base.id, None, plan.refusal)
    timeline = base.timeline
    edited = False
    notes: list[str] = []
    blur_note: int | None = None  # where the note saying who is blurred is
    try:
        for op in plan.ops:
            if isinstance(op, (Undo, Redo)):
                if edited:
                    raise PlanError("Undo/redo can only come before edits in one request.")
                move = undo_target if isinstance(op, Undo) else redo_target
                base = move(history, base, op.steps)
                timeline = base.timeline
                notes.append(f"{'undid' if isinstance(op, Undo) else 'redid'} to version {base.number}")
                continue
            timeline, op = _spans_as_clips(op, timeline)
            if isinstance(op, (Blur, Unblur, Reframe)):
                chosen = None if isinstance(op, Reframe) or op.clips is None else \
                    _select(op.clips, timeline, base, history)
                timeline, note = _apply_effect(op, timeline, characters or Characters(), chosen)
                if isinstance(op, Blur | Unblur) and chosen is None:
                    # a note saying who the cut blurs now: said once, last
                    if blur_note is not None:
                        del notes[blur_note]
                    blur_note = len(notes)
            elif isinstance(op, Split):
                chosen = _select(op.target, timeline, base, history)
                if op.parts is None and op.at is None:
                    timeline, note = _split_at_shots(timeline, chosen, shot_starts or {})
                else:
                    timeline, note = _split_even(timeline, chosen, op)
            elif isinstance(op, JoinClips) and op.target == ClipRef():
                timeline, note = _join_all(timeline)  # "join all the pieces back up"
            elif isinstance(op, JoinClips):
                timeline, note = _join(timeline, _select(op.target, timeline, base, history))
            elif isinstance(op, RemoveLine):
                timeline, note = _remove_lines(op, timeline, cues or {}, on_screen or {})
            elif isinstance(op, KeepLines):
                timeline, note = _keep_lines(op, timeline, cues or {}, on_screen or {})
            else:
                timeline, note = _apply_op(op, timeline, base, history, resolved, source, highlights)
            edited = True
            notes.append(note)
    except PlanError as exc:
        unmatched = (exc.unmatched,) if exc.unmatched else ()
        return ApplyResult(history.current_id, None, f"{exc} The cut is unchanged.", unmatched)
    if not notes:
        return ApplyResult(history.current_id, None, "Nothing to do: the plan has no edits.")
    summary = "; ".join(notes)
    if not edited or timeline == base.timeline:
        if edited:
            summary += " — no change to the cut"
        return ApplyResult(base.id, None, summary)
    return ApplyResult(base.id, timeline, f"{summary} — {describe_length(timeline)}")


def describe_length(timeline: Timeline) -> str:
    n = len(timeline.clips)
    return f"{plural(n, 'clip')}, {float(timeline.duration):.1f} s"


# --- single operations -------------------------------------------------------------------------


def _apply_op(
    op: Operation, timeline: Timeline, base: Version, history: History,
    resolved: Mapping[Query, list[Scene]], source: Timeline, highlights: Sequence[Highlight],
) -> tuple[Timeline, str]:
    rank = _story_rank(source)
    if isinstance(op, KeepOnly):
        scenes = _scenes_for(op.query, resolved)
        clips = sorted((scene_clip(s, op.query) for s in scenes), key=rank)
        note = f'kept only the {plural(len(clips), "scene")} {op.query.matching}'
        return _nonempty(timeline, clips), note
    if isinstance(op, Keep):
        scenes = _scenes_for(op.query, resolved)
        scenes = sorted(scenes, key=lambda s: (s.video_id, s.start_frame))
        clips = [p for c in timeline.clips for p in _intersect(c, scenes, op.query)]
        if not clips:
            raise PlanError(f'None of the current cut shows "{op.query.label}".')
        return _nonempty(timeline, clips), f"kept the parts {op.query.matching}"
    if isinstance(op, Remove):
        _in_cut(op.query, timeline, removing=True)
        scenes = _scenes_for(op.query, resolved)
        spared = _spared(op, timeline, scenes)
        scenes = [s for s in scenes if s not in spared]
        clips = [p for c in timeline.clips for p in _subtract(c, scenes)]
        if not clips:
            raise PlanError(f'Removing "{op.query.label}" would leave nothing.')
        kept = f" ({plural(len(spared), 'part')} of them kept)" if spared else ""
        return _nonempty(timeline, clips), f"removed the parts {op.query.matching}{kept}"
    if isinstance(op, Add):
        scenes = _scenes_for(op.query, resolved)
        new = [scene_clip(s, op.query) for s in scenes]
        clips = _in_story_places(timeline.clips, _without_overlaps([*timeline.clips, *new]), rank)
        return _nonempty(timeline, clips), f"added the scenes {op.query.matching}"
    if isinstance(op, Order):
        if op.by == "reverse":
            return timeline.with_clips(list(reversed(timeline.clips))), "reversed the order of the clips"
        key = rank if op.by == "story" else (lambda c: (-_score(c), rank(c)))
        return timeline.with_clips(sorted(timeline.clips, key=key)), f"ordered by {op.by}"
    if isinstance(op, Move):
        for query in (op.query, op.anchor):
            _in_cut(query, timeline)
        scenes = _scenes_for(op.query, resolved)
        if op.anchor is None:
            moved = _move(timeline.clips, scenes, op.to or "start")
            return timeline.with_clips(moved), f"moved the parts {op.query.matching} to the {op.to}"
        side = "before" if op.before is not None else "after"
        moved = _move_beside(timeline.clips, scenes, _scenes_for(op.anchor, resolved), side, op.anchor)
        note = f"moved the parts {op.query.matching} {side} the parts {op.anchor.matching}"
        return timeline.with_clips(moved), note
    if isinstance(op, Best):
        return _best(op, timeline, resolved, rank, highlights)
    if isinstance(op, LimitDuration):
        target = _limit_target(timeline, op.seconds, op.factor, op.change)
        if inside := _inside_bound(timeline, op, target):
            return timeline, inside
        if target > timeline.duration and timeline.clips:
            return _lengthen(timeline, target, source)
        shorter = _limit_whole(timeline, target, highlights) if target < timeline.duration else None
        return shorter or _limit(timeline, op.seconds, op.factor, op.change)
    if isinstance(op, Trim):
        chosen = _select(op.target, timeline, base, history)
        clips = [_trim(c, op.seconds, op.side) if i in chosen else c for i, c in enumerate(timeline.clips)]
        where = {"start": "the start of", "end": "the end of", "both": "both ends of"}[op.side]
        note = f"trimmed {op.seconds:g} s off {where} {_count(chosen)}"
        return timeline.with_clips(clips), note + _floored(op.seconds, op.side, chosen, timeline.clips, clips)
    if isinstance(op, TrimCut):
        return _trim_cut(timeline, op)
    if isinstance(op, TrimTo) and op.exact:
        return _set_length(op, timeline, _select(op.target, timeline, base, history), source)
    if isinstance(op, TrimTo):
        chosen = _select(op.target, timeline, base, history)
        clips = [_trim_to(c, _length_to(c, op), op.side) if i in chosen else c
                 for i, c in enumerate(timeline.clips)]
        if len(chosen) == 1 and clips == list(timeline.clips):
            (i,) = chosen
            now = timeline.clips[i].duration
            if op.factor is not None:
                raise PlanError(f"Clip {i + 1} is only {float(now):.1f} s and a clip is never cut below "
                                f"{float(MIN_CLIP_SECONDS):g} s.")
            longer = float(Fraction(op.seconds or 0).limit_denominator(1000) - now)
            hint = "."
            if longer > 0:
                hint = f'; to make it longer say "make clip {i + 1} {round(longer, 1):g} seconds longer".'
            raise PlanError(f"Clip {i + 1} is already {float(now):.1f} s{hint}")
        if op.factor is not None:
            share = f"{op.factor:.0%} of {_its(chosen)} length"
            return timeline.with_clips(clips), f"cut {_count(chosen)} to {share}"
        return timeline.with_clips(clips), f"trimmed {_count(chosen)} to {op.seconds:g} s"
    if isinstance(op, Extend):
        return _extend(op, timeline, _select(op.target, timeline, base, history), source)
    if isinstance(op, Speed):
        if (found := _found_parts(op.target, timeline, resolved)) is not None:
            factor = op.factor
            return _change_parts(timeline, *found, lambda c: replace(c, speed=factor),
                                 f"speed {factor:g}x for")
        chosen = _select(op.target, timeline, base, history)
        clips = [replace(c, speed=op.factor) if i in chosen else c for i, c in enumerate(timeline.clips)]
        return timeline.with_clips(clips), f"speed {op.factor:g}x for {_count(chosen)}"
    if isinstance(op, Volume):
        if (found := _found_parts(op.target, timeline, resolved)) is not None:
            # "mute the scenes with Thom" on a cut not chosen for him: the parts where he is on screen
            volume = op

            def with_sound(clip: Clip) -> Clip:
                return replace(clip, volume=_volume(clip.volume, volume))
            timeline, note = _change_parts(timeline, *found, with_sound, "")
            return timeline, _volume_note(op, note)
        chosen = _select(op.target, timeline, base, history)
        clips = [replace(c, volume=_volume(c.volume, op)) if i in chosen else c
                 for i, c in enumerate(timeline.clips)]
        return timeline.with_clips(clips), _volume_note(op, _count(chosen))
    if isinstance(op, Transition):
        seconds = 0.0 if op.kind == "cut" else op.seconds
        if op.into is not None:
            return _joined(timeline, op, _select(op.into, timeline, base, history), seconds)
        # one kind between every two clips: the joins of their own go
        clips = [replace(c, join=None) if c.join is not None else c for c in timeline.clips]
        return replace(timeline.with_clips(clips), transition=op.kind, transition_seconds=seconds), \
            f"transitions: {op.kind}"
    if isinstance(op, Fade):
        return _faded(timeline, op)
    if isinstance(op, Title):
        title = op.text or None
        return replace(timeline, title=title), (f'title "{title}"' if title else "removed the title")
    if isinstance(op, Reset):
        return source, "back to the whole videos"
    if isinstance(op, (RemoveClip, KeepClip)):
        chosen = _select(op.ref, timeline, base, history)
        keep = isinstance(op, KeepClip)
        clips = [c for i, c in enumerate(timeline.clips) if (i in chosen) == keep]
        if not clips:
            raise PlanError("That would leave no clips.")
        verb = "kept only" if keep else "removed"
        return timeline.with_clips(clips), f"{verb} {_count(chosen)}"
    if isinstance(op, MoveClip):
        chosen = _select(op.ref, timeline, base, history)
        number = op.before if op.before is not None else op.after
        anchor = None if number is None else min(_select(ClipRef(indices=[number]), timeline, base, history))
        return _move_clips(op, timeline, chosen, anchor)
    if isinstance(op, SwapClips) and op.other is not None:
        return _swap_groups(timeline, _select(op.ref, timeline, base, history),
                            _select(op.other, timeline, base, history))
    if isinstance(op, SwapClips):
        pair = sorted(_select(op.ref, timeline, base, history))
        if len(pair) != 2:
            raise PlanError(f"A swap needs two clips; that points at {_count(set(pair))}.")
        first, second = pair
        clips = list(timeline.clips)
        clips[first], clips[second] = clips[second], clips[first]
        return timeline.with_clips(clips), f"swapped clips {first + 1} and {second + 1}"
    raise PlanError(f"Unsupported operation {type(op).__name__}.")


def _swap_groups(timeline: Timeline, first: set[int], second: set[int]) -> tuple[Timeline, str]:
    """The clips of ``first`` and of ``second`` change places as two blocks, each in its own order: the
    later group plays where the earlier one began and the earlier one where the later began; clips in
    neither stay ("A1 A2 x B1" becomes "B1 x A1 A2")."""
    if not first or not second:
        raise PlanError("A swap needs clips on both sides; one side points at none.")
    if first & second:
        raise PlanError(f"Those overlap: {_count(first & second)} would be in both groups, so there is "
                        "nothing to swap.")
    ahead, behind = (first, second) if min(first) < min(second) else (second, first)
    clips: list[Clip] = []
    for i, clip in enumerate(timeline.clips):
        if i == min(ahead):
            clips += [timeline.clips[j] for j in sorted(behind)]
        elif i == min(behind):
            clips += [timeline.clips[j] for j in sorted(ahead)]
        elif i not in ahead and i not in behind:
            clips.append(clip)
    return timeline.with_clips(clips), f"swapped {_count(first)} with {_count(second)}"


def _split_at_shots(timeline: Timeline, chosen: set[int], shot_starts: ShotStarts) -> tuple[Timeline, str]:
    """Each chosen clip cut where its video's shots begin: the same frames in order, one clip per shot.

    A piece shorter than ``MIN_PIECE_SECONDS`` (a clip that starts or ends just across a shot change) stays
    with its neighbour, so no sliver becomes a clip of its own. Times are the shots' own (exact pts)."""
    clips: list[Clip] = []
    split = 0
    for i, clip in enumerate(timeline.clips):
        cuts = [(f, t) for f, t in shot_starts.get(clip.video_id, ()) if clip.in_frame < f < clip.out_frame]
        if i not in chosen or not cuts:
            clips.append(clip)
            continue
        edges = [(clip.in_frame, clip.start)]
        for frame, time in cuts:
            if time - edges[-1][1] >= MIN_PIECE_SECONDS:
                edges.append((frame, time))
        if len(edges) > 1 and clip.end - edges[-1][1] < MIN_PIECE_SECONDS:
            edges.pop()  # the last piece is a sliver: it stays with the one before
        ends = [*edges[1:], (clip.out_frame, clip.end)]
        starts = [f for f, _ in shot_starts.get(clip.video_id, ())]
        clips += [replace(clip, in_frame=a, out_frame=b, start=ta, end=tb,
                          reason=_shot_reason(clip, a, starts))
                  for (a, ta), (b, tb) in zip(edges, ends, strict=True)]
        split += len(edges) > 1
    if not split:
        return timeline, (f"no shot changes to split at inside {_count(chosen)} (a piece under "
                          f"{float(MIN_PIECE_SECONDS):g} s stays with its neighbour)")
    note = f"split {plural(split, 'clip')} into shots ({plural(len(clips), 'clip')} now)"
    return timeline.with_clips(clips), note


def _spans_as_clips(op: Operation, timeline: Timeline) -> tuple[Timeline, Operation]:
    """An op pointed at the cut's first or last seconds ("mute the last 10 seconds"): the clip the point
    falls in is split there (the cut plays the same) and the op points at the clips inside by number."""
    for name in CLIP_REF_FIELDS:
        ref = getattr(op, name, None)
        if isinstance(ref, ClipRef) and ref.span is not None and name == "into":
            op = op.model_copy(update={name: ClipRef(indices=_span_joins(timeline, ref.span))})
        elif isinstance(ref, ClipRef) and ref.span is not None:
            timeline, indices = _span_clips(timeline, ref.span)
            op = op.model_copy(update={name: ClipRef(indices=indices)})
    return timeline, op


def _span_length(clips: Sequence[Clip], span: ClipSpan) -> Fraction:
    """How many seconds of the cut as it plays ``span`` covers: its seconds, or its share of the clips."""
    if span.share is not None:
        total = sum((c.output_duration for c in clips), Fraction(0))
        return total * Fraction(span.share).limit_denominator(1000)
    return Fraction(span.seconds or 0).limit_denominator(1000)


def _span_joins(timeline: Timeline, span: ClipSpan) -> list[int]:
    """The clips whose cut from the clip before falls in ``span`` ("crossfades in the second half"): a
    transition goes at the cuts already there; splitting a clip would put one inside a continuous shot."""
    starts, at = [], Fraction(0)
    for clip in timeline.clips:
        starts.append(at)
        at += clip.output_duration
    said = _span_length(timeline.clips, span)
    inside = [n for n, start in enumerate(starts, 1)
              if n > 1 and (start < said if span.edge == "start" else start >= at - said)]
    if not inside:
        raise PlanError("No cut between two clips falls in that stretch of the cut, so there is no "
                        "transition to change there.")
    return inside


def _span_clips(timeline: Timeline, span: ClipSpan) -> tuple[Timeline, list[int]]:
    """The 1-based numbers of the clips that play in ``span``, after splitting the one its inner edge falls
    in; an edge within ``MIN_PIECE_SECONDS`` of a clip's end moves to it (no sliver is made)."""
    if not timeline.clips:
        raise PlanError("The cut is empty: there are no seconds to point at.")
    clips = list(timeline.clips) if span.edge == "start" else list(reversed(timeline.clips))
    left = _span_length(clips, span)
    inside: list[Clip] = []
    rest = list(clips)
    while rest and left > 0:
        clip = rest.pop(0)
        played = clip.output_duration
        if played - left < MIN_PIECE_SECONDS or left >= played:
            inside.append(clip)  # wholly inside (or all but a sliver)
            left -= played
            continue
        if left < MIN_PIECE_SECONDS:
            rest.insert(0, clip)  # a sliver of this one: it stays out
            break
        at = left if span.edge == "start" else played - left
        first, second = _cut_at(clip, at)
        inside.append(first if span.edge == "start" else second)
        rest.insert(0, second if span.edge == "start" else first)
        left = Fraction(0)
    if not inside:
        raise PlanError(f"{float(left):g} s is too short a stretch of the cut to point at.")
    ordered = [*inside, *rest] if span.edge == "start" else list(reversed([*inside, *rest]))
    numbers = list(range(1, len(inside) + 1)) if span.edge == "start" else \
        list(range(len(ordered) - len(inside) + 1, len(ordered) + 1))
    return timeline.with_clips(ordered), numbers


def _cut_at(clip: Clip, played: Fraction) -> tuple[Clip, Clip]:
    """``clip`` in two, ``played`` seconds into it as it plays (its speed counted)."""
    frames = clip.out_frame - clip.in_frame
    cut = clip.in_frame + int(played * clip.speed_ratio * frames / clip.duration)
    cut = min(max(cut, clip.in_frame + 1), clip.out_frame - 1)
    first, second = _relabelled([_piece(clip, clip.in_frame, cut), _piece(clip, cut, clip.out_frame)], clip)
    return first, second


_SECONDS_LABEL = re.compile(r"\d+\.\d-\d+\.\d s")


def _relabelled(pieces: list[Clip], clip: Clip) -> tuple[Clip, ...]:
    """Pieces of a whole source video say which seconds of it they are, not "whole source video" (nor the
    seconds of the piece they were cut from)."""
    said = clip.reason.query
    if clip.reason.signal != "source" or (said and not _SECONDS_LABEL.fullmatch(said)):
        return tuple(pieces)
    return tuple(replace(p, reason=Reason(query=f"{float(p.start):.1f}-{float(p.end):.1f} s",
                                          signal="source")) for p in pieces)


def _split_even(timeline: Timeline, chosen: set[int], op: Split) -> tuple[Timeline, str]:
    """Each chosen clip cut into ``op.parts`` equal pieces, or in two ``op.at`` seconds into it as it plays
    (its speed counted). A piece under ``MIN_PIECE_SECONDS`` is refused, not made: the cut stays as it was."""
    if op.target == ClipRef() and len(timeline.clips) > 1:  # "split it in half" of a cut of many clips
        how = f"at {op.at:g} seconds" if op.at is not None else "in half" if op.parts == 2 else \
            f"into {op.parts} parts"
        raise PlanError(f'Which clip? The cut has {len(timeline.clips)}: say e.g. "split clip 2 {how}".')
    clips: list[Clip] = []
    for i, clip in enumerate(timeline.clips):
        if i not in chosen:
            clips.append(clip)
            continue
        frames = clip.out_frame - clip.in_frame
        if op.parts is not None:
            cuts = [clip.in_frame + round(Fraction(frames * k, op.parts)) for k in range(1, op.parts)]
        else:
            into = Fraction(op.at or 0).limit_denominator(1000) * clip.speed_ratio  # source seconds
            if into >= clip.duration:
                raise PlanError(f"Clip {i + 1} plays {float(clip.output_duration):.1f} s: there is no "
                                f"{op.at:g} s into it to split at.")
            cuts = [clip.in_frame + int(into * frames / clip.duration)]
        edges = [clip.in_frame, *cuts, clip.out_frame]
        pieces = list(_relabelled([_piece(clip, a, b) for a, b in zip(edges, edges[1:], strict=False)], clip))
        if any(b <= a for a, b in zip(edges, edges[1:], strict=False)) \
                or any(p.duration < MIN_PIECE_SECONDS for p in pieces):
            raise PlanError(f"Clip {i + 1} is {float(clip.output_duration):.1f} s: that would leave a piece "
                            f"under {float(MIN_PIECE_SECONDS):g} s.")
        clips += pieces
    how = f"into {op.parts} parts" if op.parts is not None else f"at {op.at:g} s"
    return timeline.with_clips(clips), f"split {_count(chosen)} {how} ({plural(len(clips), 'clip')} now)"


def _join(timeline: Timeline, chosen: set[int]) -> tuple[Timeline, str]:
    """Neighbouring chosen clips that continue each other (same video, one's last frame the next one's
    first, the same speed, sound and blur) as one clip; any other pair is said, and nothing changes."""
    if len(chosen) < 2:
        raise PlanError('Joining needs two clips next to each other: say e.g. "join clips 2 and 3".')
    order = sorted(chosen)
    if order != list(range(order[0], order[-1] + 1)):
        raise PlanError(f"Only clips next to each other can be joined; {_and_numbers(order)} are not.")
    clips = timeline.clips
    for a, b in zip(order, order[1:], strict=False):
        left, right = clips[a], clips[b]
        if not _one_stretch(left, right):
            raise PlanError(f"Clips {a + 1} and {b + 1} are not one stretch of footage (one does not start "
                            "where the other ends), so they can't be one clip.")
        if not _plays_alike(left, right):
            raise PlanError(f"Clips {a + 1} and {b + 1} play differently (speed, sound, blur or a transition "
                            "between them); make them the same first.")
    first, last = clips[order[0]], clips[order[-1]]
    reason = first.reason if first.reason == last.reason else Reason(
        query=f"{float(first.start):.1f}-{float(last.end):.1f} s", signal="source") \
        if first.reason.signal == "source" else first.reason
    whole = replace(first, out_frame=last.out_frame, end=last.end, reason=reason)
    joined = [*clips[:order[0]], whole, *clips[order[-1] + 1:]]
    now = plural(len(joined), "clip")
    return timeline.with_clips(joined), f"joined {_and_numbers(order)} into one clip ({now} now)"


def _one_stretch(left: Clip, right: Clip) -> bool:
    """Whether ``right`` starts in the same video on the frame where ``left`` ends."""
    return left.video_id == right.video_id and left.out_frame == right.in_frame


def _plays_alike(left: Clip, right: Clip) -> bool:
    """Whether ``right`` plays as ``left`` does (speed, sound, blur) with no transition into it."""
    return right.join is None and \
        (left.speed, left.volume, left.blur) == (right.speed, right.volume, right.blur)


def _join_all(timeline: Timeline) -> tuple[Timeline, str]:
    """Every run of neighbouring clips that continue each other as one clip ("join all the pieces back
    up" after a split); clips that do not continue their neighbour stay as they are."""
    clips = timeline.clips
    runs: list[list[int]] = [[0]] if clips else []
    for i in range(1, len(clips)):
        if _one_stretch(clips[i - 1], clips[i]) and _plays_alike(clips[i - 1], clips[i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    joined_runs = [run for run in runs if len(run) > 1]
    if not joined_runs:
        raise PlanError("No two clips next to each other continue the same footage, so there is nothing to "
                        "join; the cut is unchanged.")
    for run in reversed(joined_runs):  # from the end, so the earlier clips keep their numbers
        timeline, _ = _join(timeline, set(run))
    said = "; ".join(_and_numbers(run) for run in joined_runs)
    return timeline, f"joined {said} ({plural(len(timeline.clips), 'clip')} now)"


def _and_numbers(indices: Sequence[int]) -> str:
    numbers = [str(i + 1) for i in indices]
    return "clips " + (", ".join(numbers[:-1]) + " and " + numbers[-1] if len(numbers) > 1 else numbers[0])


def _shot_reason(clip: Clip, first_frame: int, starts: Sequence[int]) -> Reason:
    """A piece of a whole video is that video's shot N ("shot 3 of the source video"); a piece of a clip
    that was chosen for a reason keeps it."""
    if clip.reason.signal != "source" or clip.reason.query:
        return clip.reason
    return Reason(query=f"shot {1 + bisect.bisect_right(starts, first_frame)}", signal="source")


def _move_clips(
    op: MoveClip, timeline: Timeline, chosen: set[int], anchor: int | None
) -> tuple[Timeline, str]:
    """The chosen clips, in their order, at the start, the end, or beside the ``anchor`` clip (its index on
    the cut before the move, so "move clip 1 after clip 3" ends up third, as the person counts)."""
    clips = timeline.clips
    if not chosen:
        raise PlanError("No clip to move.")
    moved = [clips[i] for i in sorted(chosen)]
    if op.to is not None:
        rest = [c for i, c in enumerate(clips) if i not in chosen]
        ends = moved + rest if op.to == "start" else rest + moved
        return timeline.with_clips(ends), f"moved {_count(chosen)} to the {op.to}"
    assert anchor is not None  # the schema requires one place: with no ``to``, a clip to move beside
    if anchor in chosen:
        raise PlanError(f"Clip {anchor + 1} cannot move next to itself.")
    order: list[Clip] = []
    for i, clip in enumerate(clips):
        if i == anchor and op.before is not None:
            order += moved
        if i not in chosen:
            order.append(clip)
        if i == anchor and op.after is not None:
            order += moved
    side = "before" if op.before is not None else "after"
    return timeline.with_clips(order), f"moved {_count(chosen)} {side} clip {anchor + 1}"


def _scenes_for(query: Query, resolved: Mapping[Query, list[Scene]]) -> list[Scene]:
    scenes = resolved.get(query)
    if scenes is None:
        raise KeyError(f"query {query.label!r} was not resolved before applying the plan")
    if not scenes:
        if query.any_line:  # nothing is said at all, or not while they are on screen
            who = f"{' and '.join(query.people)} {'is' if len(query.people) == 1 else 'are'}"
            raise PlanError(f"No line of dialogue is spoken while {who} on screen in these videos."
                            if query.people else "These videos have no dialogue (no subtitles, and no speech "
                            "was recognised).", unmatched=query.label)
        problem = (f'No line matching "{query.label}" was found' if query.kind == "dialogue"
                   else f'No confident match for "{query.label}"')
        raise PlanError(f"{problem} in these videos.", unmatched=query.label)
    return scenes


def _nonempty(timeline: Timeline, clips: list[Clip]) -> Timeline:
    clips = _without_overlaps(clips)
    if not clips:
        raise PlanError("That would leave no clips.")
    return timeline.with_clips(clips)



def _count(chosen: set[int]) -> str:
    return plural(len(chosen), "clip")


def _score(clip: Clip) -> float:
    return clip.reason.score if clip.reason.score is not None else float("-inf")


def _story_rank(source: Timeline) -> Callable[[Clip], tuple[int, int]]:
    order = {c.video_id: i for i, c in enumerate(source.clips)}
    return lambda c: (order.get(c.video_id, len(order)), c.in_frame)


# --- render effects: faces to blur, frame shape -------------------------------------------------


def _apply_effect(op: Blur | Unblur | Reframe, timeline: Timeline, characters: Characters,
                  chosen: set[int] | None) -> tuple[Timeline, str]:
    """A reframe or a blur of the whole cut, or (``chosen``) a blur of those clips only.

    A blur of the whole cut applies to each clip's own blur as well, so "blur everyone" after "don't blur
    clip 2" blurs clip 2 too; a clip's own blur that comes out the same as the cut's is dropped.
    """
    if isinstance(op, Reframe):
        privacy = replace(timeline.privacy, aspect=op.aspect)
        return replace(timeline, privacy=privacy), aspect_words(op.aspect).lower()
    cut = timeline.privacy if chosen is not None else blur_privacy(timeline.privacy, op, characters)
    clips = [_own_blur(clip, blur_privacy(timeline.clip_privacy(i), op, characters), cut)
             if chosen is None and clip.blur is not None or chosen is not None and i in chosen else clip
             for i, clip in enumerate(timeline.clips)]
    blurred = replace(timeline, privacy=cut, clips=tuple(clips))
    if chosen is None:
        return blurred, describe_blur(cut, characters.names) + describe_clip_blurs(blurred, characters.names)
    return blurred, "; ".join(
        f"in {clips_named(numbers)}, {describe_blur(privacy, characters.names)}"
        for privacy, numbers in _by_blur(blurred, sorted(chosen)).items())


def _own_blur(clip: Clip, privacy: Privacy, cut: Privacy) -> Clip:
    """``clip`` blurring as ``privacy`` says: its own blur, or none where that is the cut's."""
    same = (privacy.blur, privacy.people) == (cut.blur, cut.people)
    return replace(clip, blur=None if same else FaceBlur(privacy.blur, privacy.people))


def _by_blur(timeline: Timeline, indices: Sequence[int]) -> dict[Privacy, list[int]]:
    """Clip numbers (from 1) of ``indices`` grouped by the blur they render with."""
    groups: dict[Privacy, list[int]] = {}
    for i in indices:
        groups.setdefault(timeline.clip_privacy(i), []).append(i + 1)
    return groups


def describe_clip_blurs(timeline: Timeline, names: Mapping[int, str]) -> str:
    """The clips that blur otherwise than the cut, in words ("; in clip 3, faces not blurred"), or ""."""
    own = [i for i, clip in enumerate(timeline.clips) if clip.blur is not None]
    return "".join(
        f"; in {clips_named(numbers)}, {describe_blur(privacy, names)}"
        for privacy, numbers in _by_blur(timeline, own).items())


def blur_privacy(privacy: Privacy, op: Blur | Unblur, characters: Characters) -> Privacy:
    """Who is blurred after ``op``, as set algebra on character numbers; the frame shape stays.

    A blur never uncovers a face unless it says so ("all_but" people by name, "none", an exclusive "only"):
    "blur Thom" with everyone blurred but Celia and Thom leaves only Celia clear; "all_but" the named
    characters as a group ("blur the extras") spares only those of them not blurred now. An unblur takes
    people out of the blurred set: from "all" it becomes "all_but" them, from "only" the rest stay blurred.
    """
    people = frozenset(_numbers(op.people, characters))
    mode, listed = privacy.blur, frozenset(privacy.people)
    if isinstance(op, Unblur):
        if mode == "all":
            mode, listed = "all_but", people
        elif mode == "all_but":
            listed |= people
        elif mode == "only":
            listed -= people
    elif op.target in ("all", "none"):
        mode, listed = op.target, frozenset()
    elif op.target == "all_but":
        # "blur the unnamed people too" (the named ones spared, as a group) keeps a named face blurred
        # ("blur Hildy" before it had been undone); a face spared by name is uncovered as said
        spared = frozenset(_numbers([p for p in op.people if p != NAMED_REF], characters))
        if NAMED_REF in op.people:
            spared |= {n for n in _numbers([NAMED_REF], characters) if not _is_blurred(n, mode, listed)}
        mode, listed = "all_but", spared
    elif op.exclusive or mode in ("none", "only"):
        mode, listed = "only", people | (frozenset() if op.exclusive or mode == "none" else listed)
    elif mode == "all_but":
        listed -= people
    if mode == "only" and not listed:
        mode = "none"
    if mode == "all_but" and not listed:
        mode = "all"
    return replace(privacy, blur=mode, people=tuple(sorted(listed)))


def _is_blurred(number: int, mode: str, listed: frozenset[int]) -> bool:
    """Whether a blur setting (``mode`` and its ``listed`` people) covers character ``number``."""
    return {"all": True, "none": False, "only": number in listed, "all_but": number not in listed}[mode]


def _numbers(refs: Sequence[str], characters: Characters) -> list[int]:
    """The character numbers of ``refs``; one that was not resolved, or resolves to nobody, is an error."""
    found: list[int] = []
    for ref in refs:
        numbers = characters.numbers.get(ref)
        if numbers is None:
            raise PlanError(f'I don\'t know who "{ref}" is in these videos.')
        if not numbers:
            raise PlanError(f"No character is {people_words([ref])} yet: name them first "
                            '(e.g. "number 1 is Celia").')
        found += numbers
    return found


def describe_blur(privacy: Privacy, names: Mapping[int, str]) -> str:
    """The blur as it now stands, in words: "faces blurred: everyone except Celia"."""
    who = people_words([names.get(n, f"#{n}") for n in privacy.people])
    return {
        "none": "faces not blurred",
        "all": "faces blurred: everyone",
        "all_but": f"faces blurred: everyone except {who}",
        "only": f"faces blurred: {who}",
    }[privacy.blur]


# --- frame-range arithmetic -------------------------------------------------------------------


def _time_at(clip: Clip, frame: int) -> Fraction:
    """Exact at the clip's ends; linear inside (exact for constant-frame-rate sources)."""
    if frame == clip.in_frame:
        return clip.start
    if frame == clip.out_frame:
        return clip.end
    return clip.start + (frame - clip.in_frame) * clip.duration / (clip.out_frame - clip.in_frame)


def _piece(clip: Clip, in_frame: int, out_frame: int, reason: Reason | None = None) -> Clip:
    return replace(
        clip, in_frame=in_frame, out_frame=out_frame, start=_time_at(clip, in_frame),
        end=_time_at(clip, out_frame), reason=reason or clip.reason,
    )


def _long_enough(clip: Clip) -> bool:
    return clip.duration >= MIN_PIECE_SECONDS


def _intersect(clip: Clip, scenes: Sequence[Scene], query: Query) -> list[Clip]:
    pieces = []
    for s in scenes:
        narrowed = scene_clip(s, query).reason
        if clip.reason.signal != "source":
            narrowed = replace(narrowed, query=f"{clip.reason.query} + {query.label}")
        piece = _overlap_piece(clip, s, narrowed)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _overlap_piece(clip: Clip, scene: Scene, reason: Reason) -> Clip | None:
    """The part of ``clip`` inside ``scene``, carrying ``reason``; None if it is missing or a sliver."""
    lo, hi = max(clip.in_frame, scene.start_frame), min(clip.out_frame, scene.end_frame)
    if scene.video_id != clip.video_id or lo >= hi:
        return None
    # Times at the bounds come from whichever range owns that bound, so they stay exact.
    start = clip.start if lo == clip.in_frame else scene.start
    end = clip.end if hi == clip.out_frame else scene.end
    piece = replace(clip, in_frame=lo, out_frame=hi, start=start, end=end, reason=reason)
    return piece if _long_enough(piece) else None


def _spared(op: Remove, timeline: Timeline, scenes: Sequence[Scene]) -> list[Scene]:
    """The matching parts ``op.spare`` keeps, counted in the order the cut plays them ("remove the fights
    except the last one"); ``PlanError`` when it counts past them."""
    if not op.spare:
        return []
    played = [(position, max(scene.start_frame, clip.in_frame), index)
              for position, clip in enumerate(timeline.clips) for index, scene in enumerate(scenes)
              if scene.video_id == clip.video_id and scene.start_frame < clip.out_frame
              and clip.in_frame < scene.end_frame]
    # each part once, where the cut first plays it (a part may run over two clips)
    ordered = [scenes[index] for index in dict.fromkeys(index for *_, index in sorted(played))]
    out_of_range = [n for n in op.spare if not -len(ordered) <= n <= len(ordered)]
    if out_of_range:
        raise PlanError(f'There is no part {abs(out_of_range[0])} to keep: the cut has '
                        f'{plural(len(ordered), "part")} {op.query.matching}.')
    return [ordered[n - 1 if n > 0 else n] for n in op.spare]


def _subtract(clip: Clip, scenes: Sequence[Scene]) -> list[Clip]:
    parts = [clip]
    for s in scenes:
        if s.video_id != clip.video_id:
            continue
        nxt = []
        for p in parts:
            if s.end_frame <= p.in_frame or s.start_frame >= p.out_frame:
                nxt.append(p)
                continue
            if s.start_frame > p.in_frame:
                nxt.append(replace(p, out_frame=s.start_frame, end=s.start))
            if s.end_frame < p.out_frame:
                nxt.append(replace(p, in_frame=s.end_frame, start=s.end))
        parts = nxt
    return [p for p in parts if _long_enough(p)]


def _remove_lines(op: RemoveLine, timeline: Timeline, cues: Cues, on_screen: OnScreen,
                  ) -> tuple[Timeline, str]:
    """The time each chosen line is spoken taken out of the clip that plays it (whole frames, rounded
    outward so no syllable is left); the rest of the clip plays on either side, unless under a second."""
    chosen = chosen_lines(op, timeline.clips, cues, on_screen)
    clips: list[Clip] = []
    for i, clip in enumerate(timeline.clips):
        parts = [clip]
        frames, length = clip.out_frame - clip.in_frame, clip.duration
        for line in (line for line in chosen if line.clip == i):
            lo = clip.in_frame + int((line.start - clip.start) * frames // length)
            hi = clip.in_frame - int(-(line.end - clip.start) * frames // length)  # rounded up
            parts = [piece for p in parts for piece in (
                [p] if hi <= p.in_frame or lo >= p.out_frame else
                [*([_piece(p, p.in_frame, lo)] if lo > p.in_frame else []),
                 *([_piece(p, hi, p.out_frame)] if hi < p.out_frame else [])])]
        # a sliver left between two lines (0.5 s of a pause) is no clip: under a second, it goes too
        clips += [p if p is clip else _quoting_its_lines(p, cues.get(p.video_id, ()))
                  for p in parts if p is clip or p.duration >= MIN_CLIP_SECONDS]
    if not clips:
        raise PlanError("Removing that would leave nothing.")
    where = sorted({line.clip + 1 for line in chosen})
    in_clips = f"clip {where[0]}" if len(where) == 1 else f"clips {', '.join(map(str, where))}"
    if len(chosen) == 1:
        note = f"removed the line {chosen[0].quoted} from {in_clips}"
    else:
        note = f"removed {plural(len(chosen), 'line')} from {in_clips}"
    return timeline.with_clips(clips), note


def _found_parts(ref: ClipRef, timeline: Timeline, resolved: Mapping[Query, list[Scene]],
                 ) -> tuple[Sequence[Scene], Query] | None:
    """The scenes a search for ``ref``'s words or people found, with that search, when no clip of the cut was
    chosen for them (``parts_query``); None when the clips chosen for them are meant."""
    searched = parts_query(ref)
    if searched is None or counted_among(ref, timeline.clips):
        return None
    return _scenes_for(searched, resolved), searched


def _change_parts(timeline: Timeline, scenes: Sequence[Scene], query: Query, change: Callable[[Clip], Clip],
                  said: str) -> tuple[Timeline, str]:
    """"slow down the fights" or "mute the scenes with Thom" on a cut not chosen for them: each clip split
    where a found scene begins or ends inside it, the pieces inside a scene changed; a piece under
    ``MIN_PIECE_SECONDS`` is not split off (it stays as its neighbour is). The note: ``said``, then the
    parts."""
    clips: list[Clip] = []
    sped = 0
    for clip in timeline.clips:
        spans = sorted((max(s.start_frame, clip.in_frame), min(s.end_frame, clip.out_frame)) for s in scenes
                       if s.video_id == clip.video_id and s.start_frame < clip.out_frame
                       and s.end_frame > clip.in_frame)
        if not spans:
            clips.append(clip)
            continue
        edges = sorted({clip.in_frame, clip.out_frame, *(f for span in spans for f in span)})
        pieces: list[tuple[int, int, bool]] = []
        for lo, hi in zip(edges, edges[1:], strict=False):
            inside = any(a <= lo and hi <= b for a, b in spans)
            if pieces and (pieces[-1][2] == inside or not _long_enough(_piece(clip, lo, hi))):
                first, _, was = pieces[-1]
                pieces[-1] = (first, hi, was)  # same speed, or too short to stand alone: one piece
            else:
                pieces.append((lo, hi, inside))
        if len(pieces) > 1 and not _long_enough(_piece(clip, *pieces[0][:2])):
            pieces[:2] = [(pieces[0][0], pieces[1][1], pieces[1][2])]  # a sliver at the start joins the next
        cut = list(_relabelled([_piece(clip, lo, hi) for lo, hi, _ in pieces], clip)) if len(pieces) > 1 \
            else [_piece(clip, lo, hi) for lo, hi, _ in pieces]
        for piece, (_, _, inside) in zip(cut, pieces, strict=True):
            sped += inside
            clips.append(change(piece) if inside else piece)
    if not sped:
        raise PlanError(f'None of the current cut shows "{query.label}".', unmatched=query.label)
    return timeline.with_clips(clips), " ".join(filter(None, [said, plural(sped, "part"), query.matching]))


LINES_BRIDGED = Fraction(2)  # lines of one clip kept with what lies between them when less apart than this


def _keep_lines(op: KeepLines, timeline: Timeline, cues: Cues, on_screen: OnScreen) -> tuple[Timeline, str]:
    """The cut as the time the chosen lines are spoken, in its order; lines of one clip less than
    ``LINES_BRIDGED`` apart kept as one piece with the pause between them."""
    chosen = chosen_lines(op, timeline.clips, cues, on_screen)
    clips: list[Clip] = []
    for i, clip in enumerate(timeline.clips):
        spans: list[list[Fraction]] = []
        for line in sorted((line for line in chosen if line.clip == i), key=lambda line: line.start):
            if spans and line.start - spans[-1][1] < LINES_BRIDGED:
                spans[-1][1] = max(spans[-1][1], line.end)
            else:
                spans.append([line.start, line.end])
        frames, length = clip.out_frame - clip.in_frame, clip.duration
        for start, end in spans:
            lo = clip.in_frame + int((start - clip.start) * frames // length)
            hi = clip.in_frame - int(-(end - clip.start) * frames // length)  # rounded up
            clips.append(_quoting_its_lines(_piece(clip, lo, hi), cues.get(clip.video_id, ())))
    if not clips:
        raise PlanError("That would leave no clips.")
    if len(chosen) == 1:
        return timeline.with_clips(clips), f"kept only the line {chosen[0].quoted}"
    return timeline.with_clips(clips), f"kept only {plural(len(chosen), 'line')}"


def _quoting_its_lines(piece: Clip, cues: Sequence[Cue]) -> Clip:
    """A piece of a clip chosen for its lines quotes the first line it still plays, not one removed."""
    if not piece.reason.line:
        return piece
    left = said_in(piece, cues)
    line = (left[0].text + (" …" if len(left) > 1 else "")) if left else None
    return replace(piece, reason=replace(piece.reason, line=line))


def _in_story_places(cut: Sequence[Clip], clips: Sequence[Clip], rank: Callable[[Clip], tuple[int, int]],
                     ) -> list[Clip]:
    """``clips`` (the cut's, then the added ones) with each added clip just after the clip of the cut that
    comes before it in the films, else just before the one that comes after: the cut's own order stays
    ("put the chaplin clip first", then "add the dragons": chaplin is still first). On a cut in story
    order this is the story order."""
    ours = set(cut)
    placed = [c for c in clips if c in ours]
    ranks = [rank(c) for c in placed]
    for clip in sorted((c for c in clips if c not in ours), key=rank):
        mine = rank(clip)
        before = [i for i, r in enumerate(ranks) if r < mine]
        after = [i for i, r in enumerate(ranks) if r > mine]
        if before:
            at = max(before, key=ranks.__getitem__) + 1
        else:
            at = min(after, key=ranks.__getitem__) if after else len(placed)
        placed.insert(at, clip)
        ranks.insert(at, mine)
    return placed


def _without_overlaps(clips: Sequence[Clip]) -> list[Clip]:
    """Keep order; a clip that overlaps an earlier one of the same video loses the overlapping frames."""
    placed: list[Clip] = []
    taken: dict[str, tuple[list[int], list[int]]] = {}  # per video: sorted [start, end) of placed frames
    for clip in clips:
        starts, ends = taken.setdefault(clip.video_id, ([], []))
        first, last = bisect.bisect_right(ends, clip.in_frame), bisect.bisect_left(starts, clip.out_frame)
        pieces, cursor = [], clip.in_frame
        for start, end in zip(starts[first:last], ends[first:last], strict=True):
            if start > cursor:
                pieces.append(_piece(clip, cursor, start))
            cursor = max(cursor, end)
        if cursor < clip.out_frame:
            pieces.append(clip if cursor == clip.in_frame else _piece(clip, cursor, clip.out_frame))
        for p in pieces:
            i = bisect.bisect_left(starts, p.in_frame)
            starts.insert(i, p.in_frame)
            ends.insert(i, p.out_frame)
        placed.extend(pieces)
    return placed


def _frames_for(clip: Clip, seconds: Fraction) -> int:
    """Whole frames of ``clip`` that fit in ``seconds`` of source time (rounded down)."""
    frames = clip.out_frame - clip.in_frame
    return int(seconds * frames / clip.duration)


def _keep_frames(clip: Clip, n: int, side: str) -> Clip:
    """Keep ``n`` frames at the start (``side="start"``), end, or centre of ``clip``."""
    frames = clip.out_frame - clip.in_frame
    n = max(1, min(n, frames))
    lo = {"start": 0, "end": frames - n, "both": (frames - n) // 2}[side]
    return _piece(clip, clip.in_frame + lo, clip.in_frame + lo + n)


def _trim_cut(timeline: Timeline, op: TrimCut) -> tuple[Timeline, str]:
    """Time off an end of the whole cut, counted in the clips' played lengths (a title or transitions
    aside): clips wholly past the point go, the clip it falls in is cut there; a piece under
    ``MIN_CLIP_SECONDS`` left of that clip goes too (said in the note). ``keep``: the other end goes."""
    side = op.side if not op.keep else ("end" if op.side == "start" else "start")  # the end cut off
    clips = list(timeline.clips) if side == "start" else list(reversed(timeline.clips))
    total = sum((c.output_duration for c in clips), Fraction(0))
    if op.share is not None:
        seconds = total * Fraction(op.share).limit_denominator(1000)
    else:
        seconds = Fraction(op.seconds or 0).limit_denominator(1000)
    cut = total - seconds if op.keep else seconds
    if cut <= 0:
        return timeline, f"already {float(total):.1f} s: nothing to cut"
    if total - cut < MIN_CLIP_SECONDS:
        raise PlanError(f"The cut is {float(total):.1f} s: cutting {float(cut):.1f} s off its {side} would "
                        "leave less than a second.")
    left, gone, partly = cut, 0, ""
    while clips and clips[0].output_duration <= left:
        left -= clips.pop(0).output_duration
        gone += 1
    if left > 0:
        clip = clips[0]
        kept = clip.output_duration - left
        if kept < MIN_CLIP_SECONDS:
            clips.pop(0)
            gone += 1
            partly = f" (the {float(kept):.1f} s left of the next one too)"
        else:
            frames = _frames_for(clip, kept * _speed(clip))
            clips[0] = _keep_frames(clip, frames, "end" if side == "start" else "start")
            which = "first" if side == "start" else "last"
            partly = f"{', and' if gone else ':'} {float(left):.1f} s off the {side} of the clip now {which}"
    if side == "end":
        clips.reverse()
    said = (f"kept only the {'first' if op.side == 'start' else 'last'} {float(total - cut):.1f} s of the cut"
            if op.keep
            else f"cut {float(cut):.1f} s off the {side} of the cut")
    return timeline.with_clips(clips), said + (f": removed {plural(gone, 'clip')}" if gone else "") + partly


def _trim(clip: Clip, seconds: float, side: str) -> Clip:
    frames = clip.out_frame - clip.in_frame
    cut = _frames_for(clip, Fraction(seconds).limit_denominator(1000)) * (2 if side == "both" else 1)
    keep = max(frames - cut, min(frames, _frames_for(clip, MIN_CLIP_SECONDS) or 1))
    # Trimming the start keeps the end part, and the other way round.
    return _keep_frames(clip, keep, {"start": "end", "end": "start", "both": "both"}[side])


def _floored(seconds: float, side: str, chosen: set[int], before: Sequence[Clip],
             after: Sequence[Clip]) -> str:
    """Which trimmed clips stopped at ``MIN_CLIP_SECONDS`` short of the cut asked for: said, so "cut 2 seconds
    off both ends" of a 3.9 s clip does not look like a 2.9 s trim done wrong."""
    asked = Fraction(seconds).limit_denominator(1000) * (2 if side == "both" else 1)
    short = [i + 1 for i in sorted(chosen) if before[i].duration - after[i].duration < asked
             and before[i].duration - asked < MIN_CLIP_SECONDS]
    if not short:
        return ""
    floor = f"(a trim never takes a clip below {float(MIN_CLIP_SECONDS):g} s)"
    if len(short) == 1:
        return f"; clip {short[0]} stopped at {float(after[short[0] - 1].duration):.1f} s {floor}"
    return f"; clips {', '.join(map(str, short))} stopped short {floor}"


def _speed(clip: Clip) -> Fraction:
    return Fraction(clip.speed).limit_denominator(1000)


def _length_to(clip: Clip, op: TrimTo) -> Fraction:
    """The source length ``op`` asks of ``clip``: its seconds, or its factor of the clip's own length."""
    if op.factor is not None:
        return clip.duration * Fraction(op.factor).limit_denominator(1000)
    return Fraction(op.seconds or 0).limit_denominator(1000)


def _its(chosen: set[int]) -> str:
    return "its" if len(chosen) == 1 else "their"


def _trim_to(clip: Clip, seconds: Fraction, side: str) -> Clip:
    """``clip`` cut down to ``seconds`` of source time from ``side``; never below ``MIN_CLIP_SECONDS``."""
    length = max(seconds, MIN_CLIP_SECONDS)
    frames = _frames_for(clip, length)
    if frames >= clip.out_frame - clip.in_frame:
        return clip
    return _keep_frames(clip, frames, {"start": "end", "end": "start", "both": "both"}[side])


def _extend(op: Extend, timeline: Timeline, chosen: set[int], source: Timeline) -> tuple[Timeline, str]:
    """The chosen clips run on into their video's footage, up to the video's ends and never into footage
    another clip of the cut shows (clips never overlap); the note says where a clip had to stop short."""
    wholes = {c.video_id: c for c in source.clips}
    clips = list(timeline.clips)
    stuck, grown, short = [], [], []
    for i in sorted(chosen):
        clip = clips[i]
        whole = wholes.get(clip.video_id)
        if whole is None:
            raise PlanError(f"Clip {i + 1} comes from a video this session does not have, so it can't grow.")
        # whole frames within the seconds asked (rounded to the nearest, half a frame at each end could pass a
        # length asked for: a 0.08 s clip made "1 second" became 1.04 s)
        extra = math.floor(_growth(op, clip) * whole.source_fps)
        others = [c for j, c in enumerate(clips) if j != i and c.video_id == clip.video_id]
        low = max([whole.in_frame, *(c.out_frame for c in others if c.out_frame <= clip.in_frame)])
        high = min([whole.out_frame, *(c.in_frame for c in others if c.in_frame >= clip.out_frame)])
        in_frame, out_frame = clip.in_frame, clip.out_frame
        if op.side in ("start", "both"):
            in_frame = max(low, in_frame - extra)
        if op.side in ("end", "both"):
            out_frame = min(high, out_frame + extra)
        if (in_frame, out_frame) == (clip.in_frame, clip.out_frame):
            stuck.append(i)
            continue
        stopped_early = op.side != "end" and in_frame == low > whole.in_frame
        stopped_late = op.side != "start" and out_frame == high < whole.out_frame
        if stopped_early or stopped_late:
            short.append(i)
        clips[i] = replace(
            clip, in_frame=in_frame, out_frame=out_frame,
            start=clip.start if in_frame == clip.in_frame else _time_at(whole, in_frame),
            end=clip.end if out_frame == clip.out_frame else _time_at(whole, out_frame),
        )
        grown.append(i)
    if not grown:
        raise PlanError(f"{_stuck(stuck, op.side).capitalize()}, so there is no more footage to add.")
    where = {"start": "the start", "end": "the end", "both": "both ends"}[op.side]
    if op.factor is not None:
        note = f"extended {_count(set(grown))} to up to {op.factor:g}x {_its(set(grown))} length at {where}"
    else:
        note = f"extended {_count(set(grown))} by up to {op.seconds:g} s at {where}"
    if short:
        which = ", ".join(str(i + 1) for i in short)
        note += f" (clip {which} stopped where footage another clip shows begins)"
    if stuck:
        note += f" ({_stuck(stuck, op.side)})"
    return timeline.with_clips(clips), note


def _set_length(op: TrimTo, timeline: Timeline, chosen: set[int], source: Timeline) -> tuple[Timeline, str]:
    """Each chosen clip ``op.seconds`` long: a longer one cut from ``op.side``, a shorter one run on into its
    footage there (as far as it goes, never into footage another clip shows; the note says where it
    stopped)."""
    target = max(Fraction(op.seconds or 0).limit_denominator(1000), MIN_CLIP_SECONDS)
    grow_side: Literal["start", "end"] = "start" if op.side == "start" else "end"
    cut, grown, notes = 0, 0, []
    for i in sorted(chosen):
        clip = timeline.clips[i]
        if clip.duration > target:
            clips = list(timeline.clips)
            clips[i] = _trim_to(clip, target, op.side)
            timeline, cut = timeline.with_clips(clips), cut + 1
        elif target - clip.duration >= Fraction(1, 25):
            more = float(target - clip.duration)
            try:
                timeline, note = _extend(Extend(seconds=min(more, 600.0), side=grow_side), timeline, {i},
                                         source)
            except PlanError as exc:  # at its video's end already: said, the other clips still change
                notes.append(str(exc).rstrip("."))
                continue
            grown += 1
            if " (" in note:
                notes.append(note.split(" (", 1)[1].rstrip(")"))
            elif target - timeline.clips[i].duration >= Fraction(1, 25):  # its video ends first
                notes.append(f"clip {i + 1} stopped at its video's end, "
                             f"{float(timeline.clips[i].duration):.1f} s")
    said = [f"cut {plural(cut, 'clip')}" if cut else "", f"ran on {plural(grown, 'clip')}" if grown else ""]
    done = " and ".join(filter(None, said)) or "no clip to change"
    return timeline, f"{done} to {float(target):g} s" + (f" ({'; '.join(notes)})" if notes else "")


def _growth(op: Extend, clip: Clip) -> Fraction:
    """Source seconds ``op`` adds to ``clip`` at each side it grows at."""
    if op.factor is None:
        return Fraction(op.seconds or 0).limit_denominator(1000)
    more = clip.duration * (Fraction(op.factor).limit_denominator(1000) - 1)
    return more / 2 if op.side == "both" else more


def _lengthen(timeline: Timeline, target: Fraction, source: Timeline) -> tuple[Timeline, str]:
    """A length longer than the cut ("make it longer", "make it 2 minutes"): every clip runs on into its
    footage at both ends by an even share of the time missing, as far as the footage goes (``_extend``).

    Before, a limit only shortened: "too short, make it longer" answered "already 7.3 s (limit 10.9 s)"."""
    missing = target - timeline.duration
    share = min(missing / (2 * len(timeline.clips)), Fraction(600))
    if share < Fraction(1, 20):
        return timeline, f"already {float(timeline.duration):.1f} s"
    share = max(Fraction(math.floor(share * 10), 10), Fraction(1, 10))  # "0.8 s", never past the length asked
    every = set(range(len(timeline.clips)))
    grown, note = _extend(Extend(seconds=float(share), side="both"), timeline, every, source)
    return grown, f"made it longer towards {float(target):.1f} s: {note}"


def _stuck(stuck: list[int], side: str) -> str:
    """Why ``stuck`` (0-based) clips cannot grow at ``side``: that end of their video, or footage another
    clip shows, is already there."""
    numbers = " and ".join(str(i + 1) for i in stuck)
    end = {"start": "start", "end": "end", "both": "ends"}[side]
    if len(stuck) == 1:
        return f"clip {numbers} already reaches its video's {end} or the footage of another clip"
    return f"clips {numbers} already reach their videos' {end} or the footage of other clips"


def _limit_whole(timeline: Timeline, target: Fraction,
                 highlights: Sequence[Highlight]) -> tuple[Timeline, str] | None:
    """A length ``target`` (shorter than the cut) asked of the whole videos ("make it 2 minutes" before any
    search): their best-ranked shots that fit, in story order, instead of the first minutes of the first
    video (``None``: not that case). The ranking is the highlights' (dialogue density and how distinct the
    picture is), as for "just the good parts"."""
    if not highlights or any(c.reason.score is not None for c in timeline.clips):
        return None
    candidates = timeline.with_clips(_highlight_clips(timeline, highlights))
    if not candidates.clips:
        return None
    limited, _ = _limit(candidates, float(target), None)
    return limited, (f"limited to {float(target):.1f} s with the best-ranked shots of the whole videos "
                     "(nothing searched yet to rank by)")


def _inside_bound(timeline: Timeline, op: LimitDuration, target: Fraction) -> str | None:
    """Why a bounded length leaves the cut alone ("under 2 minutes" of a 40 s cut), else None."""
    if op.seconds is None or op.bound is None:
        return None
    now = timeline.duration
    if op.bound == "at_most" and now <= target:
        return f"already {float(now):.1f} s, within the {float(target):.1f} s asked"
    if op.bound == "at_least" and now >= target:
        return f"already {float(now):.1f} s, at least the {float(target):.1f} s asked"
    return None


def _limit_target(timeline: Timeline, seconds: float | None, factor: float | None,
                  change: float | None) -> Fraction:
    if change is not None:
        return max(timeline.duration + Fraction(change), MIN_CLIP_SECONDS)
    if seconds is not None:
        return Fraction(seconds)
    return timeline.duration * Fraction(factor)  # type: ignore[arg-type]


def _limit(
    timeline: Timeline, seconds: float | None, factor: float | None, change: float | None = None,
) -> tuple[Timeline, str]:
    """Keep the best-scoring clips that fit, in the cut's order; trim one more to fill, never below 1 s."""
    target = _limit_target(timeline, seconds, factor, change)
    if timeline.duration <= target:
        return timeline, f"already {float(timeline.duration):.1f} s (limit {float(target):.1f} s)"
    budget = target - (TITLE_SECONDS if timeline.title else 0)
    ranked = sorted(range(len(timeline.clips)), key=lambda i: (-_score(timeline.clips[i]), i))
    chosen: dict[int, Clip] = {}
    left = budget
    for i in ranked:
        clip = timeline.clips[i]
        if clip.output_duration <= left:
            chosen[i], left = clip, left - clip.output_duration
        elif left >= MIN_CLIP_SECONDS:
            chosen[i] = _keep_frames(clip, _frames_for(clip, left * _speed(clip)), "start")
            break
    if not chosen:  # nothing fits: keep the best clip, cut to the budget but not below the minimum
        best = timeline.clips[ranked[0]]
        source_seconds = max(budget, MIN_CLIP_SECONDS) * _speed(best)
        chosen[ranked[0]] = _keep_frames(best, _frames_for(best, source_seconds), "start")
    clips = [chosen[i] for i in sorted(chosen)]
    return timeline.with_clips(clips), f"limited to {float(target):.1f} s"


# --- relevance and placement ----------------------------------------------------------------


def _best(
    op: Best, timeline: Timeline, resolved: Mapping[Query, list[Scene]],
    rank: Callable[[Clip], tuple[int, int]], highlights: Sequence[Highlight],
) -> tuple[Timeline, str]:
    """The best clips by score: the query's scenes (from the sources) or the cut's own clips.

    Without a count or a length, the better half (scores at or above the upper median) stays. A cut whose
    clips have no score (the whole videos) is split into its highlight shots, ranked by their score;
    with no highlights to go by, that case asks for a query rather than guessing.
    """
    if op.query is not None:
        scenes = _scenes_for(op.query, resolved)
        candidates = timeline.with_clips(
            _without_overlaps(sorted((scene_clip(s, op.query) for s in scenes), key=rank))
        )
        what = f'"{op.query.label}" scenes'
    else:
        candidates, what = timeline, "cut"
        if all(c.reason.score is None for c in timeline.clips):
            candidates, what = timeline.with_clips(_highlight_clips(timeline, highlights)), "shots"
        if not candidates.clips:
            raise PlanError(
                "Nothing in the cut is ranked yet (these are the whole videos), so I can't tell the good "
                'parts; say what they show, e.g. "the 3 best fights".'
            )
    if op.seconds is not None:
        limited, _ = _limit(candidates, op.seconds, None)
        return limited, f"kept the best {float(op.seconds):g} s of the {what}"
    clips = candidates.clips
    if op.count is not None:
        keep = set(sorted(range(len(clips)), key=lambda i: (-_score(clips[i]), i))[: op.count])
    else:
        scores = sorted(c.reason.score for c in clips if c.reason.score is not None)
        upper_median = scores[len(scores) // 2]
        keep = {i for i, c in enumerate(clips) if _score(c) >= upper_median}
    best = [c for i, c in enumerate(clips) if i in keep]
    return candidates.with_clips(best), f"kept the {plural(len(best), 'best clip')} of the {what}"


def _highlight_clips(timeline: Timeline, highlights: Sequence[Highlight]) -> list[Clip]:
    """The cut's clips split into the highlight shots inside them, in the cut's order, each with its why."""
    in_time = sorted(highlights, key=lambda h: (h.scene.video_id, h.scene.start_frame))
    reasons = [
        Reason(query=h.why, score=h.scene.score, signal=h.scene.signal, line=h.scene.line) for h in in_time
    ]
    pieces = (
        _overlap_piece(clip, h.scene, reason)
        for clip in timeline.clips for h, reason in zip(in_time, reasons, strict=True)
    )
    return [p for p in pieces if p is not None]


def _move(clips: Sequence[Clip], scenes: Sequence[Scene], to: str) -> list[Clip]:
    """Split each clip into the parts inside and outside ``scenes``, then put the inside parts first/last.

    Only reorders: every frame of the cut stays, exactly once. A part shorter than ``MIN_CLIP_SECONDS``
    is not split off: a short match stays where it is, a short leftover travels with its match.
    """
    inside: list[Clip] = []
    outside: list[Clip] = []
    for clip in clips:
        for piece, matches in _split(clip, scenes):
            (inside if matches else outside).append(piece)
    return [*inside, *outside] if to == "start" else [*outside, *inside]


def _in_cut(query: Query | None, timeline: Timeline, removing: bool = False) -> None:
    """A request about the part of the cut from named videos ("drop the sintel stuff", "put the chaplin clip
    first") when the cut holds none of them: say so rather than make a version that changes nothing."""
    if query is None or not query.videos:
        return
    named = {video.id for video in query.videos}
    if not any(clip.video_id in named for clip in timeline.clips):
        names = " or ".join(video.name for video in query.videos)
        if removing:
            raise PlanError(f"No clip of the cut comes from {names}, so there is nothing to remove.")
        raise PlanError(f'No clip of the cut comes from {names}; to bring it in, say "add everything from '
                        f'{query.videos[0].name}".')


def _move_beside(clips: Sequence[Clip], scenes: Sequence[Scene], anchors: Sequence[Scene],
                 side: str, anchor: Query) -> list[Clip]:
    """The parts inside ``scenes`` taken out, then put just before the first part of the rest that is inside
    ``anchors`` (or just after the last one). Only reorders, as ``_move`` does."""
    inside: list[Clip] = []
    rest: list[Clip] = []
    for clip in clips:
        for piece, matches in _split(clip, scenes):
            (inside if matches else rest).append(piece)
    # a clip of the rest is next to the anchor if part of it shows it (it is not cut for that)
    marked = [i for i, piece in enumerate(rest) if any(at for _, at in _split(piece, anchors))]
    if not marked:
        raise PlanError(f'No part of the cut besides the moved ones shows "{anchor.label}".')
    at = marked[0] if side == "before" else marked[-1] + 1
    return [*rest[:at], *inside, *rest[at:]]


def _split(clip: Clip, scenes: Sequence[Scene]) -> list[tuple[Clip, bool]]:
    """``clip`` as consecutive (piece, matches) parts; pieces never shorter than ``MIN_CLIP_SECONDS``."""
    shortest = max(1, _frames_for(clip, MIN_CLIP_SECONDS))
    spans = sorted(
        (max(clip.in_frame, s.start_frame), min(clip.out_frame, s.end_frame))
        for s in scenes if s.video_id == clip.video_id
    )
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        elif lo < hi:
            merged.append((lo, hi))
    matches = [(lo, hi) for lo, hi in merged if hi - lo >= shortest]
    if not matches:
        return [(clip, False)]
    segments: list[tuple[int, int, bool]] = []
    cursor = clip.in_frame
    for lo, hi in [*matches, (clip.out_frame, clip.out_frame)]:
        if lo > cursor:  # a gap shorter than the minimum travels with the match next to it
            segments.append((cursor, lo, lo - cursor < shortest))
        if hi > lo:
            segments.append((lo, hi, True))
        cursor = hi
    parts: list[tuple[int, int, bool]] = []
    for lo, hi, flag in segments:
        if parts and parts[-1][2] == flag:
            parts[-1] = (parts[-1][0], hi, flag)
        else:
            parts.append((lo, hi, flag))
    if len(parts) == 1:
        return [(clip, parts[0][2])]
    return [(_piece(clip, lo, hi), flag) for lo, hi, flag in parts]


# --- clip references ------------------------------------------------------------------------


def selected_clips(ref: ClipRef, base: Version, history: History) -> list[int]:
    """Indices into ``base``'s clips that ``ref`` points at, in cut order; ``PlanError`` when it cannot."""
    return sorted(_select(ref, base.timeline, base, history))


def counted_among(ref: ClipRef, clips: Sequence[Clip]) -> list[int]:
    """Indices of the ``clips`` that ``ref``'s numbers count among: those of its videos, chosen for its
    words (all of them for a ref that names neither)."""
    named = {video.id for video in ref.videos}
    return [i for i, clip in enumerate(clips)
            if (not named or clip.video_id in named) and (not ref.matching or clip.chosen_for(ref.matching))
            and all(clip.chosen_for(person) for person in ref.people)]


def _select(ref: ClipRef, timeline: Timeline, base: Version, history: History) -> set[int]:
    """Indices into ``timeline.clips`` that ``ref`` points at (an empty ref means every clip)."""
    numbered = timeline
    if ref.turn is not None:
        earlier = base
        for _ in range(-ref.turn):
            parent = history.parent(earlier)
            if parent is None:
                raise PlanError("There is no earlier turn that far back.")
            earlier = parent
        numbered = earlier.timeline
    candidates = counted_among(ref, numbered.clips)
    if not candidates and ref.videos and not counted_among(ClipRef(videos=ref.videos), numbered.clips):
        names = " or ".join(video.name for video in ref.videos)
        raise PlanError(f"No clip of the cut comes from {names}.")
    if not candidates and (ref.matching or ref.people):
        said = " with ".join(filter(None, [ref.matching, " and ".join(ref.people)]))
        raise PlanError(f'No clip in the cut was chosen for "{said}".')
    picked = set(candidates)
    if ref.indices:
        picked = set()
        for n in ref.indices:
            if not -len(candidates) <= n <= len(candidates):
                plural = "clip" if len(candidates) == 1 else "clips"
                what = f'"{ref.matching}" {plural}' if ref.matching else plural
                what += f" from {' and '.join(v.name for v in ref.videos)}" if ref.videos else ""
                raise PlanError(f"There is no clip {n}: the cut has {len(candidates)} {what}.")
            picked.add(candidates[n - 1 if n > 0 else n])
    if ref.invert:
        picked = set(range(len(numbered.clips))) - picked
    if numbered is timeline:
        return picked
    # Numbered on an earlier version: select the current clips that overlap the clips picked there.
    old = [numbered.clips[i] for i in picked]
    return {i for i, c in enumerate(timeline.clips) if any(_overlaps(c, o) for o in old)}



def _overlaps(a: Clip, b: Clip) -> bool:
    return a.video_id == b.video_id and a.in_frame < b.out_frame and b.in_frame < a.out_frame


def _faded(timeline: Timeline, op: Fade) -> tuple[Timeline, str]:
    """The cut with ``op``'s opening and/or closing fade set, or the one there now made longer or shorter."""
    ends = [end for end in ("start", "end") if op.at in (end, "both")]
    now = {"start": timeline.fade_in, "end": timeline.fade_out}
    if op.factor is None:
        new = {end: op.seconds for end in ends}
    else:
        changed = [end for end in ends if now[end]]
        if not changed:
            where = {"start": "at the start", "end": "at the end", "both": "at the start or the end"}[op.at]
            raise PlanError(f'There is no fade {where} to change; say e.g. "fade out at the end" to add one.')
        new = {end: round(min(max(now[end] * op.factor, 0.1), MAX_END_FADE_SECONDS), 2) for end in changed}
    faded = replace(timeline, fade_in=new.get("start", timeline.fade_in),
                    fade_out=new.get("end", timeline.fade_out))
    if op.factor is None:
        return faded, _fade_note(op)
    names = {"start": "fade in", "end": "fade out"}
    return faded, ", ".join(f"{names[end]} {now[end]:g} s -> {new[end]:g} s" for end in new)


def _fade_note(op: Fade) -> str:
    """What a ``Fade`` did, in words ("fade in from black at the start (1 s)")."""
    where = {"start": "fade in from black at the start", "end": "fade out to black at the end",
             "both": "fade in from black at the start and out to black at the end"}[op.at]
    if op.seconds <= 0:
        return {"start": "no fade at the start", "end": "no fade at the end", "both": "no fades"}[op.at]
    return f"{where} ({op.seconds:g} s)"


def _volume(current: float, op: Volume) -> float:
    """A clip's new sound level: the level said, or its own times the factor, within 0..MAX_VOLUME."""
    level = op.level if op.level is not None else current * (op.factor or 1.0)
    return round(min(max(level, 0.0), MAX_VOLUME), 3)


def _volume_note(op: Volume, clips: str) -> str:
    if op.level == 0:
        return f"muted {clips}"
    if op.level is not None:
        return f"sound at {op.level * 100:g} % for {clips}" if op.level != 1 else \
            f"sound as recorded for {clips}"
    louder = (op.factor or 1.0) > 1
    return f"sound {'louder' if louder else 'quieter'} ({op.factor:g}x) for {clips}"


def _joined(timeline: Timeline, op: Transition, chosen: set[int], seconds: float) -> tuple[Timeline, str]:
    """The clips ``chosen`` joined to the clip before each by ``op``'s transition (the first has none)."""
    into = sorted(i for i in chosen if i > 0)
    if not into:
        raise PlanError("The first clip has no clip before it to join; say which two clips, e.g. \"crossfade "
                        "between clips 2 and 3\".")
    join = Join(op.kind, seconds)
    clips = [replace(c, join=join) if i in into else c for i, c in enumerate(timeline.clips)]
    pairs = ", ".join(f"{i} and {i + 1}" for i in into)
    return timeline.with_clips(clips), f"{op.kind} between clips {pairs}"
