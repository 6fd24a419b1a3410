"""The single decode pass: tiny per-frame feature images for shot detection, plus keyframe candidates.

Decoding dominates indexing cost, so each frame is decoded exactly once (threaded) and reduced on the
spot: every frame to a 48x27 YUV thumbnail (detection then runs vectorised over the whole stack), and
a frame every ``SAMPLE_EVERY`` seconds to a >= 224 px RGB image, held raw and JPEG-encoded in memory only
if it has to wait (keyframes are chosen among them once the shots are known, without a second decode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
from av.video.reformatter import VideoReformatter

from index import nvdec
from index.probe import CorruptMediaError, ZeroDurationError, truncation_slack
from index.shot import VideoInfo

FEATURE_SIZE = (48, 27)  # width, height of the per-frame detection thumbnail (3.9 kB a frame)
KEYFRAME_SHORT_SIDE = 224  # CLIP's input size: candidates never need upscaling
SAMPLE_EVERY = Fraction(1, 2)  # seconds between keyframe candidates; shorter than the minimum shot
JPEG_QUALITY = 92
PROGRESS_EVERY = 64  # frames between progress callbacks
PLANAR_420 = {"yuv420p", "yuvj420p"}


@dataclass(frozen=True)
class Candidate:
    """A frame kept during decoding as a possible keyframe, with what we need to judge it.

    Its picture is always the JPEG's, but the encoding waits until the candidate is chosen or must wait long
    (``compressed``): most candidates are dropped once their shot is known, and encoding each one on arrival
    was a tenth of the decode pass on small clips. Encoded late or early, the picture is the same, so a
    keyframe's vector does not depend on when its shot closed (detection windows, a resumed ingest).
    """

    frame: int
    jpeg: bytes  # RGB image, short side KEYFRAME_SHORT_SIDE, display aspect applied (b"" while raw)
    brightness: float  # mean luma 0-255 (black frames are useless keyframes)
    sharpness: float  # variance of the Laplacian (blurred frames are too)
    pixels: np.ndarray | None = field(default=None, compare=False, repr=False)  # RGB uint8 until encoded

    def image(self) -> np.ndarray:
        """The candidate as an RGB uint8 array (its JPEG decoded)."""
        if self.pixels is not None:
            return self.compressed().image()
        bgr = cv2.imdecode(np.frombuffer(self.jpeg, np.uint8), cv2.IMREAD_COLOR)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)

    def compressed(self) -> Candidate:
        """The same candidate held as a JPEG (about a tenth of the memory)."""
        if self.pixels is None:
            return self
        ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(self.pixels, cv2.COLOR_RGB2BGR),
                                [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            raise RuntimeError("JPEG encoding of a keyframe candidate failed")
        return replace(self, jpeg=jpeg.tobytes(), pixels=None)


@dataclass(frozen=True)
class DecodedVideo:
    """Everything the later stages need from the pixels, indexed by presentation-order frame number."""

    features: np.ndarray  # (frames, 27, 48, 3) uint8 YUV
    pts: np.ndarray  # int64 (frames + 1,): each frame's pts minus the first one's, then the stream end
    time_base: Fraction
    candidates: tuple[Candidate, ...]

    @property
    def frame_count(self) -> int:
        return len(self.features)

    def time(self, frame: int) -> Fraction:
        """Exact seconds from the first frame at which ``frame`` is shown (``frame_count`` = the end)."""
        return Fraction(int(self.pts[frame])) * self.time_base


def keyframe_size(info: VideoInfo) -> tuple[int, int]:
    """Candidate image size: display aspect (anamorphic SAR applied), short side KEYFRAME_SHORT_SIDE."""
    width, height = info.display_width, info.height
    scale = KEYFRAME_SHORT_SIDE / min(width, height)
    even = [max(KEYFRAME_SHORT_SIDE, round(side * scale / 2) * 2) for side in (width, height)]
    return even[0], even[1]


def _plane(frame: av.VideoFrame, index: int, height: int, width: int) -> np.ndarray:
    plane = frame.planes[index]
    return np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:height, :width]


def _linear_step(width: int, height: int, size: tuple[int, int]) -> tuple[int, int] | None:
    """The bilinear pre-shrink's size for a plane this big (None: too small for one)."""
    factor = min(width // (size[0] * 4), height // (size[1] * 4))
    return (width // factor, height // factor) if factor > 1 else None


def _shrink_interleaved(uv: np.ndarray, size: tuple[int, int] = FEATURE_SIZE) -> list[np.ndarray]:
    """NV12's interleaved U and V planes as ``shrink`` makes each: the bilinear pre-shrink runs on both at
    once (OpenCV's bilinear step is per channel, the same numbers), then the small result is split; a
    plane too small for it is split first (OpenCV's two-channel area average rounds differently)."""
    height, width = uv.shape[:2]
    if (step := _linear_step(width, height, size)) is not None:
        small = cv2.resize(uv, step, interpolation=cv2.INTER_LINEAR)
        return [cv2.resize(np.ascontiguousarray(small[..., i]), size, interpolation=cv2.INTER_AREA)
                for i in (0, 1)]
    return [shrink(np.ascontiguousarray(uv[..., i]), size) for i in (0, 1)]


def shrink(plane: np.ndarray, size: tuple[int, int] = FEATURE_SIZE) -> np.ndarray:
    """Average a plane down to ``size``: a bilinear pre-shrink to about 4x the target, then an area average.

    An area average of a whole full-HD plane cost ~2.3 ms a frame, more than the rest of the per-frame work;
    the bilinear step costs ~0.05 ms and each output pixel still averages 16 samples spread over its area.
    Measured against the area average: on the shared clips the boundaries are the same except one dissolve's,
    which moved within the dissolve; on the 10-minute 720p input 3 of 81 moved by 1-4 frames and one more
    differs. Planes under ~4x the target size are area-averaged by a whole factor first (OpenCV's fast path:
    ~130 -> 35 us for a 512x120 plane, 16 us as two halvings); their boundaries are unchanged on the shared
    clips.
    """
    height, width = plane.shape
    if (step := _linear_step(width, height, size)) is not None:
        plane = cv2.resize(plane, step, interpolation=cv2.INTER_LINEAR)
    elif (factor := min(width // size[0], height // size[1])) > 1:  # OpenCV's fast whole-factor area path
        plane = plane[:height // factor * factor, :width // factor * factor]
        while factor % 2 == 0:  # its 2x path is vectorised: two halvings took 16 us where one 4x took 39
            plane = cv2.resize(plane, (plane.shape[1] // 2, plane.shape[0] // 2),
                               interpolation=cv2.INTER_AREA)
            factor //= 2
        if factor > 1:
            plane = cv2.resize(plane, (plane.shape[1] // factor, plane.shape[0] // factor),
                               interpolation=cv2.INTER_AREA)
    return cv2.resize(plane, size, interpolation=cv2.INTER_AREA)


def feature_image(frame: av.VideoFrame, reformatter: VideoReformatter | None = None) -> np.ndarray:
    """48x27 YUV thumbnail; 4:2:0 planes are shrunk directly, skipping a full-frame conversion. NV12 (what
    NVDEC hands back) is the same samples with U and V interleaved, and gives the same thumbnail as its
    planar twin."""
    w, h = frame.width, frame.height
    if frame.format.name in PLANAR_420:
        planes = [_plane(frame, 0, h, w), _plane(frame, 1, (h + 1) // 2, (w + 1) // 2),
                  _plane(frame, 2, (h + 1) // 2, (w + 1) // 2)]
        return np.dstack([shrink(p) for p in planes])
    if frame.format.name == "nv12":
        half_w = (w + 1) // 2
        uv = _plane(frame, 1, (h + 1) // 2, 2 * half_w).reshape((h + 1) // 2, half_w, 2)
        return np.dstack([shrink(_plane(frame, 0, h, w)), *_shrink_interleaved(uv)])
    width, height = FEATURE_SIZE
    small = (reformatter or VideoReformatter()).reformat(frame, width=width, height=height, format="yuv444p",
                                                         interpolation="AREA")
    return np.ascontiguousarray(small.to_ndarray().transpose(1, 2, 0))


def make_candidate(frame: av.VideoFrame, index: int, size: tuple[int, int],
                   reformatter: VideoReformatter | None = None) -> Candidate:
    """``reformatter``: one kept across a decode's frames. ``frame.reformat`` builds a new swscale context
    each call, which cost ~1 ms of the 1.4 ms a candidate took (now ~0.5 ms, the same pixels)."""
    rgb = (reformatter or VideoReformatter()).reformat(frame, width=size[0], height=size[1], format="rgb24",
                                                       interpolation="AREA").to_ndarray()
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # OpenCV's own mean and deviation, on an int16 Laplacian (exact for 8-bit input): the same numbers as
    # numpy's mean and var of a float32 one, in a third of the time.
    sharpness = float(cv2.meanStdDev(cv2.Laplacian(gray, cv2.CV_16S))[1][0, 0]) ** 2
    return Candidate(index, b"", float(cv2.mean(gray)[0]), sharpness, rgb)


@dataclass(frozen=True)
class ResumeAt:
    """Where a resumed decode picks up: frame ``frame``, whose pts is ``rel`` after ``first_pts``."""

    frame: int
    rel: int
    first_pts: int


class ResumeFailed(RuntimeError):
    """The resume frame was not found again after seeking (damaged timestamps): decode from the start."""


@dataclass(frozen=True)
class DecodedFrame:
    index: int  # presentation order from the first frame
    rel: int  # pts minus the first frame's, in ``time_base`` units (monotonic)
    frame: av.VideoFrame
    feature: np.ndarray  # 48x27 YUV
    candidate: Candidate | None  # kept as a possible keyframe (one every ``SAMPLE_EVERY`` seconds)


PREROLL = Fraction(2)  # seconds decoded before a resume frame: the sampling state and the decoder settle


def open_for_decode(path: Path | str) -> av.container.InputContainer:
    """The file opened for decoding, on the GPU's decoder where ``index.nvdec`` says so (and PyAV has a
    profile for the stream), else on the CPU; a file the GPU path cannot open is tried once without it."""
    accel = nvdec.hwaccel()
    if accel is not None:
        try:
            return av.open(str(path), hwaccel=accel)
        except (av.FFmpegError, RuntimeError, NotImplementedError):
            pass  # opened again without it: a file that is really broken fails below with FFmpeg's words
    try:
        return av.open(str(path))
    except av.FFmpegError as exc:
        raise CorruptMediaError(f"{path}: cannot open the video ({exc})") from exc


class FrameReader:
    """The single decode pass as a stream: each frame once, reduced on the spot, in presentation order.

    Iterating yields ``DecodedFrame``s; afterwards ``end`` is the stream's end (pts after the last frame)
    and ``frames`` the count. With ``resume`` it seeks a little before that frame and yields from it on,
    with the same indices, pts and keyframe candidates as an uninterrupted decode; candidates seen in the
    pre-roll come back in ``preroll_candidates``.
    """

    def __init__(self, path: Path | str, info: VideoInfo, resume: ResumeAt | None = None) -> None:
        self.path, self.info, self.resume = path, info, resume
        self.time_base = Fraction(1)
        self.first_pts = 0 if resume is None else resume.first_pts
        self.frames = 0 if resume is None else resume.frame
        self.end = 0
        self.preroll_candidates: list[Candidate] = []
        self.hardware = False  # decoded by NVDEC (known once iteration has opened the file)

    def time(self, rel: int) -> Fraction:
        return Fraction(rel) * self.time_base

    def _rel(self, frame: av.VideoFrame, previous: int | None, step: int) -> int:
        """The frame's pts after the first frame's; monotonic, estimated where a frame has none."""
        if previous is None:
            if self.resume is not None:
                if frame.pts is None:
                    raise ResumeFailed(f"{self.path}: no timestamps to resume at")
                return int(frame.pts - self.first_pts)
            self.first_pts = frame.pts or 0
            return 0
        if frame.pts is None:
            return previous + step
        return max(int(frame.pts - self.first_pts), previous + 1)

    def __iter__(self) -> Iterator[DecodedFrame]:
        path, info, resume = self.path, self.info, self.resume
        size = keyframe_size(info)
        to_rgb, to_yuv = VideoReformatter(), VideoReformatter()  # each keeps its swscale context
        container = open_for_decode(path)
        with container:
            stream = container.streams.video[0]
            self.hardware = bool(getattr(stream.codec_context, "is_hwaccel", False))
            stream.thread_type = "AUTO"
            stream.codec_context.thread_count = 0
            # Skipping the deblocking filter cuts H.264 decode time by about a quarter; every frame is still
            # decoded with its own pts (boundaries stay frame-exact), pixels move by well under one level.
            stream.codec_context.options = {"skip_loop_filter": "all"}
            self.time_base = time_base = Fraction(stream.time_base)
            step = max(1, round(1 / (info.fps * time_base)))  # one nominal frame, for frames without pts
            sample_every = SAMPLE_EVERY / time_base  # in pts units; compared in integers below (per frame)
            per_num, per_den = sample_every.numerator, sample_every.denominator
            if resume is not None:
                container.seek(max(0, int(resume.first_pts + resume.rel - PREROLL / time_base)),
                               stream=stream, backward=True, any_frame=False)
            previous: int | None = None  # rel of the frame before
            seeking = resume is not None  # in the pre-roll before the resume frame
            preroll: list[Candidate | None] = []  # per pre-roll frame, its candidate if sampled
            last_duration = step
            try:
                for frame in container.decode(stream):
                    rel = self._rel(frame, previous, step)
                    sampled = previous is None or rel * per_den // per_num > previous * per_den // per_num
                    previous = rel
                    if seeking and resume is not None:
                        if rel < resume.rel:
                            preroll.append(make_candidate(frame, -1, size, to_rgb) if sampled else None)
                            continue
                        if rel > resume.rel:
                            raise ResumeFailed(f"{path}: frame {resume.frame} not found again after seeking")
                        seeking = False
                        self.preroll_candidates = [replace(c, frame=resume.frame - len(preroll) + i)
                                                   for i, c in enumerate(preroll) if c is not None]
                    feature = feature_image(frame, to_yuv)
                    candidate = make_candidate(frame, self.frames, size, to_rgb) if sampled else None
                    yield DecodedFrame(self.frames, rel, frame, feature, candidate)
                    self.frames += 1
                    last_duration = frame.duration or step
            except av.FFmpegError as exc:
                # A decoder on one thread stops at the first bad packet where threaded ones skip it (below):
                # frames that stop short of the stated end are named the same way whatever the cores.
                reached = self.time(previous + last_duration) if previous is not None else None
                if reached is not None and reached < info.duration - truncation_slack(info.duration):
                    raise CorruptMediaError(
                        f"{path}: the video is truncated (frames stop at {float(reached):.1f} s of "
                        f"{float(info.duration):.1f} s; {exc})") from exc
                raise CorruptMediaError(
                    f"{path}: decoding failed after {self.frames} frames ({exc})") from exc
        if seeking:
            raise ResumeFailed(f"{path}: frame {self.frames} not found again after seeking")
        if previous is None:
            raise ZeroDurationError(f"{path}: the video stream has no frames (zero duration)")
        self.end = previous + last_duration
        # Threaded decoders drop undecodable packets silently: a truncated stream shows only as missing time.
        end = self.time(self.end)
        if end < info.duration - truncation_slack(info.duration):
            raise CorruptMediaError(f"{path}: the video is truncated (frames stop at {float(end):.1f} s "
                                    f"of {float(info.duration):.1f} s)")


def decode(path: Path | str, info: VideoInfo, progress: Callable[[int, int], None] | None = None,
           frame_sink: Callable[[av.VideoFrame, float, np.ndarray], None] | None = None) -> DecodedVideo:
    """Decode every frame once and keep what later stages need; raise ``CorruptMediaError`` if the stream
    breaks off mid-way. Holds every frame's feature image: ingest streams instead (``index.analyze``).

    ``frame_sink`` sees every frame with its seconds and feature image (the face stage samples it), so
    nothing else needs to decode the video again.
    """
    features: list[np.ndarray] = []
    pts: list[int] = []
    candidates: list[Candidate] = []
    reader = FrameReader(path, info)
    for item in reader:
        pts.append(item.rel)
        features.append(item.feature)
        if frame_sink is not None:
            frame_sink(item.frame, float(reader.time(item.rel)), item.feature)
        if item.candidate is not None:
            candidates.append(item.candidate.compressed())  # every candidate of the video is held
        if progress is not None and item.index % PROGRESS_EVERY == 0:
            progress(item.index, info.frame_count)
    pts.append(reader.end)
    decoded = DecodedVideo(np.stack(features), np.asarray(pts, np.int64), reader.time_base, tuple(candidates))
    if progress is not None:
        progress(decoded.frame_count, decoded.frame_count)
    return decoded
