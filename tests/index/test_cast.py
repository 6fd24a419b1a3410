"""Characters at ingest on real faces: found, tracked and clustered; named, merged and forgotten; kept
across restarts and re-scans; one person in two videos is one character; no faces, no characters.

The faces are two public-domain portraits (Eileen Collins, Grace Hopper) that the scikit-image and
matplotlib wheels ship, made into videos with a slow camera move per shot (tests/media_factory.py), so
the suite runs on a fresh clone; the real-clip test uses the shared folder and skips without it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from index import store
from index.cast import (
    CastError,
    CastMember,
    cast_list,
    forget_character,
    index_faces,
    merge_characters,
    name_character,
    people_by_shot,
)
from index.db import connect
from index.face_scan import SAMPLE_STEP
from index.ingest import ingest
from tests.media_factory import SHARED_MEDIA, FaceShot, face_shots, hard_cuts

TEARS = SHARED_MEDIA / "tears_of_steel_opening_64s_512x120.mp4"
SHOT_SECONDS = 2.0


@dataclass(frozen=True)
class FaceClips:
    """Collins, Hopper, Collins in three shots; then a mirrored, panned Collins alone in a second video."""

    three_shots: Path
    second_video: Path


def make_face_clips(folder: Path) -> FaceClips:
    three = face_shots(folder / "collins_hopper_collins.mp4",
                       (FaceShot("collins"), FaceShot("hopper", pan=1), FaceShot("collins", pan=-1)))
    second = face_shots(folder / "collins_again.mp4", (FaceShot("collins", mirrored=True, pan=1),))
    return FaceClips(three.path, second.path)


@pytest.fixture(scope="module")
def face_clips(tmp_path_factory) -> FaceClips:
    return make_face_clips(tmp_path_factory.mktemp("faces"))


def _count(library: Path, sql: str) -> int:
    conn = sqlite3.connect(library / "library.db")
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _ingest(paths: list[Path], library: Path, embedder) -> list[str]:
    """Each file in its own ingest call (the second one re-clusters a library that already has people)."""
    ids = []
    for path in paths:
        [result] = ingest([path], library, embedder)
        assert result.status == "added" and not result.warnings, result
        assert result.faces >= 1 and {"faces_detect", "faces_embed", "characters"} <= result.timings.keys()
        ids.append(result.video.id)
    return ids


@pytest.fixture(scope="module")
def face_library(tmp_path_factory, tiny_embedder, face_clips) -> tuple[Path, list[str]]:
    library = tmp_path_factory.mktemp("face-lib") / "lib"
    return library, _ingest([face_clips.three_shots, face_clips.second_video], library, tiny_embedder)


def _by_shots(cast: list[CastMember], first: str, second: str) -> tuple[CastMember, CastMember]:
    """(Collins, Hopper): whoever is in the first shot, whoever is in the middle one."""
    collins = next(m for m in cast if (first, 0) in m.shots)
    hopper = next(m for m in cast if (first, 1) in m.shots)
    return collins, hopper


def test_two_people_across_cuts_and_videos_are_two_characters(face_library) -> None:
    library, (first, second) = face_library
    cast = cast_list(library)
    assert len(cast) == 2
    collins, hopper = _by_shots(cast, first, second)
    assert cast[0] == collins  # on screen in three shots: the most screen time
    assert set(collins.shots) == {(first, 0), (first, 2), (second, 0)}
    assert hopper.shots == ((first, 1),)
    # Each appearance is known to about one look (SAMPLE_STEP) at either end.
    assert 3 * (SHOT_SECONDS - SAMPLE_STEP) <= collins.screen_time <= 3 * SHOT_SECONDS + 0.1
    assert SHOT_SECONDS - SAMPLE_STEP <= hopper.screen_time <= SHOT_SECONDS + 0.1
    for member in cast:
        assert member.thumbnail and (library / member.thumbnail).is_file()
        assert member.to_json()["appearances"][0].keys() == {"video", "start", "end"}
    [middle] = hopper.appearances  # the middle shot, 2 s to 4 s, from its first sample to its last
    assert middle.video_id == first
    assert 2.0 <= middle.start <= 2.0 + SAMPLE_STEP and 4.0 - SAMPLE_STEP <= middle.end <= 4.0
    on_screen = people_by_shot(library, first)
    assert {shot: set(people) for shot, people in on_screen.items()} == {
        0: {collins.id}, 1: {hopper.id}, 2: {collins.id}}
    assert on_screen[1][hopper.id] == pytest.approx(hopper.screen_time)
    only_second = cast_list(library, [second])
    assert [m.id for m in only_second] == [collins.id]
    assert SHOT_SECONDS - SAMPLE_STEP <= only_second[0].screen_time <= SHOT_SECONDS + 0.1
    assert cast_list(library, ["no-such-video"]) == []


def test_a_name_survives_a_restart_and_a_rescan(face_library) -> None:
    library, (first, second) = face_library
    _, hopper = _by_shots(cast_list(library), first, second)
    named = name_character(library, hopper.id, "  Grace   Hopper ")
    assert named.name == "Grace Hopper" and named.id == hopper.id
    conn = connect(library)
    try:
        video = store.video(conn, first)
        shots = store.shots(conn, first)
    finally:
        conn.close()
    assert video is not None
    index_faces(video.info, shots, library)  # the face stage again: new tracks, re-clustered
    again = {m.name: m for m in cast_list(library)}
    assert again["Grace Hopper"].id == hopper.id and again["Grace Hopper"].shots == ((first, 1),)
    assert len(again) == 2
    with pytest.raises(CastError, match="empty"):
        name_character(library, hopper.id, "   ")
    with pytest.raises(CastError, match="no character 9999"):
        name_character(library, 9999, "Bruce")


def test_merge_then_forget_removes_rows_and_thumbnails(tmp_path, tiny_embedder, face_clips) -> None:
    library = tmp_path / "lib"
    [first] = _ingest([face_clips.three_shots], library, tiny_embedder)
    collins, hopper = _by_shots(cast_list(library), first, first)
    merged = merge_characters(library, collins.id, hopper.id)
    assert merged.id == collins.id and [m.id for m in cast_list(library)] == [collins.id]
    assert set(merged.shots) == {(first, 0), (first, 1), (first, 2)}
    with pytest.raises(CastError, match="itself"):
        merge_characters(library, collins.id, collins.id)
    thumbs = set((library / "thumbs" / "faces").rglob("*.jpg"))
    gone = forget_character(library, collins.id)
    assert gone.tracks >= 3 and gone.faces >= gone.tracks and gone.thumbnails == len(thumbs)
    assert cast_list(library) == []
    assert _count(library, "SELECT COUNT(*) FROM face_tracks") == 0
    assert _count(library, "SELECT COUNT(*) FROM faces") == 0
    assert not set((library / "thumbs" / "faces").rglob("*.jpg"))
    with pytest.raises(CastError):
        forget_character(library, collins.id)


def test_a_video_without_faces_gives_no_characters_and_no_warning(tmp_path, tiny_embedder) -> None:
    clip = hard_cuts(tmp_path / "cuts.mp4")
    library = tmp_path / "lib"
    [result] = ingest([clip.path], library, tiny_embedder)
    assert result.status == "added" and result.faces == 0 and not result.warnings
    assert cast_list(library) == []
    assert _count(library, "SELECT COUNT(*) FROM face_scans") == 1


@pytest.mark.skipif(not TEARS.is_file(), reason=f"needs the shared clip {TEARS} (../shared is absent)")
def test_tears_of_steel_the_two_leads_on_the_bridge(tmp_path, tiny_embedder) -> None:
    library = tmp_path / "lib"
    [result] = ingest([TEARS], library, tiny_embedder)
    assert result.status == "added" and not result.warnings
    leads = cast_list(library)[:2]
    assert len(leads) == 2
    for lead in leads:  # both argue on the bridge (about 20 s to 35 s), each on screen most of it
        assert lead.screen_time > 8.0
        assert any(a.start < 25 and a.end > 30 for a in lead.appearances)
    bridge = max(people_by_shot(library, leads[0].appearances[0].video_id).items(), key=lambda kv: len(kv[1]))
    assert {leads[0].id, leads[1].id} <= set(bridge[1])
    # The scientist behind the brain (54-59.5 s, a large face under an eyepiece): the clip's 9:16 pixels
    # squeeze him past YuNet, and only the detector's second look, at square pixels, finds him.
    assert any(a.start < 58 and a.end > 56 for member in cast_list(library) for a in member.appearances)
