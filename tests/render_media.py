"""Generated media for the renderer tests: frames that carry their own number, in several codecs.

Each frame shows its number as a row of black/white blocks (bit i = block i), big enough to read back
reliably after lossy encoding, so a test can check exactly which source frames a render kept.
"""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from assistant.timeline.model import Clip, Timeline
from index.ffmpeg_bin import ffmpeg_exe
from index.shot import VideoInfo
from tests.media_factory import SHARED_MEDIA

BITS = 10
WIDTH, HEIGHT = 320, 180
MEDIA = SHARED_MEDIA


def ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def numbered_video(
    path: Path, *, seconds: float = 4, fps: str = "25", size: tuple[int, int] = (WIDTH, HEIGHT),
    codec: list[str] | None = None, audio: bool = True, sar: str = "1", clicks: bool = False,
) -> Path:
    """A clip whose frame N shows N in binary blocks across the top half (cached by path).

    With ``clicks`` the audio is silence with a 10 ms tone burst at every whole second, so a test can
    find where each second of the source landed in a render's audio.
    """
    if path.exists():
        return path
    w, h = size
    block = w // BITS
    pattern = (f"geq=lum='if(lt(Y,{h // 2}),if(mod(floor(N/pow(2,floor(X/{block}))),2),235,16),128)'"
               ":cb=128:cr=128")
    args = ["-f", "lavfi", "-i", f"color=c=gray:s={w}x{h}:r={fps}:d={seconds},{pattern},setsar={sar}"]
    if clicks:
        burst = "if(lt(mod(t,1),0.01),0.8*sin(2*PI*1000*t),0)"
        args += ["-f", "lavfi", "-i", f"aevalsrc='{burst}':s=44100:d={seconds}"]
    elif audio:
        args += ["-f", "lavfi", "-i", f"sine=f=440:r=44100:d={seconds}", "-ac", "1"]
    codec = codec or ["-c:v", "libx264", "-preset", "veryfast", "-g", "12", "-keyint_min", "12", "-bf", "2",
                      "-pix_fmt", "yuv420p"]
    audio_codec = ["-c:a", "libvorbis"] if path.suffix == ".webm" else ["-c:a", "aac"]
    ffmpeg(*args, *codec, *(audio_codec if audio else []), "-shortest", str(path))
    return path


def read_numbers(path: Path, size: tuple[int, int] | None = None) -> list[int]:
    """Decode a file and read every frame's number back (the pattern may be letterboxed inside)."""
    numbers = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            gray = frame.to_ndarray(format="gray")
            numbers.append(_decode_pattern(gray, size))
    return numbers


def _decode_pattern(gray: np.ndarray, size: tuple[int, int] | None) -> int:
    h, w = gray.shape
    # Locate the pattern box: the source's aspect fitted into the frame, centred.
    sw, sh = size or (w, h)
    scale = min(w / sw, h / sh)
    bw, bh = sw * scale, sh * scale
    x0, y0 = (w - bw) / 2, (h - bh) / 2
    row = int(y0 + bh / 4)
    value = 0
    for bit in range(BITS):
        x = int(x0 + (bit + 0.5) * bw / BITS)
        if gray[row, x] > 128:
            value |= 1 << bit
    return value


class DictSource:
    """The MediaSource protocol over a dict, as the library would answer it."""

    def __init__(self, *videos: VideoInfo) -> None:
        self.videos = {v.id: v for v in videos}

    def video(self, video_id: str) -> VideoInfo:
        return self.videos[video_id]


def clip(video: VideoInfo, in_frame: int, out_frame: int, speed: float = 1.0) -> Clip:
    return Clip(video.id, in_frame, out_frame, in_frame / video.fps, out_frame / video.fps, speed=speed)


def timeline(*clips: Clip, **settings: object) -> Timeline:
    return Timeline(clips=tuple(clips), **settings)  # type: ignore[arg-type]


def click_times(path: Path) -> list[float]:
    """Seconds at which tone bursts start in a file's audio (after at least 0.1 s of silence)."""
    with av.open(str(path)) as container:
        rate = container.streams.audio[0].rate
        chunks = [f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)]
    samples = np.abs(np.concatenate(chunks))
    loud = np.flatnonzero(samples > 0.2)
    onsets = [int(i) for n, i in enumerate(loud) if n == 0 or i - loud[n - 1] > rate // 10]
    return [i / rate for i in onsets]


def stream_durations(path: Path) -> tuple[Fraction, Fraction]:
    with av.open(str(path)) as container:
        v, a = container.streams.video[0], container.streams.audio[0]
        return Fraction(v.duration) * v.time_base, Fraction(a.duration) * a.time_base
