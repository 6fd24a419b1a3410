"""Shots ranked without a query, for "just the good parts" when nothing in the cut has a score yet.

A ``best`` with no query ranks the cut by the scores its clips were chosen with; the whole source videos
have none, so this ranks their shots by two signals that need no query:

- dialogue density (weight 0.6): lines per second spoken over the shot, full marks at
  ``BUSY_LINES_PER_SECOND``. Story happens where people talk, and it is the signal that does not depend
  on the CLIP model, so it carries more weight.
- picture distinctiveness (weight 0.4): how far the shot's CLIP vector is from its film's mean direction,
  as a percentile within the film (cosine distances differ between models; ranks do not). Spectacle and
  action look unlike a film's establishing shots and talking heads, and this is all a silent film has.

A film without one of the signals (no dialogue indexed, no vectors of the library's model) is ranked by
the other at full weight, so it is not capped below films that have both. Shots shorter than
``MIN_SHOT_SECONDS`` (flashes, cutaways) and shots whose thumbnail is black are never highlights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from PIL import Image

from assistant.retrieval.types import Scene, ShotLibrary
from index.dialogue import cues_for
from index.dialogue_store import Cue
from index.keyframes import MIN_BRIGHTNESS
from index.library import LibraryError
from index.shot import Shot

DIALOGUE_WEIGHT = 0.6
PICTURE_WEIGHT = 0.4
BUSY_LINES_PER_SECOND = 0.5  # a line every two seconds: a conversation, full marks for dialogue
MIN_SHOT_SECONDS = Fraction(1)


@dataclass(frozen=True)
class FilmEvidence:
    """What the ranking reads about one video; every per-shot array is aligned with ``shots``."""

    shots: tuple[Shot, ...]
    vectors: np.ndarray | None  # per-shot CLIP vectors (normalised); None when the film has none
    cues: tuple[Cue, ...]
    dark: np.ndarray | None = None  # bool per shot: its thumbnail is black


@dataclass(frozen=True)
class Highlight:
    """One shot worth keeping, with its blended score and, in words, why (for the clip's reason)."""

    scene: Scene
    why: str


def rank_highlights(films: Sequence[FilmEvidence]) -> list[Highlight]:
    """Every eligible shot of ``films`` as a one-shot scene scored in [0, 1], best first."""
    ranked: list[Highlight] = []
    for film in films:
        eligible = np.array([s.duration >= MIN_SHOT_SECONDS for s in film.shots], bool)
        if film.dark is not None:
            eligible &= ~film.dark
        if not eligible.any():
            continue
        density = dialogue_density(film.shots, film.cues)
        picture = None if film.vectors is None else distinctiveness(film.vectors, eligible)
        has_dialogue = bool(film.cues)
        weights = (DIALOGUE_WEIGHT if has_dialogue else 0.0, PICTURE_WEIGHT if picture is not None else 0.0)
        total = sum(weights) or 1.0
        talk = np.minimum(density / BUSY_LINES_PER_SECOND, 1.0)
        blended = (weights[0] * talk + weights[1] * (picture if picture is not None else 0.0)) / total
        for i in np.flatnonzero(eligible):
            shot = film.shots[i]
            scene = Scene(
                video_id=shot.video_id, first_shot=shot.index, last_shot=shot.index,
                start_frame=shot.start_frame, end_frame=shot.end_frame, start=shot.start, end=shot.end,
                score=round(float(blended[i]), 4), signal="highlight", line=_main_line(shot, film.cues),
            )
            ranked.append(Highlight(scene, _why(float(density[i]), None if picture is None else picture[i])))
    return sorted(ranked, key=lambda h: (-h.scene.score, h.scene.video_id, h.scene.start_frame))


def dialogue_density(shots: Sequence[Shot], cues: Sequence[Cue]) -> np.ndarray:
    """Lines per second over each shot; a line counts by the share of it that falls inside the shot."""
    density = np.zeros(len(shots), float)
    for i, shot in enumerate(shots):
        lines = sum(
            float(_overlap(shot.start, shot.end, c.start, c.end) / (c.end - c.start))
            for c in cues if c.end > c.start
        )
        density[i] = lines / float(shot.duration) if shot.duration > 0 else 0.0
    return density


def distinctiveness(vectors: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Per shot, the percentile (0-1) among eligible shots of its cosine distance from their mean direction.

    Ties share their average rank; a film with one eligible shot has nothing to stand out from (0.5).
    Ineligible shots get where they would fall, capped to [0, 1]; the ranking never emits them.
    """
    pool = vectors[eligible]
    mean = pool.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    distance = 1.0 - vectors @ (mean / norm) if norm > 0 else np.zeros(len(vectors))
    reference = distance[eligible]
    if len(reference) < 2:
        return np.full(len(vectors), 0.5)
    below = (distance[:, None] > reference[None, :]).sum(axis=1)
    equal = (distance[:, None] == reference[None, :]).sum(axis=1)
    return np.clip((below + 0.5 * np.maximum(equal - 1, 0)) / (len(reference) - 1), 0.0, 1.0)


def find_highlights(library: ShotLibrary, video_ids: Sequence[str]) -> list[Highlight]:
    """``rank_highlights`` over ``video_ids``, reading their shots, vectors, dialogue and thumbnails."""
    return rank_highlights([film_evidence(library, vid) for vid in dict.fromkeys(video_ids)])


def film_evidence(library: ShotLibrary, video_id: str) -> FilmEvidence:
    shots = tuple(library.shots(video_id))
    try:
        vectors: np.ndarray | None = library.shot_vectors(video_id)
    except LibraryError:  # the film was embedded with another model: rank it by its dialogue
        vectors = None
    cues = tuple(cues_for(library.dir, video_id))
    dark = np.array([_black_thumbnail(library, s) for s in shots], bool)
    return FilmEvidence(shots, vectors, cues, dark)


def _black_thumbnail(library: ShotLibrary, shot: Shot) -> bool:
    """True when the shot's thumbnail (its best keyframe) is black; keyframes avoid black frames when
    the shot has any other, so a black thumbnail means a black shot (a leader, a fade's middle)."""
    if not shot.thumbnail:
        return False
    try:
        with Image.open(library.dir / shot.thumbnail) as image:
            return float(np.asarray(image.convert("L")).mean()) < MIN_BRIGHTNESS
    except OSError:  # a missing or unreadable thumbnail says nothing about the picture
        return False


def _overlap(a_start: Fraction, a_end: Fraction, b_start: Fraction, b_end: Fraction) -> Fraction:
    return max(Fraction(0), min(a_end, b_end) - max(a_start, b_start))


def _main_line(shot: Shot, cues: Sequence[Cue]) -> str | None:
    """The line spoken most over the shot, to quote in the clip's reason."""
    spoken = [(_overlap(shot.start, shot.end, c.start, c.end), c.text) for c in cues]
    best = max(spoken, default=(Fraction(0), None), key=lambda pair: pair[0])
    return best[1] if best[0] > 0 else None


def _why(lines_per_second: float, picture: float | None) -> str:
    """The reason in words: how much is said, and how unusual the picture is within its film."""
    parts = [f"{lines_per_second:.1f} lines/s of dialogue"] if lines_per_second > 0 else []
    if picture is not None:
        parts.append(f"picture more distinctive than {picture:.0%} of the film")
    return "good part: " + (", ".join(parts) or "a full-length shot")
