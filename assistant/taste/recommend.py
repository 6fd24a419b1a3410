"""Suggestions for one person: reads shots, vectors, cast, dialogue and events, then ranks (``scoring``).

The I/O lives here and only here: what a film offers is read once per call into arrays, the person's
and everyone else's events are mapped onto shots, what they said they like is searched for with the
chat's own picture and dialogue scorers, and ``scoring.rank`` does the rest. A cut "I'd like"
is the best suggestions up to a length, in story order, with consecutive shots joined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from assistant.plan.schema import Query
from assistant.retrieval.decide import decide
from assistant.retrieval.dialogue import DialogueScorer
from assistant.retrieval.highlights import BUSY_LINES_PER_SECOND, dialogue_density
from assistant.retrieval.people import display_name
from assistant.retrieval.types import ShotLibrary, ShotScores
from assistant.retrieval.visual import VisualScorer
from assistant.taste.events import Statement, TasteEvent, TasteStore, statements
from assistant.taste.scoring import Candidates, Crowd, Feedback, Ranking, Said, rank
from assistant.timeline.model import Clip, Reason
from index.cast import cast_list, people_by_shot
from index.dialogue import cues_for
from index.library import LibraryError
from index.shot import Shot

SEED_WEIGHT = 3.0  # "more like clip 3": that clip counts as three keeps
_VERBS = {"keep": "kept", "drop": "dropped", "thumbs_up": "liked", "thumbs_down": "disliked",
          "render": "rendered", "download": "downloaded", "share": "shared", "view": "watched",
          "watched": "watched through", "remix": "remixed", "seed": "picked"}


@dataclass(frozen=True)
class Suggestion:
    """One shot worth showing this person, with its score and why."""

    shot: Shot
    score: float
    reason: str

    def to_json(self) -> dict:
        return {"video": self.shot.video_id, "start": round(float(self.shot.start), 3),
                "end": round(float(self.shot.end), 3), "score": round(self.score, 4), "reason": self.reason}

    def clip(self) -> Clip:
        s = self.shot
        return Clip(s.video_id, s.start_frame, s.end_frame, s.start, s.end,
                    reason=Reason(query=self.reason, score=round(self.score, 4), signal="taste"))


@dataclass(frozen=True)
class _Film:
    """What one video offers, aligned with its shots."""

    shots: tuple[Shot, ...]
    vectors: np.ndarray | None
    people: np.ndarray  # (shots, characters)
    talk: np.ndarray
    name: str


class _Films:
    """Films read lazily and once per call: the person's feedback may come from films not suggested from."""

    def __init__(self, library: ShotLibrary) -> None:
        self.library = library
        cast = cast_list(library.dir)
        self.characters = {m.id: i for i, m in enumerate(cast)}
        self.names = tuple(display_name(m) for m in cast)
        self._films: dict[str, _Film] = {}

    def __getitem__(self, video_id: str) -> _Film:
        if video_id not in self._films:
            self._films[video_id] = self._read(video_id)
        return self._films[video_id]

    def _read(self, video_id: str) -> _Film:
        library = self.library
        shots = tuple(library.shots(video_id))
        try:
            vectors: np.ndarray | None = np.asarray(library.shot_vectors(video_id), np.float32)
        except LibraryError:  # embedded with another model: ranked without pictures
            vectors = None
        people = np.zeros((len(shots), len(self.characters)))
        for shot_index, seconds in people_by_shot(library.dir, video_id).items():
            for character, on_screen in seconds.items():
                if character in self.characters and shot_index < len(shots):
                    duration = float(shots[shot_index].duration) or 1.0
                    people[shot_index, self.characters[character]] = min(on_screen / duration, 1.0)
        density = dialogue_density(shots, cues_for(library.dir, video_id))
        talk = np.minimum(density / BUSY_LINES_PER_SECOND, 1.0)
        info = library.video(video_id)
        return _Film(shots, vectors, people, talk, info.display_name)


def _shots_of(film: _Film, start: float | None, end: float | None) -> list[int]:
    """The shots an event's range covers (at least half of the shot, or half of a short range)."""
    if start is None or end is None:
        return []
    out = []
    for i, shot in enumerate(film.shots):
        overlap = min(end, float(shot.end)) - max(start, float(shot.start))
        if overlap > 0 and overlap >= 0.5 * min(float(shot.duration), end - start):
            out.append(i)
    return out


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def suggest(
    library: ShotLibrary, store: TasteStore, user: str, video_ids: Sequence[str] | None = None, k: int = 10,
    *, include_kept: bool = False, surprise: bool = False, seed: Sequence[Clip] = (),
) -> list[Suggestion]:
    """The ``k`` best shots of ``video_ids`` (default: every video) for ``user``, each with its reason.

    ``seed`` clips count as strong keeps for this call only ("more like clip 3").
    """
    ranking, shots = _ranking(library, store, user, video_ids, include_kept, surprise, seed)
    return [Suggestion(shots[i], float(ranking.scores[i]), ranking.reason(int(i))) for i in ranking.top(k)]


def _ranking(
    library: ShotLibrary, store: TasteStore, user: str, video_ids: Sequence[str] | None, include_kept: bool,
    surprise: bool, seed: Sequence[Clip],
) -> tuple[Ranking, list[Shot]]:
    films = _Films(library)
    chosen = list(dict.fromkeys(video_ids or [v.id for v in library.videos()]))
    shots: list[Shot] = [s for vid in chosen for s in films[vid].shots]
    vectors = [films[vid].vectors for vid in chosen]
    candidates = Candidates(
        film=np.concatenate([np.full(len(films[vid].shots), n) for n, vid in enumerate(chosen)]).astype(int),
        vectors=None if any(v is None for v in vectors) else np.concatenate(vectors),  # type: ignore[arg-type]
        people=np.concatenate([films[vid].people for vid in chosen]),
        talk=np.concatenate([films[vid].talk for vid in chosen]),
        names=films.names,
    )
    offsets = dict(zip(chosen, np.cumsum([0, *[len(films[v].shots) for v in chosen]]), strict=False))
    events = store.events(user)
    mine = [e for e in events if e.video_id is not None]
    mine += [TasteEvent(user, "thumbs_up", c.video_id, float(c.start), float(c.end), value=SEED_WEIGHT,
                        detail="seed") for c in seed]
    feedback = _feedback(films, candidates, mine, offsets, known={v.id for v in library.videos()})
    crowd = _crowd(films, candidates, [e for e in store.events(None, chosen) if e.user != user], offsets)
    said = _said(library, candidates, statements(events), offsets)
    return rank(candidates, feedback, crowd, include_kept=include_kept, surprise=surprise, said=said), shots


def _said(library: ShotLibrary, candidates: Candidates, said: Sequence[Statement], offsets: dict[str, int]
          ) -> Said:
    """Each statement's words searched for as the chat searches a query: a shot matches by its picture
    (the per-film decision over CLIP scores against generic captions: 1) or by a line of its dialogue
    (that line's score, 0.4..1, and the line)."""
    n = len(candidates.film)
    matches = np.zeros((len(said), n))
    lines: list[list[str | None]] = [[None] * n for _ in said]
    visual, dialogue = VisualScorer(), DialogueScorer()
    videos = list(offsets)
    for row, statement in enumerate(said):
        query = Query(text=statement.text)
        pictures = visual.score(library, query, videos) if candidates.vectors is not None else {}
        for vid, scores in pictures.items():
            matched = decide(scores.scores, scores.contrast).matches
            _mark(matches[row], lines[row], scores, matched, offsets[vid])
        for vid, scores in dialogue.score(library, query, videos).items():
            _mark(matches[row], lines[row], scores, scores.scores, offsets[vid])
    return Said(tuple(s.text for s in said), np.array([1.0 if s.liked else -1.0 for s in said]), matches,
                tuple(tuple(row) for row in lines))


def _mark(matches: np.ndarray, lines: list[str | None], scores: ShotScores, strength: np.ndarray,
          offset: int) -> None:
    """Raise ``matches`` where one signal's ``strength`` for a film's shots is higher (with its line)."""
    said = scores.lines or (None,) * len(scores.shots)
    for shot, value, line in zip(scores.shots, np.asarray(strength, float), said, strict=True):
        at = offset + shot.index
        if value > matches[at]:
            matches[at], lines[at] = value, line


def _feedback(films: _Films, candidates: Candidates, events: Sequence[TasteEvent], offsets: dict[str, int],
              known: set[str]) -> Feedback:
    """One row per shot the person said something about (weights summed), from any video still here."""
    weights: dict[tuple[str, int], float] = {}
    strongest: dict[tuple[str, int], TasteEvent] = {}
    for event in events:
        if event.video_id not in known or not event.value:
            continue
        for i in _shots_of(films[event.video_id], event.start, event.end):
            key = (event.video_id, i)
            weights[key] = weights.get(key, 0.0) + event.value
            if key not in strongest or abs(event.value) > abs(strongest[key].value):
                strongest[key] = event
    rows = [key for key, w in weights.items() if w != 0]
    if not rows:
        return Feedback.empty(candidates)
    on_candidates = np.zeros(len(candidates.film))
    for (vid, i) in rows:
        if vid in offsets:
            on_candidates[offsets[vid] + i] = weights[(vid, i)]
    has_vectors = candidates.vectors is not None and all(films[v].vectors is not None for v, _ in rows)
    return Feedback(
        vectors=np.stack([films[v].vectors[i] for v, i in rows]) if has_vectors else None,  # type: ignore[index]
        people=np.stack([films[v].people[i] for v, i in rows]),
        talk=np.array([films[v].talk[i] for v, i in rows]),
        weights=np.array([weights[key] for key in rows]),
        labels=tuple(_label(films[v], i, strongest[(v, i)]) for v, i in rows),
        on_candidates=on_candidates,
    )


def _label(film: _Film, shot: int, event: TasteEvent) -> str:
    verb = _VERBS["seed" if event.detail == "seed" else event.kind]
    return f"the scene at {film.name} {_clock(float(film.shots[shot].start))} you {verb}"


def _crowd(films: _Films, candidates: Candidates, events: Sequence[TasteEvent], offsets: dict[str, int]
           ) -> Crowd:
    """Other people's votes per candidate shot: the sign of what each of them said about it."""
    people = sorted({e.user for e in events})
    if not people:
        return Crowd.empty(candidates)
    row = {u: n for n, u in enumerate(people)}
    film_of = {vid: n for n, vid in enumerate(offsets)}
    votes = np.zeros((len(people), len(candidates.film)))
    cut_film = np.zeros((len(people), len(film_of)), bool)
    for event in events:
        if event.video_id not in offsets:
            continue
        cut_film[row[event.user], film_of[event.video_id]] = True
        for i in _shots_of(films[event.video_id], event.start, event.end):
            votes[row[event.user], offsets[event.video_id] + i] += event.value
    return Crowd(np.sign(votes), cut_film)


def cut_for_me(suggestions: Sequence[Suggestion], seconds: float | None) -> list[Clip]:
    """The best suggestions up to ``seconds`` (all of them without), in story order, neighbours joined."""
    picked: list[Suggestion] = []
    total = Fraction(0)
    limit = None if seconds is None else Fraction(seconds)
    for suggestion in suggestions:
        if limit is not None and total >= limit:
            break
        if limit is not None and total and total + suggestion.shot.duration > limit * Fraction(11, 10):
            continue  # would run well past the length asked for: a shorter one may still fit
        picked.append(suggestion)
        total += suggestion.shot.duration
    clips: list[Clip] = []
    for clip in sorted((s.clip() for s in picked), key=lambda c: (c.video_id, c.in_frame)):
        last = clips[-1] if clips else None
        if last is not None and last.video_id == clip.video_id and last.out_frame == clip.in_frame:
            keep = last.reason if (last.reason.score or 0) >= (clip.reason.score or 0) else clip.reason
            clips[-1] = Clip(last.video_id, last.in_frame, clip.out_frame, last.start, clip.end, reason=keep)
        else:
            clips.append(clip)
    return clips
