"""What changed between two versions: clips added, removed, trimmed, retimed and reordered.

A pure function over two timelines. A clip of the later cut is "the same clip" as one of the earlier cut
when it covers frames of the same video; unchanged frames mean untouched, other frames mean trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from assistant.timeline.model import Clip, Privacy, Timeline


@dataclass(frozen=True)
class ClipChange:
    """One clip of the earlier cut and what it became in the later one."""

    before: Clip
    after: Clip


@dataclass(frozen=True)
class Footage:
    """Seconds ``[start, end)`` of one source video."""

    video_id: str
    start: Fraction
    end: Fraction

    def to_json(self) -> dict:
        return {"video_id": self.video_id, "start": float(self.start), "end": float(self.end)}


@dataclass(frozen=True)
class TimelineDiff:
    added: tuple[Clip, ...]
    removed: tuple[Clip, ...]
    trimmed: tuple[ClipChange, ...]  # same clip, other in/out frames (shorter, or longer: "extended")
    retimed: tuple[ClipChange, ...]  # same clip, other speed
    reordered: tuple[Clip, ...]  # kept clips (as they are now) that moved relative to the others
    settings: tuple[str, ...]  # transition / title / blur / frame-shape changes, in words
    duration_before: Fraction
    duration_after: Fraction
    # The source footage the earlier cut showed and the later one does not (and the reverse), per video,
    # merged: what "what did you remove?" asks, whichever clips the change reshaped.
    footage_removed: tuple[Footage, ...] = ()
    footage_added: tuple[Footage, ...] = ()
    resounded: tuple[ClipChange, ...] = ()  # same clip, other sound level

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.trimmed or self.retimed or self.reordered
                    or self.settings or self.resounded)

    def describe(self, names: Mapping[str, str] | None = None,
                 people: Mapping[int, str] | None = None) -> str:
        """One line per kind of change, then the lengths. ``names`` (video id -> name) say which video a
        span is from when the changes touch more than one ("removed: chaplin 0.0-9.6 s"); ``people`` (cast
        number -> name) name whom a blur spares or covers ("all but Celia" for "all but #2")."""
        videos = {c.video_id for c in (*self.removed, *self.added, *self.reordered)} | {
            c.after.video_id for c in (*self.trimmed, *self.retimed, *self.resounded)}
        named = names if names and len(videos) > 1 else None

        def span(clip: Clip) -> str:
            return _span(clip, named)

        parts = [
            ("removed", [span(c) for c in self.removed]),
            ("added", [span(c) for c in self.added]),
            ("trimmed", [f"{span(c.before)} -> {_reshaped(c)}" for c in self.trimmed
                         if c.after.duration <= c.before.duration]),
            ("extended", [f"{span(c.before)} -> {_reshaped(c)}" for c in self.trimmed
                          if c.after.duration > c.before.duration]),
            ("speed", [f"{span(c.after)} {c.before.speed:g}x -> {c.after.speed:g}x" for c in self.retimed]),
            ("sound", [f"{span(c.after)} {_level(c.before.volume)} -> {_level(c.after.volume)}"
                       for c in self.resounded]),
            ("reordered", [span(c) for c in self.reordered]),
        ]
        settings = [_CAST_NUMBER.sub(lambda m: people.get(int(m[1]), m[0]), line) if people and "blur" in line
                    else line for line in self.settings]
        lines = [f"{label}: {', '.join(items)}" for label, items in parts if items] + settings
        lines = lines or ["no change to the clips"]
        if self.trimmed or (self.added and self.removed):  # clips reshaped: say which footage went and came
            moved = (*self.footage_removed, *self.footage_added)
            footage_names = names if names and len({f.video_id for f in moved}) > 1 else None
            for at, label, footage in ((0, "footage cut", self.footage_removed),
                                       (1, "footage added", self.footage_added)):
                if footage:
                    total = sum((f.end - f.start for f in footage), Fraction(0))
                    spans = ", ".join(_footage(f, footage_names) for f in footage)
                    lines.insert(at, f"{label}: {spans} ({float(total):.1f} s)")
        before, after = f"{float(self.duration_before):.1f}", f"{float(self.duration_after):.1f}"
        lines.append(f"length: {before} s -> {after} s" if before != after
                     else f"length: {after} s (unchanged)")
        return "\n".join(lines)

    def to_json(self) -> dict:
        def change(c: ClipChange) -> dict:
            return {"before": c.before.to_json(), "after": c.after.to_json()}

        return {
            "added": [c.to_json() for c in self.added],
            "removed": [c.to_json() for c in self.removed],
            "trimmed": [change(c) for c in self.trimmed],
            "retimed": [change(c) for c in self.retimed],
            "resounded": [change(c) for c in self.resounded],
            "reordered": [c.to_json() for c in self.reordered],
            "settings": list(self.settings),
            "duration_before": float(self.duration_before),
            "duration_after": float(self.duration_after),
            "footage_removed": [f.to_json() for f in self.footage_removed],
            "footage_added": [f.to_json() for f in self.footage_added],
        }


def diff_timelines(before: Timeline, after: Timeline) -> TimelineDiff:
    """Pair each later clip with the earlier clip it overlaps most (each used once), then classify."""
    pairs: dict[int, int] = {}  # after index -> before index
    used: set[int] = set()
    exact = {_key(c): i for i, c in reversed(list(enumerate(before.clips)))}
    for j, clip in enumerate(after.clips):  # identical clips first, so a trim never steals an exact match
        i = exact.get(_key(clip))
        if i is not None and i not in used:
            pairs[j] = i
            used.add(i)
    for j, clip in enumerate(after.clips):
        if j in pairs:
            continue
        overlaps = [(_overlap(b, clip), i) for i, b in enumerate(before.clips) if i not in used]
        best = max(overlaps, default=(0, -1))
        if best[0] > 0:
            pairs[j] = best[1]
            used.add(best[1])
    moved = _moved(sorted(pairs), pairs)
    changes = [ClipChange(before.clips[pairs[j]], after.clips[j]) for j in sorted(pairs)]
    return TimelineDiff(
        added=tuple(c for j, c in enumerate(after.clips) if j not in pairs),
        removed=tuple(c for i, c in enumerate(before.clips) if i not in used),
        trimmed=tuple(c for c in changes if (c.before.in_frame, c.before.out_frame) != (c.after.in_frame,
                                                                                         c.after.out_frame)),
        retimed=tuple(c for c in changes if c.before.speed != c.after.speed),
        resounded=tuple(c for c in changes if c.before.volume != c.after.volume),
        reordered=tuple(after.clips[j] for j in moved),
        settings=_settings(before, after),
        duration_before=before.duration,
        duration_after=after.duration,
        footage_removed=_footage_minus(before, after),
        footage_added=_footage_minus(after, before),
    )


FOOTAGE_SLIVER = Fraction(1, 20)  # seconds: a shorter difference is rounding between clip edges, not footage


def _coverage(timeline: Timeline) -> dict[str, list[tuple[Fraction, Fraction]]]:
    """Per video, the merged source seconds the timeline's clips show."""
    spans: dict[str, list[tuple[Fraction, Fraction]]] = {}
    for clip in sorted(timeline.clips, key=lambda c: (c.video_id, c.start)):
        merged = spans.setdefault(clip.video_id, [])
        if merged and clip.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], clip.end))
        else:
            merged.append((clip.start, clip.end))
    return spans


def _footage_minus(first: Timeline, second: Timeline) -> tuple[Footage, ...]:
    """Footage ``first`` shows and ``second`` does not, per video in order, slivers left out."""
    out: list[Footage] = []
    later = _coverage(second)
    for video_id, spans in sorted(_coverage(first).items()):
        others = later.get(video_id, [])
        for start, end in spans:
            at = start
            for o_start, o_end in others:
                if o_end <= at or o_start >= end:
                    continue
                if o_start - at >= FOOTAGE_SLIVER:
                    out.append(Footage(video_id, at, o_start))
                at = max(at, o_end)
            if end - at >= FOOTAGE_SLIVER:
                out.append(Footage(video_id, at, end))
    return tuple(out)


def _footage(footage: Footage, names: Mapping[str, str] | None) -> str:
    video = f"{names.get(footage.video_id, footage.video_id[:8])} " if names else ""
    return f"{video}{float(footage.start):.1f}-{float(footage.end):.1f} s"


def _key(clip: Clip) -> tuple[str, int, int, float, float]:
    return clip.video_id, clip.in_frame, clip.out_frame, clip.speed, clip.volume


def _level(volume: float) -> str:
    return "muted" if volume == 0 else f"{volume * 100:g} %"


def _overlap(a: Clip, b: Clip) -> int:
    if a.video_id != b.video_id:
        return 0
    return max(0, min(a.out_frame, b.out_frame) - max(a.in_frame, b.in_frame))


def _moved(after_order: list[int], pairs: dict[int, int]) -> list[int]:
    """Later indices whose clip left the longest run that kept its earlier order (the fewest moves)."""
    sequence = [pairs[j] for j in after_order]
    best: list[list[int]] = []  # best[k]: positions of the longest increasing run ending at k
    for k, value in enumerate(sequence):
        earlier: list[list[int]] = [best[m] for m in range(k) if sequence[m] < value]
        previous = max(earlier, key=len, default=[])
        best.append([*previous, k])
    longest: list[int] = max(best, key=len) if best else []
    keep = set(longest)
    return [after_order[k] for k in range(len(sequence)) if k not in keep]


def _settings(before: Timeline, after: Timeline) -> tuple[str, ...]:
    changes = []
    if (before.transition, before.transition_seconds) != (after.transition, after.transition_seconds):
        changes.append(f"transitions: {before.transition} -> {after.transition}")
    if _joins(before) != _joins(after):
        changes.append(f"joins: {_joins(before)} -> {_joins(after)}")
    if (before.fade_in, before.fade_out) != (after.fade_in, after.fade_out):
        changes.append(f"fades: {_fades(before)} -> {_fades(after)}")
    if before.title != after.title:
        changes.append(f"title: {before.title or '(none)'} -> {after.title or '(none)'}")
    if (before.privacy.blur, before.privacy.people) != (after.privacy.blur, after.privacy.people):
        changes.append(f"blur: {_blur(before.privacy)} -> {_blur(after.privacy)}")
    if _clip_blurs(before) != _clip_blurs(after):
        changes.append(f"clips' own blur: {_clip_blurs(before)} -> {_clip_blurs(after)}")
    if before.privacy.aspect != after.privacy.aspect:
        changes.append(f"frame: {before.privacy.aspect} -> {after.privacy.aspect}")
    return tuple(changes)


def _joins(timeline: Timeline) -> str:
    """The transitions between two clips only, in words ("crossfade 0.5 s into clip 3"; "none")."""
    joins = [f"{c.join.kind}{f' {c.join.seconds:g} s' if c.join.kind != 'cut' else ''} into clip {i + 1}"
             for i, c in enumerate(timeline.clips) if c.join is not None and i > 0]
    return ", ".join(joins) or "none"


def _clip_blurs(timeline: Timeline) -> str:
    """The clips that blur otherwise than the cut, in words ("clip 3: no blur, clip 4: all faces"; "none")."""
    own = [f"clip {i + 1}: {'no blur' if c.blur.mode == 'none' else _blur(timeline.clip_privacy(i))}"
           for i, c in enumerate(timeline.clips) if c.blur is not None]
    return ", ".join(own) or "none"


def _fades(timeline: Timeline) -> str:
    """The cut's opening and closing fades in words ("in 1 s, out 2 s", "none")."""
    ends = (("in", timeline.fade_in), ("out", timeline.fade_out))
    parts = [f"{word} {seconds:g} s" for word, seconds in ends if seconds]
    return ", ".join(parts) or "none"


_CAST_NUMBER = re.compile(r"#(\d+)")


def _blur(privacy: Privacy) -> str:
    """The blur in words with cast numbers ("all but #2, #5"): names are the caller's to look up."""
    people = ", ".join(f"#{n}" for n in privacy.people)
    return {"none": "none", "all": "all faces", "all_but": f"all but {people}",
            "only": f"only {people}"}[privacy.blur]


def _reshaped(change: ClipChange) -> str:
    """A trimmed clip's new span; its reason only if that changed too (it is said once, before the arrow)."""
    return _span(change.after, reason=change.after.reason.query != change.before.reason.query)


def _span(clip: Clip, names: Mapping[str, str] | None = None, reason: bool = True) -> str:
    why = f' "{clip.reason.query}"' if clip.reason.query and reason else ""
    video = f"{names.get(clip.video_id, clip.video_id[:8])} " if names else ""
    return f"{video}{float(clip.start):.1f}-{float(clip.end):.1f} s{why}"
