"""Looking at every shot, linking faces into tracks inside a shot, clustering tracks and keeping the user's
characters."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np

from index.cast import _merged
from index.cast_cluster import ClusterSettings, assign_characters, cluster_tracks
from index.face_detect import Detection
from index.face_scan import LOOK_SHIFT, SAMPLE_STEP, FaceSampler, is_face
from index.face_tracks import TrackLinker, link_tracks
from index.shot import VideoInfo


def face(x: float, y: float, size: float = 40.0, score: float = 0.9) -> Detection:
    return Detection((x, y, size, size), np.zeros((5, 2), np.float32), score)


def test_two_people_side_by_side_keep_their_own_tracks() -> None:
    samples = [[face(100, 50), face(300, 60)], [face(305, 62), face(104, 52)], [face(108, 55), face(310, 60)]]
    tracks = link_tracks(samples)
    assert sorted(t.members for t in tracks) == [[(0, 0), (1, 1), (2, 0)], [(0, 1), (1, 0), (2, 1)]]


def test_a_face_missed_once_continues_but_a_jump_or_a_new_size_starts_a_new_track() -> None:
    tracks = link_tracks([[face(100, 50)], [], [face(110, 50)], [face(400, 50)], [face(400, 50, size=90)]])
    assert [t.members for t in tracks] == [[(0, 0), (2, 0)], [(3, 0)], [(4, 0)]]


def test_looks_half_a_second_apart_follow_a_walking_face_without_swapping_neighbours() -> None:
    """The ingest looks every half second: a face 0.8 sizes on (the Chaplin clip's walking policeman)
    continues its track there, where the render's looks (frames apart) would start a new one."""
    walk = [[face(100, 50)], [face(132, 50)], [face(164, 52)]]
    assert len(link_tracks(walk)) == 3
    linker = TrackLinker(LOOK_SHIFT)
    for detections in walk:
        linker.add(detections)
    assert [t.members for t in linker.tracks] == [[(0, 0), (1, 0), (2, 0)]]
    pair = TrackLinker(LOOK_SHIFT)  # two people two face sizes apart, both walking right
    pair.add([face(100, 50), face(180, 50)])
    assert pair.add([face(210, 50), face(130, 50)]) == [1, 0]


def test_a_track_is_a_face_with_one_sure_look_or_several_steady_ones() -> None:
    assert is_face([0.7, 0.86])
    assert is_face([0.81, 0.83, 0.8]) and is_face([0.79, 0.82, 0.84, 0.81])  # a steady small face
    assert not is_face([0.83, 0.83])  # too few looks to trust a weak score
    assert not is_face([0.72, 0.84, 0.75]) and not is_face([])


def test_a_face_missed_for_two_looks_is_one_appearance_three_make_two() -> None:
    def spans(looks: list[float]) -> tuple[float, float]:  # a track's time: half a step around its looks
        return looks[0] - SAMPLE_STEP / 2, looks[-1] + SAMPLE_STEP / 2

    first = spans([1.02, 1.52, 2.02, 2.52, 3.02, 3.52, 4.02, 4.52])
    assert _merged([first, spans([6.02])]) == [(first[0], 6.27)]  # missed at 5.02 and 5.52
    assert len(_merged([first, spans([6.52])])) == 2  # three looks missed: the person left


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


def test_a_cut_ends_every_live_track_even_where_the_next_face_sits() -> None:
    linker = TrackLinker()
    linker.add([face(100, 50)])
    linker.add([face(102, 50)])
    linker.cut()  # a new shot: the face at the same place is someone else until shown otherwise
    assert linker.add([face(103, 50)]) == [1]
    assert [t.members for t in linker.tracks] == [[(0, 0), (1, 0)], [(2, 0)]]


def test_small_faces_need_closer_descriptors_and_minor_clusters_join_their_closest_major_one() -> None:
    a, near, far = np.zeros(128), np.eye(128)[0] * 0.4, np.eye(128)[1] * 2.0  # a-near 0.4 apart, far 2.0
    plain = ClusterSettings(threshold=0.45, small_face_margin=0.0)
    assert cluster_tracks(np.array([a, near]), settings=plain) == [0, 0]
    strict = ClusterSettings(threshold=0.45, small_face_px=32, small_face_margin=0.1)
    assert cluster_tracks(np.array([a, near]), sizes=[80, 20], settings=strict) == [0, 1]
    assert cluster_tracks(np.array([a, near]), sizes=[80, 60], settings=strict) == [0, 0]
    across = ClusterSettings(threshold=0.45, cross_video=0.1, small_face_margin=0.0)
    assert cluster_tracks(np.array([a, near]), videos=["v1", "v2"], settings=across) == [0, 1]
    absorb = ClusterSettings(threshold=0.3, absorb=0.45, minor_seconds=1.0, small_face_margin=0.0)
    labels = cluster_tracks(np.array([a, near, far]), videos=["v", "v", "v"], seconds=[5.0, 0.5, 4.0],
                            settings=absorb)
    assert labels == [0, 0, 1]  # the 0.5 s track joins the close 5 s one, not the far 4 s one
    assert cluster_tracks(np.array([a, near, far]), conflicts=[(0, 1)], videos=["v", "v", "v"],
                          seconds=[5.0, 0.5, 4.0], settings=absorb) == [0, 1, 2]  # together on screen


def _blank_frames(seconds: float, fps: int = 20) -> list[tuple[av.VideoFrame, float]]:
    frame = av.VideoFrame.from_ndarray(np.zeros((120, 160, 3), np.uint8), format="rgb24")
    return [(frame, n / fps) for n in range(round(seconds * fps))]


def test_every_shot_gets_two_looks_even_a_short_one() -> None:
    """Looks follow the shots (first one SHOT_SETTLE in, then every SAMPLE_STEP, a last-frame look for a shot
    with fewer than two); a fixed half-second grid gave the 0.4 s shot at 2.0 s a single look."""
    info = VideoInfo(id="v", path="v.mp4", duration=Fraction(3), fps=Fraction(20), width=160, height=120,
                     frame_count=60, codec="h264", has_audio=False)
    sampler = FaceSampler(info, shot_starts=[2.0, 2.4])
    for frame, seconds in _blank_frames(3.0):
        sampler.offer(frame, seconds)
    sampler.offer_end()
    assert sampler.error is None
    looks = sampler.looked_at
    per_shot = [sum(start <= t < end for t in looks) for start, end in ((0, 2.0), (2.0, 2.4), (2.4, 3.0))]
    assert per_shot == [4, 2, 2]
    assert looks[:4] == [0.25, 0.75, 1.25, 1.75] and looks[-1] == 2.95  # the last shot's last frame
