"""Export stays frame-exact at film length: a cut from the last minutes of a 10-minute source.

The generated source (23.976 fps, 10-second GOPs with B-frames, a tone burst at every whole second)
shows its own frame number as 16 black/white blocks, so every frame of an export can be named. Both
export paths must give exactly the planned frames (none missing, none doubled, none off by one at any
edge), the smart cut's copied frames must be the source's own (decoded, pixel for pixel), its
re-encoded ones close to them, and the audio must stay on the picture to a quarter frame.
"""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from assistant.render import smart_cut
from assistant.render.mp4 import render
from index.ffmpeg_bin import ffmpeg_exe
from index.probe import probe
from index.shot import VideoInfo
from tests.render_media import DictSource, click_times, clip, stream_durations, timeline

FPS = Fraction(24000, 1001)
FRAMES = 15_000  # 10 min 25.6 s
GOP = 250
BITS = 16
BLOCK = 16
WIDTH, HEIGHT = BITS * BLOCK, 64

# Near the end: heads inside long GOPs, a clip around a keyframe, one inside a single GOP, one that ends
# on the source's last frame; one from the start so the cut also jumps across the whole file.
RANGES = ((14013, 14413), (13999, 14501), (40, 70), (14620, 14760), (14711, 15000))


def _pattern(numbers: np.ndarray) -> np.ndarray:
    """Gray frames: frame N's top half shows N's bits as blocks (bit i = block i), the rest mid-gray."""
    bits = (numbers[:, None] >> np.arange(BITS)) & 1
    row = np.where(bits == 1, 235, 16).astype(np.uint8).repeat(BLOCK, axis=1)
    frames = np.full((len(numbers), HEIGHT, WIDTH), 128, np.uint8)
    frames[:, : HEIGHT // 2] = row[:, None, :]
    return frames


def _number(gray: np.ndarray) -> int:
    row = gray[HEIGHT // 4]
    return sum(1 << bit for bit in range(BITS) if row[bit * BLOCK + BLOCK // 2] > 128)


@pytest.fixture(scope="module")
def long_source(tmp_path_factory: pytest.TempPathFactory) -> VideoInfo:
    """The numbered source, made once: frames piped from numpy (a geq pattern would take 10 s)."""
    path = tmp_path_factory.mktemp("long-export") / "long_numbered.mp4"
    seconds = float(FRAMES / FPS)
    burst = "if(lt(mod(t,1),0.01),0.8*sin(2*PI*1000*t),0)"
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", "gray", "-s", f"{WIDTH}x{HEIGHT}", "-framerate", "24000/1001",
           "-i", "pipe:0", "-f", "lavfi", "-i", f"aevalsrc='{burst}':s=44100:d={seconds:.4f}",
           "-c:v", "libx264", "-preset", "veryfast", "-bf", "3",
           "-x264-params", f"keyint={GOP}:min-keyint={GOP}:scenecut=0", "-pix_fmt", "yuv420p",
           "-c:a", "aac", str(path)]
    with subprocess.Popen(cmd, stdin=subprocess.PIPE) as proc:
        assert proc.stdin is not None
        for first in range(0, FRAMES, 1000):
            proc.stdin.write(_pattern(np.arange(first, min(first + 1000, FRAMES))).tobytes())
        proc.stdin.close()
    assert proc.returncode == 0
    video = probe(path)
    assert (video.fps, video.frame_count) == (FPS, FRAMES)
    return video


def _decoded(path: Path, seek: Fraction = Fraction(0)) -> list[np.ndarray]:
    """Every frame's luma (from the keyframe before ``seek`` on)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if seek:
            container.seek(int(seek / stream.time_base), stream=stream, backward=True)
        return [frame.to_ndarray(format="gray") for frame in container.decode(stream)]


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255**2 / mse)


@pytest.mark.parametrize("method", ["smart_cut", "reencode"])
def test_a_cut_from_the_end_of_a_long_source_is_frame_exact(
    long_source: VideoInfo, tmp_path: Path, method: str,
) -> None:
    video = long_source
    tl = timeline(*(clip(video, a, b) for a, b in RANGES))
    smart = method == "smart_cut"
    pieces = smart_cut.plan_pieces(tl, {video.id: video})
    if smart:  # the cut really mixes copied and re-encoded frames, the last ones up to the source's end
        assert smart_cut.eligible(tl, {video.id: video})
        assert any(p.copy for p in pieces) and any(not p.copy for p in pieces)
        assert pieces[-1].clip.out_frame == FRAMES
    out = render(tl, DictSource(video), tmp_path / "cut.mp4", allow_smart_cut=smart)

    frames = _decoded(out)
    expected = [n for a, b in RANGES for n in range(a, b)]
    assert [_number(f) for f in frames] == expected
    video_s, audio_s = stream_durations(out)  # (the MP4's time scale cannot hold 1001/24000 s exactly)
    assert abs(video_s - tl.duration) < 1 / (10 * FPS) and abs(audio_s - video_s) < 1 / FPS

    # The last clips, pixel for pixel against the source decoded the same way.
    source = _decoded(Path(video.path), seek=Fraction(13750) / FPS)  # a keyframe before the first of them
    first_shown = _number(source[0])
    copied = {n for p in pieces if p.copy for n in range(p.clip.in_frame, p.clip.out_frame)}
    checked = 0
    for got, n in zip(frames, expected, strict=True):
        if n < first_shown:
            continue
        want = source[n - first_shown]
        if smart and n in copied:
            assert np.array_equal(got, want), f"copied frame {n} differs from the source's"
        else:
            assert _psnr(got, want) > 35, f"frame {n} re-encoded badly"
        checked += 1
    assert checked == len([n for n in expected if n >= first_shown]) > 1000

    # Sound stays on the picture: every whole second's tone burst lands where that second's frame did.
    bursts, offset = [], Fraction(0)  # (no clip edge is within 80 ms of a whole second)
    for a, b in RANGES:
        seconds = [k for k in range(int(a / FPS) + 1, int(b / FPS) + 1) if k < b / FPS]
        bursts += [float(offset + k - a / FPS) for k in seconds]
        offset += (b - a) / FPS
    found = click_times(out)
    assert len(found) == len(bursts) > 30
    assert max(abs(f - e) for f, e in zip(found, bursts, strict=True)) < 0.25 / float(FPS)
