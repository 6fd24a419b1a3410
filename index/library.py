"""The read side of a library directory: videos, shots and CLIP search over their keyframes.

One ``Library`` per process is enough: it notices commits from other processes (an ingest while the
web app runs) through SQLite's ``data_version`` and catches up, reconciling the FAISS index with the
store, which is the source of truth. A shot's score is the best score of its keyframes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.db import connect
from index.embedder import Embedder, EmbedderUnavailable, normalise_rows
from index.library_paths import LibraryPaths
from index.shot import Shot, ShotHit, VideoInfo
from index.sweep import sweep_library
from index.vector_index import VectorIndex, training_size

MIN_PREFIX = 4


class LibraryError(Exception):
    """A library request that cannot be served; the message says what to do instead."""


class UnknownVideo(LibraryError, KeyError):
    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def reconcile(index: VectorIndex | None, conn: sqlite3.Connection, dim: int,
              spill_dir: Path | None = None) -> VectorIndex:
    """Make ``index`` hold exactly the store's vectors: patch small differences, rebuild otherwise.

    Call inside a read transaction so the store does not move underneath. A rebuild trains on a random
    sample and adds the store's vectors in batches, so memory stays bounded at any library size; a
    compressed index's float16 copies go to ``spill_dir`` (the library folder: saving is then a rename).
    """
    if index is not None and index.dim == dim and index.suits_size():
        if index.signature() == store.vector_signature(conn):
            return index
        wanted, have = store.vector_ids(conn), index.ids()
        index.remove(np.setdiff1d(have, wanted, assume_unique=True))
        index.add(*store.vectors_by_id(conn, np.setdiff1d(wanted, have, assume_unique=True), dim))
        if index.suits_size():
            return index
    ids = store.vector_ids(conn)
    if not len(ids):
        return VectorIndex.empty(dim)
    sample = np.random.default_rng(0).choice(ids, training_size(len(ids)), replace=False)
    _, training = store.vectors_by_id(conn, np.sort(sample), dim)
    return VectorIndex.build_from_batches(len(ids), dim, training, store.vector_batches(conn, dim),
                                          spill_dir=spill_dir)


def load_index(path: Path) -> VectorIndex | None:
    """The saved index, or None when it is missing or unreadable (the store can rebuild it)."""
    try:
        return VectorIndex.load(path) if path.is_file() else None
    except RuntimeError:
        return None


def save_index(conn: sqlite3.Connection, library_dir: Path, index: VectorIndex | None,
               dim: int) -> VectorIndex:
    """Bring ``index`` in line with the store and save it atomically (after each committed change)."""
    with store.read_snapshot(conn):
        index = reconcile(index, conn, dim, library_dir)
    index.save(LibraryPaths(library_dir).faiss)
    return index


def choose_embedder(library_dir: Path, model: str | None = None, pretrained: str | None = None,
                    weights: str | Path | None = None, text: bool = True) -> Embedder:
    """The model asked for, else the library's own (so ingesting more never re-embeds), else the default.

    ``pretrained``/``weights`` also override the library's recorded ones (e.g. weights moved); ``text=False``
    for a process that only embeds images (the CLI's ingest and re-embed: no text tower resident).
    """
    from index.clip_factory import DEFAULT_MODEL, DEFAULT_PRETRAINED, create_embedder

    library_dir = Path(library_dir).expanduser()
    if model is None and LibraryPaths(library_dir).is_library():
        conn = connect(library_dir)
        try:
            store.ensure_schema(conn)
            record = store.model_record(conn)
        finally:
            conn.close()
        if record is not None and record.spec:
            spec: dict[str, Any] = {
                **record.spec, **({"pretrained": pretrained} if pretrained is not None else {}),
                **({"weights": str(weights)} if weights is not None else {}),
            }
            return create_embedder(**spec, text=text)
    model = model or DEFAULT_MODEL
    if pretrained is None and model == DEFAULT_MODEL:
        pretrained = DEFAULT_PRETRAINED
    return create_embedder(model, pretrained or None, weights, text=text)


def _by_name(ref: str, videos: Iterable[VideoInfo]) -> list[VideoInfo]:
    """Videos whose title or file stem is ``ref`` (case-insensitive), else starts with it."""
    wanted = ref.casefold()
    names = [(v, {v.title.casefold(), Path(v.path).stem.casefold()} - {""}) for v in videos]
    exact = [v for v, n in names if wanted in n]
    return exact or [v for v, n in names if any(name.startswith(wanted) for name in n)]


class Library:
    def __init__(self, library_dir: Path, conn: sqlite3.Connection, embedder: Embedder | None,
                 clip_weights: Path | None = None) -> None:
        self.dir = library_dir
        self._clip_weights = clip_weights
        self._conn = conn
        self._embedder = embedder
        self._embedder_given = embedder is not None
        self._lock = threading.RLock()
        self._data_version: int | None = None
        self._model: store.ModelRecord | None = None
        self._vectors: VectorIndex | None = None
        self._shots: dict[str, list[Shot]] = {}
        self._shot_vectors: dict[str, np.ndarray] = {}

    @classmethod
    def open(cls, library_dir: Path, embedder: Embedder | None = None,
             clip_weights: Path | None = None) -> Library:
        """Open (creating it if needed); with no ``embedder`` the recorded model is rebuilt on demand,
        from ``clip_weights`` (a local checkpoint, for offline use) when the record names no file."""
        library_dir = Path(library_dir).expanduser()
        conn = connect(library_dir)
        store.ensure_schema(conn)
        sweep_library(library_dir)  # what a killed ingest or render left behind
        library = cls(library_dir, conn, embedder, clip_weights)
        library._refresh()
        return library

    def close(self) -> None:
        self._conn.close()

    # -- freshness -------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Catch up with commits made by other connections since the last call."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                return
            with store.read_snapshot(self._conn):
                self._model = store.model_record(self._conn)
                if self._model is None:
                    self._vectors = None
                else:
                    current = self._vectors or load_index(LibraryPaths(self.dir).faiss)
                    self._vectors = reconcile(current, self._conn, self._model.dim, self.dir)
            self._shots.clear()
            self._shot_vectors.clear()
            self._data_version = version

    # -- model -----------------------------------------------------------------------------------
    @property
    def model(self) -> store.ModelRecord | None:
        """The model the library's vectors were made with (None while it has none)."""
        self._refresh()
        return self._model

    @property
    def embedder(self) -> Embedder:
        """The embedder for queries: the one given to ``open``, else the recorded model, built once (and
        again after a model switch, so a running app keeps searching)."""
        model = self.model
        stale = model is not None and self._embedder is not None and self._embedder.model_id != model.model_id
        if self._embedder is None or (stale and not self._embedder_given):
            if model is None:
                raise LibraryError(f"the library {self.dir} is empty: ingest a video first")
            if not model.spec:
                raise LibraryError(f"the library's model {model.model_id} cannot be recreated here; "
                                   "open the library with that embedder")
            from index.clip_factory import create_embedder

            try:
                weights = model.spec.get("weights") or self._clip_weights
                spec: dict[str, Any] = {**model.spec, "weights": weights}
                self._embedder = create_embedder(**spec)
            except EmbedderUnavailable as exc:
                raise LibraryError(f"cannot load the library's model {model.model_id}: {exc}") from exc
        return self._embedder

    def embed_text(self, text: str) -> np.ndarray:
        embedder = self.embedder
        model = self.model
        if model is not None and embedder.model_id != model.model_id:
            raise LibraryError(f"the library's vectors come from {model.model_id}, the embedder is "
                               f"{embedder.model_id}: re-ingest with it, or open the library without one")
        return embedder.embed_texts([text])[0]

    def _query_vector(self, query: str | np.ndarray) -> np.ndarray:
        if isinstance(query, str):
            return self.embed_text(query)
        vector = normalise_rows(np.reshape(query, (1, -1)))[0]
        model = self.model
        if model is not None and vector.shape[0] != model.dim:
            raise LibraryError(f"query vector has {vector.shape[0]} dimensions, the library's {model.dim}")
        return vector

    # -- videos and shots ------------------------------------------------------------------------
    def stored_videos(self) -> list[store.StoredVideo]:
        """Videos with their bookkeeping (size, ingest order, model of their vectors)."""
        self._refresh()
        with self._lock:
            return store.videos(self._conn)

    def videos(self) -> list[VideoInfo]:
        return [v.info for v in self.stored_videos()]

    def video(self, ref: str) -> VideoInfo:
        """Resolve an id, a unique id prefix, a file path (by stored path, then by content hash), or a
        title / file stem or a unique prefix of one (what people remember)."""
        known = {v.id: v for v in self.videos()}
        if ref in known:
            return known[ref]
        prefixed = [v for vid, v in known.items() if vid.startswith(ref)] if len(ref) >= MIN_PREFIX else []
        if len(prefixed) == 1:
            return prefixed[0]
        if len(prefixed) > 1:
            raise UnknownVideo(f"{ref!r} is ambiguous: it starts {len(prefixed)} video ids "
                               f"({', '.join(sorted(v.id for v in prefixed))})")
        path = Path(ref).expanduser()
        by_path = [v for v in known.values() if Path(v.path) == path.resolve()]
        if by_path:
            return by_path[0]
        if path.is_file():
            from index.probe import content_hash

            video_id = content_hash(path)[:16]
            if video_id in known:
                return known[video_id]
            raise UnknownVideo(f"{path} is not in the library {self.dir}: ingest it first")
        by_name = _by_name(ref, known.values())
        if len(by_name) == 1:
            return by_name[0]
        if by_name:
            raise UnknownVideo(f"{ref!r} is ambiguous: it names {len(by_name)} videos ("
                               + ", ".join(f"{Path(v.path).name} ({v.id})" for v in by_name) + ")")
        raise UnknownVideo(f"no video {ref!r} in the library {self.dir} (see `personalcut videos`)")

    def shots(self, video_id: str) -> list[Shot]:
        self._refresh()
        with self._lock:
            if video_id not in self._shots:
                if store.video(self._conn, video_id) is None:
                    raise UnknownVideo(f"no video {video_id!r} in the library {self.dir}")
                self._shots[video_id] = store.shots(self._conn, video_id)
            return self._shots[video_id]

    def _keyframes(self, video_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(shot index per keyframe, keyframe vectors) of a video that has vectors of the library's model."""
        model = self.model
        with self._lock:
            stored = store.video(self._conn, video_id)
        if stored is None:
            raise UnknownVideo(f"no video {video_id!r} in the library {self.dir}")
        if model is None or stored.model_id != model.model_id:
            raise LibraryError(f"video {video_id} has no vectors of the library's model: re-ingest "
                               f"{stored.info.path} to search it")
        with self._lock:
            return store.video_vectors(self._conn, video_id, model.dim)

    def shot_vectors(self, video_id: str) -> np.ndarray:
        """Per shot, the normalised mean of its keyframe vectors; rows aligned with ``shots()``."""
        self._refresh()
        if video_id not in self._shot_vectors:
            owners, vectors = self._keyframes(video_id)
            shot_list = self.shots(video_id)
            sums = np.zeros((len(shot_list), vectors.shape[1]), np.float32)
            np.add.at(sums, owners, vectors)
            self._shot_vectors[video_id] = normalise_rows(sums)
        return self._shot_vectors[video_id]

    # -- search ----------------------------------------------------------------------------------
    def shot_scores(self, query: str | np.ndarray, video_ids: Sequence[str]) -> list[ShotHit]:
        """Every shot of ``video_ids`` with its exact score, best first (for thresholds downstream)."""
        vector = self._query_vector(query)
        hits = []
        for video_id in dict.fromkeys(video_ids):
            owners, vectors = self._keyframes(video_id)
            shot_list = self.shots(video_id)
            best = np.full(len(shot_list), -np.inf, np.float32)
            np.maximum.at(best, owners, vectors @ vector)
            hits += [ShotHit(shot, float(score)) for shot, score in zip(shot_list, best, strict=True)]
        return sorted(hits, key=lambda h: -h.score)

    def search(self, query: str | np.ndarray, k: int = 10,
               video_ids: Sequence[str] | None = None) -> list[ShotHit]:
        """The ``k`` best shots, best first; with ``video_ids`` an exact scan of just those videos."""
        vector = self._query_vector(query)
        if video_ids is not None:
            return self.shot_scores(vector, video_ids)[:k]
        with self._lock:  # a refresh patches the index in place: no search may run meanwhile
            index = self._vectors
            if index is None or k <= 0:
                return []
            fetch = k * 4
            while True:
                scores, ids = index.search(vector, fetch)
                owners = store.vector_owners(self._conn, [int(i) for i in ids[0] if i >= 0])
                best: dict[tuple[str, int], float] = {}
                for vector_id, score in zip(ids[0], scores[0], strict=True):
                    owner = owners.get(int(vector_id))
                    if owner is not None and owner not in best:
                        best[owner] = float(score)  # results come best first: the first keyframe is the max
                if len(best) >= k or fetch >= index.ntotal:
                    break
                fetch *= 4
        ranked = sorted(best.items(), key=lambda item: -item[1])[:k]
        return [ShotHit(self.shots(video_id)[shot_index], score) for (video_id, shot_index), score in ranked]
