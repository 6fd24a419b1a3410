"""The FAISS side of the library: keyframe vectors by id, searched by inner product (= cosine).

The index type follows the size (numbers from benchmarks/bench_faiss.py and bench_archive_index.py, a
busy 2-core box): exact ``flat`` up to ``FLAT_MAX`` = 100k vectors (~1.5 ms at 10k, ~60 ms at 100k:
exact results for every library of a few dozen films, at a cost below one text-encoder pass), ``ivf``
beyond, where a flat scan grows to ~0.5 s at 1M while IVF with 8 of 1024 lists answers in ~1 ms at
recall@10 0.96. IVF keeps raw float32 vectors (2 KB each at 512-d): 2 GB at 1M in every process that
opens the library, and as much again while one is built. So from ``COMPRESSED_MIN`` = 1M the index is
``compressed``: IVF-PQ codes (64 bytes a vector, trained on a sample, the quantizer kept so later
ingests just add) whose top 500 candidates are re-ranked exactly against float16 copies in a file
beside the index (``index.rerank_store``, memory-mapped). At 1M: 79 MB + a 977 MB file, recall@10
0.999, p95 ~12 ms; at 5M: 386 MB + 4.9 GB, recall@10 0.96, p95 9-19 ms (8 lists probed). The SQLite
store keeps every vector too, so all of this is a rebuildable cache: saved atomically and reconciled
against the store on open.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

import faiss
import numpy as np

from index.atomic import atomic_path
from index.rerank_store import RerankStore

FLAT_MAX = 100_000
COMPRESSED_MIN = 1_000_000
IVF_PROBE_FRACTION = 1 / 128  # 8 of 1024 lists at 1M: recall@10 0.96 at ~1 ms (bench_faiss.py sweep)
IVF_MIN_PROBES = 8
COMPRESSED_PROBE_FRACTION = 1 / 256  # 8 lists up to 5M: recall is bound by the codes, not the lists probed
COMPRESSED_RERANK = 500  # candidates re-scored exactly per query: 200 reach recall@10 ~0.9, 500 ~1.0
PQ_DIMS_PER_CODE = 8  # one byte per 8 dimensions: 64 bytes for a 512-d vector
TRAIN_POINTS_PER_LIST = 40  # FAISS warns below 39 training points per centroid
PQ_TRAIN_POINTS = 256 * 40  # ... and per code-book entry (256 per byte)
ADD_BATCH = 100_000
Kind = Literal["flat", "ivf", "compressed"]
MISSING_SCORE = np.finfo(np.float32).min  # what FAISS reports beside id -1
_MAGIC = b"PCUTIVFPQ1\n"  # a compressed index file; flat and IVF ones are plain FAISS files


@dataclass(frozen=True)
class SizePolicy:
    """Where the index changes type (a parameter, so tests reach every type with small libraries)."""

    flat_max: int = FLAT_MAX
    compressed_min: int = COMPRESSED_MIN

    def kind_for(self, n: int) -> Kind:
        return "flat" if n <= self.flat_max else "ivf" if n < self.compressed_min else "compressed"


DEFAULT_POLICY = SizePolicy()


def ivf_lists(n: int) -> int:
    """About sqrt(n) lists, a power of two: lists of ~sqrt(n) vectors keep training and probing cheap."""
    return 1 << max(4, round(math.log2(math.sqrt(max(n, 1)))))


def kind_for(n: int, policy: SizePolicy = DEFAULT_POLICY) -> Kind:
    return policy.kind_for(n)


def training_size(n: int, policy: SizePolicy = DEFAULT_POLICY) -> int:
    """How many vectors (a random sample) ``build_from_batches`` wants to train an index for ``n``."""
    kind = policy.kind_for(n)
    if kind == "flat":
        return 0
    wanted = ivf_lists(n) * TRAIN_POINTS_PER_LIST
    return min(n, max(wanted, PQ_TRAIN_POINTS) if kind == "compressed" else wanted)


def pq_codes(dim: int) -> int:
    """Sub-quantizers of a PQ code: about one per 8 dimensions, a divisor of ``dim`` as FAISS needs."""
    return next(m for m in range(max(1, dim // PQ_DIMS_PER_CODE), 0, -1) if dim % m == 0)


class VectorIndex:
    """A FAISS index addressed by our vector ids (int64), whatever its type."""

    def __init__(self, index: faiss.Index, policy: SizePolicy = DEFAULT_POLICY,
                 rows: RerankStore | None = None) -> None:
        self._index = index
        self._policy = policy
        self._rows = rows  # compressed only: the exact vectors its candidates are re-ranked with
        self._ivf = faiss.try_extract_index_ivf(index) if not isinstance(index, faiss.IndexIDMap2) else None
        self._gpu: faiss.Index | None = None

    @classmethod
    def empty(cls, dim: int, policy: SizePolicy = DEFAULT_POLICY) -> VectorIndex:
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), policy)

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, seed: int = 0, policy: SizePolicy = DEFAULT_POLICY,
              spill_dir: Path | None = None) -> VectorIndex:
        """A fresh index of the type that suits ``len(ids)``, trained on a random sample of ``vectors``."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        wanted = training_size(len(ids), policy)
        sample = np.random.default_rng(seed).choice(len(vectors), wanted, replace=False)
        batches = ((ids[s:s + ADD_BATCH], vectors[s:s + ADD_BATCH]) for s in range(0, len(ids), ADD_BATCH))
        return cls.build_from_batches(len(ids), vectors.shape[1], vectors[np.sort(sample)], batches,
                                      seed=seed, policy=policy, spill_dir=spill_dir)

    @classmethod
    def build_from_batches(cls, total: int, dim: int, training: np.ndarray,
                           batches: Iterable[tuple[np.ndarray, np.ndarray]], seed: int = 0,
                           policy: SizePolicy = DEFAULT_POLICY, spill_dir: Path | None = None) -> VectorIndex:
        """A fresh index for ``total`` vectors, filled a batch at a time so they need not all be in memory.

        ``training`` is a random sample of them (``training_size`` rows). A compressed index writes
        its float16 copies to a temp file in ``spill_dir`` (default: the temp folder) until ``save``
        moves them beside the index file, which costs nothing when both are in the same folder.
        """
        kind = policy.kind_for(total)
        if kind == "flat":
            built = cls.empty(dim, policy)
        else:
            quantizer = faiss.IndexFlatIP(dim)
            nlist = ivf_lists(total)
            if kind == "ivf":
                ivf: faiss.IndexIVF = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            else:
                ivf = faiss.IndexIVFPQ(quantizer, dim, nlist, pq_codes(dim), 8, faiss.METRIC_INNER_PRODUCT)
            ivf.cp.seed = seed
            ivf.train(np.ascontiguousarray(training, dtype=np.float32))
            built = cls(ivf, policy, RerankStore.create(dim, spill_dir) if kind == "compressed" else None)
        for ids, vectors in batches:
            built.add(ids, vectors)
        return built

    @classmethod
    def load(cls, path: Path, policy: SizePolicy = DEFAULT_POLICY) -> VectorIndex:
        """A saved index (``RuntimeError`` when it is unreadable: the store can rebuild it)."""
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return cls(faiss.read_index(str(path)), policy)
            header = _read_header(fh, path)
            raw_ids = fh.read(8 * header["rows"])
            if len(raw_ids) != 8 * header["rows"]:
                raise RuntimeError(f"{path} is truncated")
            row_ids = np.frombuffer(raw_ids, dtype="<i8").astype(np.int64)
            index = faiss.deserialize_index(np.frombuffer(fh.read(), dtype=np.uint8))
        rows = RerankStore.open(path.parent / header["data"], int(index.d), row_ids)
        if rows.live != index.ntotal:
            raise RuntimeError(f"{path} and its vector file disagree ({index.ntotal} vs {rows.live})")
        return cls(index, policy, rows)

    def save(self, path: Path) -> None:
        if self._rows is None:
            with atomic_path(path) as tmp:
                faiss.write_index(self._index, str(tmp))
            return
        data = self._rows.persist_beside(path, committed_rows(path))  # durable before the index names it
        header = json.dumps({"data": data, "rows": len(self._rows.row_ids)}).encode()
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            fh.write(_MAGIC + struct.pack("<Q", len(header)) + header)
            fh.write(self._rows.row_ids.astype("<i8").data)
            fh.write(faiss.serialize_index(self._index).data)  # the buffer itself: no second copy
        self._rows.drop_others(path)

    @property
    def kind(self) -> Kind:
        return "flat" if self._ivf is None else "compressed" if self._rows is not None else "ivf"

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """Every stored id, sorted."""
        if self._rows is not None:
            return self._rows.ids()
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
        """False once the index has grown (or shrunk) out of its type, so the caller rebuilds it.

        IVF and compressed indexes also go stale when the size has quadrupled since their lists were
        trained (twice the ideal list count): lists that long make every probe slower.
        """
        n, kind = self.ntotal, self.kind
        if self._ivf is None:
            return n <= self._policy.flat_max
        lists_fit = self._ivf.nlist * 2 > ivf_lists(n)
        if kind == "ivf":
            return self._policy.flat_max // 2 < n < self._policy.compressed_min and lists_fit
        return n >= self._policy.compressed_min // 2 and lists_fit

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            vectors = np.ascontiguousarray(vectors, dtype=np.float32)
            self._index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))
            if self._rows is not None:
                self._rows.append(ids, vectors)
            self._gpu = None

    def remove(self, ids: np.ndarray) -> None:
        if len(ids):
            ids = np.ascontiguousarray(ids, dtype=np.int64)
            self._index.remove_ids(self._rows.remove(ids) if self._rows is not None else ids)
            self._gpu = None

    def default_nprobe(self) -> int | None:
        """Lists scanned per query for an IVF or compressed index (None for flat)."""
        if self._ivf is None:
            return None
        fraction = COMPRESSED_PROBE_FRACTION if self._rows is not None else IVF_PROBE_FRACTION
        return min(self._ivf.nlist, max(IVF_MIN_PROBES, round(self._ivf.nlist * fraction)))

    def search(self, queries: np.ndarray, k: int, nprobe: int | None = None,
               rerank: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, ids)``, each ``(n, k)``, best first; missing results have id -1.

        ``nprobe`` overrides ``default_nprobe()`` for IVF and compressed indexes, ``rerank`` the
        number of a compressed index's candidates that are re-scored exactly (the benchmarks sweep both).
        """
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = min(k, self.ntotal)
        if k <= 0:
            return np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64)
        if self._ivf is None:
            return self._index.search(queries, k)
        depth = k if self._rows is None else min(self.ntotal, max(k, rerank or COMPRESSED_RERANK))
        nprobe = nprobe or self.default_nprobe()
        index = self._search_device()
        if index is not self._index:
            faiss.GpuParameterSpace().set_index_parameter(index, "nprobe", nprobe)
            scores, found = index.search(queries, depth)
        else:
            scores, found = index.search(queries, depth, params=faiss.SearchParametersIVF(nprobe=nprobe))
        return (scores, found) if self._rows is None else self._rerank(queries, found, k)

    def _rerank(self, queries: np.ndarray, candidates: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact scores of each query's candidates from the float16 copies; the best ``k`` of them."""
        assert self._rows is not None
        rows = self._rows.rows_of(candidates.ravel()).reshape(candidates.shape)
        exact = np.full(candidates.shape, MISSING_SCORE, np.float32)
        for query, query_rows, query_exact in zip(queries, rows, exact, strict=True):
            known = query_rows >= 0
            query_exact[known] = self._rows.vectors(query_rows[known]) @ query
        best = np.argsort(-exact, axis=1, kind="stable")[:, :k]
        found = np.take_along_axis(rows, best, axis=1) >= 0
        ids = np.where(found, np.take_along_axis(candidates, best, axis=1), -1)
        return np.take_along_axis(exact, best, axis=1), ids

    def _search_device(self) -> faiss.Index:
        """A GPU copy of an IVF or compressed index when faiss-gpu and a CUDA device are present, else
        the index; flat indexes stay on the CPU: up to ``FLAT_MAX`` vectors the copy costs more than it saves.

        A compressed index's re-ranking runs on the CPU either way (its vectors are on disk).
        """
        if self._gpu is None and hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0:
            options = faiss.GpuClonerOptions()
            options.useFloat16 = True  # 64-byte PQ codes need half-precision lookup tables on the GPU
            try:
                self._gpu = faiss.index_cpu_to_gpu(faiss.StandardGpuResources(), 0, self._index, options)
            except RuntimeError:
                self._gpu = self._index  # this index type has no GPU version: search it where it is
        return self._gpu if self._gpu is not None else self._index


def _read_header(fh: BinaryIO, path: Path) -> dict[str, Any]:
    try:
        (length,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(length))
        return {"data": str(header["data"]), "rows": int(header["rows"])}
    except (struct.error, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"{path} has a damaged header") from exc


def committed_rows(path: Path) -> tuple[str, int] | None:
    """(data file, rows) that the compressed index file at ``path`` names, None when there is none."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return None
            header = _read_header(fh, path)
    except (OSError, RuntimeError):
        return None
    return header["data"], header["rows"]
