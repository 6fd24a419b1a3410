"""Group face tracks into characters, and keep the user's characters (names, merges) across re-clustering.

Average-linkage agglomerative clustering on the tracks' mean dlib descriptors, cut at
``ClusterSettings.threshold``; two tracks on screen at the same time in the same shot are never one person
(their distance is set out of reach). Chosen from ``benchmarks/bench_faces.py``'s curves on the dev clips
(24 tracks, 11 people, two looks a second): mean live-action F1 0.65-0.68 at cuts 0.35-0.5, 0.70 at 0.55,
0.61 from 0.6 (people merge). Putting tracks whose biggest face is under 32 px 0.05 further from everyone
lifts the mean to 0.70 (the Tears of Steel lab scientists come apart from Thom) but splits Celia
(F1 0.98 -> 0.74): the leads matter more ("the hero", "scenes with Celia"), so that margin is off. A
cross-video margin (0-0.2) and absorbing minor clusters (0.55-0.75) changed F1 by < 0.01, so both are
off too. The set is small and the curves noisy: re-measure with more clips before moving these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

NEVER = 10.0  # distance given to tracks that cannot be the same person


@dataclass(frozen=True)
class ClusterSettings:
    """How tracks become characters; the defaults are chosen from the curves ``benchmarks/bench_faces.py``
    prints on the development clips (benchmarks/cast_dev.yaml)."""

    threshold: float = 0.5  # average-linkage cut (dlib distance) for tracks of one video
    cross_video: float = 0.0  # added to the distance of two tracks of different videos: stricter across
    absorb: float = 0.0  # a minor cluster joins the closest major one of its video nearer than this
    minor_seconds: float = 1.0  # clusters on screen less than this are minor
    small_face_px: float = 32.0  # tracks whose biggest face is smaller than this (source pixels) ...
    small_face_margin: float = 0.0  # ... are this much further from every other track: blurry descriptors


DEFAULT_SETTINGS = ClusterSettings()


def _average_distance(distances: np.ndarray, a: Sequence[int], b: Sequence[int]) -> float:
    return float(distances[np.ix_(a, b)].mean())


def cluster_tracks(descriptors: np.ndarray, conflicts: Iterable[tuple[int, int]] = (),
                   videos: Sequence[str] | None = None, seconds: Sequence[float] | None = None,
                   sizes: Sequence[float] | None = None,
                   settings: ClusterSettings = DEFAULT_SETTINGS) -> list[int]:
    """A cluster label per row of ``descriptors`` (labels 0..k-1, in order of first appearance).

    Average linkage on the descriptors (``videos``: each row's video, for the cross-video margin;
    ``sizes``: each row's biggest face, for the small-face margin), then
    clusters shorter than ``minor_seconds`` (``seconds``: each row's screen time) are absorbed by their
    closest major cluster in the same video; tracks in ``conflicts`` are never put together.
    """
    count = len(descriptors)
    if count == 0:
        return []
    if count == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform

    distances = squareform(pdist(np.asarray(descriptors, np.float64)))
    if videos is not None and settings.cross_video:
        video = np.asarray(videos)
        distances = distances + settings.cross_video * (video[:, None] != video[None, :])
    if sizes is not None and settings.small_face_margin:
        small = np.asarray(sizes) < settings.small_face_px
        distances = distances + settings.small_face_margin * (small[:, None] | small[None, :])
        np.fill_diagonal(distances, 0.0)
    for a, b in conflicts:
        distances[a, b] = distances[b, a] = NEVER
    raw = fcluster(linkage(squareform(distances, checks=False), method="average"), settings.threshold,
                   criterion="distance")
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(raw):
        groups.setdefault(int(label), []).append(row)
    if settings.absorb and seconds is not None:
        _absorb(list(groups.values()), distances, videos, seconds, settings)
    relabel: dict[int, int] = {}
    label_of = {row: id(group) for group in groups.values() for row in group}
    return [relabel.setdefault(label_of[row], len(relabel)) for row in range(count)]


def _absorb(groups: list[list[int]], distances: np.ndarray, videos: Sequence[str] | None,
            seconds: Sequence[float], settings: ClusterSettings) -> None:
    """Move each minor cluster's tracks into the closest major cluster sharing a video (in place)."""
    def length(group: list[int]) -> float:
        return sum(seconds[row] for row in group)

    major = [g for g in groups if length(g) >= settings.minor_seconds]
    for group in sorted((g for g in groups if length(g) < settings.minor_seconds), key=length):
        where = {videos[row] for row in group} if videos is not None else None
        near = [(_average_distance(distances, group, m), i) for i, m in enumerate(major)
                if (where is None or where & {videos[row] for row in m})  # type: ignore[index]
                and distances[np.ix_(group, m)].max() < NEVER]
        if near and min(near)[0] < settings.absorb:
            major[min(near)[1]].extend(group)
            group.clear()


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
