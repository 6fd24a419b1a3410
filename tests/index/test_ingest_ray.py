"""Ingest on a local Ray cluster (started here, on loopback, 2 CPUs, once for the module): the library
equals a local ingest of the same files, a worker killed mid-task is retried, and a bad file fails with
the local ingest's error while the other file lands."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.dialogue import cues_for
from index.ingest import ingest
from index.library import Library
from index.ray_ingest import ClusterStatus, ingest_on_ray
from tests.index.test_cli_index import run
from tests.index.test_ingest import snapshot
from tests.index.test_ingest_dialogue import SRT
from tests.media_factory import truncated

ray = pytest.importorskip("ray", reason="the Ray extra (pip install 'personalcut[ray]') is not installed")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray for the module; its workers can import this module (the test hooks live here)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1",
             runtime_env={"env_vars": {"PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}})
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def clips(media_clips, tmp_path_factory) -> tuple[Path, Path]:
    """The session's two clips copied beside each other, the second with an English sidecar."""
    folder = tmp_path_factory.mktemp("ray-media")
    copies = tuple(Path(shutil.copy(c.path, folder / c.path.name)) for c in media_clips)
    copies[1].with_suffix(".en.srt").write_text(SRT)
    return copies  # type: ignore[return-value]


@pytest.fixture(scope="module")
def local_library(clips, tiny_embedder, tmp_path_factory) -> Path:
    """The reference: the same files ingested locally."""
    directory = tmp_path_factory.mktemp("local-lib")
    results = ingest(clips, directory, tiny_embedder)
    assert [r.status for r in results] == ["added", "added"], [r.error for r in results]
    return directory


def contents(library_dir: Path) -> tuple[list, dict[str, np.ndarray], list]:
    """What a user sees of a library: videos with their shots, each video's vectors, its dialogue."""
    library = Library.open(library_dir)
    try:
        videos = [(v, library.shots(v.id)) for v in library.videos()]
        vectors = {v.id: library.shot_vectors(v.id) for v, _ in videos}
    finally:
        library.close()
    dialogue = [cues_for(library_dir, v.id) for v, _ in videos]
    return videos, vectors, dialogue


def assert_same_library(actual: Path, expected: Path) -> None:
    videos, vectors, dialogue = contents(actual)
    want_videos, want_vectors, want_dialogue = contents(expected)
    assert videos == want_videos and dialogue == want_dialogue
    assert sum(len(cues) for cues in dialogue) == 2  # the sidecar's lines came through
    assert vectors.keys() == want_vectors.keys()
    for video_id, got in vectors.items():
        np.testing.assert_allclose(got, want_vectors[video_id], atol=1e-5)
    for _video, shots in videos:  # the thumbnails the workers made landed in the library
        for shot in shots:
            assert (actual / shot.thumbnail).read_bytes() == (expected / shot.thumbnail).read_bytes()


def test_a_ray_ingest_equals_a_local_ingest(ray_cluster, clips, local_library, tiny_embedder, tmp_path):
    seen: list[ClusterStatus] = []
    results = ingest_on_ray(clips, tmp_path / "lib", tiny_embedder, progress=seen.append)
    assert [r.status for r in results] == ["added", "added"], [r.error for r in results]
    assert [r.cues for r in results] == [0, 2] and results[1].dialogue_source == "sidecar"
    assert {"decode", "detect", "embed", "fingerprint", "total"} <= set(results[0].timings)
    assert_same_library(tmp_path / "lib", local_library)
    assert seen[0].done == 0 and seen[-1].done == seen[-1].total == 2
    assert [s.done for s in seen] == sorted(s.done for s in seen)

    again = ingest_on_ray(clips, tmp_path / "lib", tiny_embedder)  # nothing new: no task at all
    assert [r.status for r in again] == ["unchanged", "unchanged"]


def _die_once(markers: Path, path: Path) -> None:
    """Kill this worker process on a file's first attempt (the marker says an attempt was made)."""
    marker = markers / path.name
    if not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_worker_is_retried_and_the_library_stays_whole(ray_cluster, clips, local_library,
                                                                 tiny_embedder, tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    hook = functools.partial(_die_once, markers)
    results = ingest_on_ray(clips, tmp_path / "lib", tiny_embedder, worker_hook=hook)
    assert sorted(p.name for p in markers.iterdir()) == sorted(c.name for c in clips)  # both were killed
    assert [r.status for r in results] == ["added", "added"], [r.error for r in results]
    assert_same_library(tmp_path / "lib", local_library)

    # Out of retries: that file fails, naming the worker's death, and nothing of it is stored.
    other = tmp_path / "no-retries"
    before = ingest([clips[0]], other, tiny_embedder)
    assert before[0].status == "added"
    expected = snapshot(other)
    for marker in markers.iterdir():
        marker.unlink()
    [result] = ingest_on_ray([clips[1]], other, tiny_embedder, max_retries=0, worker_hook=hook)
    assert result.status == "failed" and clips[1].name in result.error
    assert "WorkerCrashedError" in result.error
    assert snapshot(other) == expected


def _truncate(path: Path) -> None:
    """Cut the file to half its bytes after the driver probed it whole (damaged on shared storage)."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_bad_file_fails_as_locally_and_the_other_lands(ray_cluster, clips, tiny_embedder, tmp_path):
    bad = truncated(tmp_path / "bad.mp4", keep=0.4)
    [local] = ingest([bad], tmp_path / "local", tiny_embedder)
    results = ingest_on_ray([bad, clips[0]], tmp_path / "lib", tiny_embedder)
    assert [r.status for r in results] == ["failed", "added"]
    assert results[0].error == local.error and "truncated" in local.error

    # A file that breaks in the worker (probed whole, damaged before its decode): the same specific error.
    damaged = truncated(tmp_path / "damaged.mp4", keep=1.0, faststart=True)  # whole, its index up front
    results = ingest_on_ray([damaged], tmp_path / "lib", tiny_embedder, worker_hook=_truncate)
    assert results[0].status == "failed"
    assert results[0].error.startswith(f"{damaged}: the video is truncated"), results[0].error
    assert [v.path for v in Library.open(tmp_path / "lib").videos()] == [str(clips[0].resolve())]


def test_the_cli_ingests_on_ray(ray_cluster, clips, local_library, capsys, tmp_path) -> None:
    code, out, err = run(capsys, "ingest", *map(str, clips), "--library", str(tmp_path / "lib"),
                         "--clip-model", "tiny-random", "--ray")
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()[:2]] == ["added", "added"]
    assert "2 lines (sidecar single.en.srt)" in out
    assert_same_library(tmp_path / "lib", local_library)

    code, _, err = run(capsys, "ingest", "--ray", *map(str, clips), "--library", str(tmp_path / "x"))
    assert code == 2 and "--ray=ADDRESS" in err


NO_RAY = """
import sys
from ui.cli import main
code = main(["ingest", sys.argv[1], "--library", sys.argv[2], "--clip-model", "tiny-random", "--no-faces"])
assert code == 0 and "ray" not in sys.modules, (code, sorted(m for m in sys.modules if m.startswith("ray")))
sys.modules["ray"] = None  # as if the extra were not installed
sys.exit(main(["ingest", sys.argv[1], "--library", sys.argv[2], "--ray"]))
"""


def test_without_ray_nothing_imports_it_and_asking_for_it_names_the_extra(clips, tmp_path) -> None:
    done = subprocess.run([sys.executable, "-c", NO_RAY, str(clips[0]), str(tmp_path / "lib")], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "PERSONALCUT_RAY": ""})
    assert done.returncode == 2, done.stderr
    assert "pip install 'personalcut[ray]'" in done.stderr
