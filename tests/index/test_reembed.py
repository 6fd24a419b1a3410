"""Model switches keep the library whole: every video re-embedded from its kept keyframes in one swap,
a crash midway leaves the old model working, and old videos fall back to decoding; title refs."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3

import numpy as np
import pytest

from index.clip_factory import create_embedder
from index.keyframes import keyframe_image_path
from index.library import Library, UnknownVideo
from index.library_paths import LibraryPaths
from index.reembed import reembed
from tests.index.test_cli_index import run
from tests.index.test_ingest import DyingEmbedder, snapshot


def _each_shot_finds_itself(library: Library, video_ids: tuple[str, ...]) -> None:
    for video_id in video_ids:
        for shot, vector in zip(library.shots(video_id), library.shot_vectors(video_id), strict=True):
            best = library.search(vector, k=1)[0]
            assert (best.shot.video_id, best.shot.index) == (video_id, shot.index)


def test_ingest_keeps_each_keyframe_image(small_library) -> None:
    library = Library.open(small_library.dir)
    for video_id in small_library.video_ids:
        for shot in library.shots(video_id):
            for k in range(len(shot.keyframes)):
                image = small_library.dir / keyframe_image_path(video_id, shot.index, k)
                assert image.is_file() and image.stat().st_size > 0


def test_reembed_command_switches_every_video(small_library_copy, capsys) -> None:
    directory = small_library_copy.dir
    old = Library.open(directory)
    assert old.model.model_id == "tiny-random-seed0"
    old_vectors = old.shot_vectors(small_library_copy.video_ids[0]).copy()
    assert old.search("anything", k=1) and old.embedder.model_id == "tiny-random-seed0"
    code, out, err = run(capsys, "reembed", "--library", str(directory), "--clip-model", "tiny-random-seed1")
    assert code == 0 and "re-embedded 2 videos with tiny-random-seed1" in out and "decoded" not in out
    library = Library.open(directory)
    assert library.model.model_id == "tiny-random-seed1" and library.embedder.model_id == "tiny-random-seed1"
    assert {v.model_id for v in library.stored_videos()} == {"tiny-random-seed1"}
    _each_shot_finds_itself(library, small_library_copy.video_ids)
    # the new vectors really are the new model's view of the same pictures, not the old ones relabelled
    assert not np.allclose(library.shot_vectors(small_library_copy.video_ids[0]), old_vectors)
    assert {h.shot.video_id for h in library.search("anything", k=10)} == set(small_library_copy.video_ids)
    # the open Library of a running app catches up by itself, query model included
    assert old.model.model_id == "tiny-random-seed1" and old.embedder.model_id == "tiny-random-seed1"
    assert {h.shot.video_id for h in old.search("anything", k=10)} == set(small_library_copy.video_ids)


def test_a_crash_mid_reembed_leaves_the_old_model_working(small_library_copy, tiny_embedder) -> None:
    directory = small_library_copy.dir
    before = snapshot(directory)
    dying = DyingEmbedder(create_embedder("tiny-random-seed1"), budget=3, error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        reembed(directory, dying)
    assert snapshot(directory) == before
    library = Library.open(directory, tiny_embedder)
    assert library.model.model_id == "tiny-random-seed0"
    _each_shot_finds_itself(library, small_library_copy.video_ids)
    assert len(library.search("a test pattern", k=50)) == 5


def test_videos_without_kept_keyframes_are_decoded_again_or_reported(small_library_copy, tmp_path) -> None:
    directory = small_library_copy.dir
    cuts_id, single_id = small_library_copy.video_ids
    shutil.rmtree(LibraryPaths(directory).keyframes / cuts_id)  # as if ingested before keyframes were kept
    shutil.rmtree(LibraryPaths(directory).keyframes / single_id)
    library = Library.open(directory)
    gone = tmp_path / "gone.mp4"  # the single-shot file is moved away: nothing left to embed it from
    shutil.copy(small_library_copy.clips[1].path, gone)
    with contextlib.closing(sqlite3.connect(LibraryPaths(directory).db)) as conn, conn:
        conn.execute("UPDATE videos SET path = ? WHERE id = ?", (str(gone), single_id))
    gone.unlink()
    report = reembed(directory, create_embedder("tiny-random-seed1"))
    assert (report.videos, report.decoded, report.missing) == ((cuts_id,), (cuts_id,), (str(gone),))
    by_id = {v.info.id: v.model_id for v in library.stored_videos()}
    assert by_id == {cuts_id: "tiny-random-seed1", single_id: None}
    assert [s.start_frame for s in library.shots(cuts_id)] == [0, *small_library_copy.clips[0].cuts]
    _each_shot_finds_itself(library, (cuts_id,))
    assert (directory / keyframe_image_path(cuts_id, 0, 0)).is_file()  # kept for the next switch


def test_videos_resolve_by_title_or_file_stem(small_library, capsys) -> None:
    library = Library.open(small_library.dir)
    cuts_id, single_id = small_library.video_ids
    assert library.video("cuts").id == cuts_id
    assert library.video("SINGLE").id == single_id  # case does not matter
    assert library.video("sing").id == single_id  # a unique prefix
    with pytest.raises(UnknownVideo, match=r"'nothing-like-it'"):
        library.video("nothing-like-it")
    code, out, _ = run(capsys, "shots", "cuts", "--library", str(small_library.dir))
    assert code == 0 and len(out.splitlines()) == len(small_library.clips[0].cuts) + 1


def test_an_ambiguous_name_lists_the_candidates(small_library_copy, tmp_path, tiny_embedder) -> None:
    from index.ingest import ingest

    other = tmp_path / "cutscene.mp4"
    shutil.copy(small_library_copy.clips[1].path, other)
    with open(other, "ab") as f:  # different bytes, another video
        f.write(b"\0" * 16)
    [result] = ingest([other], small_library_copy.dir, tiny_embedder)
    assert result.status == "added", result.error
    library = Library.open(small_library_copy.dir)
    assert library.video("cuts").id == small_library_copy.video_ids[0]  # an exact name beats a prefix
    with pytest.raises(UnknownVideo, match=r"'cut' is ambiguous.*cuts\.mp4.*cutscene\.mp4"):
        library.video("cut")
