"""The people signal: which characters a query names, and the scenes where all of them are on screen.

Names are resolved against the library's cast (``index.cast``): a name, ``#N`` (the number ``personalcut
cast`` shows), or a role — "hero" is the character the user chose as the hero, else the one with the most
screen time in the selected videos; "leads" are the top two. Presence is absolute (a face is on screen or
not), so this signal decides for itself like dialogue does, and a scene's reason says how long each
person is on screen in it.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.plan.schema import SOMEONE_REF, Query, role_of
from assistant.retrieval.decide import group_scenes
from assistant.retrieval.types import OnScreen, Scene, ShotLibrary, ShotScores, Signal
from index.cast import CastMember, cast_list, people_by_shot
from index.db import connect, write_transaction
from index.shot import Shot

ROLES_SCHEMA = """
CREATE TABLE IF NOT EXISTS cast_roles (
    role TEXT PRIMARY KEY,                  -- 'hero': who "the hero" means instead of the most screen time
    character_id INTEGER NOT NULL,          -- a forgotten or merged-away id is ignored, never an error
    chosen_at REAL NOT NULL
);
"""
HERO_ROLE = "hero"
_NUMBER = re.compile(r"^(?:#|(?:number|no\.?|character|person)\s*#?\s*)?(\d+)$", re.IGNORECASE)


class UnknownPeople(LookupError):
    """A query names someone no character matches; ``message`` lists the cast and how to name one."""

    def __init__(self, names: Sequence[str], cast: Sequence[CastMember]) -> None:
        self.names = tuple(names)
        self.cast = tuple(cast)
        super().__init__(unknown_people_message(self.names, self.cast))


@dataclass(frozen=True)
class Person:
    """A query's person resolved to a character: ``ref`` as written, ``name`` as shown in reasons."""

    ref: str
    character_id: int
    name: str


def display_name(member: CastMember) -> str:
    return member.name or f"#{member.id}"


def cast_line(member: CastMember) -> str:
    """One character as the planner and the replies list it: "#2 Celia (61.0 s)"."""
    name = member.name or "unnamed"
    return f"#{member.id} {name} ({member.screen_time:.1f} s)"


def unknown_people_message(names: Sequence[str], cast: Sequence[CastMember]) -> str:
    who = " and ".join(f'"{n}"' for n in names)
    if not cast:
        return (f"I can't find {who}: no characters were found in these videos (no faces yet; "
                "`personalcut cast scan` looks for them). The cut is unchanged.")
    listed = ", ".join(cast_line(m) for m in cast[:12])
    example = next((m for m in cast if not m.name), cast[0])
    return (f"I don't know {who}. The characters in these videos: {listed}. Name one with "
            f'"number {example.id} is {names[0] if names else "Celia"}". The cut is unchanged.')


def _ensure_roles(conn) -> None:
    conn.executescript(ROLES_SCHEMA)


def chosen_hero(library_dir: Path) -> int | None:
    """The character the user made "the hero", if any."""
    with contextlib.closing(connect(library_dir)) as conn:
        _ensure_roles(conn)
        row = conn.execute("SELECT character_id FROM cast_roles WHERE role = ?", (HERO_ROLE,)).fetchone()
    return None if row is None else int(row[0])


def choose_hero(library_dir: Path, character_id: int) -> None:
    """Make ``character_id`` "the hero" of this library (kept across restarts, like names)."""
    with contextlib.closing(connect(library_dir)) as conn:
        _ensure_roles(conn)
        with write_transaction(conn):
            conn.execute("INSERT OR REPLACE INTO cast_roles (role, character_id, chosen_at) VALUES (?, ?, ?)",
                         (HERO_ROLE, character_id, time.time()))


def find_members(ref: str, cast: Sequence[CastMember]) -> list[CastMember]:
    """The characters ``ref`` names: a number ("#2", "number 2", "2") names one; a name (any case) every
    character given that name, most screen time first. Two clusters named alike are one person to the
    user (the same mum in two videos whose faces the clustering kept apart): "only Mum" means both."""
    if match := _NUMBER.match(ref.strip()):
        return [m for m in cast if m.id == int(match.group(1))]

    def named(wanted: str) -> list[CastMember]:
        return [m for m in cast if m.name and " ".join(m.name.lower().split()) == wanted]

    wanted = " ".join(ref.lower().split())
    # "blur Celias face": a possessive typed without its apostrophe is still Celia (when no one is "Celias")
    return named(wanted) or (named(wanted[:-1]) if wanted.endswith("s") else [])


def find_member(ref: str, cast: Sequence[CastMember]) -> CastMember | None:
    """The character ``ref`` names (``find_members``), the one with the most screen time for a shared name."""
    return next(iter(find_members(ref, cast)), None)


def same_name(member: CastMember, cast: Sequence[CastMember]) -> list[CastMember]:
    """The other characters called what ``member`` is called (a name given twice), by screen time."""
    return [m for m in find_members(member.name, cast) if m.id != member.id] if member.name else []


def ranked_cast(cast: Sequence[CastMember], hero: int | None) -> list[CastMember]:
    """``cast`` (by screen time) with the chosen hero first when they are in it: "the hero" is the first,
    "the two leads" the first two."""
    chosen = next((m for m in cast if m.id == hero), None)
    return list(cast) if chosen is None else [chosen, *(m for m in cast if m.id != hero)]


def resolve_people(library_dir: Path, refs: Sequence[str], video_ids: Sequence[str]) -> tuple[Person, ...]:
    """Each ref as a character of ``video_ids``' cast (roles by screen time there); raises UnknownPeople."""
    if not refs:
        return ()
    cast = cast_list(library_dir, list(video_ids))
    ranked = ranked_cast(cast, chosen_hero(library_dir))
    people: list[Person] = []
    unknown: list[str] = []
    for ref in refs:
        if ref == SOMEONE_REF:  # anyone of the cast: each a person, any one of whom will do
            people += [Person(ref, m.id, display_name(m)) for m in cast]
            if not cast:
                unknown.append(ref)
            continue
        role = role_of(ref)
        if role is not None:
            members = ranked[:2] if role == "leads" else ranked[:1]
            if len(members) < (2 if role == "leads" else 1):
                unknown.append(ref)
            people += [Person(ref, m.id, display_name(m)) for m in members]
            continue
        members = find_members(ref, cast)
        if not members:
            unknown.append(ref)
        people += [Person(ref, m.id, display_name(m)) for m in members]  # a shared name: one person
    if unknown:
        raise UnknownPeople(unknown, cast)
    return tuple({p.character_id: p for p in people}.values())


# --- on screen -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _VideoPeople:
    """One video's faces: seconds per (shot, character) and each character's appearance ranges."""

    by_shot: dict[int, dict[int, float]]
    ranges: dict[int, list[tuple[float, float]]]

    def seconds(self, character: int, shot: Shot, start: float, end: float) -> float:
        """Seconds ``character`` is on screen in ``shot`` between ``start`` and ``end``."""
        whole = self.by_shot.get(shot.index, {}).get(character, 0.0)
        lo, hi = max(float(shot.start), start), min(float(shot.end), end)
        if whole == 0.0 or hi <= lo:
            return 0.0
        if lo <= float(shot.start) and hi >= float(shot.end):
            return whole
        overlap = sum(max(0.0, min(hi, b) - max(lo, a)) for a, b in self.ranges.get(character, ()))
        return min(whole, overlap)


def _video_people(library_dir: Path, video_id: str) -> _VideoPeople:
    ranges: dict[int, list[tuple[float, float]]] = {}
    for member in cast_list(library_dir, [video_id]):
        ranges[member.id] = [(a.start, a.end) for a in member.appearances]
    return _VideoPeople(people_by_shot(library_dir, video_id), ranges)


def on_screen(scene: Scene, shots: Sequence[Shot], faces: _VideoPeople, people: Sequence[Person]
              ) -> tuple[OnScreen, ...]:
    """How long each person is on screen in ``scene`` (shots: the video's, in story order); for "someone"
    (anyone of the cast), only those who are."""
    start, end = float(scene.start), float(scene.end)
    inside = [s for s in shots if scene.first_shot <= s.index <= scene.last_shot]
    seconds: dict[str, float] = {}  # by name: characters given one name are one person's time
    for p in people:
        seconds[p.name] = seconds.get(p.name, 0.0) + sum(faces.seconds(p.character_id, s, start, end)
                                                         for s in inside)
    seen = tuple(OnScreen(name, round(min(time, end - start), 3), round(end - start, 3))
                 for name, time in seconds.items())
    return tuple(p for p in seen if p.seconds > 0) if _anyone(people) else seen


def _by_name(seconds: np.ndarray, people: Sequence[Person], lengths: np.ndarray) -> np.ndarray:
    """Per-shot seconds (shots x people) with the columns of characters that share a name added up (at
    most the shot's length): one column per person as the user names them."""
    names = list(dict.fromkeys(p.name for p in people))
    if len(names) == len(people):
        return seconds
    columns = [seconds[:, [i for i, p in enumerate(people) if p.name == name]].sum(axis=1) for name in names]
    return np.minimum(np.stack(columns, axis=1), lengths[:, None])


def _anyone(people: Sequence[Person]) -> bool:
    """Whether ``people`` stand for "someone" (any one of them on screen will do), not for all of them."""
    return any(p.ref == SOMEONE_REF for p in people)


def _present(seen: Sequence[OnScreen], any_of: bool) -> bool:
    """Whether a scene holds who the query asks for: every person, or (``any_of``, "someone") any one."""
    return bool(seen) if any_of else all(p.seconds > 0 for p in seen)


class PeopleScorer:
    """Scores each shot by how much of it the query's people (all of them; for "someone", any) are on screen.

    Its scenes are the runs of shots where any of them is on screen (short gaps bridged, so a
    shot/reverse-shot conversation is one scene), kept when every person appears in the run.
    """

    signal: Signal = "people"

    def score(self, library: ShotLibrary, query: Query, video_ids: Sequence[str]) -> dict[str, ShotScores]:
        people = resolve_people(library.dir, query.people, video_ids)
        any_of = _anyone(people)
        pick = max if any_of else min  # a scene's score: its best-seen person's time, or its least-seen's
        out = {}
        for vid in video_ids:
            shots = library.shots(vid)
            faces = _video_people(library.dir, vid)
            seconds = np.array([[faces.by_shot.get(s.index, {}).get(p.character_id, 0.0) for p in people]
                                for s in shots], float).reshape(len(shots), len(people))
            lengths = np.array([max(float(s.duration), 1e-9) for s in shots])
            seconds = _by_name(seconds, people, lengths)
            least = seconds.max(axis=1) if any_of else seconds.min(axis=1)
            coverage = (least / lengths) if len(people) else np.zeros(len(shots))
            anyone = seconds.max(axis=1) > 0 if len(people) else np.zeros(len(shots), bool)
            runs = group_scenes(shots, anyone, coverage, ["people"] * len(shots))
            scenes = []
            for run in runs:
                present = on_screen(run, shots, faces, people)
                if _present(present, any_of):
                    score = pick(p.seconds for p in present) / max(present[0].of, 1e-9)
                    scenes.append(_with(run, present, round(score, 4)))
            out[vid] = ShotScores("people", tuple(shots), coverage, scenes=tuple(scenes))
        return out

    def require(self, library: ShotLibrary, query: Query, scenes: Sequence[Scene],
                video_ids: Sequence[str]) -> list[Scene]:
        """The ``scenes`` (found by the query's text) in which every person of the query is on screen.

        A dialogue scene is a line's range, so the person must be on screen while the line is spoken.
        """
        people = resolve_people(library.dir, query.people, video_ids)
        any_of = _anyone(people)
        kept = []
        cache: dict[str, tuple[list[Shot], _VideoPeople]] = {}
        for scene in scenes:
            if scene.video_id not in cache:
                vid = scene.video_id
                cache[vid] = (library.shots(vid), _video_people(library.dir, vid))
            shots, faces = cache[scene.video_id]
            present = on_screen(scene, shots, faces, people)
            if _present(present, any_of):
                kept.append(_with(scene, present, scene.score))
        return kept


def _with(scene: Scene, people: tuple[OnScreen, ...], score: float) -> Scene:
    return replace(scene, people=people, score=score)
