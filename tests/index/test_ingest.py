"""Ingest end to end on generated clips: search by a shot's own vector, bad input, re-ingest, model
change, and an embedder that dies mid-file."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.clip_factory import create_embedder
from index.ingest import ingest
from index.library import Library
from index.library_paths import LibraryPaths
from index.vector_index import VectorIndex
from tests.media_factory import audio_only, single_shot, truncated, zero_duration


def snapshot(library_dir: Path) -> tuple:
    """Everything an ingest may change: DB rows of the index tables and the saved FAISS ids."""
    conn = sqlite3.connect(LibraryPaths(library_dir).db)
    try:
        rows = tuple(tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall())
                     for table in ("videos", "shots", "keyframe_vectors", "index_meta"))
    finally:
        conn.close()
    index = VectorIndex.load(LibraryPaths(library_dir).faiss)
    return rows, index.ntotal, tuple(index.ids().tolist())


class DyingEmbedder:
    """Delegates to a real embedder, then fails after ``budget`` images as a crash or kill would."""

    def __init__(self, inner, budget: int, error: BaseException) -> None:
        self._inner, self._budget, self._error = inner, budget, error
        self.model_id, self.dim, self.meaningful = inner.model_id, inner.dim, inner.meaningful

    def embed_images(self, images: Sequence[np.ndarray]) -> np.ndarray:
        if len(images) > self._budget:
            raise self._error
        self._budget -= len(images)
        return self._inner.embed_images(images)

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        return self._inner.embed_texts(texts)


def test_each_shot_is_found_first_by_its_own_vector(small_library) -> None:
    library = Library.open(small_library.dir)
    assert [v.id for v in library.videos()] == list(small_library.video_ids)
    cuts_id = small_library.video_ids[0]
    shots = library.shots(cuts_id)
    assert [s.start_frame for s in shots] == [0, *small_library.clips[0].cuts]
    for video_id in small_library.video_ids:
        for shot, vector in zip(library.shots(video_id), library.shot_vectors(video_id), strict=True):
            best = library.search(vector, k=3)[0]
            assert (best.shot.video_id, best.shot.index) == (video_id, shot.index)
            assert best.score == pytest.approx(1.0, abs=1e-4)
    assert library.embedder.meaningful is False


def _chmod_unreadable(path: Path) -> Path:
    path.write_bytes(b"\x00\x00\x00\x18ftypisom")
    path.chmod(0)
    return path


BAD_INPUTS = {
    "empty": (lambda p: (p.write_bytes(b""), p)[1], "empty (0 bytes)"),
    "truncated": (lambda p: truncated(p, keep=0.4), "truncated"),
    "text": (lambda p: (p.write_text("just some notes, not a film\n"), p)[1], "not a video file"),
    "audio_only": (audio_only, "only audio"),
    "zero_duration": (lambda p: zero_duration(p.with_suffix(".y4m")), "zero duration"),
    "missing": (lambda p: p, "no such file"),
    "unreadable": (_chmod_unreadable, "permission denied"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_fails_specifically_and_changes_nothing(kind, small_library_copy, tmp_path, tiny_embedder):
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    make, message = BAD_INPUTS[kind]
    path = make(tmp_path / f"{kind}.mp4")
    before = snapshot(small_library_copy.dir)
    [result] = ingest([path], small_library_copy.dir, tiny_embedder)
    assert result.status == "failed" and result.video is None
    assert message in result.error and path.name in result.error
    assert snapshot(small_library_copy.dir) == before


def test_reingesting_the_same_content_is_a_no_op(small_library_copy, tmp_path, tiny_embedder) -> None:
    before = snapshot(small_library_copy.dir)
    moved = tmp_path / "renamed copy.mp4"
    moved.write_bytes(small_library_copy.clips[0].path.read_bytes())
    results = ingest([small_library_copy.clips[0].path, moved], small_library_copy.dir, tiny_embedder)
    assert [r.status for r in results] == ["unchanged", "unchanged"]
    assert results[1].video.id == small_library_copy.video_ids[0] and results[1].shots == 4
    assert snapshot(small_library_copy.dir) == before


def test_a_different_model_reembeds_the_whole_library(small_library_copy, tiny_embedder) -> None:
    other = create_embedder("tiny-random-seed1")
    first, second = small_library_copy.video_ids
    [result] = ingest([small_library_copy.clips[0].path], small_library_copy.dir, other)
    assert result.status == "reembedded" and result.shots == 4
    library = Library.open(small_library_copy.dir)
    assert library.model.model_id == "tiny-random-seed1" and library.embedder.model_id == "tiny-random-seed1"
    assert [v.id for v in library.videos()] == [first, second]  # order kept
    by_id = {v.info.id: v.model_id for v in library.stored_videos()}
    assert by_id == {first: "tiny-random-seed1", second: "tiny-random-seed1"}  # the other one too
    vector = library.shot_vectors(first)[2]
    assert library.search(vector, k=1)[0].shot.index == 2
    assert {h.shot.video_id for h in library.search("anything", k=10)} == {first, second}
    [again] = ingest([small_library_copy.clips[1].path], small_library_copy.dir, other)
    assert again.status == "unchanged"


def test_a_crash_mid_embed_leaves_the_earlier_videos_only(small_library_copy, tmp_path, tiny_embedder):
    before = snapshot(small_library_copy.dir)
    new_a = single_shot(tmp_path / "a.mp4", frames=25).path
    new_b = single_shot(tmp_path / "b.mp4", frames=30).path
    dying = DyingEmbedder(tiny_embedder, budget=0, error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        ingest([new_a, new_b], small_library_copy.dir, dying)
    assert snapshot(small_library_copy.dir) == before
    library = Library.open(small_library_copy.dir)
    assert [v.id for v in library.videos()] == list(small_library_copy.video_ids)
    assert len(library.search("a test pattern", k=50)) == 5

    # an ordinary exception fails that file only; the batch goes on
    dying = DyingEmbedder(tiny_embedder, budget=1, error=RuntimeError("GPU gone"))
    results = ingest([new_a, new_b], small_library_copy.dir, dying)
    assert [r.status for r in results] == ["added", "failed"]
    assert "RuntimeError: GPU gone" in results[1].error
    assert len(library.videos()) == 3  # the open reader sees the commit made by the ingest


def test_progress_reports_every_stage(small_library_copy, tmp_path, tiny_embedder) -> None:
    events: dict[str, list[tuple[int, int]]] = {}

    def factory(path: Path):
        assert path.name == "p.mp4"
        return lambda stage, done, total: events.setdefault(stage, []).append((done, total))

    clip = single_shot(tmp_path / "p.mp4", frames=25).path
    [result] = ingest([clip], small_library_copy.dir, tiny_embedder, progress_factory=factory)
    assert result.status == "added"
    assert {"decode", "embed"} <= set(events)
    assert events["embed"][-1][0] == events["embed"][-1][1] > 0
    assert {"decode", "detect", "embed", "total"} <= set(result.timings)


def test_a_reader_keeps_searching_while_an_ingest_commits(small_library_copy, tmp_path, tiny_embedder):
    library = Library.open(small_library_copy.dir)
    query = np.ones(tiny_embedder.dim, np.float32)
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        while True:
            finished = done.is_set()  # one more search after the ingest returned
            try:
                seen.append(len(library.search(query, k=50)))
            except BaseException as exc:  # any failure in the reader fails the test
                errors.append(exc)
                return
            if finished:
                return

    clip = single_shot(tmp_path / "new.mp4", frames=25).path
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    [result] = ingest([clip], small_library_copy.dir, tiny_embedder)
    done.set()
    reader.join(timeout=60)
    assert result.status == "added" and not errors
    assert seen[0] in (5, 6) and seen[-1] == 6 and set(seen) <= {5, 6}
