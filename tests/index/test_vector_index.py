"""FAISS wrapper: exact flat search, IVF beyond the flat limit, ids, atomic save/load (the compressed
type beyond IVF: test_archive_index.py)."""

from __future__ import annotations

import numpy as np
import pytest

from index import vector_index
from index.embedder import normalise_rows
from index.vector_index import SizePolicy, VectorIndex, ivf_lists, kind_for


def clustered(n: int, dim: int = 32, clusters: int = 20, seed: int = 0) -> np.ndarray:
    """Unit vectors around a few centres, like embeddings of similar shots."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim))
    return normalise_rows(centres[rng.integers(0, clusters, n)] + 0.3 * rng.standard_normal((n, dim)))


def test_flat_search_finds_each_vector_itself_with_its_id() -> None:
    vectors = clustered(300)
    ids = np.arange(1000, 1300)
    index = VectorIndex.build(ids, vectors)
    assert index.kind == "flat" and index.ntotal == 300 and index.dim == 32
    scores, found = index.search(vectors[[5, 77]], 3)
    assert found[:, 0].tolist() == [1005, 1077]
    assert scores[:, 0] == pytest.approx([1.0, 1.0], abs=1e-5)
    assert np.all(np.diff(scores, axis=1) <= 1e-6)  # best first


def test_remove_and_signature_track_the_id_set() -> None:
    index = VectorIndex.build(np.array([3, 9, 4]), clustered(3))
    assert index.signature() == (3, 16, 9)
    index.remove(np.array([9]))
    assert index.ids().tolist() == [3, 4]
    assert index.signature() == (2, 7, 4)
    assert VectorIndex.empty(8).signature() == (0, 0, 0)


def test_search_asks_for_no_more_than_there_is() -> None:
    index = VectorIndex.build(np.array([1, 2]), clustered(2))
    scores, found = index.search(clustered(1, seed=3)[0], 10)
    assert found.shape == (1, 2) and sorted(found[0].tolist()) == [1, 2]
    assert VectorIndex.empty(32).search(clustered(1)[0], 5)[1].shape == (1, 0)


def test_save_is_atomic_and_load_round_trips(tmp_path) -> None:
    vectors = clustered(50)
    index = VectorIndex.build(np.arange(50), vectors)
    target = tmp_path / "faiss.index"
    index.save(target)
    assert [p.name for p in tmp_path.iterdir()] == ["faiss.index"]  # no temp file left behind
    loaded = VectorIndex.load(target)
    assert loaded.signature() == index.signature()
    assert loaded.search(vectors[7], 1)[1][0, 0] == 7


def test_type_follows_size() -> None:
    assert kind_for(vector_index.FLAT_MAX) == "flat" and kind_for(vector_index.FLAT_MAX + 1) == "ivf"
    assert kind_for(vector_index.COMPRESSED_MIN - 1) == "ivf"
    assert kind_for(vector_index.COMPRESSED_MIN) == "compressed"
    assert ivf_lists(1_000_000) == 1024 and ivf_lists(10) == 16
    policy = SizePolicy(flat_max=1000)
    vectors = clustered(4000, clusters=40)
    ids = np.arange(4000) * 2 + 1  # ids are ours, not positions
    index = VectorIndex.build(ids, vectors, policy=policy)
    assert index.kind == "ivf" and index.suits_size()
    queries = clustered(50, clusters=40, seed=9)
    _, approx = index.search(queries, 10)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10] * 2 + 1
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall >= 0.9
    index.remove(ids[:3500])
    assert index.ntotal == 500 and not index.suits_size()  # shrank back into flat territory
    rebuilt = VectorIndex.build(np.arange(1001), clustered(1001), policy=policy)
    assert rebuilt.kind == "ivf" and rebuilt.suits_size()
