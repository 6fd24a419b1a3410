"""Other editions of one film, made with ffmpeg, each with the truth of where a source frame lands in it.

A recipe made on the original must land every clip boundary on the right frame of each edition: another
resolution and codec, a 3.5 s leader (black and a logo), a PAL speed-up 24 -> 25 fps with the audio
resampled, a letterbox crop, and an edition missing a 4 s scene.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from assistant.plan.schema import EditPlan, KeepOnly, Query
from assistant.sessions.store import SessionStore
from assistant.timeline.apply import source_timeline
from assistant.timeline.model import Clip, Privacy, Reason, Timeline
from index.library import Library
from tests.media_factory import run_ffmpeg

LEADER_SECONDS = Fraction(7, 2)
CUT_FROM, CUT_TO = 10, 14  # seconds of the scene the short edition lacks
CUT = [(24, 100), (130, 200), (400, 460)]  # source frames at 24 fps, away from the removed scene
PLAN = EditPlan(ops=[KeepOnly(query=Query(text="the bars"))])
PRIVACY = Privacy(blur="all_but", people=(3, 5), aspect="9:16")


@dataclass(frozen=True)
class Edition:
    name: str
    path: Path
    fps: Fraction
    to_copy: Callable[[int], int | None]  # source frame -> copy frame (None: not in this edition)


def pink_noise(seed: int, seconds: int) -> str:
    """A lavfi source of 44.1 kHz pink noise: audio that never repeats, so alignment is well-posed."""
    return f"anoisesrc=color=pink:seed={seed}:amplitude=0.5:sample_rate=44100:duration={seconds}"


def film(path: Path, seconds: int = 20, fps: int = 24, seed: int = 7) -> Path:
    """A generated "film": four differently drawn shots with pink-noise audio (``seed`` picks it)."""
    part = seconds // 4
    sources = ("testsrc2", "smptebars", "testsrc", "rgbtestsrc")
    inputs: list[str] = []
    for name in sources:
        inputs += ["-f", "lavfi", "-i", f"{name}=size=320x180:rate={fps}"]
    inputs += ["-f", "lavfi", "-i", pink_noise(seed, part * 4)]
    graph = "".join(f"[{i}:v]trim=duration={part},setpts=PTS-STARTPTS,format=yuv420p,setsar=1[v{i}];"
                    for i in range(4))
    graph += "".join(f"[v{i}]" for i in range(4)) + "concat=n=4:v=1:a=0[v]"
    run_ffmpeg([*inputs, "-filter_complex", graph, "-map", "[v]", "-map", "4:a", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", str(fps), "-c:a", "aac", "-b:a", "128k", "-shortest", str(path)])
    return path


def _size(width: int, height: int) -> str:
    return f"{width}x{height}"


def reencoded(source: Path, out: Path, fps: Fraction) -> Edition:
    """Half the resolution, MPEG-4 Part 2 video and MP3 audio in Matroska."""
    run_ffmpeg(["-i", str(source), "-vf", "scale=trunc(iw/4)*2:trunc(ih/4)*2", "-c:v", "mpeg4", "-q:v", "5",
                "-c:a", "libmp3lame", "-b:a", "96k", str(out)])
    return Edition("reencoded", out, fps, lambda f: f)


def with_leader(source: Path, out: Path, fps: Fraction, width: int, height: int) -> Edition:
    """3.5 s of black with a logo (and silence) before the film."""
    leader = int(LEADER_SECONDS * fps)
    graph = (f"color=c=black:s={_size(width, height)}:r={fps}:d={float(LEADER_SECONDS)},"
             f"drawbox=x=iw/2-20:y=ih/2-20:w=40:h=40:color=yellow:t=fill,format=yuv420p,setsar=1[lv];"
             f"anullsrc=r=44100:cl=stereo,atrim=duration={float(LEADER_SECONDS)}[la];"
             f"[0:v]format=yuv420p,setsar=1[v0];[0:a]aresample=44100,aformat=channel_layouts=stereo[a0];"
             f"[lv][la][v0][a0]concat=n=2:v=1:a=1[v][a]")
    run_ffmpeg(["-i", str(source), "-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", str(out)])
    return Edition("leader", out, fps, lambda f: f + leader)


def pal_speedup(source: Path, out: Path, fps: Fraction) -> Edition:
    """Every frame played at 25 fps (4 % faster), the audio resampled along (pitch up), as PAL did.

    The source's audio must be 44.1 kHz (``asetrate`` names the rate it reinterprets).
    """
    pal = Fraction(25)
    speed = pal / fps
    run_ffmpeg(["-i", str(source), "-vf", f"setpts=PTS/({speed.numerator}/{speed.denominator})", "-r", "25",
                "-af", f"asetrate=44100*{speed.numerator}/{speed.denominator},aresample=44100",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(out)])
    return Edition("pal", out, pal, lambda f: f)


def letterbox_cropped(source: Path, out: Path, fps: Fraction) -> Edition:
    """Top and bottom eighth cropped away (a 16:9 frame cut down towards scope)."""
    run_ffmpeg(["-i", str(source), "-vf", "crop=iw:trunc(ih*3/8)*2:0:trunc(ih/16)*2", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", str(out)])
    return Edition("cropped", out, fps, lambda f: f)


def letterboxed(source: Path, out: Path, fps: Fraction) -> Edition:
    """The 16:9 picture inside a 4:3 frame with black bars above and below (a DVD-style letterbox)."""
    run_ffmpeg(["-i", str(source), "-vf", "pad=iw:trunc(iw*3/8)*2:0:(oh-ih)/2:black", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", str(out)])
    return Edition("letterboxed", out, fps, lambda f: f)


def scene_removed(source: Path, out: Path, fps: Fraction) -> Edition:
    """The edition without source seconds [10, 14)."""
    graph = (f"[0:v]trim=0:{CUT_FROM},setpts=PTS-STARTPTS[v1];"
             f"[0:a]atrim=0:{CUT_FROM},asetpts=PTS-STARTPTS[a1];"
             f"[0:v]trim={CUT_TO},setpts=PTS-STARTPTS[v2];[0:a]atrim={CUT_TO},asetpts=PTS-STARTPTS[a2];"
             f"[v1][a1][v2][a2]concat=n=2:v=1:a=1[v][a]")
    run_ffmpeg(["-i", str(source), "-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-c:v", "libx264",
                "-preset", "ultrafast", "-c:a", "aac", str(out)])
    first, last = int(CUT_FROM * fps), int(CUT_TO * fps)

    def to_copy(frame: int) -> int | None:
        if frame <= first:
            return frame
        return None if frame < last else frame - (last - first)

    return Edition("scene_removed", out, fps, to_copy)


def editions(source: Path, folder: Path, fps: Fraction, width: int, height: int) -> list[Edition]:
    return [
        reencoded(source, folder / "reencoded.mkv", fps),
        with_leader(source, folder / "leader.mp4", fps, width, height),
        pal_speedup(source, folder / "pal.mp4", fps),
        letterbox_cropped(source, folder / "cropped.mp4", fps),
        scene_removed(source, folder / "scene_removed.mp4", fps),
    ]


def make_cut(library: Path, video_id: str, frames: list[tuple[int, int]], turn: str) -> str:
    """A session on the video with one edit keeping ``frames`` (and a title with an escape sequence).

    Returns the edit's version id.
    """
    opened = Library.open(library)
    try:
        info = opened.video(video_id)
    finally:
        opened.close()
    sessions = SessionStore(library)
    session = sessions.create_session([video_id], timeline=source_timeline([info]))
    reason = Reason(query="the bars", signal="visual")
    clips = tuple(Clip(video_id, first, end, Fraction(first) / info.fps, Fraction(end) / info.fps, reason)
                  for first, end in frames)
    version = sessions.add_version(session, sessions.session(session).current_version_id,
                                   Timeline(clips=clips, title="Bars\x1b[31m only"), turn=turn, note="kept")
    return version.id


def add_cut(library: Path, frames: list[tuple[int, int]], turn: str, plan: EditPlan | None = None,
            each: Callable[[int, Clip], Clip] | None = None, **settings: Any) -> str:
    """A version of the library's one video keeping ``frames`` (``each`` reshapes clip ``n``), made by
    ``plan`` in a new session; ``settings`` are the timeline's (privacy, fades, ...)."""
    opened = Library.open(library)
    try:
        [info] = opened.videos()
    finally:
        opened.close()
    sessions = SessionStore(library)
    session = sessions.create_session([info.id], timeline=source_timeline([info]))
    clips = tuple(Clip(info.id, a, b, Fraction(a) / info.fps, Fraction(b) / info.fps) for a, b in frames)
    if each is not None:
        clips = tuple(each(n, clip) for n, clip in enumerate(clips))
    return sessions.add_version(session, sessions.session(session).current_version_id,
                                Timeline(clips=clips, **settings), turn=turn, plan=plan).id


def cut_with_plan(library: Path, frames: list[tuple[int, int]], turn: str = "only the bars, blurred",
                  plan: EditPlan = PLAN) -> str:
    """A version of the library's one video keeping ``frames``, made by ``plan``, with ``PRIVACY`` set."""
    return add_cut(library, frames, turn, plan, privacy=PRIVACY)
