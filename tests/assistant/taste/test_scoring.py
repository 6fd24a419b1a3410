"""The recommender's arithmetic on small hand-made arrays: who likes what, and what the reasons say."""

from __future__ import annotations

import numpy as np

from assistant.taste.scoring import Candidates, Crowd, Feedback, rank

# Six shots of one film: 0-2 look alike (one direction), 3-5 look alike (another); Celia is in 0-2.
VECTORS = np.array([[1, 0.05, 0], [1, 0, 0.05], [1, 0.02, 0.02], [0, 1, 0.05], [0.05, 1, 0], [0.02, 1, 0.02]])
VECTORS = VECTORS / np.linalg.norm(VECTORS, axis=1, keepdims=True)
PEOPLE = np.array([[0.9], [0.8], [0.7], [0.0], [0.0], [0.1]])
CANDIDATES = Candidates(film=np.zeros(6, int), vectors=VECTORS, people=PEOPLE,
                        talk=np.array([0.2, 0.3, 0.1, 0.6, 0.5, 0.4]), names=("Celia",))


def feedback(weights: dict[int, float]) -> Feedback:
    rows = sorted(weights)
    on = np.zeros(6)
    on[rows] = [weights[r] for r in rows]
    return Feedback(VECTORS[rows], PEOPLE[rows], CANDIDATES.talk[rows], np.array([weights[r] for r in rows]),
                    tuple(f"the scene at film 0:0{r} you kept" for r in rows), on)


def test_opposite_feedback_gives_opposite_suggestions() -> None:
    likes_celia = rank(CANDIDATES, feedback({0: 1.0, 3: -1.0}), Crowd.empty(CANDIDATES))
    likes_other = rank(CANDIDATES, feedback({0: -1.0, 3: 1.0}), Crowd.empty(CANDIDATES))
    assert set(likes_celia.top(2).tolist()) == {1, 2}
    assert set(likes_other.top(2).tolist()) == {4, 5}
    assert not np.isfinite(likes_celia.scores[[0, 3]]).any()  # already judged: not suggested again


def test_reasons_name_the_signal_behind_the_score() -> None:
    ranking = rank(CANDIDATES, feedback({0: 1.0, 1: 1.0, 3: -1.0}), Crowd.empty(CANDIDATES))
    reason = ranking.reason(int(ranking.top(1)[0]))
    assert reason in ("because you kept 2 scenes with Celia", "close to the scene at film 0:00 you kept",
                      "close to the scene at film 0:01 you kept")


def test_cold_start_is_popularity_then_the_default() -> None:
    votes = np.array([[0, 0, 0, 1, 1, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 1, 0, -1]], float)
    crowd = Crowd(votes, np.ones((3, 1), bool))
    ranking = rank(CANDIDATES, Feedback.empty(CANDIDATES), crowd)
    assert ranking.top(2).tolist() == [3, 4]
    assert ranking.reason(3) == "kept by 3 of 3 people who cut this film"
    nobody = rank(CANDIDATES, Feedback.empty(CANDIDATES), Crowd.empty(CANDIDATES))
    assert nobody.top(1).tolist() == [1]  # 0.6 * talk + 0.4 * on screen is highest for shot 1 (0.50)
    assert nobody.reason(1) == "a good first pick: some dialogue, with Celia on screen"


def test_like_minded_people_outweigh_the_rest() -> None:
    # Two people agree with us about shot 0 and keep shot 2; five others keep shot 5.
    votes = np.zeros((7, 6))
    votes[:2, [0, 2]] = 1
    votes[2:, 5] = 1
    crowd = Crowd(votes, np.ones((7, 1), bool))
    mine = feedback({0: 1.0})
    flat = Candidates(CANDIDATES.film, None, np.zeros((6, 0)), np.full(6, 0.3), ())  # no content signal
    assert rank(flat, mine, crowd).top(1).tolist() == [2]


def test_kept_shots_lead_a_cut_and_dropped_never_appear() -> None:
    ranking = rank(CANDIDATES, feedback({4: 1.0, 1: -1.0}), Crowd.empty(CANDIDATES), include_kept=True)
    assert ranking.top(1).tolist() == [4]
    assert 1 not in ranking.top(6).tolist()
