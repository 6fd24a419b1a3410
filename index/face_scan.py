"""The face stage's look at the pixels: faces found on frames sampled as a decode goes by, linked into
tracks on the fly, only each track's few best crops kept (memory stays bounded on a whole film).

At ingest the sampler rides the single decode pass (``index.decode.decode``'s ``frame_sink``): a frame
every ``SAMPLE_STEP`` seconds is detected (YuNet), and a cheap frame-change test ends the live tracks
at likely cuts; the true shots, known after decoding, then split any track that still spans a cut.
``cast scan`` (videos already stored) decodes again through ``scan_video``, cutting at the stored shots.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from index.face_detect import Detection, FaceDetector
from index.face_tracks import TrackLinker
from index.shot import Shot, VideoInfo

SAMPLE_STEP = 0.5  # seconds between looks: twice a second (every look costs a YuNet pass)
FRAME_SHORT_SIDE_MAX = 720  # sampled frames are reduced to this first: enough pixels for any face
MIN_FACE_PX = 12  # smaller faces (source pixels) carry too little to recognise
CROP_MARGIN = 0.6  # face sizes kept around a face, for alignment and the thumbnail
CROP_FACE_PX = 160  # faces are kept at most this big: dlib's chip is 150 px
EMBEDS_PER_TRACK = 3  # a track's descriptor is the mean of its best faces, up to this many
CUT_CHANGE = 14.0  # mean |difference| of consecutive 48x27 YUV feature images that ends live tracks


@dataclass
class SampledFace:
    """One detection: where (source pixels), when, how good; its crop only while among its track's best."""

    time: float
    detection: Detection
    quality: float
    crop: np.ndarray | None = None  # RGB, margin-padded, face at most CROP_FACE_PX
    in_crop: Detection | None = None


@dataclass(frozen=True)
class ShotTrack:
    """One person's face through part of one shot: every sampled face, and the best ones with crops."""

    shot_index: int
    faces: tuple[SampledFace, ...]  # in time order
    best: tuple[SampledFace, ...]  # best quality first, each with its crop

    @property
    def score(self) -> float:
        return max(f.detection.score for f in self.faces)


def quality(face: Detection, crop: np.ndarray, in_crop: Detection) -> float:
    """Higher for bigger, sharper, more frontal, surer faces: picks thumbnails and the faces to embed."""
    x, y, w, h = (max(0, round(v)) for v in in_crop.box)
    sharp = 0.0
    if w > 1 and h > 1 and crop[y:y + h, x:x + w].size:
        gray = cv2.cvtColor(crop[y:y + h, x:x + w], cv2.COLOR_RGB2GRAY)
        sharp = min(1.0, float(cv2.Laplacian(cv2.resize(gray, (64, 64)), cv2.CV_32F).var()) / 200.0)
    return face.score * (0.3 + 0.7 * face.frontality()) * min(1.0, face.size / 80.0) * (0.3 + 0.7 * sharp)


def _crop(rgb: np.ndarray, face: Detection, to_source: float, seconds: float) -> SampledFace:
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
    source = Detection(tuple(v * to_source for v in face.box),  # type: ignore[arg-type]
                       face.landmarks * to_source, face.score)
    crop = np.ascontiguousarray(crop)
    return SampledFace(seconds, source, quality(source, crop, in_crop), crop, in_crop)


@dataclass
class _OpenTrack:
    faces: list[SampledFace] = field(default_factory=list)


class FaceSampler:
    """Detects faces on a frame every SAMPLE_STEP seconds of a decode and links them into tracks.

    ``shot_starts`` (seconds) cuts the tracks at known shots; without it, a big change between two
    consecutive frames' feature images does. Errors are kept (``error``) rather than raised, so a face
    problem never breaks the decode it rides on; ``tracks`` raises them.
    """

    def __init__(self, video: VideoInfo, shot_starts: Sequence[float] = ()) -> None:
        self.detector = FaceDetector()
        self.samples = 0
        self.faces = 0
        self.seconds = 0.0  # time spent here (converting, detecting, cropping)
        self.error: Exception | None = None
        scale = min(1.0, FRAME_SHORT_SIDE_MAX / min(video.width, video.height))
        self._size = (max(2, round(video.width * scale / 2) * 2), max(2, round(video.height * scale / 2) * 2))
        self._to_source = video.width / self._size[0]
        self._linker = TrackLinker()
        self._tracks: list[_OpenTrack] = []
        self._starts = sorted(shot_starts)
        self._next_start = 0
        self._next_sample = 0.0
        self._previous: np.ndarray | None = None
        self._changed = False

    def offer(self, frame: av.VideoFrame, seconds: float, feature: np.ndarray | None = None) -> None:
        """See every decoded frame (``feature``: its 48x27 YUV image); look closely at one per SAMPLE_STEP."""
        if self.error is not None:
            return
        started = time.perf_counter()
        try:
            self._offer(frame, seconds, feature)
        except Exception as exc:  # kept for ``tracks``: the decode must go on
            self.error = exc
        self.seconds += time.perf_counter() - started

    def _offer(self, frame: av.VideoFrame, seconds: float, feature: np.ndarray | None) -> None:
        if feature is not None:
            if self._previous is not None and not self._changed:
                change = np.abs(feature.astype(np.int16) - self._previous).mean()
                self._changed = bool(change > CUT_CHANGE)
            self._previous = feature.astype(np.int16)
        while self._next_start < len(self._starts) and self._starts[self._next_start] <= seconds + 1e-6:
            self._next_start += 1
            self._changed = True
        if seconds + 1e-6 < self._next_sample:
            return
        self._next_sample = (math.floor(seconds / SAMPLE_STEP + 1e-6) + 1) * SAMPLE_STEP
        if self._changed:
            self._linker.cut()
            self._changed = False
        rgb = frame.reformat(width=self._size[0], height=self._size[1], format="rgb24").to_ndarray()
        found = [face for face in self.detector.detect(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
                 if face.size * self._to_source >= MIN_FACE_PX]
        self.samples += 1
        self.faces += len(found)
        for number, face in zip(self._linker.add(found), found, strict=True):
            if number == len(self._tracks):
                self._tracks.append(_OpenTrack())
            self._keep_best(self._tracks[number], _crop(rgb, face, self._to_source, seconds))

    @staticmethod
    def _keep_best(track: _OpenTrack, face: SampledFace) -> None:
        """Add a face; only the EMBEDS_PER_TRACK best of the track keep their pixels."""
        track.faces.append(face)
        cropped = [f for f in track.faces if f.crop is not None]
        if len(cropped) > EMBEDS_PER_TRACK:
            worst = min(cropped, key=lambda f: f.quality)
            worst.crop = worst.in_crop = None

    def tracks(self, shots: Sequence[Shot]) -> list[ShotTrack]:
        """The tracks cut at the shots' boundaries; a part with no kept crop (its track's best faces were
        all in another shot, when a cut was missed on the fly) is dropped."""
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
                best = sorted((f for f in faces if f.crop is not None), key=lambda f: -f.quality)
                if best:
                    out.append(ShotTrack(shot_index, tuple(faces), tuple(best)))
        return sorted(out, key=lambda t: (t.shot_index, t.faces[0].time))


def scan_video(video: VideoInfo, shots: Sequence[Shot], progress: Callable[[int, int], None]) -> FaceSampler:
    """Decode a stored video again just for faces (``cast scan``): the ingest's own decode is long gone."""
    sampler = FaceSampler(video, [float(shot.start) for shot in shots[1:]])
    total = max(1, math.ceil(float(video.duration) / SAMPLE_STEP))
    with av.open(str(Path(video.path))) as container:
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
