"""Add video files to a library: probe, analyse (decode + shot detection), embed keyframes, store.

Each file is all-or-nothing: nothing is written until its vectors exist, then one SQLite transaction
records it and the FAISS file is re-saved atomically from the store. A crash at any point leaves
either the old library or the new one (a stale FAISS file is reconciled on the next open). A failed
file is reported and the rest go on.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np

from index import store
from index.analyze import Progress, analyze
from index.db import connect
from index.embedder import Embedder
from index.library import FAISS_NAME, load_index, reconcile
from index.probe import MediaError, probe
from index.shot import VideoInfo
from index.vector_index import VectorIndex

EMBED_BATCH = 64
Status = Literal["added", "unchanged", "reembedded", "failed"]
ProgressFactory = Callable[[Path], Progress]


@dataclass(frozen=True)
class IngestResult:
    path: Path
    video: VideoInfo | None
    status: Status
    error: str | None = None
    shots: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, plus "total"


def _embed_keyframes(images: Sequence[Sequence[np.ndarray]], embedder: Embedder,
                     progress: Progress | None) -> list[np.ndarray]:
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


def _save_index(conn: sqlite3.Connection, library_dir: Path, index: VectorIndex | None,
                dim: int) -> VectorIndex:
    with store.read_snapshot(conn):
        index = reconcile(index, conn, dim)
    index.save(library_dir / FAISS_NAME)
    return index


def _ingest_one(
    path: Path, library_dir: Path, conn: sqlite3.Connection, embedder: Embedder, index: VectorIndex | None,
    progress: Progress | None,
) -> tuple[IngestResult, VectorIndex | None]:
    started = time.perf_counter()
    info = probe(path)
    info = replace(info, path=str(path.resolve()))
    existing = store.video(conn, info.id)
    if existing is not None and existing.model_id == embedder.model_id:
        if existing.info.path != info.path and not Path(existing.info.path).exists():
            store.set_path(conn, info.id, info.path)  # the file moved: follow it
        return IngestResult(path, existing.info, "unchanged", shots=len(store.shots(conn, info.id))), index
    analysis = analyze(path, info, library_dir, progress)
    if not analysis.shots:
        raise MediaError(f"{path}: no shots found")
    if any(not group for group in analysis.keyframe_images):
        raise RuntimeError(f"{path}: analysis returned a shot without keyframes")
    embed_started = time.perf_counter()
    vectors = _embed_keyframes(analysis.keyframe_images, embedder, progress)
    timings = {**analysis.timings, "embed": time.perf_counter() - embed_started}
    with store.write_transaction(conn):
        model = store.model_record(conn)
        if model is None or model.model_id != embedder.model_id:
            spec = getattr(embedder, "spec", None)  # how to rebuild it when the library is reopened
            store.set_model(conn, store.ModelRecord(embedder.model_id, embedder.dim, spec))
        store.put_video(conn, info, path.stat().st_size, analysis.shots, vectors, embedder.model_id)
    index = _save_index(conn, library_dir, index, embedder.dim)
    timings["total"] = time.perf_counter() - started
    status: Status = "added" if existing is None else "reembedded"
    return IngestResult(path, info, status, shots=len(analysis.shots), timings=timings), index


def ingest(paths: Iterable[Path | str], library_dir: Path | str, embedder: Embedder,
           progress_factory: ProgressFactory | None = None) -> list[IngestResult]:
    """Ingest files one by one; a file that fails is reported (``status="failed"``) and skipped."""
    library_dir = Path(library_dir).expanduser()
    results: list[IngestResult] = []
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        index = load_index(library_dir / FAISS_NAME)
        for raw in paths:
            path = Path(raw).expanduser()
            progress = progress_factory(path) if progress_factory else None
            try:
                result, index = _ingest_one(path, library_dir, conn, embedder, index, progress)
            except MediaError as exc:
                result = IngestResult(path, None, "failed", error=str(exc))
            except Exception as exc:  # keep going: one bad file must not stop a batch
                result = IngestResult(path, None, "failed", error=f"{path}: {type(exc).__name__}: {exc}")
            results.append(result)
    return results
