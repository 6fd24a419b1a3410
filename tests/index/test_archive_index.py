"""The compressed (IVF-PQ + exact re-ranking) shot index, reached with small libraries by lowering the
size thresholds through ``SizePolicy``: results, ids, saving, and growing into it from IVF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.embedder import normalise_rows
from index.vector_index import SizePolicy, VectorIndex, training_size

POLICY = SizePolicy(flat_max=1_000, compressed_min=6_000)
DIM = 64


def library_vectors(n: int, seed: int = 0, clusters: int = 40) -> np.ndarray:
    """Unit vectors around shared centres plus a common direction, like CLIP embeddings of shots."""
    rng = np.random.default_rng(1000)  # the same centres for every call: queries resemble the library
    centres = rng.standard_normal((clusters, DIM))
    common = rng.standard_normal(DIM) * 0.7
    rng = np.random.default_rng(seed)
    noise = 0.75 * rng.standard_normal((n, DIM))
    return normalise_rows(centres[rng.integers(0, clusters, n)] + common + noise)


def exact_ids(vectors: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    return ids[np.argsort(-(queries @ vectors.T), axis=1)[:, :k]]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / truth.shape[1] for f, t in zip(found, truth, strict=True)]))


@pytest.fixture(scope="module")
def archive() -> tuple[np.ndarray, np.ndarray]:
    vectors = library_vectors(8_000)
    return np.arange(len(vectors), dtype=np.int64) * 3 + 5, vectors  # ids are ours, not positions


def test_compressed_index_answers_the_exact_top_results(archive, tmp_path) -> None:
    ids, vectors = archive
    index = VectorIndex.build(ids, vectors, policy=POLICY, spill_dir=tmp_path)
    assert index.kind == "compressed" and index.ntotal == len(ids) and index.suits_size()
    queries = library_vectors(100, seed=7)
    scores, found = index.search(queries, 10)
    truth = exact_ids(vectors, ids, queries)
    assert recall(found, truth) >= 0.95
    best = np.max(queries @ vectors.T, axis=1)
    assert scores[:, 0] == pytest.approx(best, abs=2e-3)  # the best match is found (or a float16 tie)
    assert np.all(np.diff(scores, axis=1) <= 0)  # best first
    expected = np.take_along_axis(queries @ vectors.T, (found - 5) // 3, axis=1)  # re-ranked: exact scores
    assert scores == pytest.approx(expected, abs=2e-3)  # (from float16 copies)
    assert recall(index.search(queries, 10, rerank=10)[1], truth) < recall(found, truth)  # re-ranking matters


def test_a_big_library_is_built_batch_by_batch_from_a_sample(tmp_path) -> None:
    vectors = library_vectors(7_000, seed=3)
    ids = np.arange(7_000, dtype=np.int64)
    batches = ((ids[s:s + 1_000], vectors[s:s + 1_000]) for s in range(0, 7_000, 1_000))
    sample = vectors[:training_size(7_000, POLICY)]
    index = VectorIndex.build_from_batches(7_000, DIM, sample, batches, policy=POLICY, spill_dir=tmp_path)
    assert index.kind == "compressed" and index.signature() == (7_000, int(ids.sum()), 6_999)
    spilled = [p for p in tmp_path.iterdir() if p.stat().st_size == 7_000 * DIM * 2]  # float16 copies
    assert len(spilled) == 1
    assert index.search(vectors[[10, 6_500]], 1)[1][:, 0].tolist() == [10, 6_500]


def test_add_remove_ids_and_signature(archive, tmp_path) -> None:
    ids, vectors = archive
    index = VectorIndex.build(ids, vectors, policy=POLICY, spill_dir=tmp_path)
    gone = ids[100:300]
    index.remove(np.concatenate([gone, [999_999_999]]))  # an id it never had is ignored
    kept = np.setdiff1d(ids, gone)
    assert index.ntotal == len(kept) and index.ids().tolist() == kept.tolist()
    assert index.signature() == (len(kept), int(kept.sum()), int(kept.max()))
    _, found = index.search(vectors[100:300], 10)
    assert not np.isin(found, gone).any()
    new_ids, new_vectors = np.array([10**9, 10**9 + 7]), library_vectors(2, seed=99)
    index.add(new_ids, new_vectors)
    assert index.signature() == (len(kept) + 2, int(kept.sum()) + 2 * 10**9 + 7, 10**9 + 7)
    assert index.search(new_vectors, 1)[1][:, 0].tolist() == new_ids.tolist()


def index_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_save_load_round_trip_appends_then_compacts(archive, tmp_path) -> None:
    ids, vectors = archive
    spill, library = tmp_path / "spill", tmp_path / "library"
    index = VectorIndex.build(ids, vectors, policy=POLICY, spill_dir=spill)
    target = library / "faiss.index"
    index.save(target)
    assert list(spill.iterdir()) == []  # the spilled copies moved beside the index
    files = index_files(library)
    assert len(files) == 2 and files[0] == "faiss.index" and files[1].endswith(".f16")
    queries = library_vectors(20, seed=5)
    loaded = VectorIndex.load(target, POLICY)
    assert loaded.kind == "compressed" and loaded.signature() == index.signature()
    assert loaded.search(queries, 10)[1].tolist() == index.search(queries, 10)[1].tolist()

    reader = VectorIndex.load(target, POLICY)  # another process, still on the first save
    new_ids, new_vectors = ids[-1] + 3 * np.arange(1, 51), library_vectors(50, seed=11)
    loaded.add(new_ids, new_vectors)
    loaded.save(target)
    assert index_files(library) == files  # appended to the same float16 file
    again = VectorIndex.load(target, POLICY)
    assert again.ntotal == len(ids) + 50
    assert again.search(new_vectors[:3], 1)[1][:, 0].tolist() == new_ids[:3].tolist()
    assert reader.search(vectors[:5], 1)[1][:, 0].tolist() == ids[:5].tolist()  # its rows are intact

    again.remove(ids[: len(ids) * 3 // 4])  # mostly removed: the next save drops their rows
    again.save(target)
    files_after = index_files(library)
    assert len(files_after) == 2 and files_after != files
    survivors = VectorIndex.load(target, POLICY)
    assert survivors.signature() == again.signature()
    assert (library / files_after[1]).stat().st_size == survivors.ntotal * DIM * 2
    assert survivors.search(vectors[-5:], 1)[1][:, 0].tolist() == ids[-5:].tolist()


def test_an_unreadable_compressed_index_says_so(archive, tmp_path) -> None:
    ids, vectors = archive
    target = tmp_path / "faiss.index"
    VectorIndex.build(ids, vectors, policy=POLICY, spill_dir=tmp_path).save(target)
    data = next(tmp_path.glob("*.f16"))
    with open(data, "r+b") as fh:
        fh.truncate(data.stat().st_size // 2)
    with pytest.raises(RuntimeError, match="fewer rows"):
        VectorIndex.load(target)
    data.unlink()
    with pytest.raises(RuntimeError, match="missing"):
        VectorIndex.load(target)
    saved = target.read_bytes()
    for cut in (40, len(saved) // 100, len(saved) - 100):  # in the header, the ids, the FAISS part
        target.write_bytes(saved[:cut])
        with pytest.raises(RuntimeError):
            VectorIndex.load(target)


def test_a_crashed_append_leaves_the_saved_index_whole(archive, tmp_path) -> None:
    ids, vectors = archive
    target = tmp_path / "faiss.index"
    VectorIndex.build(ids, vectors, policy=POLICY, spill_dir=tmp_path).save(target)
    data = next(tmp_path.glob("*.f16"))
    with open(data, "ab") as fh:  # a writer died after appending, before it committed
        fh.write(b"\x7f" * (3 * DIM * 2 + 5))
    writer = VectorIndex.load(target, POLICY)
    assert writer.ntotal == len(ids)
    writer.add(np.array([10**9]), library_vectors(1, seed=42))
    writer.save(target)
    assert data.stat().st_size == (len(ids) + 1) * DIM * 2  # the dead tail was cut before appending
    assert VectorIndex.load(target, POLICY).search(library_vectors(1, seed=42), 1)[1][0, 0] == 10**9


def test_growing_out_of_ivf_into_compressed_is_transparent_to_search(archive, tmp_path) -> None:
    ids, vectors = archive
    first = 5_000
    index = VectorIndex.build(ids[:first], vectors[:first], policy=POLICY)
    assert index.kind == "ivf" and index.suits_size()
    queries = library_vectors(60, seed=8)
    index.add(ids[first:], vectors[first:])  # later ingests, as reconcile adds them
    assert not index.suits_size()  # past compressed_min: the caller rebuilds
    grown = VectorIndex.build(index.ids(), vectors[(index.ids() - 5) // 3], policy=POLICY, spill_dir=tmp_path)
    assert grown.kind == "compressed" and grown.signature() == index.signature()
    truth = exact_ids(vectors, ids, queries)
    before, after = index.search(queries, 10)[1], grown.search(queries, 10)[1]
    assert recall(before, truth) >= 0.95 and recall(after, truth) >= 0.95
    assert recall(after, before) >= 0.95  # callers see (nearly) the same results across the switch
    grown.remove(ids[: len(ids) - 2_000])
    assert not grown.suits_size()  # shrank back below half the threshold: IVF again
