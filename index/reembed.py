"""Switch a library to another embedding model without losing any video.

Every stored video is re-embedded from the keyframe images kept at ingest (no decoding); videos
ingested before those were kept are decoded again if their file still exists. All new vectors are
computed first and swapped in with one transaction, so until then searches keep using the old
model's vectors, and a crash or interrupt midway leaves the old library fully working.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import store
from index.analyze import analyze
from index.db import connect, write_transaction
from index.embedder import Embedder, embed_keyframes
from index.keyframes import read_keyframe_images, write_keyframe_images
from index.library import load_index, save_index
from index.library_paths import LibraryPaths
from index.shot import Shot

Progress = Callable[[str, int, int], None]  # ("reembed", videos done, videos total)


@dataclass(frozen=True)
class ReembedReport:
    model_id: str
    videos: tuple[str, ...]  # ids now searchable with ``model_id``
    decoded: tuple[str, ...]  # of those, the ones decoded again (ingested before keyframes were kept)
    missing: tuple[str, ...]  # paths of videos with neither kept keyframes nor a file: re-ingest them


def reembed(library_dir: Path | str, embedder: Embedder, progress: Progress | None = None) -> ReembedReport:
    """Make ``embedder`` the library's model, re-embedding every stored video with it."""
    library_dir = Path(library_dir).expanduser()
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        with store.read_snapshot(conn):
            stored = [(v, store.shots(conn, v.info.id)) for v in store.videos(conn)]
        kept: list[tuple[str, list[np.ndarray]]] = []
        redone: list[tuple[store.StoredVideo, list[Shot], list[np.ndarray]]] = []
        missing: list[str] = []
        for done, (video, shots) in enumerate(stored):
            images = read_keyframe_images(library_dir, video.info.id, [len(s.keyframes) for s in shots])
            if images is not None:
                kept.append((video.info.id, embed_keyframes(images, embedder)))
            elif Path(video.info.path).is_file():
                analysis = analyze(video.info.path, video.info, library_dir)
                write_keyframe_images(analysis.keyframe_images, library_dir, video.info.id)
                redone.append((video, analysis.shots, embed_keyframes(analysis.keyframe_images, embedder)))
            else:
                missing.append(video.info.path)
            if progress:
                progress("reembed", done + 1, len(stored))
        with write_transaction(conn):
            spec = getattr(embedder, "spec", None)
            store.set_model(conn, store.ModelRecord(embedder.model_id, embedder.dim, spec))
            for video_id, vectors in kept:
                store.put_vectors(conn, video_id, vectors, embedder.model_id)
            for video, shots, vectors in redone:
                store.put_video(conn, video.info, video.size, shots, vectors, embedder.model_id)
        save_index(conn, library_dir, load_index(LibraryPaths(library_dir).faiss), embedder.dim)
    decoded = tuple(v.info.id for v, _, _ in redone)
    return ReembedReport(embedder.model_id, (*(v for v, _ in kept), *decoded), decoded, tuple(missing))
