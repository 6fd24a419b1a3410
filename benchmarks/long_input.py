"""A >= 10-minute 720p H.264 + AAC benchmark input made from the real clips in ``../shared/media``.

Built once and cached at ``benchmarks/results/long_720p.mp4``: each clip is normalised to one
segment (1280x720 letterboxed, square pixels, 24 fps, stereo AAC, silence where a clip has none),
then the segments are joined with the concat demuxer (no second encode), looping the list until
the total reaches ``MIN_SECONDS``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.atomic import atomic_path  # noqa: E402
from index.ffmpeg_bin import ffmpeg_exe  # noqa: E402

MEDIA_DIR = Path(os.environ.get("PERSONALCUT_MEDIA", ROOT.parent / "shared" / "media"))
RESULTS = ROOT / "benchmarks" / "results"
MIN_SECONDS = 610.0
VIDEO_SUFFIXES = {".mp4", ".webm", ".mpg", ".avi", ".mkv", ".mov"}


def _ffmpeg(args: list[str]) -> None:
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg failed: {' '.join(cmd)}\n{proc.stderr}")


def _duration(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / 1_000_000


def _normalise(src: Path, dst: Path, width: int = 1280, height: int = 720) -> None:
    """Re-encode one clip to the common size/24 fps/AAC format the concat demuxer needs (720p unless
    told); anamorphic pixels are squared first, so a 2.4:1 film stays 2.4:1 inside the letterbox, and
    the first frame is at 0 (a source that starts late would leave a hole in the joined video)."""
    with av.open(str(src)) as container:
        has_audio = bool(container.streams.audio)
    vf = (f"scale=trunc(iw*sar/2)*2:ih,scale={width}:{height}:force_original_aspect_ratio=decrease,"
          f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=24,format=yuv420p,setpts=PTS-STARTPTS")
    audio_in = [] if has_audio else ["-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo"]
    with atomic_path(dst) as tmp:
        _ffmpeg([
            "-i", str(src), *audio_in, "-map", "0:v:0", "-map", "0:a:0" if has_audio else "1:a:0",
            "-vf", vf, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
            "-c:a", "aac", "-ar", "44100", "-ac", "2", "-shortest", "-f", "mp4", str(tmp),
        ])


def long_input_720p() -> Path:
    """Path of the cached >= 10-minute 720p H.264 + AAC concatenation (built on first call)."""
    target = RESULTS / "long_720p.mp4"
    if target.exists():
        return target
    sources = sorted(p for p in MEDIA_DIR.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES)
    if not sources:
        raise FileNotFoundError(f"no real clips in {MEDIA_DIR} to build the benchmark input from")
    parts_dir = RESULTS / "long_parts"
    parts = []
    for src in sources:
        part = parts_dir / f"{src.stem}.mp4"
        if not part.exists():
            _normalise(src, part)
        parts.append((part, _duration(part)))
    playlist, total = [], 0.0
    while total < MIN_SECONDS:
        for part, seconds in parts:
            playlist.append(part)
            total += seconds
            if total >= MIN_SECONDS:
                break
    listing = parts_dir / "concat.txt"
    listing.write_text("".join(f"file '{p.resolve()}'\n" for p in playlist))
    with atomic_path(target) as tmp:
        _ffmpeg(["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", "-f", "mp4", str(tmp)])
    return target


if __name__ == "__main__":
    path = long_input_720p()
    print(f"{path} ({_duration(path):.1f} s)")
