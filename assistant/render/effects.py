"""Render effects (face blur, reframe): ffmpeg decodes a clip's frames, numpy/OpenCV changes them, ffmpeg
encodes them through the same fitting chain as any clip, with the clip's own audio cut as usual.

An analysis of the clip's frames reduced to the face detector's working size (faces, tracks, who they
are, black bars, motion) decides every frame's blur regions and crop; the render then blurs and crops the
clip's picture as YUV 4:2:0 planes (the codecs' own layout: no colour conversion on either side of the
pipe, and half the bytes of RGB) and pipes them to the encoder. A clip not analysed yet is decoded once
(``render_with_effects``): the analysis looks at the render decoder's frames, shrunk here. Blurs
stream (a frame goes to the encoder once no later look can change its boxes, a few frames behind the
looks; by person, also once its faces are named: a track ``GUESS_LOOKS`` looks old by a guess, and a clip
whose guess the whole track overturns is rendered again); reframing keeps the frames until the analysis
is done. Waiting frames count against ``FRAME_BUDGET``: past it, the frames not yet encoded are decoded
again after the analysis. An analysis on its own (``analyse_for``) has a decoder of its own that drops
the frames not looked at. Whole-frame detections run in two threads. Shots come from the library (the
crop resets at cuts, a face box never survives one); who a face is comes from the ingest's named faces it
overlaps (``ingest_faces``), else from its dlib descriptor matched to the cast's tracks within the
clustering threshold. Analyses are remembered (per clip, source file and privacy key), so the export
after a preview only renders; decoders are read in a thread a few frames ahead, so decoding overlaps
detection and encoding.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import io
import os
import queue
import subprocess
import tempfile
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Protocol, cast

import cv2
import numpy as np

from assistant.render import graph as rg
from assistant.render import reframe
from assistant.render.blur import blur_yuv420
from assistant.render.face_boxes import (
    HOLD_FRAMES,
    SETTLE_FRAMES,
    SPREAD_FRAMES,
    WEAK_SCORE,
    FaceBoxBuilder,
    FaceTrack,
    KnownFace,
    look_frames,
    segments,
)
from assistant.render.ffmpeg import ProgressFn, RenderError
from assistant.timeline.model import Clip, Fades, Privacy
from index import cast_store
from index.cast_cluster import DEFAULT_SETTINGS
from index.child_process import kill_group, spawn
from index.db import connect
from index.face_detect import Detection, FaceDetector, working_size
from index.face_scan import FRAME_SHORT_SIDE_MAX
from index.ffmpeg_bin import ffmpeg_exe
from index.shot import Shot, VideoInfo

MATCH_DISTANCE = DEFAULT_SETTINGS.threshold  # a face is a cast character within the clustering's cut
EVERY_TRACK = 1 << 30  # ``nearest_tracks``' k when every track is wanted, nearest first
MOTION_SIDE = 64  # motion is measured on frames this wide
MOTION_LEVEL = 6.0  # mean |difference| (8-bit) of a column band that counts as movement
STDERR_TAIL = 2000
PIPE_BYTES = 1 << 20  # a frame pipe's buffer (Linux's default cap): 16x fewer wake-ups than 64 KiB
FRAME_BUFFER_BYTES = 512 << 20  # decoded frames renders may keep at once (``render_with_effects``)
WHOLE_LOOK_THREADS = 2  # whole-frame detections run side by side, each network on one OpenCV thread
LOOKS_IN_FLIGHT = 8  # looks waiting for their whole-frame detections before the analysis waits for them
PREFETCH = 4  # decoded frames read ahead of the one being processed
# Blurring by person streams a face's frames once its track has this many looks (~1 s), named from what
# it has so far; the whole track's name replaces the guess, and a clip whose guess it overturns is rendered
# again from the final analysis (what is written never rests on a guess).
GUESS_LOOKS = 12
ANALYSES_KEPT = 64  # clip analyses remembered (each a few arrays of per-frame boxes)

Region = tuple[int, int, int, int]  # x0, y0, x1, y1 in the clip's picture
Recognise = Callable[[list[tuple[np.ndarray, Detection]]], int | None]

_ANALYSES: OrderedDict[tuple, ClipEffects] = OrderedDict()  # least recently used first
_ANALYSES_LOCK = threading.Lock()


class EffectSource(Protocol):
    """What effects need from the library beyond the videos: its folder (the cast) and shots (cuts)."""

    dir: Path

    def video(self, video_id: str) -> VideoInfo: ...

    def shots(self, video_id: str) -> list[Shot]: ...


@dataclass(frozen=True)
class ClipEffects:
    """What the effects do to each frame of one clip: regions to blur, and the crop (None: whole picture)."""

    size: tuple[int, int]  # the decoded picture (display pixels, square)
    cuts: tuple[int, ...]  # clip-relative frames where a new shot starts
    blurred: tuple[np.ndarray, ...]  # per blurred face track, (frames, 4) x0, y0, x1, y1 (NaN: off screen)
    crop: np.ndarray | None  # (frames, 2) top-left corners
    crop_size: tuple[int, int]
    face_centres: np.ndarray  # (frames, 2) the main people's centre (NaN: no face), what the crop follows

    @property
    def frames(self) -> int:
        return len(self.face_centres)

    @property
    def out_size(self) -> tuple[int, int]:
        return self.crop_size if self.crop is not None else self.size

    def blurs_between(self, first: int, end: int) -> bool:
        """Whether any frame of ``[first, end)`` has a face to blur."""
        return any(bool(np.any(~np.isnan(boxes[first:end, 0]))) for boxes in self.blurred)

    def sliced(self, first: int, end: int) -> ClipEffects:
        """What the effects do to frames ``[first, end)``, counted from ``first`` (a part of the clip rendered
        on its own)."""
        return ClipEffects(self.size, tuple(c - first for c in self.cuts if first < c < end),
                           tuple(boxes[first:end] for boxes in self.blurred),
                           None if self.crop is None else self.crop[first:end], self.crop_size,
                           self.face_centres[first:end])

    def regions(self, frame: int) -> list[Region]:
        out = []
        for boxes in self.blurred:
            if frame < len(boxes) and not np.isnan(boxes[frame, 0]):
                out.append(_region(boxes[frame]))
        return out

    def apply(self, frame_index: int, frame: Yuv420) -> Yuv420:
        """The frame blurred and cropped (``frame`` is changed in place where blurred)."""
        for region in self.regions(frame_index):
            blur_yuv420(frame.planes(), region)
        if self.crop is None:
            return frame
        x, y = self.crop[min(frame_index, len(self.crop) - 1)]
        return frame.cropped(int(x), int(y), *self.crop_size)


def _region(box: np.ndarray) -> Region:
    x0, y0, x1, y1 = box
    return int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))


def _add_regions(regions: list[list[Region]], boxes: np.ndarray) -> None:
    """Append one track's boxes (``(frames, 4)``, NaN: off screen) to each frame's regions."""
    for frame in np.flatnonzero(~np.isnan(boxes[:, 0])):
        regions[frame].append(_region(boxes[frame]))


@dataclass(frozen=True)
class Yuv420:
    """One raw yuv420p frame as the pipes carry it: a flat buffer holding the Y, U and V planes in turn
    (chroma at half width and height, rounded up)."""

    data: np.ndarray  # (bytes,) uint8
    size: tuple[int, int]  # width, height of the luma plane

    @staticmethod
    def nbytes(size: tuple[int, int]) -> int:
        width, height = size
        return width * height + 2 * ((width + 1) // 2) * ((height + 1) // 2)

    def planes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Writable views of the Y, U and V planes."""
        width, height = self.size
        half = ((width + 1) // 2, (height + 1) // 2)
        luma, chroma = width * height, half[0] * half[1]
        return (self.data[:luma].reshape(height, width),
                self.data[luma:luma + chroma].reshape(half[1], half[0]),
                self.data[luma + chroma:luma + 2 * chroma].reshape(half[1], half[0]))

    def cropped(self, x: int, y: int, width: int, height: int) -> Yuv420:
        """A new frame of the ``width`` x ``height`` window at (x, y); chroma from the chroma sample at or
        before (x, y), as ffmpeg's own crop rounds (at most half a chroma sample off)."""
        out = Yuv420(np.empty(Yuv420.nbytes((width, height)), np.uint8), (width, height))
        (y_in, u_in, v_in), (y_out, u_out, v_out) = self.planes(), out.planes()
        y_out[:] = y_in[y:y + height, x:x + width]
        cx, cy = x // 2, y // 2
        u_out[:] = u_in[cy:cy + u_out.shape[0], cx:cx + u_out.shape[1]]
        v_out[:] = v_in[cy:cy + v_out.shape[0], cx:cx + v_out.shape[1]]
        return out


class CastMatcher:
    """Recognises faces as the library's characters: the character of the nearest cast track (of the
    ``among`` characters, when given) within ``MATCH_DISTANCE`` of the face's mean dlib descriptor.

    Asking "is this one of the named people" (``among``) rather than "who is nearest" keeps a named
    person whom the clustering split in two (Celia as characters 1 and 3, 0.365 and 0.367 away).
    """

    def __init__(self, library_dir: Path, among: Sequence[int] | None = None) -> None:
        from index.face_embed import EMBEDDERS, FaceModelUnavailable

        try:
            with EMBEDDERS.borrowed():  # fail here, before any frame is decoded, where dlib is missing
                pass
        except FaceModelUnavailable as exc:
            raise RenderError(f"blurring by person needs face recognition: {exc}") from exc
        self._dir = library_dir
        self._among = None if among is None else frozenset(among)

    def __call__(self, faces: list[tuple[np.ndarray, Detection]]) -> int | None:
        from index.face_embed import EMBEDDERS

        with EMBEDDERS.borrowed() as embedder:
            descriptor = embedder.embed(faces).mean(axis=0)
        with contextlib.closing(connect(self._dir)) as conn:
            cast_store.ensure_schema(conn)
            characters = {t.id: t.character_id for t in cast_store.tracks(conn)}
            nearest = cast_store.nearest_tracks(conn, descriptor, k=EVERY_TRACK)
        for track, distance in nearest:
            if distance > MATCH_DISTANCE:
                return None
            character = characters.get(track)
            if character is not None and (self._among is None or character in self._among):
                return character
        return None


def ingest_faces(library_dir: Path, clip: Clip, video: VideoInfo) -> list[KnownFace]:
    """The faces the ingest found on the clip's frames, in the decoded picture's pixels, with the character
    their track belongs to now (merges and re-clusterings included).

    ``video`` is what the render decodes: the ingested file, or the preview's proxy standing for it (same
    id, frames and times, other pixels). Faces are stored in the ingested file's coded pixels, so they are
    scaled from its stored size to ``video``'s picture (display pixels)."""
    fps = float(video.fps)
    first, last = (clip.in_frame - 0.5) / fps, (clip.out_frame - 0.5) / fps
    with contextlib.closing(connect(library_dir)) as conn:
        cast_store.ensure_schema(conn)
        stored = conn.execute("SELECT width, height FROM videos WHERE id = ?", (video.id,)).fetchone()
        rows = conn.execute("SELECT f.time_s, f.x, f.y, f.w, f.h, t.character_id FROM faces f "
                            "JOIN face_tracks t ON t.id = f.track_id "
                            "WHERE t.video_id = ? AND f.time_s >= ? AND f.time_s < ?",
                            (video.id, first, last)).fetchall()
    coded = (stored[0], stored[1]) if stored is not None else (video.width, video.height)
    sx, sy = video.display_width / coded[0], video.height / coded[1]
    return [KnownFace(round(time_s * fps) - clip.in_frame, (x * sx, y * sy, w * sx, h * sy), character)
            for time_s, x, y, w, h, character in rows]


def cast_digest(library_dir: Path) -> str:
    """Changes whenever who-is-who in the cast changes (a merge, a re-cluster): part of cache keys."""
    with contextlib.closing(connect(library_dir)) as conn:
        cast_store.ensure_schema(conn)
        pairs = [(t.id, t.character_id) for t in cast_store.tracks(conn)]
    return hashlib.sha256(repr(pairs).encode()).hexdigest()[:16]


# Bumped when blurring by person decides differently for the same cast, so cached preview segments made
# before are not reused: 2 = the ingest's faces scaled onto the preview proxy's pixels (before, a proxy
# smaller than the video got no names from them, and named people were blurred in the preview).
BY_PERSON_VERSION = "2"


def privacy_key(privacy: Privacy, source: object) -> str:
    """What of the privacy settings (and the cast they name) a cached render depends on; "" when inactive."""
    if not privacy.active:
        return ""
    parts = [privacy.blur, ",".join(map(str, privacy.people)), privacy.aspect]
    if privacy.blur in ("all_but", "only") and isinstance(getattr(source, "dir", None), Path):
        parts.append(cast_digest(source.dir))  # type: ignore[attr-defined]
        parts.append(BY_PERSON_VERSION)
    return "|".join(parts)


def clip_cuts(clip: Clip, source: object) -> tuple[int, ...]:
    """Clip-relative frames where the library's next shot starts (none when the source knows no shots)."""
    shots = getattr(source, "shots", None)
    if shots is None:
        return ()
    try:
        starts = [shot.start_frame for shot in shots(clip.video_id)]
    except KeyError:
        return ()
    return tuple(s - clip.in_frame for s in starts if clip.in_frame < s < clip.out_frame)


def _select(frames: Sequence[int]) -> str:
    """An ffmpeg ``select`` expression true on exactly ``frames`` (sorted): runs of three or more frames a
    step apart as one term each, other frames one by one."""
    terms, i = [], 0
    while i < len(frames):
        j = i + 1
        while j + 1 < len(frames) and frames[j + 1] - frames[j] == frames[i + 1] - frames[i]:
            j += 1
        if j - i < 2:
            terms.append(f"eq(n,{frames[i]})")
            i += 1
            continue
        first, step = frames[i], frames[i + 1] - frames[i]
        terms.append(f"between(n,{first},{frames[j]})*not(mod(n-{first},{step}))")
        i = j + 1
    return "+".join(terms) or "0"


@contextlib.contextmanager
def _decoder(clip: Clip, video: VideoInfo, size: tuple[int, int],
             looks: Sequence[int] | None = None) -> Iterator[subprocess.Popen]:
    """ffmpeg writing the clip's frames at ``size``: to render, every frame as yuv420p scaled as a plain
    clip is (the effects change no other pixel: the recogniser kept the Tears lead in 89 % of frames
    through an area-scaled picture, 93.5 % as a plain re-encode does through this one); to look at,
    only the clip-relative frames ``looks`` (sorted; the others are dropped before they are scaled,
    converted and piped) as bgr24, area-scaled as the detector shrinks its frames."""
    width, height = size
    if looks is None:
        # Limited range, as the encoder reads raw frames: a full-range (JPEG-style) source would otherwise
        # come through as full-range values taken for limited ones (crushed blacks, clipped whites).
        chain = (f"{rg.clip_frames_chain(clip, video)},scale={width}:{height}:out_range=tv,setsar=1,"
                 "format=yuv420p")
    else:
        chain = (f"{rg.clip_frames_chain(clip, video)},select='{_select(looks)}',"
                 f"scale={width}:{height}:flags=area,setsar=1,format=bgr24")
    # One decoding thread: it keeps ahead of the effects (25x real time for 720p H.264 on one core) and
    # spends a quarter less CPU than two (0.49 vs 0.67 CPU-s for 10 s of 720p), CPU the detector and the
    # encoder need.
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "1",
           "-filter_threads", "1", *rg.clip_input_args(clip, video),
           "-map", "0:v:0", "-vf", chain, "-fps_mode", "passthrough", "-f", "rawvideo", "-"]
    with tempfile.TemporaryFile() as errors:
        proc = spawn(cmd, stdout=subprocess.PIPE, stderr=errors)
        _widen(proc.stdout)
        try:
            yield proc
        finally:
            if proc.poll() is None:
                kill_group(proc)
            rc = proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        if rc not in (0, -9):
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-STDERR_TAIL:]
            raise RenderError(f"decoding {video.path} for effects failed (ffmpeg exit code {rc}):\n{tail}")


def _widen(pipe: object) -> None:
    """Give a frame pipe ``PIPE_BYTES`` of buffer where the system allows (Linux; best effort)."""
    fileno = getattr(pipe, "fileno", None)
    if fileno is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _frames(proc: subprocess.Popen, shape: tuple[int, ...], cancel: threading.Event | None, what: str,
            recycled: queue.SimpleQueue[np.ndarray] | None = None) -> Generator[np.ndarray, None, None]:
    """Each decoded frame (a writable uint8 array of ``shape``) until the decoder ends, read ``PREFETCH``
    frames ahead in a thread so the decoder keeps working while a frame is detected on or encoded (a pipe
    holds under one frame). Frames are read into the arrays put back in ``recycled`` when there are any
    (no fresh pages to fault in for every frame), else into new ones."""
    assert proc.stdout is not None
    stream = cast(io.BufferedReader, proc.stdout)
    ready: queue.Queue[np.ndarray | BaseException | None] = queue.Queue(PREFETCH)
    stop = threading.Event()

    def read_all() -> None:
        try:
            while not stop.is_set():
                try:
                    frame = recycled.get_nowait() if recycled is not None else np.empty(shape, np.uint8)
                except queue.Empty:
                    frame = np.empty(shape, np.uint8)  # each its own: the consumer may keep it
                view, got = frame.data.cast("B"), 0
                while got < len(view) and (n := stream.readinto(view[got:])):
                    got += n
                if got < len(view):
                    break
                ready.put(frame)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which raises it
            ready.put(exc)
            return
        ready.put(None)

    reader = threading.Thread(target=read_all, name="effects-decode", daemon=True)
    reader.start()
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise RenderError(f"{what}: cancelled")
            item = ready.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                ready.get_nowait()  # unblock a reader waiting to put; it then sees ``stop``


_ONE_THREAD_USERS = 0
_ONE_THREAD_LOCK = threading.Lock()
_THREADS_BEFORE = 0


@contextlib.contextmanager
def _opencv_one_thread() -> Iterator[None]:
    """OpenCV on one thread while analyses run: the decoder feeding them holds the other core, and a second
    thread mostly waits for it (analysis CPU 2.6 -> 1.9 s for 10 s of 720p when YuNet ran in OpenCV's DNN;
    the detector now runs in ONNX Runtime, on one thread of its own, and OpenCV keeps the resizes and colour
    conversions). OpenCV's setting is per process, so it is counted and put back when the last analysis
    ends."""
    global _ONE_THREAD_USERS, _THREADS_BEFORE
    with _ONE_THREAD_LOCK:
        if _ONE_THREAD_USERS == 0:
            _THREADS_BEFORE = cv2.getNumThreads()
            cv2.setNumThreads(1)
        _ONE_THREAD_USERS += 1
    try:
        yield
    finally:
        with _ONE_THREAD_LOCK:
            _ONE_THREAD_USERS -= 1
            if _ONE_THREAD_USERS == 0:
                cv2.setNumThreads(_THREADS_BEFORE)


_WHOLE_LOOKS: ThreadPoolExecutor | None = None
_WHOLE_LOOKS_LOCK = threading.Lock()
_DETECTORS = threading.local()


def _whole_looks() -> ThreadPoolExecutor:
    """The process's threads for whole-frame face detection (``WHOLE_LOOK_THREADS``, made on first use)."""
    global _WHOLE_LOOKS
    with _WHOLE_LOOKS_LOCK:
        if _WHOLE_LOOKS is None:
            _WHOLE_LOOKS = ThreadPoolExecutor(WHOLE_LOOK_THREADS, thread_name_prefix="effects-faces")
        return _WHOLE_LOOKS


def _detect_whole(bgr: np.ndarray) -> list[Detection]:
    """YuNet on a whole analysis frame, with this thread's own detector (a network serves one thread)."""
    detector = getattr(_DETECTORS, "detector", None)
    if detector is None:
        detector = _DETECTORS.detector = FaceDetector(score=WEAK_SCORE)
    return detector.detect(bgr)


class ClipAnalysis:
    """One clip's analysis as its reduced frames arrive (``look`` each of ``looks``, in order), then
    ``finish``: a decoder of its own (``analyse``) or the render's decoder (``render_with_effects``) feeds
    it."""

    def __init__(self, clip: Clip, video: VideoInfo, privacy: Privacy, cuts: Sequence[int],
                 recognise: Recognise | None, known: Sequence[KnownFace] = ()) -> None:
        frames = clip.out_frame - clip.in_frame
        self.size = (video.display_width, video.height)
        self.small = working_size(*self.size)
        size, small = self.size, self.small
        scale = embed_scale(video)
        coded = video.width * scale, video.height * scale  # the ingest's face pixels
        self.builder = FaceBoxBuilder(frames, cuts, (size[0] / small[0], size[1] / small[1]),
                                      (coded[0] / small[0], coded[1] / small[1]))
        self.looks = look_frames(frames, cuts, follow=privacy.blur != "none", fps=float(video.fps))
        self.needs_names = privacy.blur in ("all_but", "only")
        if self.needs_names and recognise is None:
            raise RenderError("blurring by person needs the library's cast (render from a library)")
        self.reframing = privacy.aspect != "original"
        self._privacy, self._cuts, self._recognise, self._known = privacy, cuts, recognise, known
        self._fps = float(video.fps)
        self._row_peaks = np.zeros(small[1])
        self._column_peaks = np.zeros(small[0])
        self._motion = np.full((frames, 2), np.nan)
        self._previous: tuple[int, np.ndarray] | None = None
        self._shot_of = np.searchsorted(sorted(cuts), np.arange(frames), side="right")
        self._pending: deque[tuple[int, np.ndarray, Future[list[Detection]] | None]] = deque()
        self._settled = 0  # frames before this were handed out by ``settled_regions``
        self._identified: set[int] = set()  # ids of the tracks named already (each once, when whole)
        self._guesses: dict[int, bool] = {}  # id of a track named while open -> blurred by that guess
        self._unsure: set[int] = set()  # ids of open tracks too unsure to guess: they wait for their end
        self.guessed_wrong = False  # a whole track's name changed whether it is blurred: render again
        self._open_tracks: list[FaceTrack] = []  # tracks ``settled_regions`` may still blur frames of
        self._tracks_seen = 0  # of ``builder.tracks``, those already among them (or dropped)

    def look(self, index: int, bgr: np.ndarray) -> None:
        """Detect and follow faces on the looked-at frame ``index`` (``bgr`` at ``small``); with a reframe,
        also where the picture is (black bars) and what moves. A whole look's detection starts at once in
        ``WHOLE_LOOKS``' threads; the looks join the tracks in frame order as their detections are ready
        (a follower look needs every look before it)."""
        whole = self.looks[index]
        self._pending.append((index, bgr, _whole_looks().submit(_detect_whole, bgr) if whole else None))
        self._join_looks(keep=LOOKS_IN_FLIGHT)

    def _join_looks(self, keep: int) -> None:
        """Add the pending looks to the tracks in frame order while the first one is ready, waiting for it
        while more than ``keep`` are pending (0: all of them, at the clip's end)."""
        while self._pending:
            index, bgr, detection = self._pending[0]
            if detection is not None and not detection.done() and len(self._pending) <= keep:
                return
            self._pending.popleft()
            found = None if detection is None else detection.result()
            self.builder.look(index, bgr, keep_crops=self.needs_names, whole=detection is not None,
                              found=found)
            self._picture_and_motion(index, bgr)

    def _picture_and_motion(self, index: int, bgr: np.ndarray) -> None:
        if not self.reframing:
            return
        small = self.small
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        np.maximum(self._row_peaks, gray.max(axis=1), out=self._row_peaks)
        np.maximum(self._column_peaks, gray.max(axis=0), out=self._column_peaks)
        tiny = cv2.resize(gray, (MOTION_SIDE, max(1, MOTION_SIDE * small[1] // small[0])),
                          interpolation=cv2.INTER_AREA).astype(np.float32)
        previous = self._previous
        if previous is not None and self._shot_of[previous[0]] == self._shot_of[index]:
            self._motion[index] = _motion_centre(np.abs(tiny - previous[1]), self.size)
        self._previous = (index, tiny)

    @property
    def streams(self) -> bool:
        """Whether frames can be finished while later ones are still looked at: any blur without a reframe
        (the crop path and the black bars need the whole clip)."""
        return self._privacy.blur != "none" and not self.reframing

    def settled_regions(self) -> tuple[int, int, list[list[Region]]]:
        """``(start, end, regions)``: the frames whose blur regions became final since the last call, each
        frame's regions as ``ClipEffects.regions`` gives them: a few behind the looks
        (``FaceBoxBuilder.settled_before``), and by person also not before the first frame of a track that is
        neither whole (named for good) nor ``GUESS_LOOKS`` old (named by a guess, ``_named_before``)."""
        builder = self.builder
        # Tracks whose last look is SETTLE_FRAMES before the settled frames are closed and never near again
        # (that frame only grows): they are dropped, so a long clip is not rescanned track by track each
        # call. Looks arrive in frame order, so a track's first and last look are its dict's ends.
        self._open_tracks += builder.tracks[self._tracks_seen:]
        self._tracks_seen = len(builder.tracks)
        settled = self._named_before() if self.needs_names else builder.settled_before()
        start, end = self._settled, max(self._settled, settled)
        self._settled = end
        regions: list[list[Region]] = [[] for _ in range(end - start)]
        if end > start:
            self._open_tracks = [t for t in self._open_tracks
                                 if t.looks and next(reversed(t.looks)) >= start - SETTLE_FRAMES]
            for track in self._open_tracks:  # (a box is held and spread this far before a track's first look)
                if next(iter(track.looks)) - HOLD_FRAMES - SPREAD_FRAMES >= end:
                    continue
                boxes = builder.regions(track, start, end)
                # A track too young to name has no frames here (held back, or it begins after a cut).
                if track.sure and not np.isnan(boxes[:, 0]).all() and self._blurs(track):
                    _add_regions(regions, boxes)
        return start, end, regions

    def _named_before(self) -> int:
        """By person: the frame before which every face is named. Closed tracks get their name for good;
        open ones ``GUESS_LOOKS`` old a guess from their looks so far; a younger one holds its frames back."""
        builder = self.builder
        settled = closed_before = builder.settled_before()  # (at least the last cut passed)
        for track in self._open_tracks:
            if not track.looks or not track.sure or id(track) in self._identified:
                continue
            if next(reversed(track.looks)) < closed_before:
                self._identify([track])
            elif id(track) not in self._guesses:
                guess = None
                if len(track.looks) >= GUESS_LOOKS and id(track) not in self._unsure:
                    guess = self._guess(track, sure_only=True)
                    if guess is None:
                        self._unsure.add(id(track))  # waits for its end, asked once
                if guess is None:
                    settled = min(settled, next(iter(track.looks)) - HOLD_FRAMES - SPREAD_FRAMES)
                else:
                    self._guesses[id(track)] = guess
        return max(builder.passed_cut(), settled)  # a track held back never reaches back past its cut

    def _blurs(self, track: FaceTrack) -> bool:
        """Whether ``track``'s regions are blurred now: its name for good, else the guess made for it."""
        if not self.needs_names or id(track) in self._identified:
            return _blurred(track, self._privacy)
        if id(track) not in self._guesses:
            self._guesses[id(track)] = bool(self._guess(track))  # (not expected: it was held back)
        return self._guesses[id(track)]

    def _guess(self, track: FaceTrack, sure_only: bool = False) -> bool | None:
        """Whether ``track`` will be blurred, named as a whole track is, from its looks so far on a copy.
        ``sure_only``: None (no guess) unless the ingest's faces it overlaps so far name it and, where they
        all fall outside the named people, the recogniser does not say it is one of them. The clustering
        often splits one person in two: on the dev clips a track whose first votes fell on the unnamed half
        later met votes of the named half, and the recogniser named it; and the recogniser alone, on part
        of a track's crops, changed its mind by the track's end."""
        probe = FaceTrack(looks=dict(track.looks), crops=list(track.crops))
        named = self._privacy.people
        self.builder.identify_from(self._known, named, [probe])
        if sure_only:
            if not probe.suspects:
                return None
            if not probe.suspects & set(named) and self._recognise is not None \
                    and self._recognise([(rgb, face) for _, rgb, face in probe.crops]) is not None:
                return None
        self.builder.identify(self._recognise, [probe])  # type: ignore[arg-type]
        return _blurred(probe, self._privacy)

    def _identify(self, tracks: Sequence[FaceTrack]) -> None:
        """Name the whole ``tracks`` not named yet: the ingest's faces first, then the recogniser. A track
        guessed while open whose name now changes whether it is blurred sets ``guessed_wrong``."""
        fresh = [t for t in tracks if id(t) not in self._identified]
        if fresh:
            self.builder.identify_from(self._known, self._privacy.people, fresh)
            self.builder.identify(self._recognise, fresh)  # type: ignore[arg-type]
            self._identified.update(id(t) for t in fresh)
            for track in fresh:
                guess = self._guesses.get(id(track))
                if guess is not None and guess != _blurred(track, self._privacy):
                    self.guessed_wrong = True

    def finish(self) -> ClipEffects:
        """Every frame's blur regions and crop, from what the looks found."""
        self._join_looks(keep=0)
        builder, privacy, size, small, cuts = self.builder, self._privacy, self.size, self.small, self._cuts
        if self.needs_names:
            self._identify(builder.tracks)  # (the builder names sure tracks only)
        chosen = [t for t in builder.tracks if t.looks and t.sure and _blurred(t, privacy)]
        crop, crop_size = None, size
        centres = builder.main_face_centres()
        if self.reframing:
            picture = reframe.picture_area(self._row_peaks, self._column_peaks)
            sx, sy = size[0] / small[0], size[1] / small[1]
            picture = reframe.Rect(round(picture.x * sx), round(picture.y * sy), round(picture.w * sx),
                                   round(picture.h * sy))
            crop_size = reframe.crop_size(min(picture.w, size[0]), min(picture.h, size[1]), privacy.aspect)
            centres = builder.main_face_centres(0.8 * crop_size[0])
            targets = _targets(centres, self._motion, cuts, picture)
            crop = reframe.crop_path(targets, cuts, picture, crop_size, self._fps)
            crop[:, 0] = np.clip(crop[:, 0], 0, size[0] - crop_size[0])
            crop[:, 1] = np.clip(crop[:, 1], 0, size[1] - crop_size[1])
        return ClipEffects(size, tuple(sorted(cuts)), tuple(builder.regions(t) for t in chosen), crop,
                           crop_size, centres)


def analyse(clip: Clip, video: VideoInfo, privacy: Privacy, cuts: Sequence[int],
            recognise: Recognise | None, cancel: threading.Event | None = None,
            known: Sequence[KnownFace] = ()) -> ClipEffects:
    """Decide every frame's blur regions and crop for one clip (a pass over its reduced frames); ``known``:
    the ingest's named faces on it, which name the tracks they overlap before ``recognise`` is asked."""
    return _look_and_finish(ClipAnalysis(clip, video, privacy, cuts, recognise, known), clip, video, cancel)


def _look_and_finish(state: ClipAnalysis, clip: Clip, video: VideoInfo,
                     cancel: threading.Event | None) -> ClipEffects:
    """Run ``state`` over the clip's looked-at frames from a decoder that delivers only those, shrunk."""
    small, looked = state.small, sorted(state.looks)
    what = f"effects analysis of {video.path}"
    with _opencv_one_thread():  # until the last whole look is done
        with _decoder(clip, video, small, looked) as proc, \
                contextlib.closing(_frames(proc, (small[1], small[0], 3), cancel, what)) as frames_in:
            for index, bgr in zip(looked, frames_in, strict=False):
                state.look(index, bgr)
        return state.finish()


def reduced_bgr(frame: Yuv420, size: tuple[int, int]) -> np.ndarray:
    """A decoded frame as the detector's BGR picture at ``size``: each plane area-shrunk, then converted
    (the conversion on the small frame: a quarter of the work of converting first)."""
    width, height = size
    if width % 2 or height % 2 or frame.size[0] % 2 or frame.size[1] % 2:  # I420 holds even sizes only
        full = frame.size[0] + frame.size[0] % 2, frame.size[1] + frame.size[1] % 2
        bgr = cv2.cvtColor(_even_i420(frame, full), cv2.COLOR_YUV2BGR_I420)[:frame.size[1], :frame.size[0]]
        return cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    luma, u, v = frame.planes()
    small = np.empty((height * 3 // 2, width), np.uint8)
    small[:height] = cv2.resize(luma, (width, height), interpolation=cv2.INTER_AREA)
    chroma = (width // 2, height // 2)
    quarter = chroma[0] * chroma[1]
    rest = small[height:].reshape(-1)
    rest[:quarter] = cv2.resize(u, chroma, interpolation=cv2.INTER_AREA).reshape(-1)
    rest[quarter:2 * quarter] = cv2.resize(v, chroma, interpolation=cv2.INTER_AREA).reshape(-1)
    return cv2.cvtColor(small, cv2.COLOR_YUV2BGR_I420)


def _even_i420(frame: Yuv420, full: tuple[int, int]) -> np.ndarray:
    """``frame`` as an I420 image of the even size ``full`` (last row/column repeated)."""
    luma, u, v = frame.planes()
    width, height = full
    out = np.empty((height * 3 // 2, width), np.uint8)
    out[:height] = np.pad(luma, ((0, height - luma.shape[0]), (0, width - luma.shape[1])), mode="edge")
    rest = out[height:].reshape(-1)
    quarter = (width // 2) * (height // 2)
    rest[:quarter] = u.reshape(-1)  # chroma planes are already the rounded-up halves
    rest[quarter:] = v.reshape(-1)
    return out


def embed_scale(video: VideoInfo) -> float:
    """How the ingest scales coded frames before cutting faces to embed (short side at most 720)."""
    return min(1.0, FRAME_SHORT_SIDE_MAX / min(video.width, video.height))


def _blurred(track: FaceTrack, privacy: Privacy) -> bool:
    """Whether a face track is blurred: unknown faces count as "not named" (blurred by all_but)."""
    if privacy.blur == "all":
        return True
    if privacy.blur == "all_but":
        return track.character not in privacy.people
    if privacy.blur == "only":  # a track the ingest's faces say may be a named person is blurred
        return track.character in privacy.people or bool(track.suspects & set(privacy.people))
    return False


def _motion_centre(difference: np.ndarray, size: tuple[int, int]) -> tuple[float, float]:
    """Where a frame changed most since the last look (NaN when nothing moved enough)."""
    weights = np.where(difference > MOTION_LEVEL, difference, 0.0)
    total = weights.sum()
    if total <= 0:
        return float("nan"), float("nan")
    rows, columns = np.indices(difference.shape)
    cx = (weights * (columns + 0.5)).sum() / total / difference.shape[1] * size[0]
    cy = (weights * (rows + 0.5)).sum() / total / difference.shape[0] * size[1]
    return float(cx), float(cy)


def _targets(faces: np.ndarray, motion: np.ndarray, cuts: Sequence[int], picture: reframe.Rect) -> np.ndarray:
    """Per frame what the crop should centre on: the main faces, else motion, else the picture's centre.

    Each shot's looks (faces or motion) are carried to its frames between looks, so the target does not
    fall back to the centre between two sightings.
    """
    frames = len(faces)
    out = np.empty((frames, 2))
    centre = (picture.x + picture.w / 2, picture.y + picture.h / 2)
    for start, end in segments(frames, cuts):
        for source in (faces, motion):
            known = np.flatnonzero(~np.isnan(source[start:end, 0]))
            if len(known):
                for axis in (0, 1):
                    seen = source[start:end, axis][known]
                    out[start:end, axis] = np.interp(np.arange(end - start), known, seen)
                break
        else:
            out[start:end] = centre
    return out


@contextlib.contextmanager
def _encoder(clip: Clip, video: VideoInfo, out_size: tuple[int, int], fmt: rg.OutputFormat, frames: int,
             fade: Fades, output_args: Sequence[str], out: Path, audio_fade: Fades | None,
             what: str) -> Iterator[Callable[[Yuv420], bool]]:
    """ffmpeg encoding raw frames of ``out_size`` to ``out`` (fitted, padded and faded as any clip, with the
    clip's audio when ``audio_fade`` is given): yields ``write(frame)``, False once the encoder takes no
    more. Raises ``RenderError`` if it fails; killed if the caller raises."""
    width, height = out_size
    picture = dataclasses.replace(video, width=width, height=height, sample_aspect=Fraction(1))
    rate = rg.clip_rate(clip, video)
    lines = [f"[0:v]{rg.fit_chain(picture, fmt, frames, fade)}[v]"]
    inputs = ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{width}x{height}",
              "-framerate", f"{rate.numerator}/{rate.denominator}", "-i", "pipe:0"]
    maps = ["-map", "[v]"]
    if audio_fade is not None:
        if video.has_audio:
            inputs += rg.clip_input_args(clip, video)
        lines.append(f"{rg.clip_audio_chain(clip, video, fmt, frames, '1:a', audio_fade)}[a]")
        maps += ["-map", "[a]"]
    else:
        maps.append("-an")
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error", *inputs,
           "-filter_complex", ";".join(lines), *maps, *output_args, str(out)]
    with tempfile.TemporaryFile() as errors:
        encoder = spawn(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        stdin = encoder.stdin
        assert stdin is not None
        _widen(stdin)

        def write(frame: Yuv420) -> bool:
            try:
                stdin.write(frame.data)
            except BrokenPipeError:
                return False  # the encoder has all the frames it takes (or failed: its exit code says)
            return True

        try:
            yield write
            with contextlib.suppress(BrokenPipeError):
                stdin.close()
        except BaseException:
            kill_group(encoder)
            raise
        finally:
            rc = encoder.wait()
        if rc != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-STDERR_TAIL:]
            raise RenderError(f"{what} failed (ffmpeg exit code {rc}):\n{tail}")


def render_clip(
    clip: Clip, video: VideoInfo, effects: ClipEffects, fmt: rg.OutputFormat, frames: int, fade: Fades,
    output_args: Sequence[str], out: Path, audio_fade: Fades | None = None,
    cancel: threading.Event | None = None, progress: ProgressFn | None = None,
) -> None:
    """Encode one clip with its effects to ``out``: ``frames`` output frames of ``fmt`` (fitted, padded and
    faded as any clip), with its audio when ``audio_fade`` is given. ``output_args`` end with the format."""
    what = f"effects render of {video.path}"
    shape = (Yuv420.nbytes(effects.size),)
    out_size = effects.out_size
    with _encoder(clip, video, out_size, fmt, frames, fade, output_args, out, audio_fade, what) as write, \
            _decoder(clip, video, effects.size) as proc, \
            contextlib.closing(_frames(proc, shape, cancel, what)) as frames_in:
        _send(frames_in, effects, write, cancel, progress, what)


def _send(decoded: Iterable[np.ndarray], effects: ClipEffects, write: Callable[[Yuv420], bool],
          cancel: threading.Event | None, progress: ProgressFn | None, what: str) -> None:
    """Blur and crop each decoded frame and hand it to the encoder, until either runs out."""
    total = max(1, effects.frames)
    for index, data in enumerate(decoded):
        if cancel is not None and cancel.is_set():
            raise RenderError(f"{what}: cancelled")
        if not write(effects.apply(index, Yuv420(data, effects.size))):
            break
        if progress is not None and index % 12 == 0:
            progress(min(1.0, index / total))


class _FrameBudget:
    """Bytes of decoded frames that renders may hold at once in this process (see ``render_with_effects``)."""

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._lock = threading.Lock()

    @property
    def free(self) -> int:
        return self._free

    def take(self, size: int) -> bool:
        with self._lock:
            if size > self._free:
                return False
            self._free -= size
            return True

    def give(self, size: int) -> None:
        with self._lock:
            self._free += size


FRAME_BUDGET = _FrameBudget(FRAME_BUFFER_BYTES)


class _HeldFrames:
    """Decoded frames a render keeps while they wait (index, buffer), counted against ``FRAME_BUDGET``. The
    first frame that does not fit gives the whole hold up: ``gave_up_at`` is then the first frame that must
    be decoded again. Leaving the ``with`` block returns what is still held to the budget."""

    def __init__(self) -> None:
        self.frames: deque[tuple[int, np.ndarray]] = deque()
        self.bytes = 0
        self.gave_up_at = -1  # -1: the budget never ran out

    def hold(self, index: int, data: np.ndarray) -> bool:
        if self.gave_up_at >= 0:
            return False
        if FRAME_BUDGET.take(data.nbytes):
            self.frames.append((index, data))
            self.bytes += data.nbytes
            return True
        self.gave_up_at = self.frames[0][0] if self.frames else index
        self.release()
        return False

    def popleft(self) -> tuple[int, np.ndarray]:
        index, data = self.frames.popleft()
        FRAME_BUDGET.give(data.nbytes)
        self.bytes -= data.nbytes
        return index, data

    def release(self) -> None:
        FRAME_BUDGET.give(self.bytes)
        self.bytes = 0
        self.frames.clear()

    def __enter__(self) -> _HeldFrames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def render_with_effects(
    clip: Clip, video: VideoInfo, privacy: Privacy, source: object, fmt: rg.OutputFormat, frames: int,
    fade: Fades, output_args: Sequence[str], out: Path, audio_fade: Fades | None = None,
    cancel: threading.Event | None = None, progress: ProgressFn | None = None,
) -> ClipEffects:
    """``analyse_for`` then ``render_clip``, decoding the clip once where possible: when the clip has not
    been analysed yet, the analysis looks at the render decoder's frames (shrunk here). A blur streams
    them to the encoder as they settle (``_render_streaming``); a reframe keeps them, as long
    as they fit the process's ``FRAME_BUDGET``, to be blurred and encoded without a second decode (10 s of
    720p: 320 MB; the second decode's 0.5 CPU-s saved, ~0.2 s of it spent holding the frames); a clip too
    big for it is decoded again. Returns the analysis (remembered as ``analyse_for``'s)."""
    key, cuts = _analysis_key(clip, video, privacy, source)
    analysis = _remembered(key)
    if analysis is not None:
        render_clip(clip, video, analysis, fmt, frames, fade, output_args, out, audio_fade, cancel, progress)
        return analysis
    state = _new_analysis(clip, video, privacy, source, cuts)
    if state.streams:
        analysis = _render_streaming(state, clip, video, fmt, frames, fade, output_args, out, audio_fade,
                                     cancel, progress)
        _remember(key, analysis)
        return analysis
    size, what = state.size, f"effects render of {video.path}"
    total = max(1, clip.out_frame - clip.in_frame)
    shape = (Yuv420.nbytes(size),)
    with _HeldFrames() as kept:
        with _opencv_one_thread():  # until the last whole look is done
            with _decoder(clip, video, size) as proc, \
                    contextlib.closing(_frames(proc, shape, cancel, what)) as frames_in:
                for index, data in enumerate(frames_in):
                    if index in state.looks:
                        state.look(index, reduced_bgr(Yuv420(data, size), state.small))
                    kept.hold(index, data)  # too big to hold: decoded again below
                    if progress is not None and index % 12 == 0:
                        progress(min(1.0, index / total) / 2)
            analysis = state.finish()
        _remember(key, analysis)
        half = None if progress is None else (lambda done: progress(0.5 + done / 2))
        if kept.gave_up_at >= 0:
            render_clip(clip, video, analysis, fmt, frames, fade, output_args, out, audio_fade, cancel, half)
            return analysis
        with _encoder(clip, video, analysis.out_size, fmt, frames, fade, output_args, out, audio_fade,
                      what) as write:
            _send((data for _, data in kept.frames), analysis, write, cancel, half, what)
        return analysis


def _render_streaming(
    state: ClipAnalysis, clip: Clip, video: VideoInfo, fmt: rg.OutputFormat, frames: int, fade: Fades,
    output_args: Sequence[str], out: Path, audio_fade: Fades | None, cancel: threading.Event | None,
    progress: ProgressFn | None,
) -> ClipEffects:
    """One decode that analyses, blurs and encodes at once (``ClipAnalysis.streams``): a frame waits only
    until no later look can change its regions (blurring everyone: ``SETTLE_FRAMES`` behind the looks, a
    few dozen frames with the looks in flight; by person, also until its faces are named: by a guess once
    a track is ``GUESS_LOOKS`` looks old, the clip rendered again if a whole track overturns a guess), so
    the encoder works while the detector looks. Waiting frames count against ``FRAME_BUDGET``; when it runs
    out the decode goes on for the analysis alone and the frames not sent yet are decoded again after it.
    The frames come out as a render from the finished analysis gives them."""
    size, what = state.size, f"effects render of {video.path}"
    total = max(1, clip.out_frame - clip.in_frame)
    shape = (Yuv420.nbytes(size),)
    reported = 0.0
    recycled: queue.SimpleQueue[np.ndarray] = queue.SimpleQueue()  # frames written, to be read into again

    def report(done: float) -> None:
        nonlocal reported
        if progress is not None and done > reported:
            reported = done
            progress(done)

    with _HeldFrames() as waiting, \
            _encoder(clip, video, size, fmt, frames, fade, output_args, out, audio_fade, what) as write, \
            _blurring_writer(write, cancel, what, recycled) as send:
        with _opencv_one_thread():  # until the last whole look is done
            with _decoder(clip, video, size) as proc, \
                    contextlib.closing(_frames(proc, shape, cancel, what, recycled)) as frames_in:
                for index, data in enumerate(frames_in):
                    if index in state.looks:
                        state.look(index, reduced_bgr(Yuv420(data, size), state.small))
                    # Out of budget: look on, send the rest after a second decode.
                    if waiting.hold(index, data):
                        start, end, regions = state.settled_regions()
                        while waiting.frames and waiting.frames[0][0] < end:
                            done, ready = waiting.popleft()
                            send(Yuv420(ready, size), regions[done - start])
                    if index % 12 == 0:
                        report(min(1.0, index / total) / (2 if waiting.gave_up_at >= 0 else 1))
            analysis = state.finish()
        if state.guessed_wrong:  # frames already encoded used a guess: all of the clip is rendered again
            waiting.release()
        for index, data in waiting.frames:
            send(Yuv420(data, size), analysis.regions(index))
        if waiting.gave_up_at >= 0 and not state.guessed_wrong:
            with _decoder(clip, video, size) as proc, \
                    contextlib.closing(_frames(proc, shape, cancel, what, recycled)) as frames_in:
                for index, data in enumerate(frames_in):
                    if index >= waiting.gave_up_at:
                        send(Yuv420(data, size), analysis.regions(index))
                    if index % 12 == 0:
                        report(0.5 + min(1.0, index / total) / 2)
    if state.guessed_wrong:
        render_clip(clip, video, analysis, fmt, frames, fade, output_args, out, audio_fade, cancel,
                    None if progress is None else (lambda done: report(0.5 + done / 2)))
    return analysis


@contextlib.contextmanager
def _blurring_writer(
    write: Callable[[Yuv420], bool], cancel: threading.Event | None, what: str,
    written: queue.SimpleQueue[np.ndarray],
) -> Iterator[Callable[[Yuv420, list[Region]], None]]:
    """A thread that blurs frames and hands them to the encoder while the caller decodes and detects:
    yields ``send(frame, regions)`` (waits while ``PREFETCH`` frames are queued); each frame's buffer goes
    to ``written`` once the encoder has it. Frames after the encoder stops taking them are dropped; the
    thread's error is raised here."""
    frames: queue.Queue[tuple[Yuv420, list[Region]] | None] = queue.Queue(PREFETCH)
    failed: list[BaseException] = []
    stop = threading.Event()

    def blur_and_write() -> None:
        taking = True
        try:
            while (item := frames.get()) is not None:
                if taking and not stop.is_set():
                    frame, regions = item
                    for region in regions:
                        blur_yuv420(frame.planes(), region)
                    taking = write(frame)
                    written.put(frame.data)
        except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread
            failed.append(exc)
            stop.set()
            with contextlib.suppress(queue.Empty):
                while True:
                    frames.get_nowait()  # unblock a caller waiting to put

    def send(frame: Yuv420, regions: list[Region]) -> None:
        if cancel is not None and cancel.is_set():
            raise RenderError(f"{what}: cancelled")
        if failed:
            raise failed[0]
        if not stop.is_set():
            frames.put((frame, regions))

    writer = threading.Thread(target=blur_and_write, name="effects-blur", daemon=True)
    writer.start()
    try:
        yield send
    except BaseException:
        stop.set()
        raise
    finally:
        with contextlib.suppress(queue.Empty):
            while stop.is_set():
                frames.get_nowait()  # make room for the end mark (a stopped writer drops what is queued)
        frames.put(None)
        writer.join()
    if failed:
        raise failed[0]


def _analysis_key(clip: Clip, video: VideoInfo, privacy: Privacy, source: object) -> tuple[tuple | None,
                                                                                          tuple[int, ...]]:
    """The cache key of a clip's analysis (None: not cacheable) and the clip's cuts."""
    cuts = clip_cuts(clip, source)
    try:
        stat = os.stat(video.path)
    except OSError:
        return None, cuts  # the decoder will say what is wrong with the file; nothing is cached
    return (video.path, stat.st_mtime_ns, stat.st_size, clip.in_frame, clip.out_frame, clip.start, clip.end,
            privacy_key(privacy, source), cuts), cuts


def _remembered(key: tuple | None) -> ClipEffects | None:
    with _ANALYSES_LOCK:
        if key is not None and key in _ANALYSES:
            _ANALYSES.move_to_end(key)
            return _ANALYSES[key]
    return None


def _remember(key: tuple | None, analysis: ClipEffects) -> None:
    if key is None:
        return
    for shared in (*analysis.blurred, analysis.crop, analysis.face_centres):
        if shared is not None:
            shared.setflags(write=False)  # every later caller gets these same arrays
    with _ANALYSES_LOCK:
        _ANALYSES[key] = analysis
        while len(_ANALYSES) > ANALYSES_KEPT:
            _ANALYSES.popitem(last=False)


def _new_analysis(clip: Clip, video: VideoInfo, privacy: Privacy, source: object,
                  cuts: Sequence[int]) -> ClipAnalysis:
    """A clip's analysis with the recogniser and named faces the library provides."""
    library_dir = getattr(source, "dir", None)
    by_person = privacy.blur in ("all_but", "only") and isinstance(library_dir, Path)
    recognise = CastMatcher(library_dir, privacy.people) if by_person else None  # type: ignore[arg-type]
    known = ingest_faces(library_dir, clip, video) if by_person else []  # type: ignore[arg-type]
    return ClipAnalysis(clip, video, privacy, cuts, recognise, known)


def analyse_for(clip: Clip, video: VideoInfo, privacy: Privacy, source: object,
                cancel: threading.Event | None = None) -> ClipEffects:
    """``analyse`` with the cuts and the recogniser the library provides, remembered per clip, source file
    and privacy key (``privacy_key``: the cast included) so a preview and the export after it, or a
    re-render, do not look at the same frames again."""
    key, cuts = _analysis_key(clip, video, privacy, source)
    analysis = _remembered(key)
    if analysis is not None:
        return analysis
    analysis = _look_and_finish(_new_analysis(clip, video, privacy, source, cuts), clip, video, cancel)
    _remember(key, analysis)
    return analysis
