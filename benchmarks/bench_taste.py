"""Taste recommender quality (hit rate@10, NDCG@10 over feedback rounds) and speed, on simulated users.

Each generated film has shots in visual clusters (unit vectors around cluster centres, as CLIP groups
similar pictures), characters on screen and dialogue density. Each simulated person has a hidden taste
over those attributes (a share common to everyone, so popularity means something, plus their own) and
finds the top 10 % of shots by that taste relevant. Per round the person is shown the method's 10
suggestions and keeps the relevant ones and drops the rest, the way a person would; the next round
ranks again with that feedback. A crowd of earlier people who did the same gives the collaborative
and popularity signals. Methods: ``taste`` (assistant/taste/scoring.rank), ``popularity`` (what the
crowd keeps) and ``random``. Reported after 0, 1, 3 and 5 rounds; speed is one ``rank`` + top 10 over
10k shots with 512-d vectors (writes benchmarks/results/bench_taste.json).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.taste.scoring import Candidates, Crowd, Feedback, rank

RESULTS = Path(__file__).resolve().parent / "results" / "bench_taste.json"
ROUNDS = (0, 1, 3, 5)
K = 10


def make_film(rng: np.random.Generator, shots: int, clusters: int, characters: int, dim: int
              ) -> tuple[Candidates, np.ndarray]:
    """A film's candidates and each shot's cluster."""
    centres = rng.normal(size=(clusters, dim))
    cluster = rng.integers(0, clusters, shots)
    spread = 0.6 * np.linalg.norm(centres[0]) / np.sqrt(dim)  # pictures vary around their group's look
    vectors = centres[cluster] + spread * rng.normal(size=(shots, dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    people = np.zeros((shots, characters))
    for j in range(shots):
        for c in rng.choice(characters, rng.integers(0, 3), replace=False):
            people[j, c] = rng.uniform(0.3, 1.0)
    talk = np.clip(rng.normal(0.1 + 0.8 * (cluster % 3) / 2, 0.2), 0, 1)
    names = tuple(f"C{c}" for c in range(characters))
    return Candidates(np.zeros(shots, int), vectors.astype(np.float32), people, talk, names), cluster


def make_taste(rng: np.random.Generator, common: np.ndarray, film: Candidates, cluster: np.ndarray
               ) -> np.ndarray:
    """Hidden utility per shot: a common part everyone shares plus the person's own."""
    clusters, characters = int(cluster.max()) + 1, film.people.shape[1]
    own = rng.normal(size=clusters + characters + 1)
    w = 0.6 * common + own
    return w[cluster] + film.people @ w[clusters:clusters + characters] + w[-1] * film.talk


class Person:
    """A simulated person: their hidden utility, what they find relevant, and the feedback they gave."""

    def __init__(self, utility: np.ndarray) -> None:
        self.utility = utility
        self.relevant = utility >= np.quantile(utility, 0.9)
        self.judged = np.zeros(len(utility))  # +1 kept, -1 dropped

    def react(self, shown: np.ndarray) -> None:
        self.judged[shown] = np.where(self.relevant[shown], 1.0, -1.0)

    def feedback(self, film: Candidates) -> Feedback:
        rows = np.flatnonzero(self.judged)
        if not len(rows):
            return Feedback.empty(film)
        return Feedback(film.vectors[rows], film.people[rows], film.talk[rows], self.judged[rows],
                        tuple(f"shot {r}" for r in rows), self.judged.copy())


Method = Callable[[Candidates, Person, Crowd, np.random.Generator], np.ndarray]


def taste(film: Candidates, person: Person, crowd: Crowd, rng: np.random.Generator) -> np.ndarray:
    return rank(film, person.feedback(film), crowd).top(K)


def popularity(film: Candidates, person: Person, crowd: Crowd, rng: np.random.Generator) -> np.ndarray:
    ranking = rank(film, Feedback.empty(film), crowd)
    scores = np.where(person.judged != 0, -np.inf, ranking.scores)
    return np.argsort(-scores, kind="stable")[:K]


def random(film: Candidates, person: Person, crowd: Crowd, rng: np.random.Generator) -> np.ndarray:
    return rng.choice(np.flatnonzero(person.judged == 0), K, replace=False)


def ndcg(shown: np.ndarray, relevant: np.ndarray) -> float:
    gains = relevant[shown] / np.log2(np.arange(2, len(shown) + 2))
    ideal = (1 / np.log2(np.arange(2, min(K, int(relevant.sum())) + 2))).sum()
    return float(gains.sum() / ideal) if ideal else 0.0


def simulate(seed: int, films: int, people: int, crowd_size: int, shots: int) -> dict[str, dict[int, dict]]:
    rng = np.random.default_rng(seed)
    methods: dict[str, Method] = {"taste": taste, "popularity": popularity, "random": random}
    scores: dict[str, dict[int, list[tuple[float, float]]]] = {m: {r: [] for r in ROUNDS} for m in methods}
    for _ in range(films):
        film, cluster = make_film(rng, shots, clusters=8, characters=6, dim=64)
        common = rng.normal(size=8 + 6 + 1)
        crowd_people = [Person(make_taste(rng, common, film, cluster)) for _ in range(crowd_size)]
        for earlier in crowd_people:  # each browsed a while: shown 30 shots at random, kept what they liked
            earlier.react(rng.choice(shots, 30, replace=False))
        crowd = Crowd(np.stack([p.judged for p in crowd_people]), np.ones((crowd_size, 1), bool))
        for _ in range(people):
            utility = make_taste(rng, common, film, cluster)
            for name, method in methods.items():
                person = Person(utility)
                for round_ in range(max(ROUNDS) + 1):
                    shown = method(film, person, crowd, rng)
                    if round_ in ROUNDS:
                        scores[name][round_].append((float(person.relevant[shown].any()),
                                                     ndcg(shown, person.relevant)))
                    person.react(shown)
    return {m: {r: {"hit_rate@10": round(statistics.mean(h for h, _ in v), 3),
                    "ndcg@10": round(statistics.mean(n for _, n in v), 3)} for r, v in rounds.items()}
            for m, rounds in scores.items()}


def speed(shots: int = 10_000, dim: int = 512, feedback_rows: int = 50, crowd_size: int = 100,
          repeats: int = 20) -> float:
    """Median milliseconds of one ``rank`` + top 10 over ``shots`` candidates."""
    rng = np.random.default_rng(0)
    film, _ = make_film(rng, shots, clusters=20, characters=12, dim=dim)
    person = Person(rng.normal(size=shots))
    person.react(rng.choice(shots, feedback_rows, replace=False))
    votes = np.sign(rng.normal(size=(crowd_size, shots))) * (rng.random((crowd_size, shots)) < 0.02)
    crowd = Crowd(votes, np.ones((crowd_size, 1), bool))
    feedback = person.feedback(film)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rank(film, feedback, crowd).top(K)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=4)
    parser.add_argument("--people", type=int, default=30, help="simulated people per film")
    parser.add_argument("--crowd", type=int, default=40, help="earlier people per film (the crowd)")
    parser.add_argument("--shots", type=int, default=400, help="shots per film")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    quality = simulate(args.seed, args.films, args.people, args.crowd, args.shots)
    ms = speed()
    print(f"{'method':<11}" + "".join(f"  round {r}: hit  ndcg" for r in ROUNDS))
    for method, rounds in quality.items():
        print(f"{method:<11}" + "".join(f"        {v['hit_rate@10']:.2f}  {v['ndcg@10']:.2f}"
                                        for v in rounds.values()))
    for r in ROUNDS:
        gain = quality["taste"][r]["ndcg@10"] / max(quality["popularity"][r]["ndcg@10"], 1e-9) - 1
        print(f"taste vs popularity NDCG@10 after {r} rounds: {gain:+.0%}")
    print(f"rank + top 10 over 10k shots (512-d, 50 feedback rows, 100 crowd people): {ms:.1f} ms median")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"settings": vars(args), "quality": quality, "rank_10k_ms": round(ms, 2)},
                                  indent=2) + "\n")


if __name__ == "__main__":
    main()
