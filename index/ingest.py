"""Add video files to a library: probe, analyse (decode + shot detection), embed keyframes, store,
then index the video's dialogue.

Each file is all-or-nothing: nothing is written until its vectors exist, then one SQLite transaction
records it and the FAISS file is re-saved atomically from the store. A crash at any point leaves
either the old library or the new one (a stale FAISS file is reconciled on the next open). A failed
file is reported and the rest go on. Dialogue comes after the shots are stored and never fails a
video: its problems (no subtitles, ASR offline) are warnings on the result. An embedder of another
model first re-embeds every stored video (``index.reembed``), so a model switch keeps the library whole.

The work is split in two so a cluster can share it (``index.ray_ingest``): ``analyse_file`` +
``embed_analysis`` (pixels, anywhere) make a ``FileAnalysis``; ``LibraryWriter.commit`` (the one writer)
stores it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from index import checkpoint_store, fingerprint_store, store
from index.analyze import PickedShot, Progress, ShotStream, analyze
from index.atomic import atomic_write_bytes
from index.db import connect, write_transaction
from index.decode import ResumeFailed
from index.dialogue import DialogueSource, index_dialogue
from index.embedder import EMBED_BATCH, Embedder, embed_keyframes
from index.fingerprint import Fingerprint, fingerprint, perceptual_hash, start_audio_fingerprint
from index.keyframes import write_keyframe_images
from index.library import load_index, save_index
from index.library_paths import LibraryPaths
from index.memory import release_free_memory
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
    decoder: str = ""  # "nvdec" or "cpu" for a video decoded here; "" when nothing was decoded


def _face_sampler(info: VideoInfo, faces: bool) -> FaceSampler | None:
    """A face sampler to ride the decode; None when it cannot load (``_with_faces`` then says why)."""
    if not faces:
        return None
    from index.cast import face_sampler

    try:
        return face_sampler(info)
    except Exception:  # faces are an extra: the same failure becomes the face stage's warning
        return None


@dataclass
class FileAnalysis:
    """Everything a file's pixels give before anything is stored: what an analysis (local or on a Ray
    worker) hands to the one writer. ``thumbnails`` holds thumbnail files analysed away from the library."""

    path: Path
    info: VideoInfo
    shots: list[Shot]
    keyframe_images: list[list[np.ndarray]]
    content_print: Fingerprint
    timings: dict[str, float]
    sampler: FaceSampler | None = None
    vectors: list[np.ndarray] | None = None  # one (keyframes, dim) array per shot once embedded
    thumbnails: dict[str, bytes] = field(default_factory=dict)  # relative path -> JPEG
    decoder: str = "cpu"  # "nvdec" where the GPU's decoder did the decode pass


def probe_file(path: Path) -> VideoInfo:
    """The file's description with its absolute path; raises the specific ``MediaError``."""
    return replace(probe(path), path=str(path.resolve()))


def analyse_file(path: Path, info: VideoInfo, thumbs_dir: Path, progress: Progress | None,
                 faces: bool) -> FileAnalysis:
    """Decode once: shots, keyframes, thumbnails (written under ``thumbs_dir``), faces, fingerprint."""
    sampler = _face_sampler(info, faces)
    audio_print = start_audio_fingerprint(path)  # overlaps the video decode
    analysis = analyze(path, info, thumbs_dir, progress, None if sampler is None else sampler.offer)
    if sampler is not None:  # the decode's time on faces is the face stage's (the looks overlap the decode)
        sampler.offer_end()
        analysis.timings["decode"] -= sampler.seconds
        analysis.timings["faces_detect"] = sampler.seconds + sampler.waited
    if not analysis.shots:
        raise MediaError(f"{path}: no shots found")
    if any(not group for group in analysis.keyframe_images):
        raise RuntimeError(f"{path}: analysis returned a shot without keyframes")
    print_started = time.perf_counter()
    content_print = fingerprint(path, float(info.duration), analysis.shots,
                                [group[0] for group in analysis.keyframe_images], audio_print)
    timings = {**analysis.timings, "fingerprint": time.perf_counter() - print_started}
    return FileAnalysis(path, info, analysis.shots, analysis.keyframe_images, content_print, timings, sampler,
                        decoder=analysis.decoder)


def embed_analysis(analysis: FileAnalysis, embedder: Embedder, progress: Progress | None) -> FileAnalysis:
    """``analysis`` with its keyframes' CLIP vectors (and the "embed" time)."""
    started = time.perf_counter()
    vectors = embed_keyframes(analysis.keyframe_images, embedder, progress)
    timings = {**analysis.timings, "embed": time.perf_counter() - started}
    return replace(analysis, vectors=vectors, timings=timings)


CHECKPOINT_SECONDS = 120.0  # of video between checkpoints: a crash costs at most this much work again
_CHECKPOINT_SETTINGS = "stream-v1"  # bump when shot detection or keyframe choice changes


def analyse_streaming(conn: sqlite3.Connection, path: Path, info: VideoInfo, library_dir: Path,
                      embedder: Embedder, progress: Progress | None, faces: bool) -> FileAnalysis:
    """Decode once; shots, keyframes, thumbnails, vectors and shot hashes as the video goes, so memory does
    not grow with its length; every ``CHECKPOINT_SECONDS`` of video a checkpoint, and a checkpoint left
    by a killed ingest of the same content and model is resumed from.

    A resumed video skips the face sampler (the faces of its first part are gone with the killed
    process); the face stage then scans the stored video on its own.
    """
    settings = f"{embedder.model_id}|{_CHECKPOINT_SETTINGS}"
    resumed = checkpoint_store.load(conn, info.id, settings, embedder.dim)
    release_free_memory()
    sampler = _face_sampler(info, faces and resumed is None)
    audio_print = start_audio_fingerprint(path)  # overlaps the video decode
    shots = list(resumed.shots) if resumed else []
    vectors = list(resumed.vectors) if resumed else []
    hashes = list(resumed.hashes) if resumed else []
    timings = {"embed": 0.0}
    try:
        stream = ShotStream(path, info, library_dir, progress, None if sampler is None else sampler.offer,
                            resumed.resume if resumed else None)
        saved, since = len(shots), (shots[-1].end if shots else Fraction(0))
        waiting: list[PickedShot] = []

        def embed_waiting() -> None:
            if sampler is not None:
                sampler.wait()  # CLIP's batch runs alone: torch's threads are the process's, faces use one
            started = time.perf_counter()
            images = [p.images() for p in waiting]
            write_keyframe_images(images, library_dir, info.id, first_shot=waiting[0].shot.index)
            vectors.extend(embed_keyframes(images, embedder))
            hashes.extend(perceptual_hash(group[0]) for group in images)
            shots.extend(p.shot for p in waiting)
            waiting.clear()
            release_free_memory()  # the decode's holes too: between checkpoints the heap grew by ~150 MB
            timings["embed"] += time.perf_counter() - started

        for batch in stream:
            waiting += batch
            due = bool(waiting) and float(waiting[-1].shot.end - since) >= CHECKPOINT_SECONDS
            if due or sum(len(p.keyframes) for p in waiting) >= EMBED_BATCH:
                embed_waiting()
            if due:
                checkpoint_store.save(conn, info.id, settings, shots[saved:], vectors[saved:], hashes[saved:],
                                      stream.state())
                saved, since = len(shots), shots[-1].end
                release_free_memory()
        if waiting:
            embed_waiting()
    except ResumeFailed:
        with write_transaction(conn):
            checkpoint_store.clear(conn, info.id)
        return analyse_streaming(conn, path, info, library_dir, embedder, progress, faces)
    if progress is not None:
        progress("embed", sum(len(v) for v in vectors), sum(len(v) for v in vectors))
    stream_timings = dict(stream.timings)
    if sampler is not None:  # the decode's time on faces is the face stage's (the looks overlap the decode)
        sampler.offer_end()
        stream_timings["decode"] -= sampler.seconds
        stream_timings["faces_detect"] = sampler.seconds + sampler.waited
    if not shots:
        raise MediaError(f"{path}: no shots found")
    print_started = time.perf_counter()
    content_print = fingerprint(path, float(info.duration), shots, None, audio_print, shot_hashes=hashes)
    timings = {**stream_timings, **timings, "fingerprint": time.perf_counter() - print_started}
    return FileAnalysis(path, info, shots, [], content_print, timings, sampler, vectors,
                        decoder=stream.decoder)


def failed_result(path: Path, exc: Exception) -> IngestResult:
    """A file that could not be ingested: a ``MediaError`` says why itself, others name their type."""
    if isinstance(exc, MediaError):
        return IngestResult(path, None, "failed", error=str(exc))
    return IngestResult(path, None, "failed", error=f"{path}: {type(exc).__name__}: {exc}")


class LibraryWriter:
    """The one writer of an ingest batch: holds the ingest lock, the connection and the FAISS index.

    Local and Ray ingests both commit through it, so a file lands the same way whoever analysed it.
    Entering sweeps what a killed process left and re-embeds the library when the model changed.
    """

    def __init__(self, library_dir: Path, embedder: Embedder, asr_model: str | None, faces: bool) -> None:
        self.library_dir, self.embedder, self.asr_model, self.faces = library_dir, embedder, asr_model, faces
        self._stack = contextlib.ExitStack()
        self._switched: frozenset[str] = frozenset()
        self._index: VectorIndex | None = None
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> LibraryWriter:
        with contextlib.closing(connect(self.library_dir)) as conn:
            store.ensure_schema(conn)
            fingerprint_store.ensure_schema(conn)
            checkpoint_store.ensure_schema(conn)
            record = store.model_record(conn)
        sweep_library(self.library_dir)  # what a killed ingest or render left behind
        if record is not None and record.model_id != self.embedder.model_id:
            self._switched = frozenset(reembed(self.library_dir, self.embedder).videos)
        with self._stack as stack:
            stack.enter_context(ingest_lock(self.library_dir))
            self._conn = stack.enter_context(contextlib.closing(connect(self.library_dir)))
            self._index = load_index(LibraryPaths(self.library_dir).faiss)
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    @property
    def conn(self) -> sqlite3.Connection:
        assert self._conn is not None, "LibraryWriter used outside its with block"
        return self._conn

    def stored(self, path: Path, info: VideoInfo, progress: Progress | None) -> IngestResult | None:
        """The finished result when this content is already stored with this model, else None."""
        existing = store.video(self.conn, info.id)
        if existing is None or existing.model_id != self.embedder.model_id:
            return None
        if existing.info.path != info.path and not Path(existing.info.path).exists():
            store.set_path(self.conn, info.id, info.path)  # the file moved: follow it
        shots = store.shots(self.conn, info.id)
        status: Status = "reembedded" if info.id in self._switched else "unchanged"
        result = IngestResult(path, existing.info, status, shots=len(shots))
        return self._finish(result, shots, progress, None)

    def commit(self, analysis: FileAnalysis, progress: Progress | None, started: float) -> IngestResult:
        """Store an embedded analysis in one transaction, re-save FAISS, then dialogue and faces."""
        if analysis.vectors is None:
            raise ValueError(f"{analysis.path}: analysis committed before its keyframes were embedded")
        info, embedder = analysis.info, self.embedder
        existing = store.video(self.conn, info.id)
        for relative, jpeg in analysis.thumbnails.items():
            atomic_write_bytes(self.library_dir / relative, jpeg)
        write_keyframe_images(analysis.keyframe_images, self.library_dir, info.id)
        with write_transaction(self.conn):
            model = store.model_record(self.conn)
            if model is None or model.model_id != embedder.model_id:
                spec = getattr(embedder, "spec", None)  # how to rebuild it when the library is reopened
                store.set_model(self.conn, store.ModelRecord(embedder.model_id, embedder.dim, spec))
            store.put_video(self.conn, info, analysis.path.stat().st_size, analysis.shots, analysis.vectors,
                            embedder.model_id)
            fingerprint_store.put(self.conn, info.id, analysis.content_print)
            checkpoint_store.clear(self.conn, info.id)
        self._index = save_index(self.conn, self.library_dir, self._index, embedder.dim)
        timings = {**analysis.timings, "total": time.perf_counter() - started}
        status: Status = "added" if existing is None else "reembedded"
        result = IngestResult(analysis.path, info, status, shots=len(analysis.shots), timings=timings,
                              decoder=analysis.decoder)
        release_free_memory()  # the decode's holes, before the face and dialogue stages allocate theirs
        return self._finish(result, analysis.shots, progress, analysis.sampler)

    def analyse(self, path: Path, info: VideoInfo, progress: Progress | None) -> FileAnalysis:
        """Analyse and embed a file in bounded memory, checkpointing long videos as it goes."""
        return analyse_streaming(self.conn, path, info, self.library_dir, self.embedder, progress, self.faces)

    def _finish(self, result: IngestResult, shots: list[Shot], progress: Progress | None,
                sampled: FaceSampler | None) -> IngestResult:
        # Faces before dialogue: the face crops and dlib are gone before MiniLM loads (and stays, cached for
        # search), so the two stages' memory never adds up at the end of a film's ingest.
        if self.faces:
            result = _with_faces(result, shots, self.library_dir, progress, sampled)
            release_free_memory()
        result = _with_dialogue(result, shots, self.library_dir, self.asr_model, progress)
        if result.asr_unavailable:
            self.asr_model = None  # one warning for the batch, not one per file
        return result


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
        warning = f"dialogue not indexed: {type(exc).__name__}: {exc}"
        return replace(result, warnings=(*result.warnings, warning))
    timings = _add_timing(result.timings, {"dialogue": time.perf_counter() - started})
    return replace(result, timings=timings, dialogue_source=report.source, dialogue_origin=report.origin,
                   cues=report.cues, warnings=(*result.warnings, *report.warnings),
                   asr_unavailable=report.asr_unavailable)


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
    finally:
        if sampled is not None:
            sampled.close()  # stored (or failed): its crops must not outlive the stage
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
    with LibraryWriter(library_dir, embedder, asr_model, faces) as writer:
        for raw in paths:
            path = Path(raw).expanduser()
            progress = progress_factory(path) if progress_factory else None
            started = time.perf_counter()
            try:
                info = probe_file(path)
                result = writer.stored(path, info, progress)
                if result is None:
                    result = writer.commit(writer.analyse(path, info, progress), progress, started)
            except Exception as exc:  # keep going: one bad file must not stop a batch
                result = failed_result(path, exc)
            results.append(result)
    return results
