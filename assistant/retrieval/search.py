"""Query -> the scenes that match it: a decision per film, not a fixed top-k, fused across signals.

Signals are pluggable scorers. Shot-level signals (pictures) go through the per-film decision in
``decide``; a signal with an absolute scale (dialogue) decides for itself and hands over its own scenes
(a line's range, not whole shots). Both kinds are merged into one list of scenes per video.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

import numpy as np

from assistant.plan.schema import Query
from assistant.retrieval.decide import decide, group_scenes
from assistant.retrieval.dialogue import DialogueScorer
from assistant.retrieval.people import PeopleScorer
from assistant.retrieval.types import Scene, ShotLibrary, ShotScorer, ShotScores, Signal
from assistant.retrieval.visual import VisualScorer


def find_scenes(
    library: ShotLibrary, query: Query, video_ids: Sequence[str], scorers: Sequence[ShotScorer] | None = None,
) -> list[Scene]:
    """The scenes of ``video_ids`` that match ``query``, in story order (videos as given, then time).

    ``query.kind`` picks the scorers of that signal ("auto" fuses all); if none fits, all are used.
    People are a constraint, not one more alternative: with text, a scene the text found is kept only
    if all of them are on screen in it; without text, the people signal's own scenes are the answer.
    Raises ``UnknownPeople`` when the query names someone no character matches. A query scoped to
    videos (``Query.videos``) searches those of ``video_ids`` only; with nothing else to look for, each
    of them is one scene from its first shot to its last ("everything from sintel").
    """
    if query.videos:
        named = {video.id for video in query.videos}
        video_ids = [vid for vid in video_ids if vid in named]
        if not query.text and not query.people:
            return [scene for vid in video_ids if (scene := whole_video(library, vid)) is not None]
    scorers = list(scorers) if scorers is not None else default_scorers()
    people = next((s for s in scorers if isinstance(s, PeopleScorer)), None) or PeopleScorer()
    if not query.text:
        found = people.score(library, query, video_ids)
        return [scene for vid in video_ids if vid in found for scene in found[vid].scenes or ()]
    text_scorers = [s for s in scorers if s.signal != "people"]
    kind = "dialogue" if query.any_line else query.kind  # any line: the lines alone know
    fitting = [s for s in text_scorers if kind == "auto" or s.signal == kind]
    per_signal = [scorer.score(library, query, video_ids) for scorer in (fitting or text_scorers)]
    scenes: list[Scene] = []
    for vid in video_ids:
        signals = [p[vid] for p in per_signal if vid in p]
        if not query.people:
            scenes.extend(_fuse(vid, signals))
            continue
        # Each line and each run of shots must show the people before scenes merge ("where Thom talks
        # about robots" keeps Thom's line, not a neighbouring one); merged scenes then get their times.
        kept = people.require(library, query, _fuse(vid, signals, merge=False), video_ids)
        scenes.extend(people.require(library, query, merge_scenes(kept), video_ids))
    return scenes


def whole_video(library: ShotLibrary, video_id: str) -> Scene | None:
    """A video as one scene, frame for frame as the source timeline has it; None for a video without shots."""
    shots = library.shots(video_id)
    if not shots:
        return None
    info = library.video(video_id)
    return Scene(video_id, shots[0].index, shots[-1].index, 0, info.frame_count, Fraction(0), info.duration,
                 1.0, "source")


def default_scorers() -> list[ShotScorer]:
    """Pictures, dialogue and the people on screen."""
    return [VisualScorer(), DialogueScorer(), PeopleScorer()]


def _fuse(video_id: str, signals: Sequence[ShotScores], *, merge: bool = True) -> list[Scene]:
    """Scenes of the shot-level signals plus the scenes signals decided themselves, overlaps merged
    (unless ``merge`` is False: then each line and each run of shots comes on its own)."""
    decided = [scene for sig in signals if sig.scenes is not None for scene in sig.scenes]
    scenes = [*_fuse_shots(video_id, [s for s in signals if s.scenes is None]), *decided]
    return merge_scenes(scenes) if merge else scenes


def merge_scenes(scenes: Sequence[Scene]) -> list[Scene]:
    """Overlapping or touching scenes of one video become one; it is "fused" if its parts' signals differ.

    The merged score is the best part's; its lines are the parts' distinct lines in time order.
    """
    merged: list[list[Scene]] = []
    for scene in sorted(scenes, key=lambda s: (s.start_frame, s.end_frame)):
        if merged and scene.start_frame <= max(p.end_frame for p in merged[-1]):
            merged[-1].append(scene)
        else:
            merged.append([scene])
    return [parts[0] if len(parts) == 1 else _joined(parts) for parts in merged]


def _joined(parts: Sequence[Scene]) -> Scene:
    last = max(parts, key=lambda s: s.end_frame)
    kinds = {p.signal for p in parts}
    lines = list(dict.fromkeys(p.line for p in parts if p.line))
    return replace(
        parts[0], first_shot=min(p.first_shot for p in parts), last_shot=max(p.last_shot for p in parts),
        end_frame=last.end_frame, end=last.end, score=max(p.score for p in parts),
        signal=kinds.pop() if len(kinds) == 1 else "fused", line=" / ".join(lines) or None,
    )


def _fuse_shots(video_id: str, signals: Sequence[ShotScores]) -> list[Scene]:
    """A shot matches if any signal decides it does; its score and signal come from the first that did."""
    if not signals:
        return []
    shots = signals[0].shots
    n = len(shots)
    matched = np.zeros(n, bool)
    scores = np.zeros(n, float)
    kinds: list[Signal] = [signals[0].signal] * n
    lines: list[str | None] = [None] * n
    for sig in signals:
        if tuple(s.index for s in sig.shots) != tuple(s.index for s in shots):
            raise ValueError(f"{sig.signal} scores cover different shots of {video_id}")
        decision = decide(sig.scores, sig.contrast)
        for i in np.flatnonzero(decision.matches & ~matched):
            scores[i], kinds[i] = sig.scores[i], sig.signal
            lines[i] = sig.lines[i] if sig.lines else None
        for i in np.flatnonzero(decision.matches & matched):
            if kinds[i] != sig.signal:
                kinds[i] = "fused"
            lines[i] = lines[i] or (sig.lines[i] if sig.lines else None)
        matched |= decision.matches
    return group_scenes(shots, matched, scores, kinds, lines)
