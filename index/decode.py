"""The single decode pass: tiny per-frame feature images for shot detection, plus keyframe candidates.

Decoding dominates indexing cost, so each frame is decoded exactly once (threaded) and reduced on the
spot: every frame to a 48x27 YUV thumbnail (detection then runs vectorised over the whole stack), and
a frame every ``SAMPLE_EVERY`` seconds to a >= 224 px RGB image kept as JPEG in memory (keyframes are
chosen among them once the shots are known, without a second decode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

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
    """A frame kept during decoding as a possible keyframe, with what we need to judge it."""

    frame: int
    jpeg: bytes  # RGB image, short side KEYFRAME_SHORT_SIDE, display aspect applied
    brightness: float  # mean luma 0-255 (black frames are useless keyframes)
    sharpness: float  # variance of the Laplacian (blurred frames are too)

    def image(self) -> np.ndarray:
        """The candidate as an RGB uint8 array."""
        bgr = cv2.imdecode(np.frombuffer(self.jpeg, np.uint8), cv2.IMREAD_COLOR)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


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


def shrink(plane: np.ndarray, size: tuple[int, int] = FEATURE_SIZE) -> np.ndarray:
    """Area-average a plane down to ``size``: first by a whole factor (OpenCV's fast path; a non-integer
    area resize of a full HD plane costs several times more), then the last small step."""
    height, width = plane.shape
    factor = max(1, min(width // (size[0] * 2), height // (size[1] * 2)))
    if factor > 1:
        plane = cv2.resize(plane[:height // factor * factor, :width // factor * factor],
                           (width // factor, height // factor), interpolation=cv2.INTER_AREA)
    return cv2.resize(plane, size, interpolation=cv2.INTER_AREA)


def feature_image(frame: av.VideoFrame) -> np.ndarray:
    """48x27 YUV thumbnail; 4:2:0 planes are shrunk directly, skipping a full-frame conversion."""
    if frame.format.name in PLANAR_420:
        w, h = frame.width, frame.height
        planes = [_plane(frame, 0, h, w), _plane(frame, 1, (h + 1) // 2, (w + 1) // 2),
                  _plane(frame, 2, (h + 1) // 2, (w + 1) // 2)]
        return np.dstack([shrink(p) for p in planes])
    width, height = FEATURE_SIZE
    small = frame.reformat(width=width, height=height, format="yuv444p", interpolation="AREA")
    return np.ascontiguousarray(small.to_ndarray().transpose(1, 2, 0))


def make_candidate(frame: av.VideoFrame, index: int, size: tuple[int, int]) -> Candidate:
    rgb = frame.reformat(width=size[0], height=size[1], format="rgb24", interpolation="AREA").to_ndarray()
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    ok, jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise RuntimeError("JPEG encoding of a keyframe candidate failed")
    return Candidate(index, jpeg.tobytes(), float(gray.mean()), float(cv2.Laplacian(gray, cv2.CV_32F).var()))


def decode(path: Path | str, info: VideoInfo, progress: Callable[[int, int], None] | None = None,
           frame_sink: Callable[[av.VideoFrame, float, np.ndarray], None] | None = None) -> DecodedVideo:
    """Decode every frame once; raise ``CorruptMediaError`` if the stream breaks off mid-way.

    ``frame_sink`` sees every frame with its seconds and feature image (the face stage samples it), so
    nothing else needs to decode the video again.
    """
    features: list[np.ndarray] = []
    pts: list[int] = []
    candidates: list[Candidate] = []
    size = keyframe_size(info)
    try:
        container = av.open(str(path))
    except av.FFmpegError as exc:
        raise CorruptMediaError(f"{path}: cannot open the video ({exc})") from exc
    with container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        stream.codec_context.thread_count = 0
        # Skipping the deblocking filter cuts H.264 decode time by about a quarter; every frame is still
        # decoded with its own pts (boundaries stay frame-exact), pixels move by well under one level.
        stream.codec_context.options = {"skip_loop_filter": "all"}
        time_base = Fraction(stream.time_base)
        step = max(1, round(1 / (info.fps * time_base)))  # one nominal frame, for frames without pts
        sample_every = SAMPLE_EVERY / time_base
        next_sample = Fraction(0)
        last_duration = step
        first: int | None = None
        try:
            for frame in container.decode(stream):
                index = len(pts)
                if first is None:
                    first, rel = (frame.pts or 0), 0
                else:
                    rel = frame.pts - first if frame.pts is not None else pts[-1] + step
                    # Presentation order is monotonic; damaged timestamps must not make shots run backwards.
                    rel = max(rel, pts[-1] + 1)
                pts.append(rel)
                features.append(feature_image(frame))
                if frame_sink is not None:
                    frame_sink(frame, float(rel * time_base), features[-1])
                if rel >= next_sample:
                    candidates.append(make_candidate(frame, index, size))
                    next_sample = (rel // sample_every + 1) * sample_every
                last_duration = frame.duration or step
                if progress is not None and index % PROGRESS_EVERY == 0:
                    progress(index, info.frame_count)
        except av.FFmpegError as exc:
            raise CorruptMediaError(f"{path}: decoding failed after {len(pts)} frames ({exc})") from exc
    if not pts:
        raise ZeroDurationError(f"{path}: the video stream has no frames (zero duration)")
    pts.append(pts[-1] + last_duration)
    decoded = DecodedVideo(np.stack(features), np.asarray(pts, np.int64), time_base, tuple(candidates))
    # Threaded decoders drop undecodable packets silently: a truncated stream shows only as missing time.
    end = decoded.time(decoded.frame_count)
    if end < info.duration - truncation_slack(info.duration):
        raise CorruptMediaError(f"{path}: the video is truncated (frames stop at {float(end):.1f} s "
                                f"of {float(info.duration):.1f} s)")
    if progress is not None:
        progress(decoded.frame_count, decoded.frame_count)
    return decoded
