"""Face detection with YuNet (OpenCV's ``FaceDetectorYN``), the model vendored in ``index/models``.

Frames are detected at a working size whose short side is ``DETECT_SHORT_SIDE`` (long side capped),
so a 720p frame is shrunk and a letterboxed 512x120 one is enlarged enough for YuNet's ~10 px floor;
boxes and landmarks come back in the frame's own pixels.

Frames come in their coded pixels. Where those are far from square (``SQUEEZE_FOR_SECOND_LOOK``: PAL
16:9 DVDs, HDV, the 9:16 Tears of Steel sample), faces are squeezed and YuNet misses many, so such a
frame gets a second look at square pixels and the two looks' faces are merged.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "models" / "yunet_n_320_320.onnx"
MODEL_ID = "yunet_n_320_320"
DETECT_SHORT_SIDE = 360
DETECT_LONG_SIDE_MAX = 1280
SCORE_THRESHOLD = 0.7  # YuNet's own default is 0.9; lower finds profile faces, the filters below drop junk
NMS_THRESHOLD = 0.3
# Squeezing the frames of five square-pixel clips (338 frames, 153 faces at score >= 0.7) by 1.2 kept 96 %
# of the faces (either way), by 1.33 88-91 %, 1.5 80-82 %, 1.78 52-54 %. From 1.3 on a second look pays:
# on the Tears sample (pixels 9:16) it finds the man behind the brain (57 s), whom the coded frames hide.
SQUEEZE_FOR_SECOND_LOOK = 1.3


@dataclass(frozen=True)
class Detection:
    """A face in a frame: box ``(x, y, w, h)``, five landmarks (eyes, nose, mouth corners), YuNet's score."""

    box: tuple[float, float, float, float]
    landmarks: np.ndarray  # (5, 2) float32, frame pixels
    score: float

    @property
    def size(self) -> float:
        """The box's short side in frame pixels: how much face there is to recognise."""
        return min(self.box[2], self.box[3])

    def frontality(self) -> float:
        """1 facing the camera, towards 0 in profile: how centred the nose sits between the eyes."""
        (rx, _), (lx, _), (nx, _) = self.landmarks[0], self.landmarks[1], self.landmarks[2]
        left, right = abs(lx - nx), abs(nx - rx)
        return float(min(left, right) / max(left, right)) if max(left, right) > 0 else 0.0


def working_scale(width: int, height: int) -> float:
    """The factor frames are resized by for detection."""
    scale = DETECT_SHORT_SIDE / min(width, height)
    return min(scale, DETECT_LONG_SIDE_MAX / max(width, height))


def working_size(width: int, height: int) -> tuple[int, int]:
    """The size a ``width`` x ``height`` frame is detected at; a frame given at this size is not resized."""
    scale = working_scale(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Intersection over union of two (x, y, w, h) boxes."""
    w = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    union = a[2] * a[3] + b[2] * b[3] - w * h
    return w * h / union if union > 0 else 0.0


_QUIET_LOCK = threading.Lock()


@contextlib.contextmanager
def quiet_dnn() -> Iterator[None]:
    """OpenCV's log level at ERROR while a network is made: its DNN warns on stderr that the new engine
    ignores the default target, noise in every ingest and render. The level is process-wide, so networks
    made in two threads at once take turns (else one restores the level while the other is still making
    its network, and the warning got through in a render blurring by person)."""
    with _QUIET_LOCK:
        level = cv2.utils.logging.getLogLevel()
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
        try:
            yield
        finally:
            cv2.utils.logging.setLogLevel(level)


class _YuNet:
    """One YuNet network, reshaped when the frame size changes."""

    def __init__(self, model: Path, score: float) -> None:
        with quiet_dnn():
            self._net = cv2.FaceDetectorYN.create(str(model), "", (320, 320), score, NMS_THRESHOLD,
                                                  5000)
        self._size: tuple[int, int] | None = None

    def detect(self, bgr: np.ndarray, size: tuple[int, int]) -> list[Detection]:
        """Faces in ``bgr`` resized to ``size``, in ``bgr``'s own pixels (each axis scaled back)."""
        height, width = bgr.shape[:2]
        sx, sy = size[0] / width, size[1] / height
        if size != self._size:
            self._net.setInputSize(size)
            self._size = size
        interpolation = cv2.INTER_AREA if sx * sy < 1 else cv2.INTER_LINEAR
        small = bgr if size == (width, height) else cv2.resize(bgr, size, interpolation=interpolation)
        _, faces = self._net.detect(small)
        if faces is None:
            return []
        back = np.array([sx, sy], np.float32)
        return [Detection((float(row[0]) / sx, float(row[1]) / sy, float(row[2]) / sx, float(row[3]) / sy),
                          (row[4:14].reshape(5, 2) / back).astype(np.float32), float(row[14]))
                for row in faces]


class FaceDetector:
    """YuNet for frames of one video; ``aspect``: its pixels' shape (width/height, the sample aspect ratio),
    which gives strongly squeezed frames a second look at square pixels."""

    def __init__(self, model: Path = MODEL_FILE, score: float = SCORE_THRESHOLD, aspect: float = 1.0) -> None:
        if not model.is_file():
            raise FileNotFoundError(f"the YuNet face model is missing: {model} (reinstall personalcut)")
        self.aspect = aspect if aspect > 0 else 1.0
        self._net = _YuNet(model, score)
        squeezed = max(self.aspect, 1 / self.aspect) >= SQUEEZE_FOR_SECOND_LOOK
        self._square = _YuNet(model, score) if squeezed else None

    def square_size(self, width: int, height: int) -> tuple[int, int] | None:
        """The size of the second look for a ``width`` x ``height`` frame; None when it gets none."""
        if self._square is None:
            return None
        return working_size(max(1, round(width * self.aspect)), height)

    def detect(self, bgr: np.ndarray, square: np.ndarray | None = None) -> list[Detection]:
        """Faces in a BGR uint8 frame, in that frame's pixel coordinates. ``square``: the same frame already
        at ``square_size`` (made from the decoded picture, sharper than resizing ``bgr`` again)."""
        height, width = bgr.shape[:2]
        found = self._net.detect(bgr, working_size(width, height))
        shown = self.square_size(width, height)
        if self._square is not None and shown is not None:
            if square is None or square.shape[1::-1] != shown:
                square = cv2.resize(bgr, shown, interpolation=cv2.INTER_AREA)
            sx, sy = width / shown[0], height / shown[1]
            for face in self._square.detect(square, shown):
                x, y, w, h = face.box
                points = (face.landmarks * np.array([sx, sy], np.float32)).astype(np.float32)
                face = Detection((x * sx, y * sy, w * sx, h * sy), points, face.score)
                if all(iou(face.box, other.box) < NMS_THRESHOLD for other in found):
                    found.append(face)
        return found
