"""Small generated test clips (ffmpeg lavfi) with known shot boundaries and known defects.

Every generator writes one file and returns a ``Clip`` that says where its boundaries are, so tests
compare detector output with ground truth instead of with a previous run. Clips are tiny (160x90,
a few seconds) to keep the suite fast on two cores. Other test modules import these freely.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from index.ffmpeg_bin import ffmpeg_exe

# The team's shared folder sits beside the checkout (../shared): real clips and eval annotations.
# Tests that use them skip when it is absent.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_MEDIA = SHARED / "media"

SIZE = "160x90"
FPS = 25

# Visually distinct lavfi sources; testsrc2 and mandelbrot move, so "no change" is not trivially true.
SOURCES = (
    "testsrc2",
    "smptebars",
    "mandelbrot",
    "color=c=0xC03020",
    "testsrc",
    "rgbtestsrc",
    "color=c=0x2040D0",
)


@dataclass(frozen=True)
class Clip:
    """A generated file and its ground truth (frame numbers at ``fps``)."""

    path: Path
    fps: int
    frames: int
    cuts: tuple[int, ...] = ()  # first frame of each new shot after a hard cut
    transitions: tuple[tuple[int, int], ...] = field(default=())  # [first, last] frame of each gradual one


def run_ffmpeg(args: list[str]) -> None:
    """Run ffmpeg quietly; raise with its stderr on failure so a broken fixture says why."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")


def _source(name: str, frames: int, fps: int = FPS, size: str = SIZE) -> str:
    sep = ":" if "=" in name else "="
    return f"{name}{sep}size={size}:rate={fps},trim=end_frame={frames},setpts=PTS-STARTPTS,format=yuv420p"


def _encode(path: Path, graph: str, extra: list[str] | None = None) -> None:
    run_ffmpeg([
        "-f", "lavfi", "-i", "nullsrc", "-filter_complex", graph, "-map", "[v]",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", *(extra or []), str(path),
    ])


def hard_cuts(path: Path, lengths: tuple[int, ...] = (40, 30, 50, 35), fps: int = FPS) -> Clip:
    """Shots of ``lengths`` frames from different sources, joined by hard cuts."""
    parts = [f"{_source(SOURCES[i % len(SOURCES)], n, fps)}[s{i}]" for i, n in enumerate(lengths)]
    joined = "".join(f"[s{i}]" for i in range(len(lengths)))
    graph = ";".join(parts) + f";{joined}concat=n={len(lengths)}:v=1:a=0[v]"
    _encode(path, graph, ["-r", str(fps)])
    cuts = tuple(sum(lengths[:i]) for i in range(1, len(lengths)))
    return Clip(path, fps, sum(lengths), cuts=cuts)


def fade_through_black(path: Path, a: int = 50, fade: int = 12, b: int = 50, fps: int = FPS) -> Clip:
    """Shot A fades out to black over ``fade`` frames, then shot B fades in over ``fade`` frames."""
    graph = (
        f"{_source('testsrc2', a, fps)},fade=t=out:start_frame={a - fade}:nb_frames={fade}[a];"
        f"{_source('smptebars', b, fps)},fade=t=in:start_frame=0:nb_frames={fade}[b];"
        "[a][b]concat=n=2:v=1:a=0[v]"
    )
    _encode(path, graph, ["-r", str(fps)])
    return Clip(path, fps, a + b, transitions=((a - fade, a + fade - 1),))


def dissolve(path: Path, a: int = 50, overlap: int = 15, b: int = 50, fps: int = FPS) -> Clip:
    """Cross-dissolve (xfade) from shot A to shot B over ``overlap`` frames."""
    graph = (
        f"{_source('testsrc2', a, fps)}[a];{_source('mandelbrot', b, fps)}[b];"
        f"[a][b]xfade=transition=fade:duration={overlap / fps}:offset={(a - overlap) / fps}[v]"
    )
    _encode(path, graph, ["-r", str(fps)])
    return Clip(path, fps, a + b - overlap, transitions=((a - overlap, a - 1),))


def single_shot(path: Path, frames: int = 75, fps: int = FPS, audio: bool = False) -> Clip:
    """One moving shot; with ``audio`` a sine track too (mp4/AAC)."""
    args = ["-f", "lavfi", "-i", f"testsrc2=size={SIZE}:rate={fps}"]
    if audio:
        args += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050", "-shortest", "-c:a", "aac"]
    run_ffmpeg([
        *args, "-frames:v", str(frames),
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path),
    ])
    return Clip(path, fps, frames)


def flashes(path: Path, frames: int = 100, flash_at: tuple[int, ...] = (30, 65), fps: int = FPS) -> Clip:
    """One shot with single-frame white flashes (camera flashes, lightning): no boundary expected."""
    expr = "+".join(f"eq(n,{f})" for f in flash_at)
    graph = f"{_source('testsrc2', frames, fps)},lutyuv=y='clip(val+150,16,235)':enable='{expr}'[v]"
    _encode(path, graph, ["-r", str(fps)])
    return Clip(path, fps, frames)


def audio_only(path: Path, seconds: float = 1.0) -> Path:
    """An AAC-only MP4: a valid media file with nothing to cut."""
    run_ffmpeg(["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:a", "aac", str(path)])
    return path


def zero_duration(path: Path) -> Path:
    """A Y4M video with a valid header (160x90, 25 fps) and no frames: a video stream lasting 0 s.

    Muxers like MP4 refuse to write a video track without frames, so raw Y4M is the honest way
    to get a well-formed zero-length video.
    """
    path.write_text("YUV4MPEG2 W160 H90 F25:1 Ip A1:1 C420jpeg\n")
    return path


def truncated(path: Path, keep: float = 0.5, faststart: bool = False) -> Path:
    """An MP4 cut off after ``keep`` of its bytes, as an interrupted download leaves it.

    Without ``faststart`` the index (moov) is at the end and is lost; with it the index survives
    but points at frame data that is gone.
    """
    full = path.with_name(path.stem + ".full.mp4")
    run_ffmpeg([
        "-f", "lavfi", "-i", f"testsrc2=size={SIZE}:rate={FPS}", "-frames:v", "100",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        *(["-movflags", "+faststart"] if faststart else []), str(full),
    ])
    data = full.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    full.unlink()
    return path


def vfr(path: Path) -> Clip:
    """Variable frame rate: 12.5 fps for the first 2 s, then 25 fps, with a hard cut at 2 s (frame 25)."""
    graph = (
        f"{_source('testsrc2', 50, FPS)},select='not(mod(n\\,2))',setpts=N*2/{FPS}/TB[a];"
        f"{_source('smptebars', 50, FPS)}[b];[a][b]concat=n=2:v=1:a=0[v]"
    )
    _encode(path, graph, ["-fps_mode", "vfr", "-video_track_timescale", "1000"])
    return Clip(path, FPS, 75, cuts=(25,))


# Public-domain portraits that PyPI packages ship as data files (found without importing the packages, so
# their dependencies need not be installed): two different people for the face tests.
FACE_PHOTOS = {
    "collins": ("skimage", "data/astronaut.png"),  # Eileen Collins, NASA portrait (scikit-image)
    "hopper": ("matplotlib", "mpl-data/sample_data/grace_hopper.jpg"),  # Grace Hopper, US Navy (matplotlib)
}
FACE_SIZE = 320  # face clips are square: both portraits keep the whole face after a centre crop
FACE_FPS = 25


def face_photo(person: str) -> Path:
    """The portrait file of ``person`` (a FACE_PHOTOS key); says which package to install when absent."""
    import importlib.util

    package, relative = FACE_PHOTOS[person]
    spec = importlib.util.find_spec(package)
    path = (Path(next(iter(spec.submodule_search_locations))) / relative
            if spec is not None and spec.submodule_search_locations else None)
    if path is None or not path.is_file():
        raise FileNotFoundError(f"the portrait of {person} comes with the {package} wheel: "
                                "pip install --no-deps -r requirements-fixtures.txt")
    return path


@dataclass(frozen=True)
class FaceShot:
    """One shot of a face clip: whose portrait, for how long, and how the camera moves over it."""

    person: str
    seconds: float = 2.0
    mirrored: bool = False  # a flipped take, so a second video is not the same pixels
    pan: int = 0  # -1 drifts left, 1 drifts right, 0 zooms into the centre


def face_shots(path: Path, shots: tuple[FaceShot, ...]) -> Clip:
    """Portrait stills as a moving video (a slow zoom or pan per shot), joined by hard cuts."""
    inputs: list[str] = []
    parts: list[str] = []
    for i, shot in enumerate(shots):
        inputs += ["-i", str(face_photo(shot.person))]
        frames = round(shot.seconds * FACE_FPS)
        big = FACE_SIZE * 2  # zoompan rounds its window to whole pixels: work on a larger picture
        x = {0: "iw/2-(iw/zoom/2)", -1: f"(iw-iw/zoom)*(1-on/{frames})",
             1: f"(iw-iw/zoom)*on/{frames}"}[shot.pan]
        parts.append(
            f"[{i}:v]scale={big}:{big}:force_original_aspect_ratio=increase,crop={big}:{big}"
            f"{',hflip' if shot.mirrored else ''},"
            f"zoompan=z='1+0.1*on/{frames}':x='{x}':y='ih/2-(ih/zoom/2)':d={frames}:"
            f"s={FACE_SIZE}x{FACE_SIZE}:fps={FACE_FPS},setsar=1,format=yuv420p[s{i}]")
    joined = "".join(f"[s{i}]" for i in range(len(shots)))
    graph = ";".join(parts) + f";{joined}concat=n={len(shots)}:v=1:a=0[v]"
    run_ffmpeg([*inputs, "-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-r", str(FACE_FPS), str(path)])
    lengths = [round(s.seconds * FACE_FPS) for s in shots]
    return Clip(path, FACE_FPS, sum(lengths), cuts=tuple(sum(lengths[:i]) for i in range(1, len(lengths))))
