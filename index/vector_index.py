"""The FAISS side of the library: keyframe vectors by id, searched by inner product (= cosine).

The index type follows the size (numbers from benchmarks/bench_faiss.py, one core of a busy 2-core
box): exact ``Flat`` up to ``FLAT_MAX`` = 100k vectors (~1.5 ms at 10k, ~60 ms at 100k: exact results
for every library of a few dozen films, at a cost below one text-encoder pass), ``IVF`` beyond, where
a flat scan grows to ~0.5 s at 1M while IVF with 8 of 1024 lists answers in ~1 ms at recall@10 0.96.
IVF keeps raw vectors (``Flat`` lists), so nothing is quantised and ids can be removed in place.
The SQLite store keeps every vector too, so this file is a rebuildable cache: it is saved
atomically and reconciled against the store on open.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from index.atomic import atomic_path

FLAT_MAX = 100_000
IVF_PROBE_FRACTION = 1 / 128  # 8 of 1024 lists at 1M: recall@10 0.96 at ~1 ms (bench_faiss.py sweep)
IVF_MIN_PROBES = 8
TRAIN_POINTS_PER_LIST = 40  # FAISS warns below 39 training points per centroid
Kind = Literal["flat", "ivf"]


def ivf_lists(n: int) -> int:
    """About sqrt(n) lists, a power of two: lists of ~sqrt(n) vectors keep training and probing cheap."""
    return 1 << max(4, round(math.log2(math.sqrt(max(n, 1)))))


def kind_for(n: int) -> Kind:
    return "flat" if n <= FLAT_MAX else "ivf"


class VectorIndex:
    """A FAISS index addressed by our vector ids (int64), whatever its type."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index
        self._ivf = faiss.try_extract_index_ivf(index) if not isinstance(index, faiss.IndexIDMap2) else None
        self._gpu: faiss.Index | None = None

    @classmethod
    def empty(cls, dim: int) -> VectorIndex:
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, seed: int = 0) -> VectorIndex:
        """A fresh index of the type that suits ``len(ids)`` (IVF lists are trained on a sample)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if kind_for(len(ids)) == "flat":
            built = cls.empty(dim)
        else:
            nlist = ivf_lists(len(ids))
            ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
            ivf.cp.seed = seed
            sample = np.random.default_rng(seed).choice(
                len(vectors), min(len(vectors), nlist * TRAIN_POINTS_PER_LIST), replace=False)
            ivf.train(vectors[np.sort(sample)])
            built = cls(ivf)
        built.add(ids, vectors)
        return built

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        return cls(faiss.read_index(str(path)))

    def save(self, path: Path) -> None:
        with atomic_path(path) as tmp:
            faiss.write_index(self._index, str(tmp))

    @property
    def kind(self) -> Kind:
        return "flat" if self._ivf is None else "ivf"

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """Every stored id, sorted."""
        if self._ivf is None:
            return np.sort(faiss.vector_to_array(self._index.id_map).astype(np.int64))
        lists = self._ivf.invlists
        parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
                 for i in range(lists.nlist) if lists.list_size(i)]
        return np.sort(np.concatenate(parts).astype(np.int64)) if parts else np.zeros(0, np.int64)

    def signature(self) -> tuple[int, int, int]:
        """(count, sum, max) of the ids: equal to the store's iff both hold the same ids (never reused)."""
        ids = self.ids()
        return (len(ids), int(ids.sum()), int(ids.max()) if len(ids) else 0)

    def suits_size(self) -> bool:
        """False once the index has grown (or shrunk) out of its type, so the caller rebuilds it."""
        n = self.ntotal
        if self._ivf is None:
            return n <= FLAT_MAX
        return n > FLAT_MAX // 2 and self._ivf.nlist * 2 > ivf_lists(n)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                     np.ascontiguousarray(ids, dtype=np.int64))
            self._gpu = None

    def remove(self, ids: np.ndarray) -> None:
        if len(ids):
            self._index.remove_ids(np.ascontiguousarray(ids, dtype=np.int64))
            self._gpu = None

    def default_nprobe(self) -> int | None:
        """Lists scanned per query for an IVF index (None for flat)."""
        if self._ivf is None:
            return None
        return min(self._ivf.nlist, max(IVF_MIN_PROBES, round(self._ivf.nlist * IVF_PROBE_FRACTION)))

    def search(self, queries: np.ndarray, k: int, nprobe: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, ids)``, each ``(n, k)``, best first; missing results have id -1.

        ``nprobe`` overrides ``default_nprobe()`` for IVF (the benchmark sweeps it).
        """
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = min(k, self.ntotal)
        if k <= 0:
            return np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64)
        if self._ivf is None:
            return self._index.search(queries, k)
        nprobe = nprobe or self.default_nprobe()
        index = self._search_device()
        if index is not self._index:
            faiss.GpuParameterSpace().set_index_parameter(index, "nprobe", nprobe)
            return index.search(queries, k)
        return index.search(queries, k, params=faiss.SearchParametersIVF(nprobe=nprobe))

    def _search_device(self) -> faiss.Index:
        """A GPU copy of an IVF index when faiss-gpu and a CUDA device are present, else the index.

        Flat indexes stay on the CPU: up to ``FLAT_MAX`` vectors the copy costs more than it saves.
        """
        if self._gpu is None and hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0:
            try:
                self._gpu = faiss.index_cpu_to_gpu(faiss.StandardGpuResources(), 0, self._index)
            except RuntimeError:
                self._gpu = self._index  # this index type has no GPU version: search it where it is
        return self._gpu if self._gpu is not None else self._index
