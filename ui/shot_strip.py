"""The shot strip: one thumbnail per clip of the cut, captioned (below the picture, not over it) with its
source when the cut has several, its time, what matched and its score, the dialogue line that
brought the clip in, if any, and the people the request named with their time on screen."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path

from PIL import Image

from assistant.plan.schema import SOMEONE_REF
from assistant.retrieval.types import OnScreen
from assistant.timeline.model import Clip, Timeline
from index.library_paths import LibraryPaths
from index.shot import Shot


def mmss(t: Fraction | float) -> str:
    seconds = int(t)
    return f"{seconds // 60}:{seconds % 60:02d}"


def clip_caption(number: int, clip: Clip, people_names: Mapping[str, str] | None = None) -> str:
    """One line: number, time range, which signal matched the query, and the score (a query that was one
    unnamed person, "#3", shows the name given since: ``people_names``)."""
    reason = clip.reason
    head = f"{number}. {mmss(clip.start)}–{mmss(clip.end)}"
    if reason.signal == "source":
        return f"{head} · {reason.query + ' of the' if reason.query else 'whole'} source video"
    text = f"{head} · {reason.signal} match"  # visual, dialogue or fused (both)
    if reason.signal == "people" and reason.query == SOMEONE_REF:  # "only the shots with people in them"
        text = f"{head} · someone on screen"
    elif reason.spoken_lines:  # "only the parts where someone is talking": no query, no score to show
        return f"{head} · spoken lines"
    elif reason.query:
        text += f' "{(people_names or {}).get(reason.query, reason.query)}"'
    return text + (f" {reason.score:.2f}" if reason.score is not None else "")


def person_name(person: OnScreen, names: Mapping[str, str] | None = None) -> str:
    """The name a reason recorded; an unnamed "#3" shows the name given since (``names``: "#3" -> name)."""
    return (names or {}).get(person.name, person.name)


def people_line(clip: Clip, names: Mapping[str, str] | None = None) -> str:
    """"On screen: Celia 3.9 s, Thom 2.0 s" for a clip the request's people brought in ("" for none)."""
    people = clip.reason.people
    if not people:
        return ""
    return "On screen: " + ", ".join(f"{person_name(p, names)} {p.seconds:.1f} s" for p in people)


def strip_caption(number: int, clip: Clip, source: str | None = None,
                  people_names: Mapping[str, str] | None = None) -> str:
    """The caption under a thumbnail: the source's name (when given) on its own line, ``clip_caption``,
    and on their own lines the matched dialogue line and the people on screen (``people_line``)."""
    line = clip.reason.line
    head = f"{source}\n" if source else ""
    lines = [head + clip_caption(number, clip, people_names), f"“{line}”" if line else "",
             people_line(clip, people_names)]
    return "\n".join(part for part in lines if part)


def shot_at(shots: list[Shot], t: Fraction) -> Shot | None:
    """The shot showing time ``t`` (the clip's first frame), else the nearest one before it."""
    before = [s for s in shots if s.start <= t]
    return before[-1] if before else (shots[0] if shots else None)


def placeholder(library_dir: Path) -> Path:
    """A neutral grey frame for clips whose shot has no thumbnail (made once per library)."""
    path = LibraryPaths(library_dir).placeholder_thumbnail
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (160, 90), (60, 63, 70)).save(path)
    return path


def strip_items(
    timeline: Timeline, shots_of: Callable[[str], list[Shot]], library_dir: Path,
    names: Mapping[str, str] | None = None, people_names: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(thumbnail path, caption) per clip, in cut order; index i is clip number i + 1.

    ``names`` (video id -> name) puts each clip's source in its caption: given when a cut mixes videos.
    ``people_names`` ("#3" -> "Celia") names people who were unnamed when the clip's reason was written.
    """
    shots_by_video: dict[str, list[Shot]] = {}
    items = []
    for number, clip in enumerate(timeline.clips, start=1):
        if clip.video_id not in shots_by_video:
            shots_by_video[clip.video_id] = sorted(shots_of(clip.video_id), key=lambda s: s.start)
        shot = shot_at(shots_by_video[clip.video_id], clip.start)
        thumb = library_dir / shot.thumbnail if shot and shot.thumbnail else None
        if thumb is None or not thumb.is_file():
            thumb = placeholder(library_dir)
        source = names.get(clip.video_id, clip.video_id[:8]) if names is not None else None
        items.append((str(thumb), strip_caption(number, clip, source, people_names)))
    return items
