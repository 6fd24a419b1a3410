"""The embedder protocol: what the index needs from an image/text model, and nothing more.

open_clip models, local weight files and test models are interchangeable behind it, so the store,
the vector index and the CLI never import torch themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EmbedderUnavailable(RuntimeError):
    """The requested model cannot be created here (no weights offline, unknown name, bad file)."""


class TextUnavailable(RuntimeError):
    """An embedder made for ingest only (``text=False``) was asked to embed text: its text tower is gone."""


@runtime_checkable
class Embedder(Protocol):
    """Maps keyframes and query texts into one space where cosine similarity means relevance.

    ``model_id`` names the space: vectors from different ids must never be compared, so the library
    re-embeds when it changes. ``meaningful`` is False for random test models, whose scores say
    nothing about content and must be labelled as such wherever they show.
    """

    model_id: str
    dim: int
    meaningful: bool

    def embed_images(self, images: Sequence[np.ndarray]) -> np.ndarray:
        """RGB uint8 ``(h, w, 3)`` images -> ``(n, dim)`` float32, L2-normalised rows."""
        ...

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Texts -> ``(n, dim)`` float32, L2-normalised rows."""
        ...


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise rows as float32 (inner product == cosine); zero rows stay zero instead of NaN."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


# Keyframes per CLIP call. The activations of a batch are the ingest's memory spike: on the 15-minute 1080p
# film (ViT-B/32, CPU, faces on) the peak RSS was 1623 MB at 64, 1534 MB at 32 and 1495 MB at 16, the
# ingest equally fast (95.8 / 92.4 / 95.3 s). Once the face crops stopped growing, the 2-hour film's peak was
# a CLIP batch on top of the decode: 1527 MB at 16, 1497 MB at 8 (a forward pass: +55-60 MB at 16, +30 at 8),
# for CLIP ~7 % slower (14.6 -> 13.7 images/s on 2 cores, ~1 % of the ingest).
EMBED_BATCH = 8


def embed_keyframes(images: Sequence[Sequence[np.ndarray]], embedder: Embedder,
                    progress: Callable[[str, int, int], None] | None = None) -> list[np.ndarray]:
    """Embed every keyframe in batches; returns one ``(keyframes, dim)`` array per shot."""
    flat = [img for group in images for img in group]
    parts = []
    for start in range(0, len(flat), EMBED_BATCH):
        parts.append(embedder.embed_images(flat[start:start + EMBED_BATCH]))
        if progress:
            progress("embed", min(start + EMBED_BATCH, len(flat)), len(flat))
    vectors = np.concatenate(parts) if parts else np.zeros((0, embedder.dim), np.float32)
    bounds = np.cumsum([len(group) for group in images])[:-1]
    return np.split(vectors, bounds)
