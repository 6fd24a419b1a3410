"""The semantic half of dialogue search: a FAISS index of cue sentence embeddings.

``dialogue.faiss`` holds L2-normalised vectors (inner product = cosine) keyed by the cue's SQLite id;
``dialogue.faiss.json`` records the model and a checksum of the index bytes. The index is derived
data: SQLite holds every cue's text, so a missing, corrupt or other-model index is rebuilt, and
``sync_vectors`` repairs any drift (cues added or removed since) instead of trusting it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import faiss
import numpy as np

from index.atomic import atomic_write_bytes, atomic_write_text
from index.library_paths import LibraryPaths
from index.sentence_embedder import SentenceEmbedder


class DialogueVectors:
    def __init__(self, index: faiss.IndexIDMap2, model_id: str) -> None:
        self.index = index
        self.model_id = model_id

    @classmethod
    def empty(cls, dim: int, model_id: str) -> DialogueVectors:
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), model_id)

    @classmethod
    def load(cls, library_dir: Path) -> DialogueVectors | None:
        """The saved index, or None when missing or not matching its checksum (then it is rebuilt)."""
        try:
            paths = LibraryPaths(library_dir)
            meta = json.loads(paths.dialogue_faiss_meta.read_text())
            data = paths.dialogue_faiss.read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None
        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        return cls(index, meta["model_id"])

    def save(self, library_dir: Path) -> None:
        data = faiss.serialize_index(self.index).tobytes()
        paths = LibraryPaths(library_dir)
        atomic_write_bytes(paths.dialogue_faiss, data)
        meta = {"model_id": self.model_id, "dim": self.index.d, "count": self.index.ntotal,
                "sha256": hashlib.sha256(data).hexdigest()}
        atomic_write_text(paths.dialogue_faiss_meta, json.dumps(meta, indent=1))

    def ids(self) -> set[int]:
        return set(faiss.vector_to_array(self.index.id_map).tolist())

    def search(
        self, vector: np.ndarray, k: int, allowed: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """``(cue id, cosine)`` best first; ``allowed`` restricts to those ids inside FAISS (exact top k)."""
        if self.index.ntotal == 0 or k <= 0:
            return []
        params = None
        if allowed is not None:
            if not allowed:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        scores, ids = self.index.search(
            np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, self.index.ntotal), params=params
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def cosines(self, vector: np.ndarray, ids: Sequence[int]) -> dict[int, float]:
        """Exact cosine of ``vector`` with each listed id the index holds (others are left out)."""
        found = {}
        for cue_id in ids:
            try:
                found[cue_id] = float(self.index.reconstruct(int(cue_id)) @ vector)
            except RuntimeError:  # an id the index does not hold (not embedded yet)
                continue
        return found


_loaded: dict[Path, tuple[tuple[int, int, int], DialogueVectors]] = {}


def cached_vectors(library_dir: Path) -> DialogueVectors | None:
    """The index for searching, re-read only when the files change (a film library's index is large)."""
    try:
        paths = LibraryPaths(library_dir)
        index_stat, meta_stat = paths.dialogue_faiss.stat(), paths.dialogue_faiss_meta.stat()
    except OSError:
        return None
    key = (index_stat.st_mtime_ns, index_stat.st_size, meta_stat.st_mtime_ns)
    path = library_dir.resolve()
    hit = _loaded.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    vectors = DialogueVectors.load(library_dir)
    if vectors is not None:
        _loaded[path] = (key, vectors)
    return vectors


@contextlib.contextmanager
def vectors_lock(library_dir: Path) -> Iterator[None]:
    """Serialise read-modify-write of the index between processes (two ingests at once)."""
    library_dir.mkdir(parents=True, exist_ok=True)
    with open(LibraryPaths(library_dir).dialogue_faiss_lock, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def sync_vectors(
    library_dir: Path, cue_ids: set[int], texts: Callable[[list[int]], list[str]],
    embedder: Callable[[], SentenceEmbedder],
) -> tuple[int, int]:
    """Make the index hold exactly ``cue_ids``: embed the missing, drop the stale. Returns (added, removed).

    ``embedder`` is a factory so a library already in sync never pays for loading a model.
    """
    with vectors_lock(library_dir):
        vectors = DialogueVectors.load(library_dir)
        have = vectors.ids() if vectors is not None else set()
        missing, stale = sorted(cue_ids - have), sorted(have - cue_ids)
        if vectors is not None and not missing and not stale:
            return 0, 0
        model = embedder() if missing or vectors is None else None
        if vectors is None or (model is not None and model.model_id != vectors.model_id):
            assert model is not None  # loaded above whenever there are no vectors yet
            vectors = DialogueVectors.empty(model.dim, model.model_id)
            missing, stale = sorted(cue_ids), []
        if stale:
            vectors.index.remove_ids(np.asarray(stale, dtype=np.int64))
        for start in range(0, len(missing), 512):
            assert model is not None  # loaded above whenever cues are missing
            batch = missing[start:start + 512]
            vectors.index.add_with_ids(model.embed_texts(texts(batch)), np.asarray(batch, dtype=np.int64))
        vectors.save(library_dir)
        return len(missing), len(stale)
