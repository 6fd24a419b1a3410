"""What the taste ops do to a cut (``for_me``, ``more_like``, ``less_like``, ``suggest``, ``like``), for the
chat, and the app's one-click "add this suggestion" (``add_suggestion``).

Each step takes the cut as it is and returns the new one with a note; the feedback they imply
("more like clip 3" is a thumbs-up for clip 3) is written first, so the next suggestion already knows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.plan.schema import ClipRef, EditPlan, ForMe, LessLike, Like, MoreLike, Suggest
from assistant.retrieval.types import ShotLibrary
from assistant.sessions.store import SessionStore
from assistant.taste.events import Statement, TasteStore, statement_event
from assistant.taste.recommend import Suggestion, cut_for_me, suggest
from assistant.timeline.apply import selected_clips
from assistant.timeline.history import History, PlanError
from assistant.timeline.model import Clip, Timeline, Version

DEFAULT_FOR_ME_SECONDS = 60.0
LIKE_SUGGESTIONS = 3  # suggestions shown after "I like the dragon scenes", so the person sees it counted
CANDIDATE_POOL = 500  # suggestions read to fill a cut; a cut of more shots than this is rare


@dataclass(frozen=True)
class TasteContext:
    """Who is asking, about which videos, and where the cut stands."""

    library: ShotLibrary
    store: TasteStore
    user: str
    video_ids: Sequence[str]
    base: Version
    history: History


def taste_step(op: ForMe | MoreLike | LessLike | Suggest | Like, timeline: Timeline, context: TasteContext,
               ) -> tuple[Timeline, str]:
    """The cut after ``op`` and what happened, in words; ``PlanError`` when ``op`` cannot apply."""
    if isinstance(op, Like):
        context.store.record([statement_event(context.user, op.text, op.liked)])
        found = suggest(context.library, context.store, context.user, context.video_ids, LIKE_SUGGESTIONS)
        lines = [_suggestion_line(n, s, context) for n, s in enumerate(found, 1)]
        noted = f"I'll remember that {Statement(op.text, op.liked).words()}"
        return timeline, (f"{noted}. You might like:\n" + "\n".join(lines)) if lines else f"{noted}."
    if isinstance(op, ForMe):
        found = suggest(context.library, context.store, context.user, context.video_ids, CANDIDATE_POOL,
                        include_kept=not op.surprise, surprise=op.surprise)
        clips = cut_for_me(found, op.seconds or DEFAULT_FOR_ME_SECONDS)
        if not clips:
            raise PlanError("There is nothing left to suggest in these videos.")
        cut = replace(timeline, clips=tuple(clips))
        note = f"made a {float(cut.duration):.0f} s cut of {len(clips)} clips for you"
        return cut, f"{note}: {clips[0].reason.query}"
    if isinstance(op, Suggest):
        found = suggest(context.library, context.store, context.user, context.video_ids, op.count)
        lines = [_suggestion_line(n, s, context) for n, s in enumerate(found, 1)]
        if not lines:  # "You might like:" over an empty list read as a failure
            return timeline, ("I have nothing new to suggest in these videos: their other scenes are in the "
                              "cut already or ones you said you like less.")
        return timeline, "You might like:\n" + "\n".join(lines)
    picked = _picked(op.ref, timeline, context)
    spans = [(c.video_id, float(c.start), float(c.end)) for c in picked]
    if isinstance(op, LessLike):
        context.store.record_clips(context.user, "thumbs_down", spans, context.base.id)
        kept = tuple(c for c in timeline.clips if c not in picked)
        if not kept:
            raise PlanError("That would leave no clips; I noted that you like it less.")
        return replace(timeline, clips=kept), f"removed {len(picked)} clip(s) and will suggest less like them"
    context.store.record_clips(context.user, "thumbs_up", spans, context.base.id)
    found = suggest(context.library, context.store, context.user, context.video_ids, CANDIDATE_POOL,
                    seed=picked)
    new = [s.clip() for s in found if not any(_overlaps(s.clip(), c) for c in timeline.clips)][: op.count]
    if not new:
        raise PlanError("Every scene like that is already in the cut.")
    cut = replace(timeline, clips=timeline.clips + tuple(new))
    return cut, f"added {len(new)} scenes: {new[0].reason.query}"


def suggest_for_cut(library: ShotLibrary, store: TasteStore, user: str, video_ids: Sequence[str],
                    timeline: Timeline, k: int) -> list[Suggestion]:
    """The ``k`` best suggestions for ``user`` that are not in ``timeline`` yet (the app's strip)."""
    found = suggest(library, store, user, video_ids, k + len(timeline.clips))
    return [s for s in found if not any(_overlaps(s.clip(), c) for c in timeline.clips)][:k]


def add_suggestion(sessions: SessionStore, taste: TasteStore, user: str, base: Version,
                   suggestion: Suggestion, turn: str) -> Version:
    """``suggestion``'s shot added to the cut ``base`` (in story order among its video's clips) as a new
    version of the session; picking it is a keep. ``PlanError`` when that shot is already in the cut."""
    clip = suggestion.clip()
    clips = base.timeline.clips
    if any(_overlaps(clip, c) for c in clips):
        raise PlanError("That scene is already in the cut.")
    same_video = [i for i, c in enumerate(clips) if c.video_id == clip.video_id]
    later = [i for i in same_video if clips[i].start > clip.start]
    at = later[0] if later else (same_video[-1] + 1 if same_video else len(clips))
    timeline = replace(base.timeline, clips=clips[:at] + (clip,) + clips[at:])
    taste.record_clips(user, "keep", [(clip.video_id, float(clip.start), float(clip.end))], base.id)
    note = f"added the suggested scene as clip {at + 1}: {suggestion.reason}"
    return sessions.add_version(base.session_id, base.id, timeline, turn=turn, plan=EditPlan(), note=note)


def _picked(ref: ClipRef, timeline: Timeline, context: TasteContext) -> list[Clip]:
    base = context.base if timeline == context.base.timeline else replace(context.base, timeline=timeline)
    return [timeline.clips[i] for i in selected_clips(ref, base, context.history)]


def _overlaps(a: Clip, b: Clip) -> bool:
    return a.video_id == b.video_id and a.start < b.end and b.start < a.end


def _suggestion_line(number: int, suggestion: Suggestion, context: TasteContext) -> str:
    """"2. chaplin 3.9-8.5 s — quiet, like the scenes you keep": the video named when there are several."""
    shot = suggestion.shot
    span = f"{float(shot.start):.1f}-{float(shot.end):.1f} s"
    if len(set(context.video_ids)) <= 1:
        return f"{number}. {span} — {suggestion.reason}"
    try:
        name = context.library.video(shot.video_id).display_name
    except (LookupError, ValueError):
        name = shot.video_id[:8]
    return f"{number}. {name} {span} — {suggestion.reason}"
