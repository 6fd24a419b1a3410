"""The face stage's look at the pixels: faces found on frames sampled as a decode goes by, linked into
tracks on the fly, only each track's few best crops kept, and those only until the track closes: then
they are embedded (dlib) and cut down to their thumbnails, so a 2-hour film's faces cost a descriptor
and a small JPEG each instead of a crop each.

At ingest the sampler rides the single decode pass (``index.decode.decode``'s ``frame_sink``). Looks
follow the shots: a cheap frame-change test spots cuts on the fly, each shot is looked at
``SHOT_SETTLE`` seconds in and then every ``SAMPLE_STEP`` seconds, and a shot that ends with fewer than
``MIN_LOOKS_PER_SHOT`` looks gets one more at its last frame, so a short shot is not missed. The true
shots, known after decoding, then split any track that still spans a cut. ``cast scan`` (videos already
stored) decodes again through ``scan_video``, cutting at the stored shots.

The looks run on a worker thread of their own, in order, while the decode goes on: a look waited on the
detector (~12 ms) while the decoder's threads, with no frame asked of them, sat idle. ``wait`` lets the
ingest's CLIP batches run alone (torch's thread count is the process's). Only the choice of frames stays on
the decode's thread.

Faces are found and stored in the source's coded pixels.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
from av.video.reformatter import VideoReformatter

from index.decode import open_for_decode
from index.face_detect import Detection, FaceDetector, working_size
from index.face_embed import EMBEDDERS
from index.face_tracks import TrackLinker
from index.shot import Shot, VideoInfo

SAMPLE_STEP = 0.5  # seconds between looks inside a shot (every look costs a YuNet pass)
SHOT_SETTLE = 0.25  # a shot's first look, seconds after its cut: past the frames a cut or fade blends
MIN_LOOKS_PER_SHOT = 2  # a shot that ended with fewer looks gets one at its last frame
MIN_SHOT_FOR_END_LOOK = 0.2  # seconds: shorter "shots" are flashes or a fade's frames, not worth a look
FRAME_SHORT_SIDE_MAX = 720  # faces are cropped from frames reduced to this: enough pixels for any face
MIN_FACE_PX = 12  # smaller faces (source pixels, short side) carry too little to recognise
CROP_MARGIN = 0.6  # face sizes kept around a face, for alignment and the thumbnail
CROP_FACE_PX = 160  # faces are kept at most this big: dlib's chip is 150 px
EMBEDS_PER_TRACK = 2  # a track's descriptor is the mean of its best faces, up to this many (2 scored as 3
# on the dev clips, 1 split the Tears leads: F1 0.94/0.98 -> 0.74/0.69; bench_cast, round 3)
CUT_CHANGE = 14.0  # mean |difference| of consecutive 48x27 YUV feature images that ends live tracks
LOOK_SHIFT = 1.2  # face sizes a face may move between looks (SAMPLE_STEP apart) and keep its track: the
# walking policeman of the Chaplin clip moved 0.8 between two looks, and at 0.6 his track broke in two and
# the weaker half was dropped (dev F1 0.59 -> 0.93, Celia 0.92 -> 1.0; live-action mean at 0.9: 0.74, at
# 1.2-2.0: 0.75)
MIN_TRACK_SCORE = 0.85  # a track whose best detection is weaker than this is dropped (mostly not a face)
# ... unless it is this steady: at least this many looks, their median this sure (a small face YuNet is never
# sure of; median 0.75 let the 22 px woman in the lab coat in, and she joined the Tears leads' cluster)
STEADY_LOOKS, STEADY_SCORE = 3, 0.80
THUMB_HEIGHT = 128  # px, a track's thumbnail in the cast list
LOOKS_AHEAD = 2  # looks queued or running at most: the decode waits past that (each holds a frame;
# 4 held 19 MiB more at the 2-hour film's peak, 1 was slower: README, part 45)


def is_face(scores: Sequence[float]) -> bool:
    """Whether a track's detections are surely a face: one sure look, or several steady ones."""
    return bool(scores) and (max(scores) >= MIN_TRACK_SCORE or (
        len(scores) >= STEADY_LOOKS and float(np.median(scores)) >= STEADY_SCORE))


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


@dataclass
class SampledFace:
    """One detection: where (source pixels), when, how good. Among its track's best it holds its crop while
    the track is live, then (once the track closes) its descriptor and thumbnail instead."""

    time: float
    detection: Detection
    quality: float
    crop: np.ndarray | None = None  # RGB, margin-padded, face at most CROP_FACE_PX
    in_crop: Detection | None = None  # the face within ``crop``
    descriptor: np.ndarray | None = None  # dlib's 128-d, once settled
    thumbnail: bytes | None = None  # JPEG, THUMB_HEIGHT px high, once settled

    @property
    def held_bytes(self) -> int:
        return ((0 if self.crop is None else self.crop.nbytes) + len(self.thumbnail or b"")
                + (0 if self.descriptor is None else self.descriptor.nbytes))


def thumbnail_jpeg(crop: np.ndarray, in_crop: Detection, aspect: float = 1.0) -> bytes:
    """The cast list's picture of a face: its box with a little margin, THUMB_HEIGHT px high, in square
    pixels (``aspect``: the source's pixel shape; an anamorphic source's faces are stored squeezed)."""
    x, y, w, h = in_crop.box
    margin = 0.35 * max(w, h)
    height, width = crop.shape[:2]
    x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
    x1, y1 = min(width, int(x + w + margin)), min(height, int(y + h + margin))
    picture = crop[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else crop
    scale = THUMB_HEIGHT / picture.shape[0]
    picture = cv2.resize(picture, (max(1, round(picture.shape[1] * scale * aspect)), THUMB_HEIGHT),
                         interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 90])
    if not ok:
        raise RuntimeError("JPEG encoding of a face thumbnail failed")
    return jpeg.tobytes()


@dataclass(frozen=True)
class ShotTrack:
    """One person's face through part of one shot: every sampled face, and the best ones with crops."""

    shot_index: int
    faces: tuple[SampledFace, ...]  # in time order
    best: tuple[SampledFace, ...]  # best quality first, each with its descriptor and thumbnail

    @property
    def score(self) -> float:
        return max(f.detection.score for f in self.faces)

    @property
    def sure(self) -> bool:
        return is_face([f.detection.score for f in self.faces])


def quality(face: Detection, crop: np.ndarray, in_crop: Detection) -> float:
    """Higher for bigger, sharper, more frontal, surer faces: picks thumbnails and the faces to embed."""
    x, y, w, h = (max(0, round(v)) for v in in_crop.box)
    sharp = 0.0
    if w > 1 and h > 1 and crop[y:y + h, x:x + w].size:
        gray = cv2.cvtColor(crop[y:y + h, x:x + w], cv2.COLOR_RGB2GRAY)
        sharp = min(1.0, float(cv2.Laplacian(cv2.resize(gray, (64, 64)), cv2.CV_32F).var()) / 200.0)
    return face.score * (0.3 + 0.7 * face.frontality()) * min(1.0, face.size / 80.0) * (0.3 + 0.7 * sharp)


def _scaled(face: Detection, sx: float, sy: float) -> Detection:
    return Detection((face.box[0] * sx, face.box[1] * sy, face.box[2] * sx, face.box[3] * sy),
                     (face.landmarks * np.array([sx, sy], np.float32)).astype(np.float32), face.score)


def _crop(rgb: np.ndarray, face: Detection, to_source: tuple[float, float], seconds: float) -> SampledFace:
    """Cut a margin-padded crop around a face (shrunk when the face is big) and rate it."""
    height, width = rgb.shape[:2]
    x, y, w, h = face.box
    margin = CROP_MARGIN * max(w, h)
    x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
    x1, y1 = min(width, int(math.ceil(x + w + margin))), min(height, int(math.ceil(y + h + margin)))
    crop = rgb[y0:y1, x0:x1]
    shrink = min(1.0, CROP_FACE_PX / max(1.0, face.size))
    if shrink < 1.0:
        size = (max(1, round(crop.shape[1] * shrink)), max(1, round(crop.shape[0] * shrink)))
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    origin = np.array([x0, y0], np.float32)
    in_crop = Detection(((x - x0) * shrink, (y - y0) * shrink, w * shrink, h * shrink),
                        ((face.landmarks - origin) * shrink).astype(np.float32), face.score)
    crop = np.ascontiguousarray(crop)
    return SampledFace(seconds, _scaled(face, *to_source), quality(face, crop, in_crop), crop, in_crop)


@dataclass
class _OpenTrack:
    faces: list[SampledFace] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(f.detection.score for f in self.faces)

    @property
    def sure(self) -> bool:
        return is_face([f.detection.score for f in self.faces])


class FaceSampler:
    """Looks for faces through a decode, a few times in every shot, and links them into tracks.

    ``shot_starts`` (seconds) cuts the tracks at known shots; without it, a big change between two
    consecutive frames' feature images does. Errors are kept (``error``) rather than raised, so a face
    problem never breaks the decode it rides on; ``tracks`` raises them.
    """

    def __init__(self, video: VideoInfo, shot_starts: Sequence[float] = ()) -> None:
        self._aspect = float(video.sample_aspect)
        self.detector = FaceDetector(aspect=self._aspect)
        self.looked_at: list[float] = []  # the seconds of every frame looked at, in order
        self.faces = 0
        self.seconds = 0.0  # time in ``offer``: choosing frames, and waiting for room in the worker's queue
        self.waited = 0.0  # time in ``wait`` and ``offer_end``: the worker finishing its queue
        self.busy_seconds = 0.0  # the worker's time: converting, detecting, linking, cropping, embedding
        self.error: Exception | None = None
        self._worker: ThreadPoolExecutor | None = None
        self._room = threading.BoundedSemaphore(LOOKS_AHEAD)
        # Coded pixels, not display ones: on the anamorphic Tears of Steel bridge YuNet found 59 faces in
        # the coded frames and 10 in square-pixel ones (measured); dlib's alignment absorbs the squeeze. A
        # strongly squeezed source gets a second look at square pixels too (``FaceDetector``'s aspect).
        width, height = video.width, video.height
        self._detect_size = working_size(width, height)
        scale = min(1.0, FRAME_SHORT_SIDE_MAX / min(width, height))
        self._crop_size = (_even(width * scale), _even(height * scale))
        self._detect_to_crop = (self._crop_size[0] / self._detect_size[0],
                                self._crop_size[1] / self._detect_size[1])
        self._crop_to_source = (video.width / self._crop_size[0], video.height / self._crop_size[1])
        self._interpolation = "AREA" if self._detect_size[1] < height else "BICUBIC"
        self._min_face = MIN_FACE_PX * self._crop_size[1] / video.height  # source pixels, in the crop frame's
        self._linker = TrackLinker(LOOK_SHIFT)
        self._tracks: list[_OpenTrack] = []
        self._unsettled: set[int] = set()  # tracks whose kept faces are still crops (live ones, mostly)
        self._starts = sorted(shot_starts)
        self._next_start = 0
        self._previous: np.ndarray | None = None
        self._shot_start = 0.0
        self._shot_looks = 0
        self._last_look = -math.inf
        self._next_look = SHOT_SETTLE
        self._held: tuple[av.VideoFrame, float] | None = None  # the latest frame not looked at
        self._reformatters: dict[str, VideoReformatter] = {}

    def __getstate__(self) -> dict[str, object]:
        """All but the detector and the reformatters (an OpenCV network and swscale contexts cannot be
        pickled): a finished sampler crosses from a Ray worker to the library's writer, which only asks it
        for ``tracks``."""
        self.wait()
        return {**self.__dict__, "detector": None, "_reformatters": {}, "_worker": None, "_room": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._room = threading.BoundedSemaphore(LOOKS_AHEAD)

    def _later(self, step: Callable[..., None], *args: object) -> None:
        """Run ``step`` on the worker after everything queued before it; waits while LOOKS_AHEAD are queued.
        A step that fails keeps its error (``error``) and the steps after it do nothing."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="faces")
        self._room.acquire()
        self._worker.submit(self._run, step, args)

    def _run(self, step: Callable[..., None], args: tuple[object, ...]) -> None:
        started = time.perf_counter()
        try:
            if self.error is None:
                step(*args)
        except Exception as exc:  # kept for ``tracks``: the decode must go on
            self.error = exc
        finally:
            self.busy_seconds += time.perf_counter() - started
            self._room.release()

    def wait(self) -> None:
        """Until every queued look is done (and the worker thread gone: a new look starts another)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            started = time.perf_counter()
            worker.shutdown(wait=True)
            self.waited += time.perf_counter() - started

    def _picture(self, purpose: str, frame: av.VideoFrame, size: tuple[int, int], fmt: str,
                 interpolation: str) -> np.ndarray:
        """``frame`` at ``size``, through a reformatter kept per purpose (``frame.reformat`` makes a new
        swscale context every call: ~1 ms of a look's conversions)."""
        reformatter = self._reformatters.setdefault(purpose, VideoReformatter())
        return reformatter.reformat(frame, width=size[0], height=size[1], format=fmt,
                                    interpolation=interpolation).to_ndarray()

    @property
    def samples(self) -> int:
        return len(self.looked_at)

    @property
    def held_bytes(self) -> tuple[int, int]:
        """(bytes of crops, bytes of settled faces' descriptors and thumbnails): the first is bounded by the
        live tracks, the second is what the sampler's memory grows with along a film."""
        faces = [f for track in self._tracks for f in track.faces]
        return (sum(f.crop.nbytes for f in faces if f.crop is not None),
                sum(f.held_bytes for f in faces if f.crop is None))

    def offer(self, frame: av.VideoFrame, seconds: float, feature: np.ndarray | None = None) -> None:
        """See every decoded frame (``feature``: its 48x27 YUV image); look closely at a few per shot."""
        if self.error is not None:
            return
        started = time.perf_counter()
        try:
            self._offer(frame, seconds, feature)
        except Exception as exc:  # kept for ``tracks``: the decode must go on
            self.error = exc
        self.seconds += time.perf_counter() - started

    def _offer(self, frame: av.VideoFrame, seconds: float, feature: np.ndarray | None) -> None:
        cut = False
        if feature is not None:
            current = feature.astype(np.int16)
            cut = self._previous is not None and float(np.abs(current - self._previous).mean()) > CUT_CHANGE
            self._previous = current
        while self._next_start < len(self._starts) and self._starts[self._next_start] <= seconds + 1e-6:
            self._next_start += 1
            cut = True
        if cut and seconds > self._shot_start:
            self._end_shot()
            self._later(self._cut)
            self._shot_start, self._shot_looks = seconds, 0
            self._next_look = seconds + SHOT_SETTLE
        if seconds + 1e-6 < self._next_look:
            self._held = (frame, seconds)
            return
        self._look(frame, seconds)
        steps = math.floor((seconds - self._shot_start - SHOT_SETTLE) / SAMPLE_STEP + 1e-6) + 1
        self._next_look = self._shot_start + SHOT_SETTLE + max(1, steps) * SAMPLE_STEP

    def _end_shot(self) -> None:
        """A shot ends: one more look at its last frame if it had too few and lasted long enough."""
        held, self._held = self._held, None
        if (held is not None and self._shot_looks < MIN_LOOKS_PER_SHOT and held[1] > self._last_look
                and held[1] - self._shot_start >= MIN_SHOT_FOR_END_LOOK):
            self._look(*held)

    def _cut(self) -> None:
        self._linker.cut()
        self._settle_closed()

    def _look(self, frame: av.VideoFrame, seconds: float) -> None:
        """Count a look at ``frame`` now and queue it for the worker (``_look_at``)."""
        self.looked_at.append(seconds)
        self._shot_looks += 1
        self._last_look = seconds
        self._held = None
        self._later(self._look_at, frame, seconds)

    def _look_at(self, frame: av.VideoFrame, seconds: float) -> None:
        """Detect on a frame converted straight to the detector's size; crop only where faces are."""
        small = self._picture("detect", frame, self._detect_size, "bgr24", self._interpolation)
        shown = self.detector.square_size(*self._detect_size)
        square = None if shown is None else self._picture("square", frame, shown, "bgr24",
                                                          self._interpolation)
        found = [_scaled(face, *self._detect_to_crop) for face in self.detector.detect(small, square)]
        found = [face for face in found if face.size >= self._min_face]
        numbers = self._linker.add(found)
        self._settle_closed()
        if not found:
            return
        self.faces += len(found)
        rgb = self._picture("crop", frame, self._crop_size, "rgb24", "AREA")
        for number, face in zip(numbers, found, strict=True):
            if number == len(self._tracks):
                self._tracks.append(_OpenTrack())
            self._keep_best(self._tracks[number], _crop(rgb, face, self._crop_to_source, seconds))
            self._unsettled.add(number)

    def _settle_closed(self) -> None:
        """Embed the kept crops of tracks that can no longer grow (a cut, or their face gone)."""
        if self._unsettled:
            self._settle(self._unsettled.difference(self._linker.live()))

    def _settle(self, numbers: set[int]) -> None:
        """Trade each kept crop of these tracks for its descriptor and thumbnail, in one dlib batch. A weak
        track (never a sure face) is not stored at all, so its crops are dropped unembedded."""
        if not numbers:
            return
        faces = []
        for number in numbers:
            kept = [f for f in self._tracks[number].faces if f.crop is not None]
            if self._tracks[number].sure:
                faces.extend(kept)
            else:
                for face in kept:
                    face.crop = face.in_crop = None
        if faces:
            with EMBEDDERS.borrowed() as embedder:
                descriptors = embedder.embed([(f.crop, f.in_crop) for f in faces])  # type: ignore[misc]
            for face, descriptor in zip(faces, descriptors, strict=True):
                assert face.crop is not None and face.in_crop is not None
                face.thumbnail = thumbnail_jpeg(face.crop, face.in_crop, self._aspect)
                face.descriptor = descriptor.copy()
                face.crop = face.in_crop = None
        self._unsettled -= numbers

    @staticmethod
    def _keep_best(track: _OpenTrack, face: SampledFace) -> None:
        """Add a face; only the EMBEDS_PER_TRACK best of the track keep their pixels."""
        track.faces.append(face)
        cropped = [f for f in track.faces if f.crop is not None]
        if len(cropped) > EMBEDS_PER_TRACK:
            worst = min(cropped, key=lambda f: f.quality)
            worst.crop = worst.in_crop = None

    def offer_end(self) -> None:
        """The decode is over: the last shot may still be owed a look at its last frame; every look is done
        when this returns."""
        started = time.perf_counter()
        try:
            self._end_shot()
        except Exception as exc:
            self.error = exc
        self.waited += time.perf_counter() - started
        self.wait()

    def close(self) -> None:
        """Drop every face and crop (a film's are tens of MB): the tracks are stored, the ingest goes on."""
        self.wait()
        self._tracks.clear()
        self._unsettled.clear()
        self._linker = TrackLinker(LOOK_SHIFT)

    def tracks(self, shots: Sequence[Shot]) -> list[ShotTrack]:
        """The tracks cut at the shots' boundaries, every kept face embedded; a part with no kept face (its
        track's best faces were all in another shot, when a cut was missed on the fly) is dropped, and so
        is a track weaker than MIN_TRACK_SCORE."""
        if self.error is None:
            self.offer_end()
        if self.error is None:
            try:
                self._settle(set(self._unsettled))  # the video is over: no track grows any more
            except Exception as exc:
                self.error = exc
        if self.error is not None:
            raise self.error
        ends = [float(shot.end) for shot in shots]
        out: list[ShotTrack] = []
        for track in self._tracks:
            parts: dict[int, list[SampledFace]] = {}
            for face in track.faces:
                shot = min(int(np.searchsorted(ends, face.time, side="right")), len(shots) - 1)
                parts.setdefault(shots[shot].index, []).append(face)
            for shot_index, faces in parts.items():
                best = sorted((f for f in faces if f.descriptor is not None), key=lambda f: -f.quality)
                if best:
                    out.append(ShotTrack(shot_index, tuple(faces), tuple(best)))
        return sorted(out, key=lambda t: (t.shot_index, t.faces[0].time))


def scan_video(video: VideoInfo, shots: Sequence[Shot], progress: Callable[[int, int], None]) -> FaceSampler:
    """Decode a stored video again just for faces (``cast scan``): the ingest's own decode is long gone."""
    sampler = FaceSampler(video, [float(shot.start) for shot in shots[1:]])
    total = max(1, math.ceil(float(video.duration) / SAMPLE_STEP))
    with open_for_decode(Path(video.path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        stream.codec_context.thread_count = 0
        stream.codec_context.options = {"skip_loop_filter": "all"}
        time_base = Fraction(stream.time_base)
        first: int | None = None
        for frame in container.decode(stream):
            pts = frame.pts if frame.pts is not None else 0
            first = pts if first is None else first
            before = sampler.samples
            sampler.offer(frame, float((pts - first) * time_base))
            if sampler.samples != before:
                progress(min(sampler.samples, total), total)
    return sampler
