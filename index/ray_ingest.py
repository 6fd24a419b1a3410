"""Ingest across a Ray cluster: every new file is a Ray task (decode, shot detection, keyframes, faces,
fingerprint on a CPU worker; CLIP there too, or in GPU actors when the cluster has GPUs), and the
driver commits each result through the same ``LibraryWriter`` a local ingest uses, in input order.

So the library is the one a local ingest of the same files would make: one writer, one transaction
per file, nothing of a file stored before its vectors exist. A task whose worker dies is retried
(``max_retries``); a file that fails for its content gets the local ingest's error and the rest land.
Workers read the files at the driver's paths (shared storage on a real cluster); what they make
(thumbnails, keyframes, vectors, faces) comes back in the result, so they need no access to the library.
Dialogue is indexed by the writer after each commit, as locally (sidecars and subtitle streams are cheap;
speech recognition, when asked for, runs on the driver).

Ray is an optional extra: nothing imports it until ``ingest_on_ray`` is called.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from index import nvdec
from index.embedder import Embedder
from index.ingest import (
    FileAnalysis,
    IngestResult,
    LibraryWriter,
    analyse_file,
    embed_analysis,
    failed_result,
    probe_file,
)
from index.shot import VideoInfo

__all__ = ["ClusterProgress", "ClusterStatus", "RayUnavailable", "connect_ray", "ingest_on_ray"]

LOCAL = ("", "local")
STAGE_REPORT_SECONDS = 0.5  # a worker tells the driver its stage at most this often (and on each change)
WorkerHook = Callable[[Path], None]  # runs in the worker before a file's analysis (tests kill it there)
EmbedderSource = dict[str, Any] | Embedder  # create_embedder's arguments, or the embedder itself


class RayUnavailable(RuntimeError):
    """``--ray`` was asked for but Ray is not installed (or the cluster cannot be reached)."""


@dataclass(frozen=True)
class ClusterStatus:
    """Where a cluster ingest stands: files finished (committed or failed) and each running file's stage."""

    done: int
    total: int
    stages: dict[str, tuple[str, int, int]]  # file name -> (stage, done, total), as its worker last said


ClusterProgress = Callable[[ClusterStatus], None]


def connect_ray(address: str | None) -> ModuleType:
    """Ray, initialised: an existing connection, a local Ray with this machine's CPUs, or ``address``."""
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable("--ray needs Ray: install the extra with pip install 'personalcut[ray]'") \
            from exc
    if not ray.is_initialized():
        try:
            if (address or "").strip().lower() in LOCAL:
                ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=address, log_to_driver=False)
        except ConnectionError as exc:
            raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {exc}") from exc
    return ray


class _StageBoard:
    """A Ray actor the workers tell their current stage; the driver reads it to draw progress."""

    def __init__(self) -> None:
        self._stages: dict[str, tuple[str, int, int]] = {}

    def set(self, name: str, stage: str, done: int, total: int) -> None:
        self._stages[name] = (stage, done, total)

    def read(self) -> dict[str, tuple[str, int, int]]:
        return dict(self._stages)


def _stage_reporter(board: Any, name: str) -> Callable[[str, int, int], None]:
    """A ``Progress`` for a worker that tells ``board`` on every new stage and every half second."""
    last_stage, last_at = [""], [0.0]

    def report(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != last_stage[0] or now - last_at[0] >= STAGE_REPORT_SECONDS or done == total:
            last_stage[0], last_at[0] = stage, now
            board.set.remote(name, stage, done, total)

    return report


_EMBEDDERS: dict[str, Embedder] = {}  # per worker process: a model is loaded once, not once per file


def _worker_embedder(source: EmbedderSource, device: str | None = None) -> Embedder:
    if not isinstance(source, dict):
        return source
    from index.clip_factory import create_embedder
    from index.no_triton import skip_triton

    key = repr(sorted(source.items())) + str(device)
    if key not in _EMBEDDERS:
        skip_triton()  # a worker only analyses: no kernels compiled, no text embedded
        _EMBEDDERS[key] = create_embedder(**source, device=device, text=False)
    return _EMBEDDERS[key]


def _analyse_on_worker(path: str, info: VideoInfo, faces: bool, source: EmbedderSource | None, board: Any,
                       hook: WorkerHook | None, decoder: str = "auto") -> FileAnalysis:
    """One file's analysis on a worker; thumbnails are staged in a private folder and travel back.
    ``decoder``: the writer's decoder setting (``auto`` then decides by the worker's own GPU and cores)."""
    nvdec.use_decoder(decoder)
    file = Path(path)
    if hook is not None:
        hook(file)
    progress = _stage_reporter(board, file.name)
    with tempfile.TemporaryDirectory(prefix="personalcut-ray-") as staging:
        analysis = analyse_file(file, info, Path(staging), progress, faces)
        thumbnails = {shot.thumbnail: (Path(staging) / shot.thumbnail).read_bytes()
                      for shot in analysis.shots if shot.thumbnail}
    analysis = replace(analysis, thumbnails=thumbnails)
    if source is not None:
        analysis = embed_analysis(analysis, _worker_embedder(source), progress)
    progress("analysed", 1, 1)
    return analysis


class _ClipActor:
    """A CLIP model held on one GPU; embeds analyses as they arrive from the CPU workers."""

    def __init__(self, source: EmbedderSource) -> None:
        self._embedder = _worker_embedder(source, "cuda" if isinstance(source, dict) else None)

    def embed(self, analysis: FileAnalysis) -> FileAnalysis:
        return embed_analysis(analysis, self._embedder, None)


def _embedder_source(embedder: Embedder) -> EmbedderSource:
    """How a worker gets the same model: the factory's arguments when known, else the object itself."""
    spec = getattr(embedder, "spec", None)
    return dict(spec) if spec else embedder


def _cause(exc: Exception) -> Exception:
    """The exception a task raised, unwrapped from Ray's ``RayTaskError`` (same error as a local ingest)."""
    cause = getattr(exc, "cause", None)
    return cause if isinstance(cause, Exception) else exc


def ingest_on_ray(paths: Iterable[Path | str], library_dir: Path | str, embedder: Embedder,
                  address: str | None = "local", progress: ClusterProgress | None = None,
                  asr_model: str | None = None, faces: bool = True, max_retries: int = 3,
                  worker_hook: WorkerHook | None = None) -> list[IngestResult]:
    """``index.ingest.ingest`` with the analysis spread over a Ray cluster; same results, same library.

    ``address``: "local" (or empty) starts a local Ray with this machine's CPUs unless Ray is already
    initialised in this process. ``worker_hook`` runs in the worker before each analysis attempt.
    """
    ray = connect_ray(address)
    decoder = nvdec.decode_choice()  # this process's setting, handed to each worker
    library_dir = Path(library_dir).expanduser()
    files = [Path(raw).expanduser() for raw in paths]
    results: dict[int, IngestResult] = {}
    board = ray.remote(num_cpus=0)(_StageBoard).remote()
    analyse = ray.remote(_analyse_on_worker).options(max_retries=max_retries)
    source = _embedder_source(embedder)
    gpus = int(ray.cluster_resources().get("GPU", 0))
    actors = [ray.remote(_ClipActor).options(num_gpus=1, max_restarts=max_retries,
                                             max_task_retries=max_retries).remote(source)
              for _ in range(min(gpus, len(files)))]
    source_ref = ray.put(source) if not actors else None
    board_stages: dict[str, tuple[str, int, int]] = {}

    def report() -> None:
        if progress is not None:
            progress(ClusterStatus(len(results), len(files), board_stages))

    with LibraryWriter(library_dir, embedder, asr_model, faces) as writer:
        pending: dict[int, Any] = {}  # input position -> the ref of its analysis
        for position, path in enumerate(files):
            try:
                info = probe_file(path)
                stored = writer.stored(path, info, None)
            except Exception as exc:  # a bad file fails here exactly as in a local ingest
                results[position] = failed_result(path, exc)
                continue
            if stored is not None:
                results[position] = stored
                continue
            ref = analyse.remote(str(path), info, faces, source_ref, board, worker_hook, decoder)
            if actors:
                ref = actors[len(pending) % len(actors)].embed.remote(ref)
            pending[position] = ref
        report()
        ready: set[int] = set()
        for position in sorted(pending):  # commit in input order: the library's order is the local one's
            ref = pending[position]
            while position not in ready:
                waiting = {pending[p]: p for p in pending if p not in ready}
                finished, _ = ray.wait(list(waiting), num_returns=1, timeout=STAGE_REPORT_SECONDS)
                ready.update(waiting[r] for r in finished)
                board_stages = {name: stage for name, stage in ray.get(board.read.remote()).items()
                                if stage[0] != "analysed"}
                report()
            path = files[position]
            try:
                analysis: FileAnalysis = ray.get(ref)
                stored = writer.stored(path, analysis.info, None)  # the same content twice in one batch
                # "total": the worker's stage times plus the commit (not the time queued for a worker)
                worker_started = time.perf_counter() - sum(analysis.timings.values())
                results[position] = stored or writer.commit(analysis, None, worker_started)
            except ray.exceptions.RayTaskError as exc:
                results[position] = failed_result(path, _cause(exc))
            except Exception as exc:  # a task out of retries, or a commit that failed: this file only
                results[position] = failed_result(path, exc)
            report()
    return [results[position] for position in range(len(files))]
