"""Face detection with YuNet (OpenCV's ``FaceDetectorYN``), the model vendored in ``index/models``.

Frames are detected at a working size whose short side is ``DETECT_SHORT_SIDE`` (long side capped),
so a 720p frame is shrunk and a letterboxed 512x120 one is enlarged enough for YuNet's ~10 px floor;
boxes and landmarks come back in the frame's own pixels.
"""

from __future__ import annotations

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


class FaceDetector:
    """One YuNet instance for frames of one size (the network is reshaped when the size changes)."""

    def __init__(self, model: Path = MODEL_FILE, score: float = SCORE_THRESHOLD) -> None:
        if not model.is_file():
            raise FileNotFoundError(f"the YuNet face model is missing: {model} (reinstall personalcut)")
        # OpenCV's DNN warns on stderr that its new engine ignores the default target: noise in every ingest.
        level = cv2.utils.logging.getLogLevel()
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
        try:
            self._net = cv2.FaceDetectorYN.create(str(model), "", (320, 320), score, NMS_THRESHOLD,
                                                  5000)
        finally:
            cv2.utils.logging.setLogLevel(level)
        self._size: tuple[int, int] | None = None

    def detect(self, bgr: np.ndarray) -> list[Detection]:
        """Faces in a BGR uint8 frame, in that frame's pixel coordinates."""
        height, width = bgr.shape[:2]
        size = working_size(width, height)
        scale = (size[0] / width + size[1] / height) / 2
        if size != self._size:
            self._net.setInputSize(size)
            self._size = size
        interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        small = bgr if size == (width, height) else cv2.resize(bgr, size, interpolation=interpolation)
        _, faces = self._net.detect(small)
        if faces is None:
            return []
        found = []
        for row in faces:
            x, y, w, h = (float(v) / scale for v in row[:4])
            landmarks = (row[4:14].reshape(5, 2) / scale).astype(np.float32)
            found.append(Detection((x, y, w, h), landmarks, float(row[14])))
        return found
