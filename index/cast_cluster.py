"""Group face tracks into characters, and keep the user's characters (names, merges) across re-clustering.

Average-linkage agglomerative clustering on the tracks' mean dlib descriptors, cut at
``SAME_PERSON_DISTANCE``; two tracks on screen at the same time in the same shot are never one person
(their distance is set out of reach). The threshold is measured on the Tears of Steel opening
(faces ~16 px tall, 9 tracks of 3 people): at 0.45 Celia's profile and frontal tracks split; from 0.5
to dlib's usual 0.6 the two leads come out whole and apart; 0.5 is the strictest value that does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

SAME_PERSON_DISTANCE = 0.5
NEVER = 10.0  # distance given to tracks that cannot be the same person


def cluster_tracks(descriptors: np.ndarray, conflicts: Iterable[tuple[int, int]] = (),
                   threshold: float = SAME_PERSON_DISTANCE) -> list[int]:
    """A cluster label per row of ``descriptors`` (labels 0..k-1, in order of first appearance)."""
    count = len(descriptors)
    if count == 0:
        return []
    if count == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform

    distances = squareform(pdist(np.asarray(descriptors, np.float64)))
    for a, b in conflicts:
        distances[a, b] = distances[b, a] = NEVER
    raw = fcluster(linkage(squareform(distances, checks=False), method="average"), threshold,
                   criterion="distance")
    relabel: dict[int, int] = {}
    return [relabel.setdefault(int(label), len(relabel)) for label in raw]


def assign_characters(clusters: Sequence[Sequence[int]], previous: Mapping[int, int | None],
                      weight: Mapping[int, float], pinned: frozenset[int]) -> list[int | None]:
    """Per cluster (a list of track ids), the existing character it continues, or None for a new one.

    A cluster continues the character most of its tracks (by on-screen time) belonged to. A character
    the user named or merged (``pinned``) takes every cluster that votes for it, so a merge stays
    merged; any other character goes to its strongest cluster only, the rest become new characters.
    """
    votes: list[tuple[float, int, int]] = []
    for c, tracks in enumerate(clusters):
        tally: dict[int, float] = {}
        for track in tracks:
            old = previous.get(track)
            if old is not None:
                tally[old] = tally.get(old, 0.0) + weight.get(track, 0.0)
        if tally:
            best = max(tally, key=lambda character: (tally[character], -character))
            votes.append((tally[best], c, best))
    chosen: list[int | None] = [None] * len(clusters)
    taken: set[int] = set()
    for _, c, character in sorted(votes, key=lambda v: (-v[0], v[1])):
        if character in pinned or character not in taken:
            chosen[c] = character
            taken.add(character)
    return chosen
