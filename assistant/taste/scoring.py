"""The recommender's arithmetic: pure functions over arrays, so it is fast, testable and I/O-free.

Three parts, each standardised over the candidate shots before they are blended:

- content: a kernel vote of the person's signed feedback over CLIP shot vectors (near what they kept
  scores up, near what they dropped scores down), their affinity for characters (on screen in what they
  kept vs dropped) and for dialogue (talkier or quieter than the film in what they kept), and what they
  said they like or dislike ("I like the dragon scenes": shots whose picture or dialogue match the words);
- collaborative: other people's signed votes on the same shots, each person weighted by how much their
  votes agree with this person's (plus a small floor, so it starts out as plain popularity);
- default: dialogue-dense, character-rich shots, a small tie-break always and the whole answer when
  nobody has said anything yet.

The collaborative weight grows with the number of people whose votes overlap this person's. With no
feedback of one's own (no clip and no statement) the ranking is popularity (when anyone cut the film),
else the default.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KERNEL_WIDTH = 0.05  # cosine distance over which a feedback shot's vote fades by e
KERNEL_PRIOR = float(np.exp(-4.0))  # shrinks the vote toward 0 far from every feedback shot
CONTENT_WEIGHTS = {"visual": 0.5, "people": 0.3, "talk": 0.2, "said": 0.5}
COLLAB_HALF = 5  # overlapping people at which the collaborative part weighs about half its maximum
COLLAB_MAX = 0.6
NEIGHBOUR_FLOOR = 0.05  # every other person counts a little: with no overlap the crowd is popularity
DEFAULT_WEIGHT = 0.1
DEFAULT_TALK, DEFAULT_PEOPLE = 0.6, 0.4
PEOPLE_EVIDENCE = 0.3  # share of a shot a character must be on screen for it to count "with" them


@dataclass(frozen=True)
class Candidates:
    """The shots a suggestion can be (rows), over one or more films."""

    film: np.ndarray  # (N,) int: which film each shot is from
    vectors: np.ndarray | None  # (N, D) unit CLIP vectors, or None when the films have none
    people: np.ndarray  # (N, C) share of the shot each character is on screen, 0..1
    talk: np.ndarray  # (N,) dialogue density, 0..1
    names: tuple[str, ...]  # (C,) how to say each character's name


@dataclass(frozen=True)
class Feedback:
    """One person's signals, one row per shot they said something about (from any film)."""

    vectors: np.ndarray | None  # (F, D)
    people: np.ndarray  # (F, C)
    talk: np.ndarray  # (F,)
    weights: np.ndarray  # (F,) signed: kept > 0, dropped < 0
    labels: tuple[str, ...]  # (F,) "the scene at sintel 0:42 you kept"
    on_candidates: np.ndarray  # (N,) the same signed weights, where the shot is a candidate (else 0)

    @classmethod
    def empty(cls, candidates: Candidates) -> Feedback:
        n, c = candidates.people.shape
        dim = None if candidates.vectors is None else np.zeros((0, candidates.vectors.shape[1]), np.float32)
        return cls(dim, np.zeros((0, c)), np.zeros(0), np.zeros(0), (), np.zeros(n))


@dataclass(frozen=True)
class Said:
    """What the person said they like or dislike, already matched against the candidates."""

    texts: tuple[str, ...]  # (S,) the words, as said: "dragon"
    weights: np.ndarray  # (S,) signed: liked > 0, disliked < 0
    matches: np.ndarray  # (S, N) how well each statement's words match each candidate, 0..1
    lines: tuple[tuple[str | None, ...], ...]  # (S, N) the dialogue line that matched, where one did

    @classmethod
    def nothing(cls, candidates: Candidates) -> Said:
        return cls((), np.zeros(0), np.zeros((0, len(candidates.film))), ())

    def votes(self) -> np.ndarray:
        """(N,) the statements' signed sum per candidate."""
        return self.weights @ self.matches


@dataclass(frozen=True)
class Crowd:
    """Everyone else's signed votes on the candidates, and who cut which film (for "7 of 9 people")."""

    votes: np.ndarray  # (U, N)
    cut_film: np.ndarray  # (U, films) bool

    @classmethod
    def empty(cls, candidates: Candidates) -> Crowd:
        films = int(candidates.film.max()) + 1 if len(candidates.film) else 0
        return cls(np.zeros((0, len(candidates.film))), np.zeros((0, films), bool))


@dataclass(frozen=True)
class Ranking:
    """Blended scores per candidate (``-inf`` where excluded) and the parts, kept for the reasons."""

    scores: np.ndarray
    parts: dict[str, np.ndarray]  # each part standardised and already multiplied by its weight
    nearest: np.ndarray | None  # (N,) the feedback row whose positive vote counts most, or -1
    candidates: Candidates
    feedback: Feedback
    crowd: Crowd
    said: Said

    def top(self, k: int) -> np.ndarray:
        """Indices of the ``k`` best candidates, best first (never an excluded one)."""
        valid = np.flatnonzero(np.isfinite(self.scores))
        if len(valid) > k:
            valid = valid[np.argpartition(-self.scores[valid], k - 1)[:k]]
        return valid[np.lexsort((valid, -self.scores[valid]))]

    def reason(self, i: int) -> str:
        """Why candidate ``i`` is suggested, naming the signal that added the most to its score."""
        best = max(self.parts, key=lambda part: self.parts[part][i])
        if self.parts[best][i] <= 0 and "default" in self.parts:
            best = "default"
        return _REASONS[best](self, i)


def standardised(values: np.ndarray) -> np.ndarray:
    std = float(values.std())
    return (values - values.mean()) / std if std > 1e-12 else np.zeros_like(values, dtype=float)


def default_scores(candidates: Candidates) -> np.ndarray:
    """Dialogue-dense, character-rich: what a sensible first cut of an unknown person's film holds."""
    on_screen = np.minimum(candidates.people.sum(axis=1), 1.0) if candidates.people.size else 0.0
    return DEFAULT_TALK * candidates.talk + DEFAULT_PEOPLE * on_screen


def rank(
    candidates: Candidates, feedback: Feedback, crowd: Crowd, *, include_kept: bool = False,
    surprise: bool = False, said: Said | None = None,
) -> Ranking:
    """Score every candidate; dropped shots are always out, kept ones too unless ``include_kept``."""
    said = said if said is not None else Said.nothing(candidates)
    parts: dict[str, np.ndarray] = {"default": DEFAULT_WEIGHT * standardised(default_scores(candidates))}
    nearest = None
    has_crowd = bool(crowd.votes.size and np.abs(crowd.votes).sum() > 0)
    if len(feedback.weights) or said.matches.any():
        content, nearest = _content(candidates, feedback)
        content["said"] = CONTENT_WEIGHTS["said"] * standardised(said.votes())
        collab, overlapping = _collaborative(crowd, feedback.on_candidates)
        alpha = min(COLLAB_MAX, (overlapping + 1) / (overlapping + 1 + COLLAB_HALF)) if has_crowd else 0.0
        parts.update({name: (1 - alpha) * values for name, values in content.items()})
        if has_crowd:
            parts["crowd"] = alpha * standardised(collab)
    elif has_crowd:
        parts["crowd"] = standardised(_popularity(crowd))
    else:
        parts["default"] = standardised(default_scores(candidates))
    scores = np.sum(list(parts.values()), axis=0)
    if surprise:
        parts["novelty"] = standardised(_novelty(candidates, feedback))
        scores = 0.5 * standardised(scores) + parts["novelty"]
    mine = feedback.on_candidates
    excluded = mine < 0 if include_kept else mine != 0
    if include_kept:
        scores = np.where(mine > 0, scores.max(initial=0.0) + mine, scores)
    return Ranking(np.where(excluded, -np.inf, scores), parts, nearest, candidates, feedback, crowd, said)


def _content(candidates: Candidates, feedback: Feedback) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
    w = feedback.weights
    parts: dict[str, np.ndarray] = {}
    nearest = None
    if candidates.vectors is not None and feedback.vectors is not None and len(feedback.vectors):
        kernel = np.exp((feedback.vectors @ candidates.vectors.T - 1.0) / KERNEL_WIDTH)  # (F, N)
        votes = w[:, None] * kernel
        parts["visual"] = votes.sum(axis=0) / (kernel.sum(axis=0) + KERNEL_PRIOR)
        nearest = np.where((votes > 0).any(axis=0), votes.argmax(axis=0), -1)
    if candidates.people.size and feedback.people.size:
        affinity = (w @ feedback.people) / (np.abs(feedback.people).sum(axis=0) + 1.0)  # (C,)
        parts["people"] = candidates.people @ affinity
    mean_talk = float(candidates.talk.mean()) if len(candidates.talk) else 0.0
    talk_taste = float(w @ (feedback.talk - mean_talk)) / (float(np.abs(w).sum()) + 1.0)
    parts["talk"] = talk_taste * (candidates.talk - mean_talk)
    return {name: CONTENT_WEIGHTS[name] * standardised(v) for name, v in parts.items()}, nearest


def _collaborative(crowd: Crowd, mine: np.ndarray) -> tuple[np.ndarray, int]:
    """Neighbours' mean vote per shot, and how many people's votes overlap this person's."""
    if not crowd.votes.size:
        return np.zeros(len(mine)), 0
    norms = np.linalg.norm(crowd.votes, axis=1) * (np.linalg.norm(mine) or 1.0)
    similarity = (crowd.votes @ mine) / np.where(norms > 0, norms, 1.0)
    weights = np.where(similarity < 0, 0.0, similarity + NEIGHBOUR_FLOOR)  # opposite tastes do not count
    total = float(weights.sum())
    return (weights @ crowd.votes) / (total or 1.0), int((similarity > 0).sum())


def _popularity(crowd: Crowd) -> np.ndarray:
    return (crowd.votes > 0).sum(axis=0) - 0.5 * (crowd.votes < 0).sum(axis=0)


def _novelty(candidates: Candidates, feedback: Feedback) -> np.ndarray:
    """How unlike everything the person said something about a shot looks (1 - nearest cosine)."""
    if candidates.vectors is None or feedback.vectors is None or not len(feedback.vectors):
        return np.zeros(len(candidates.film))
    return 1.0 - (feedback.vectors @ candidates.vectors.T).max(axis=0)


# --- reasons: each names the real signal behind the score --------------------------------------------


def _visual_reason(ranking: Ranking, i: int) -> str:
    row = -1 if ranking.nearest is None else int(ranking.nearest[i])
    if row < 0:
        return _default_reason(ranking, i)
    return f"close to {ranking.feedback.labels[row]}"


def _people_reason(ranking: Ranking, i: int) -> str:
    feedback, candidates = ranking.feedback, ranking.candidates
    liked = feedback.people[feedback.weights > 0] >= PEOPLE_EVIDENCE
    counts = liked.sum(axis=0)
    present = (candidates.people[i] >= PEOPLE_EVIDENCE) & (counts > 0)
    if not present.any():
        return _default_reason(ranking, i)
    who = int(np.argmax(np.where(present, counts, -1)))
    scenes = "scene" if counts[who] == 1 else "scenes"
    return f"because you kept {int(counts[who])} {scenes} with {candidates.names[who]}"


def _talk_reason(ranking: Ranking, i: int) -> str:
    talky = ranking.candidates.talk[i] >= ranking.candidates.talk.mean()
    return ("lots of dialogue, like the scenes you keep" if talky
            else "quiet, like the scenes you keep")


def _crowd_reason(ranking: Ranking, i: int) -> str:
    film = int(ranking.candidates.film[i])
    cutters = int(ranking.crowd.cut_film[:, film].sum())
    kept = int((ranking.crowd.votes[:, i] > 0).sum())
    if not kept:
        return _default_reason(ranking, i)
    people = "person" if cutters == 1 else "people"
    return f"kept by {kept} of {cutters} {people} who cut this film"


def _default_reason(ranking: Ranking, i: int) -> str:
    candidates = ranking.candidates
    on_screen = [candidates.names[c] for c in np.flatnonzero(candidates.people[i] >= PEOPLE_EVIDENCE)]
    parts = ["dialogue-dense" if candidates.talk[i] >= 0.5 else "some dialogue" if candidates.talk[i] > 0
             else ""]
    if on_screen:
        parts.append(f"with {' and '.join(on_screen[:2])} on screen")
    text = ", ".join(p for p in parts if p)
    return f"a good first pick: {text}" if text else "a good first pick: a full-length shot"


def _said_reason(ranking: Ranking, i: int) -> str:
    """The statement that adds most to candidate ``i``: the liked words it matches (with the line that
    matched them), else the disliked words it does not show."""
    said = ranking.said
    votes = said.weights * said.matches[:, i]
    best = int(np.argmax(votes))
    if votes[best] > 0:
        line = said.lines[best][i]
        return f"because you said you like “{said.texts[best]}”" + (f": “{line}”" if line else "")
    avoided = [n for n in np.flatnonzero(said.weights < 0) if said.matches[n, i] == 0]
    if not avoided:
        return _default_reason(ranking, i)
    return f"no “{said.texts[avoided[-1]]}”, which you said you don’t like"


def _novelty_reason(ranking: Ranking, i: int) -> str:
    return "something different from what you have kept so far"


_REASONS = {
    "visual": _visual_reason, "people": _people_reason, "talk": _talk_reason, "crowd": _crowd_reason,
    "default": _default_reason, "novelty": _novelty_reason, "said": _said_reason,
}
