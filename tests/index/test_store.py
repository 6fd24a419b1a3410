"""SQLite store + Library read side on synthetic videos: round trips, ids, model switches, reconcile."""

from __future__ import annotations

import contextlib
import sqlite3
from fractions import Fraction

import numpy as np
import pytest

from index import store
from index.db import connect
from index.embedder import normalise_rows
from index.library import Library, LibraryError, UnknownVideo, reconcile
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo
from index.vector_index import VectorIndex

FPS = Fraction(24000, 1001)


def video(vid: str, path: str = "/media/film.mp4") -> VideoInfo:
    return VideoInfo(id=vid, path=path, duration=Fraction(1001, 240), fps=FPS, width=160, height=90,
                     frame_count=100, codec="h264", has_audio=True, vfr=False, sample_aspect=Fraction(9, 16),
                     title="film")


def shots(vid: str, n: int = 3) -> list[Shot]:
    bounds = np.linspace(0, 100, n + 1).astype(int)
    return [Shot(vid, i, int(a), int(b), a / FPS, b / FPS, keyframes=(a / FPS, (a + 1) / FPS))
            for i, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))]


def vectors(n_shots: int, dim: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [normalise_rows(rng.standard_normal((2, dim))) for _ in range(n_shots)]


def model(model_id: str = "tiny-random-seed0", dim: int = 64) -> store.ModelRecord:
    return store.ModelRecord(model_id, dim, {"model": model_id, "pretrained": None, "weights": None})


def put(conn: sqlite3.Connection, vid: str, seed: int, record: store.ModelRecord | None = None,
        n: int = 3) -> list[np.ndarray]:
    record = record or model()
    vecs = vectors(n, record.dim, seed)
    with store.write_transaction(conn):
        if store.model_record(conn) != record:
            store.set_model(conn, record)
        store.put_video(conn, video(vid, f"/media/{vid}.mp4"), 1234, shots(vid, n), vecs, record.model_id)
    return vecs


@pytest.fixture
def conn(tmp_path):
    with contextlib.closing(connect(tmp_path)) as c:
        store.ensure_schema(c)
        yield c


def test_videos_and_shots_round_trip_exactly(conn) -> None:
    put(conn, "aaaa000000000001", 1)
    put(conn, "bbbb000000000002", 2, n=4)
    stored = store.videos(conn)
    assert [v.info.id for v in stored] == ["aaaa000000000001", "bbbb000000000002"]
    assert stored[0].info == video("aaaa000000000001", "/media/aaaa000000000001.mp4")
    assert stored[0].size == 1234 and stored[0].model_id == "tiny-random-seed0"
    assert store.shots(conn, "bbbb000000000002") == shots("bbbb000000000002", 4)
    assert store.vector_signature(conn)[0] == 3 * 2 + 4 * 2


def test_replacing_a_video_keeps_its_place_and_draws_new_vector_ids(conn) -> None:
    put(conn, "aaaa000000000001", 1)
    put(conn, "bbbb000000000002", 2)
    old_ids = set(store.vector_ids(conn).tolist())
    put(conn, "aaaa000000000001", 3, n=2)
    assert [v.info.id for v in store.videos(conn)] == ["aaaa000000000001", "bbbb000000000002"]
    assert len(store.shots(conn, "aaaa000000000001")) == 2
    new_ids = set(store.vector_ids(conn).tolist()) - old_ids
    assert len(new_ids) == 4 and min(new_ids) > max(old_ids)  # never reused


def test_a_failed_transaction_leaves_nothing(conn) -> None:
    put(conn, "aaaa000000000001", 1)
    before = (store.videos(conn), store.vector_signature(conn))
    with pytest.raises(ValueError), store.write_transaction(conn):
        store.put_video(conn, video("bbbb000000000002"), 1, shots("bbbb000000000002"), vectors(2, 64, 0), "m")
    assert (store.videos(conn), store.vector_signature(conn)) == before


def test_model_switch_drops_other_models_vectors(conn) -> None:
    put(conn, "aaaa000000000001", 1)
    put(conn, "bbbb000000000002", 2, model("other", 32))
    by_id = {v.info.id: v for v in store.videos(conn)}
    assert by_id["aaaa000000000001"].model_id is None and by_id["bbbb000000000002"].model_id == "other"
    assert store.model_record(conn) == model("other", 32)
    assert store.vector_signature(conn)[0] == 6
    assert len(store.shots(conn, "aaaa000000000001")) == 3  # shots stay; only vectors went


def test_library_search_shot_scores_and_shot_vectors(conn, tmp_path, tiny_embedder) -> None:
    vecs = put(conn, "aaaa000000000001", 1)
    put(conn, "bbbb000000000002", 2)
    library = Library.open(tmp_path)
    hits = library.search(vecs[1][0], k=3)
    assert (hits[0].shot.video_id, hits[0].shot.index) == ("aaaa000000000001", 1)
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert len(hits) == 3 and len({(h.shot.video_id, h.shot.index) for h in hits}) == 3
    scored = library.shot_scores(vecs[2][1], ["aaaa000000000001"])
    assert len(scored) == 3 and scored[0].shot.index == 2
    assert [h.score for h in scored] == sorted((h.score for h in scored), reverse=True)
    only_b = library.search(vecs[1][0], k=10, video_ids=["bbbb000000000002"])
    assert {h.shot.video_id for h in only_b} == {"bbbb000000000002"} and len(only_b) == 3
    means = library.shot_vectors("aaaa000000000001")
    assert means.shape == (3, 64) and np.allclose(means[0], normalise_rows(vecs[0].sum(0, keepdims=True))[0])
    assert library.embedder.model_id == "tiny-random-seed0"  # recreated from the recorded spec
    assert len(library.search("anything", k=2)) == 2


def test_video_refs_resolve_or_fail_clearly(conn, tmp_path) -> None:
    put(conn, "aaaa000000000001", 1)
    put(conn, "aaaa100000000002", 2)
    library = Library.open(tmp_path)
    assert library.video("aaaa1").id == "aaaa100000000002"
    assert library.video("/media/aaaa000000000001.mp4").id == "aaaa000000000001"
    with pytest.raises(UnknownVideo, match="ambiguous"):
        library.video("aaaa")
    with pytest.raises(UnknownVideo, match="no video 'zzzz'"):
        library.video("zzzz")
    with pytest.raises(UnknownVideo):
        library.shots("zzzz")


def test_a_stale_or_missing_faiss_file_is_reconciled_with_the_store(conn, tmp_path) -> None:
    vecs_a = put(conn, "aaaa000000000001", 1)
    library = Library.open(tmp_path)  # an ingest would have saved this file; simulate it
    assert library.search(vecs_a[0][0], k=1)[0].shot.index == 0
    stale = VectorIndex.build(np.array([999_999]), vectors(1, 64, 7)[0][:1])  # an orphan, none of ours
    stale.save(LibraryPaths(tmp_path).faiss)
    vecs_b = put(conn, "bbbb000000000002", 2)  # committed, FAISS file never updated ("crash")
    fresh = Library.open(tmp_path)
    assert fresh.search(vecs_b[2][0], k=1)[0].shot.video_id == "bbbb000000000002"
    everything = fresh.search(vecs_a[0][0], k=20)
    assert len(everything) == 6  # both videos' shots, and no orphan
    assert {h.shot.video_id for h in everything} == {"aaaa000000000001", "bbbb000000000002"}
    LibraryPaths(tmp_path).faiss.write_bytes(b"garbage")
    assert Library.open(tmp_path).search(vecs_a[0][0], k=1)[0].shot.video_id == "aaaa000000000001"
    # the long-lived reader catches up with the later commit too
    assert library.search(vecs_b[2][0], k=1)[0].shot.video_id == "bbbb000000000002"


def test_vectors_are_read_in_bounded_batches_and_a_rebuild_holds_exactly_the_stores(conn) -> None:
    put(conn, "aaaa000000000001", 1, n=5)
    put(conn, "bbbb000000000002", 2, n=4)
    batches = list(store.vector_batches(conn, 64, batch=4))
    assert [len(ids) for ids, _ in batches] == [4, 4, 4, 4, 2]  # 18 keyframe vectors, 4 at a time
    ids = np.concatenate([i for i, _ in batches])
    assert np.array_equal(ids, store.vector_ids(conn))
    _, expected = store.vectors_by_id(conn, ids, 64)
    assert np.array_equal(np.concatenate([v for _, v in batches]), expected)
    rebuilt = reconcile(None, conn, 64)
    assert np.array_equal(rebuilt.ids(), ids)
    scores, found = rebuilt.search(expected[7], k=1)
    assert found[0][0] == ids[7] and scores[0][0] == pytest.approx(1.0, abs=1e-5)


def test_mismatched_model_and_empty_library_are_clear(conn, tmp_path, tiny_embedder) -> None:
    empty = Library.open(tmp_path / "empty")
    assert empty.videos() == [] and empty.search(np.ones(64), k=5) == []
    with pytest.raises(LibraryError, match="empty"):
        empty.embed_text("x")
    put(conn, "aaaa000000000001", 1, model("other-model", 64))
    with pytest.raises(LibraryError, match="other-model"):
        Library.open(tmp_path, embedder=tiny_embedder).search("a dragon")
    with pytest.raises(LibraryError, match="64"):
        Library.open(tmp_path).search(np.ones(8))
