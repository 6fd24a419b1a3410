"""Linking faces into tracks inside a shot, clustering tracks and keeping the user's characters (pure)."""

from __future__ import annotations

import numpy as np

from index.cast_cluster import assign_characters, cluster_tracks
from index.face_detect import Detection
from index.face_tracks import link_tracks


def face(x: float, y: float, size: float = 40.0, score: float = 0.9) -> Detection:
    return Detection((x, y, size, size), np.zeros((5, 2), np.float32), score)


def test_two_people_side_by_side_keep_their_own_tracks() -> None:
    samples = [[face(100, 50), face(300, 60)], [face(305, 62), face(104, 52)], [face(108, 55), face(310, 60)]]
    tracks = link_tracks(samples)
    assert sorted(t.members for t in tracks) == [[(0, 0), (1, 1), (2, 0)], [(0, 1), (1, 0), (2, 1)]]


def test_a_face_missed_once_continues_but_a_jump_or_a_new_size_starts_a_new_track() -> None:
    tracks = link_tracks([[face(100, 50)], [], [face(110, 50)], [face(400, 50)], [face(400, 50, size=90)]])
    assert [t.members for t in tracks] == [[(0, 0), (2, 0)], [(3, 0)], [(4, 0)]]


def test_clusters_join_near_descriptors_and_never_people_on_screen_together() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=128), rng.normal(size=128)
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)
    near = [a, a + 0.01, b, b + 0.01]
    assert cluster_tracks(np.array(near)) == [0, 0, 1, 1]
    assert cluster_tracks(np.array(near), conflicts=[(0, 1)]) == [0, 1, 2, 2]


def test_named_or_merged_characters_keep_every_cluster_others_only_their_strongest() -> None:
    clusters = [[1, 2], [3], [4], [5]]
    previous = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20}
    weight = {1: 5.0, 2: 5.0, 3: 1.0, 4: 3.0, 5: 1.0}
    assert assign_characters(clusters, previous, weight, pinned=frozenset({10})) == [10, 10, 20, None]
    assert assign_characters(clusters, previous, weight, pinned=frozenset()) == [10, None, 20, None]
