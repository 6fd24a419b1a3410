"""Add video files to a library: probe, analyse (decode + shot detection), embed keyframes, store,
then index the video's dialogue.

Each file is all-or-nothing: nothing is written until its vectors exist, then one SQLite transaction
records it and the FAISS file is re-saved atomically from the store. A crash at any point leaves
either the old library or the new one (a stale FAISS file is reconciled on the next open). A failed
file is reported and the rest go on. Dialogue comes after the shots are stored and never fails a
video: its problems (no subtitles, ASR offline) are warnings on the result. An embedder of another
model first re-embeds every stored video (``index.reembed``), so a model switch keeps the library whole.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from index import fingerprint_store, store
from index.analyze import Progress, analyze
from index.db import connect, write_transaction
from index.dialogue import DialogueSource, index_dialogue
from index.embedder import Embedder, embed_keyframes
from index.fingerprint import fingerprint, start_audio_fingerprint
from index.keyframes import write_keyframe_images
from index.library import load_index, save_index
from index.library_paths import LibraryPaths
from index.probe import MediaError, probe
from index.reembed import reembed
from index.shot import Shot, VideoInfo
from index.sweep import ingest_lock, sweep_library
from index.vector_index import VectorIndex

if TYPE_CHECKING:
    from index.face_scan import FaceSampler

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
    dialogue_source: DialogueSource = "none"
    dialogue_origin: str = ""  # the sidecar path, "stream N (codec, lang)" or the ASR model
    cues: int = 0
    warnings: tuple[str, ...] = ()
    asr_unavailable: bool = False  # speech recognition was wanted but cannot load here (why: in warnings)
    faces: int = 0  # face tracks found in this video (0 when the face stage was skipped)


def _face_sampler(info: VideoInfo, faces: bool) -> FaceSampler | None:
    """A face sampler to ride the decode; None when it cannot load (``_with_faces`` then says why)."""
    if not faces:
        return None
    from index.cast import face_sampler

    try:
        return face_sampler(info)
    except Exception:  # faces are an extra: the same failure becomes the face stage's warning
        return None


def _ingest_one(
    path: Path, library_dir: Path, conn: sqlite3.Connection, embedder: Embedder, index: VectorIndex | None,
    progress: Progress | None, switched: frozenset[str], faces: bool,
) -> tuple[IngestResult, list[Shot], VectorIndex | None, FaceSampler | None]:
    started = time.perf_counter()
    info = probe(path)
    info = replace(info, path=str(path.resolve()))
    existing = store.video(conn, info.id)
    if existing is not None and existing.model_id == embedder.model_id:
        if existing.info.path != info.path and not Path(existing.info.path).exists():
            store.set_path(conn, info.id, info.path)  # the file moved: follow it
        shots = store.shots(conn, info.id)
        status: Status = "reembedded" if info.id in switched else "unchanged"
        return IngestResult(path, existing.info, status, shots=len(shots)), shots, index, None
    sampler = _face_sampler(info, faces)
    audio_print = start_audio_fingerprint(path)  # overlaps the video decode
    analysis = analyze(path, info, library_dir, progress, None if sampler is None else sampler.offer)
    if sampler is not None:  # the face detection that rode the decode is the face stage's time
        sampler.offer_end()
        analysis.timings["decode"] -= sampler.seconds
        analysis.timings["faces_detect"] = sampler.seconds
    if not analysis.shots:
        raise MediaError(f"{path}: no shots found")
    if any(not group for group in analysis.keyframe_images):
        raise RuntimeError(f"{path}: analysis returned a shot without keyframes")
    write_keyframe_images(analysis.keyframe_images, library_dir, info.id)
    embed_started = time.perf_counter()
    vectors = embed_keyframes(analysis.keyframe_images, embedder, progress)
    timings = {**analysis.timings, "embed": time.perf_counter() - embed_started}
    print_started = time.perf_counter()
    content_print = fingerprint(path, float(info.duration), analysis.shots,
                                [group[0] for group in analysis.keyframe_images], audio_print)
    timings["fingerprint"] = time.perf_counter() - print_started
    with write_transaction(conn):
        model = store.model_record(conn)
        if model is None or model.model_id != embedder.model_id:
            spec = getattr(embedder, "spec", None)  # how to rebuild it when the library is reopened
            store.set_model(conn, store.ModelRecord(embedder.model_id, embedder.dim, spec))
        store.put_video(conn, info, path.stat().st_size, analysis.shots, vectors, embedder.model_id)
        fingerprint_store.put(conn, info.id, content_print)
    index = save_index(conn, library_dir, index, embedder.dim)
    timings["total"] = time.perf_counter() - started
    status = "added" if existing is None else "reembedded"
    result = IngestResult(path, info, status, shots=len(analysis.shots), timings=timings)
    return result, analysis.shots, index, sampler


def _with_dialogue(result: IngestResult, shots: list[Shot], library_dir: Path, asr_model: str | None,
                   progress: Progress | None) -> IngestResult:
    """Index the stored video's dialogue; whatever goes wrong becomes a warning, never a failed video.

    ``asr_unavailable`` on the result tells the batch to stop asking (one warning, not one per file).
    """
    assert result.video is not None
    started = time.perf_counter()
    notify = None if progress is None else (
        lambda fraction, _message: progress("dialogue", round(fraction * 100), 100))
    try:
        report = index_dialogue(result.video, shots, library_dir, asr_model=asr_model,
                                use_asr=asr_model is not None, progress=notify)
    except Exception as exc:  # dialogue is an extra: the shots are already stored and searchable
        return replace(result, warnings=(f"dialogue not indexed: {type(exc).__name__}: {exc}",))
    timings = _add_timing(result.timings, {"dialogue": time.perf_counter() - started})
    return replace(result, timings=timings, dialogue_source=report.source, dialogue_origin=report.origin,
                   cues=report.cues, warnings=report.warnings, asr_unavailable=report.asr_unavailable)


def _add_timing(timings: dict[str, float], extra: dict[str, float]) -> dict[str, float]:
    """``timings`` with ``extra`` stages added before "total", which grows by their sum."""
    if not timings:
        return timings
    return {**{k: v for k, v in timings.items() if k != "total"}, **extra,
            "total": timings["total"] + sum(extra.values())}


def _with_faces(result: IngestResult, shots: list[Shot], library_dir: Path, progress: Progress | None,
                sampled: FaceSampler | None) -> IngestResult:
    """Find the video's people and re-cluster the library's characters; problems become warnings.

    ``sampled`` holds the faces the decode saw; without it (a video not decoded now, or a sampler that
    could not load) the video is decoded again, if it was never scanned with the current face models.
    """
    from index.cast import index_faces, needs_face_scan

    assert result.video is not None
    if sampled is None and not needs_face_scan(library_dir, result.video.id):
        return result
    notify = None if progress is None else (lambda done, total: progress("faces", done, total))
    try:
        report = index_faces(result.video, shots, library_dir, notify, sampled)
    except Exception as exc:  # faces are an extra: the shots are already stored and searchable
        return replace(result, warnings=(*result.warnings, f"faces not indexed: {type(exc).__name__}: {exc}"))
    return replace(result, timings=_add_timing(result.timings, report.timings), faces=report.tracks)


def ingest(paths: Iterable[Path | str], library_dir: Path | str, embedder: Embedder,
           progress_factory: ProgressFactory | None = None,
           asr_model: str | None = None, faces: bool = True) -> list[IngestResult]:
    """Ingest files one by one; a file that fails is reported (``status="failed"``) and skipped.

    ``asr_model`` (a faster-whisper name or local model dir) transcribes videos without subtitles;
    None skips speech recognition (sidecar and embedded subtitles are still read). ``faces`` runs the
    face stage (people found, clustered into the library's characters).
    """
    library_dir = Path(library_dir).expanduser()
    results: list[IngestResult] = []
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        fingerprint_store.ensure_schema(conn)
        record = store.model_record(conn)
    sweep_library(library_dir)  # what a killed ingest or render left behind
    switched: frozenset[str] = frozenset()
    if record is not None and record.model_id != embedder.model_id:
        switched = frozenset(reembed(library_dir, embedder).videos)
    with ingest_lock(library_dir), contextlib.closing(connect(library_dir)) as conn:
        index = load_index(LibraryPaths(library_dir).faiss)
        for raw in paths:
            path = Path(raw).expanduser()
            progress = progress_factory(path) if progress_factory else None
            try:
                result, shots, index, sampled = _ingest_one(path, library_dir, conn, embedder, index,
                                                            progress, switched, faces)
                result = _with_dialogue(result, shots, library_dir, asr_model, progress)
                if faces:
                    result = _with_faces(result, shots, library_dir, progress, sampled)
                if result.asr_unavailable:
                    asr_model = None
            except MediaError as exc:
                result = IngestResult(path, None, "failed", error=str(exc))
            except Exception as exc:  # keep going: one bad file must not stop a batch
                result = IngestResult(path, None, "failed", error=f"{path}: {type(exc).__name__}: {exc}")
            results.append(result)
    return results
