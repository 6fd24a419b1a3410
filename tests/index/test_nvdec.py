"""The GPU decoder setting and the NV12 frames it hands back.

On a machine without CUDA (CI) the setting's checks and the NV12 thumbnail run; the GPU decode itself is
compared with the CPU's where NVDEC is there (the device run), and skipped elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from index import nvdec
from index.analyze import analyze
from index.decode import FrameReader, decode, feature_image
from index.ingest import ingest
from index.probe import probe
from tests import media_factory


@pytest.fixture(autouse=True)
def fresh_check():
    nvdec.cuda_unavailable.cache_clear()
    yield
    nvdec.cuda_unavailable.cache_clear()
    nvdec.use_decoder("auto")  # the process's setting, as every other test expects it


def _frame(width: int, height: int, fmt: str, seed: int = 0) -> av.VideoFrame:
    """A textured picture (smooth gradients plus noise, so every shrink path has detail to average)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * 255 // max(1, width - 1)), (y * 255 // max(1, height - 1)),
                    ((x + y) % 256)], axis=-1).astype(np.int16)
    rgb = np.clip(rgb + rng.integers(-40, 40, rgb.shape), 0, 255).astype(np.uint8)
    return av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format=fmt)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (512, 120), (160, 90)])
def test_nv12_thumbnail_equals_its_planar_twin(size: tuple[int, int]) -> None:
    planar = _frame(*size, "yuv420p")
    nv12 = planar.reformat(format="nv12")  # the same samples, U and V interleaved
    assert nv12.format.name == "nv12"
    expected = feature_image(planar)
    got = feature_image(nv12)
    assert got.shape == expected.shape == (27, 48, 3)
    np.testing.assert_array_equal(got, expected)


def test_a_setting_that_is_not_a_choice_is_an_error() -> None:
    with pytest.raises(ValueError, match="PERSONALCUT_DECODE='gpu': use one of auto, cpu, cuda"):
        nvdec.use_decoder("gpu")
    assert nvdec.decode_choice() == "auto"  # the setting before stays


def test_cpu_setting_never_asks_the_driver() -> None:
    nvdec.use_decoder(" CPU ")
    assert nvdec.hwaccel() is None
    assert nvdec.cuda_unavailable.cache_info().currsize == 0


def test_auto_takes_nvdec_only_with_few_cores(monkeypatch) -> None:
    """Measured: one NVDEC session beats the CPU decoder on 2 cores and loses to it on 16."""
    nvdec.use_decoder("auto")
    monkeypatch.setattr(nvdec, "cuda_unavailable", lambda: None)  # as on a machine with a GPU
    monkeypatch.setattr(nvdec, "usable_cpus", lambda: 2)
    accel = nvdec.hwaccel()
    assert accel is not None and accel.allow_software_fallback
    monkeypatch.setattr(nvdec, "usable_cpus", lambda: 16)
    assert nvdec.hwaccel() is None
    nvdec.use_decoder("cuda")  # asked for by name: whatever the cores
    assert nvdec.hwaccel() is not None


def test_asking_for_cuda_without_it_says_why() -> None:
    if nvdec.cuda_unavailable() is None:
        pytest.skip("NVDEC works here")
    nvdec.use_decoder("cuda")
    with pytest.raises(nvdec.DecoderUnavailable, match="PERSONALCUT_DECODE=cuda, but NVDEC cannot be used: "):
        nvdec.hwaccel()


def test_auto_without_cuda_decodes_on_the_cpu(tmp_path: Path, tiny_embedder) -> None:
    if nvdec.cuda_unavailable() is None:
        pytest.skip("NVDEC works here")
    nvdec.use_decoder(None)
    clip = media_factory.hard_cuts(tmp_path / "cuts.mp4")
    reader = FrameReader(clip.path, probe(clip.path))
    assert sum(1 for _ in reader) == clip.frames
    assert reader.hardware is False
    [result] = ingest([clip.path], tmp_path / "library", tiny_embedder, faces=False)
    assert result.status == "added" and result.decoder == "cpu"  # what `ingest` reports per file


@pytest.mark.skipif(nvdec.cuda_unavailable() is not None, reason="needs NVDEC (a CUDA GPU and PyAV 14+)")
def test_nvdec_decode_matches_the_cpu(tmp_path: Path) -> None:
    """The GPU decoder applies H.264's deblocking filter that the CPU pass skips, so pixels move by a level
    or so; the frames, their times and the cuts must be the same."""
    clip = media_factory.hard_cuts(tmp_path / "cuts.mp4")
    info = probe(clip.path)
    nvdec.use_decoder("cpu")
    cpu = decode(clip.path, info)
    cpu_shots = [(s.start, s.end) for s in analyze(clip.path, info, tmp_path / "t1").shots]
    nvdec.use_decoder("cuda")
    reader = FrameReader(clip.path, info)
    frames = list(reader)
    assert reader.hardware is True
    assert frames[0].frame.format.name == "nv12"
    gpu = decode(clip.path, info)
    np.testing.assert_array_equal(gpu.pts, cpu.pts)
    assert np.abs(gpu.features.astype(int) - cpu.features.astype(int)).mean() < 2.0
    on_gpu = analyze(clip.path, info, tmp_path / "t2")
    assert [(s.start, s.end) for s in on_gpu.shots] == cpu_shots
    assert on_gpu.decoder == "nvdec"


def test_the_face_stage_sees_the_same_faces_in_nv12_frames(tmp_path: Path) -> None:
    """The face sampler rides on the decode pass: with NVDEC its frames are NV12."""
    pytest.importorskip("dlib")
    from index.face_scan import FaceSampler
    from tests.media_factory import FaceShot, face_shots

    clip = face_shots(tmp_path / "faces.mp4", (FaceShot("collins"), FaceShot("hopper", pan=1)))
    info = probe(clip.path)
    analysis = analyze(clip.path, info, tmp_path / "thumbs")
    starts = [float(s.start) for s in analysis.shots[1:]]
    planar, nv12 = FaceSampler(info, starts), FaceSampler(info, starts)
    reader = FrameReader(clip.path, info)
    for item in reader:
        seconds = float(reader.time(item.rel))
        planar.offer(item.frame, seconds, item.feature)
        converted = item.frame.reformat(format="nv12")
        nv12.offer(converted, seconds, feature_image(converted))
    tracks = {name: sampler.tracks(analysis.shots) for name, sampler in (("planar", planar), ("nv12", nv12))}
    assert len(tracks["planar"]) >= 2  # both people found
    assert [(t.shot_index, len(t.faces)) for t in tracks["nv12"]] == \
        [(t.shot_index, len(t.faces)) for t in tracks["planar"]]
    for a, b in zip(tracks["planar"], tracks["nv12"], strict=True):
        assert np.allclose([f.detection.box for f in a.faces], [f.detection.box for f in b.faces], atol=2)
        # swscale rounds NV12's chroma a little differently on the way to RGB: the descriptors move by ~0.1,
        # far inside one person (the clustering joins faces within 0.5).
        assert float(np.linalg.norm(a.best[0].descriptor - b.best[0].descriptor)) < 0.25
    collins, hopper = tracks["planar"][0].best[0], tracks["nv12"][-1].best[0]
    assert float(np.linalg.norm(collins.descriptor - hopper.descriptor)) > 0.5  # the two stay apart


def test_a_gpu_open_that_fails_falls_back_to_the_cpu(tmp_path: Path, monkeypatch) -> None:
    """A driver that goes away between the check and the open (or a file NVDEC refuses) costs nothing."""
    if nvdec.cuda_unavailable() is None:
        pytest.skip("NVDEC works here: the open would not fail")
    from av.codec.hwaccel import HWAccel

    monkeypatch.setattr(nvdec, "hwaccel", lambda: HWAccel("cuda", allow_software_fallback=True))
    clip = media_factory.hard_cuts(tmp_path / "cuts.mp4")
    reader = FrameReader(clip.path, probe(clip.path))
    assert sum(1 for _ in reader) == clip.frames
    assert reader.hardware is False
