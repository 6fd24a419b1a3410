"""Feature-film ingest: shot detection in windows gives the whole-video answer, memory stays flat as the
video gets longer, and an ingest killed mid-film resumes at its last checkpoint with the same result."""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import sysconfig
import textwrap
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from index import checkpoint_store, fingerprint_store, store
from index.analyze import ShotStream
from index.db import connect
from index.decode import decode
from index.ingest import ingest
from index.probe import probe
from index.shot_detect import detect_boundaries
from index.shot_stream import StreamingShotDetector
from index.sweep import sweep_library
from tests import media_factory
from tests.media_factory import SHARED_MEDIA, run_ffmpeg

ROOT = Path(__file__).resolve().parents[2]


def long_video(path: Path, minutes: float, size: str = "64x36", fps: int = 12) -> Path:
    """A generated video with a hard colour cut every 3.7 s (the hue jumps) and a tone, ``minutes`` long."""
    seconds = round(minutes * 60)
    run_ffmpeg(["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={fps}:duration={seconds},"
                f"hue=h=floor(t/3.7)*97,format=yuv420p", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-c:a", "aac", "-shortest", str(path)])
    return path


def streamed(features: np.ndarray, fps: float, window: int, margin: int) -> list[int]:
    detector = StreamingShotDetector(fps, window=window, margin=margin)
    found = []
    for index, feature in enumerate(features):
        found += detector.push(index, feature)
    return [b.frame for b in found + detector.finish()]


REAL = ["tears_of_steel_battle_clip_800x332.webm"]  # 24 cuts, fades and dissolves in 40 s


@pytest.mark.parametrize("make", ["hard_cuts", "fade_through_black", "dissolve", "flashes", *REAL])
def test_windowed_detection_finds_the_whole_video_boundaries(tmp_path: Path, make: str) -> None:
    if make in REAL:
        path = SHARED_MEDIA / make
        if not path.exists():
            pytest.skip("shared media not present")
    else:
        path = getattr(media_factory, make)(tmp_path / f"{make}.mp4").path
    info = probe(path)
    features, fps = decode(path, info).features, float(info.fps)
    whole = [b.frame for b in detect_boundaries(features, fps)]
    assert whole or make == "flashes"
    # Windows far shorter than a transition's context, and ones that end inside transitions (window 7
    # ends at frame 56, inside the generated fade's black run).
    for window, margin in [(7, 30), (23, 0), (64, 16)]:
        assert streamed(features, fps, window, margin) == whole, (window, margin)


_STDLIB = sysconfig.get_paths()["stdlib"]


def _peak_stream_bytes(path: Path, library: Path) -> tuple[int, int]:
    """The stream's peak traced memory, less what the standard library still holds once it is done.

    That part is the interpreter's own tables growing, not the stream's: pathlib interns every path part
    (each thumbnail's name), and the interned-string table's one-off resize can cost more than the claim's
    margin in a worker that has imported gradio and torch (a CI run saw 15 MB on the long video only)."""
    info = probe(path)
    tracemalloc.start()
    try:
        shots = sum(len(batch) for batch in ShotStream(path, info, library))
        peak = tracemalloc.get_traced_memory()[1]
        gc.collect()
        kept = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, f"{_STDLIB}/*")])
        return peak - sum(stat.size for stat in kept.statistics("filename")), shots
    finally:
        tracemalloc.stop()


def test_analysis_memory_does_not_grow_with_length(tmp_path: Path) -> None:
    """5 and 20 minutes: the whole-video feature stack would differ by ~21 MB; the stream's peak must not.

    At 6 fps (half the frames of the other long-video tests: the suite's time, not the claim, decides)."""
    fps = 6
    short_peak, short_shots = _peak_stream_bytes(long_video(tmp_path / "5.mp4", 5, fps=fps), tmp_path / "a")
    long_peak, long_shots = _peak_stream_bytes(long_video(tmp_path / "20.mp4", 20, fps=fps), tmp_path / "b")
    assert short_shots == pytest.approx(5 * 60 / 3.7, abs=2)
    assert long_shots == pytest.approx(20 * 60 / 3.7, abs=2)
    stack_growth = (20 - 5) * 60 * fps * 27 * 48 * 3  # bytes the extra 15 minutes of feature images take
    assert long_peak - short_peak < stack_growth / 8, (short_peak, long_peak)


_KILLED_INGEST = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    import index.ingest, index.shot_stream
    from index.clip_factory import create_embedder
    from index.ingest import ingest

    # Often and early, so a short video shows it (the results do not depend on either).
    index.ingest.CHECKPOINT_SECONDS, index.shot_stream.WINDOW_SECONDS = 30.0, 20.0

    def progress_factory(path):
        def report(stage, done, total):
            if stage == "decode" and total and done >= 0.8 * total:
                os.kill(os.getpid(), signal.SIGKILL)  # no clean-up at all, as a crash or power cut
        return report

    ingest([sys.argv[1]], sys.argv[2], create_embedder("tiny-random"), progress_factory, faces=False)
    raise SystemExit("the ingest finished before it was killed")
""")


def _library_state(library: Path, video_id: str, dim: int) -> tuple[list, np.ndarray, np.ndarray]:
    with contextlib.closing(connect(library)) as conn:
        fingerprint = fingerprint_store.get(conn, video_id)
        assert fingerprint is not None
        vectors = store.video_vectors(conn, video_id, dim)[1]
        return store.shots(conn, video_id), vectors, fingerprint.shot_hashes


def test_a_killed_ingest_resumes_at_its_last_checkpoint(tmp_path: Path, tiny_embedder) -> None:
    video = long_video(tmp_path / "film.mp4", 3)
    killed = tmp_path / "killed"
    proc = subprocess.run([sys.executable, "-c", _KILLED_INGEST, str(video), str(killed), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr[-2000:]
    info = probe(video)
    with contextlib.closing(connect(killed)) as conn:
        assert store.video(conn, info.id) is None  # nothing half-stored in the library itself
        assert checkpoint_store.pending_videos(conn) == {info.id}
        parts = conn.execute("SELECT COUNT(*) FROM ingest_checkpoints").fetchone()[0]
    assert parts >= 2  # a checkpoint every 30 s of video
    sweep_library(killed)  # the next start's sweep keeps the images the checkpoint refers to
    assert any((killed / "thumbs" / info.id).iterdir())

    first_decode: list[int] = []

    def progress_factory(_path: Path):
        def report(stage: str, done: int, _total: int) -> None:
            if stage == "decode" and not first_decode:
                first_decode.append(done)
        return report

    resumed = ingest([video], killed, tiny_embedder, progress_factory, faces=False)[0]
    assert resumed.status == "added", resumed.error
    assert first_decode[0] >= parts * 30 * 12  # decoding began where it had stopped

    assert ingest([video], tmp_path / "whole", tiny_embedder, faces=False)[0].status == "added"
    dim = tiny_embedder.dim
    got, expected = _library_state(killed, info.id, dim), _library_state(tmp_path / "whole", info.id, dim)
    assert got[0] == expected[0]  # the same shots: frames, times, keyframes, thumbnails
    assert got[1].shape == expected[1].shape and np.allclose(got[1], expected[1], atol=1e-5)
    assert np.array_equal(got[2], expected[2])
    with contextlib.closing(connect(killed)) as conn:
        assert checkpoint_store.pending_videos(conn) == set()


def test_a_checkpoint_of_another_model_is_not_used(tmp_path: Path, tiny_embedder) -> None:
    video = long_video(tmp_path / "film.mp4", 1)
    library = tmp_path / "lib"
    info = probe(video)
    ingest([video], library, tiny_embedder, faces=False)
    with contextlib.closing(connect(library)) as conn:
        shots = store.shots(conn, info.id)
        assert len(shots) > 10
    # A stale checkpoint from another model: loading drops it instead of mixing vector spaces.
    with contextlib.closing(connect(library)) as conn:
        stream = ShotStream(video, info, tmp_path / "scratch")
        batch = next(iter(stream))
        checkpoint_store.save(conn, info.id, "another-model|stream-v1", [p.shot for p in batch],
                              [np.zeros((len(p.keyframes), tiny_embedder.dim), np.float32) for p in batch],
                              [0] * len(batch), stream.state())
        assert checkpoint_store.load(conn, info.id, f"{tiny_embedder.model_id}|stream-v1",
                                     tiny_embedder.dim) is None
        assert checkpoint_store.pending_videos(conn) == set()
