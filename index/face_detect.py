"""Face detection with YuNet, the model vendored in ``index/models``, run by ONNX Runtime.

The network runs in ONNX Runtime and its outputs are decoded here as OpenCV's ``FaceDetectorYN`` does
(input padded to a multiple of 32; per stride, score = sqrt(class x objectness), box and landmarks from
the anchor's cell; OpenCV's NMS): the same faces to 1e-4 px on 263 frames of eight shared clips, at half
the time (7.7 against 14.4 ms a 640x360 frame on one thread), and the detector is most of a blur's cost.
The vendored model is YuNet's own with its input size left free, so one network serves every frame size.

Frames are detected at a working size whose short side is ``DETECT_SHORT_SIDE`` (long side capped),
so a 720p frame is shrunk and a letterboxed 512x120 one is enlarged enough for YuNet's ~10 px floor;
boxes and landmarks come back in the frame's own pixels.

Frames come in their coded pixels. Where those are far from square (``SQUEEZE_FOR_SECOND_LOOK``: PAL
16:9 DVDs, HDV, the 9:16 Tears of Steel sample), faces are squeezed and YuNet misses many, so such a
frame gets a second look at square pixels and the two looks' faces are merged.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

MODEL_FILE = Path(__file__).resolve().parent / "models" / "yunet_n_dynamic.onnx"
MODEL_ID = "yunet_n_320_320"
DETECT_SHORT_SIDE = 360
DETECT_LONG_SIDE_MAX = 1280
SCORE_THRESHOLD = 0.7  # YuNet's own default is 0.9; lower finds profile faces, the filters below drop junk
NMS_THRESHOLD = 0.3
TOP_K = 5000  # faces kept by the NMS, at most (OpenCV's FaceDetectorYN default)
STRIDES = (8, 16, 32)  # YuNet's three heads: one anchor per cell of each stride
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


_SESSIONS: dict[Path, ort.InferenceSession] = {}
_SESSIONS_LOCK = threading.Lock()


def _session(model: Path) -> ort.InferenceSession:
    """One ONNX Runtime session per model in the process (a session's ``run`` may be called from several
    threads at once; making one costs ~20 ms, and renders make detectors often). One thread a frame: renders
    and ingests run a decoder beside it (two threads in the ingest made the whole 16 % slower, measured)."""
    with _SESSIONS_LOCK:
        if model not in _SESSIONS:
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3  # errors only
            # no pre-planned buffer pattern: 29 instead of 37 MB held for a 640x384 frame, at the same speed
            # (a film's ingest peaked 41 MB higher with the runtime than with OpenCV's DNN)
            options.enable_mem_pattern = False
            _SESSIONS[model] = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        return _SESSIONS[model]


class YuNetNet:
    """The YuNet network at any input size: ``faces(bgr)`` gives OpenCV ``FaceDetectorYN``'s rows
    (x, y, w, h, five landmarks' x and y, score; float32) for the faces scoring at least ``score``."""

    def __init__(self, model: Path, score: float) -> None:
        if not model.is_file():
            raise FileNotFoundError(f"the YuNet face model is missing: {model} (reinstall personalcut)")
        self._session = _session(model)
        self.score = score

    def faces(self, bgr: np.ndarray) -> np.ndarray:
        """Faces in a BGR uint8 picture, in its pixels, after non-maximum suppression."""
        height, width = bgr.shape[:2]
        padded_h, padded_w = -(-height // 32) * 32, -(-width // 32) * 32
        blob = np.zeros((1, 3, padded_h, padded_w), np.float32)  # padded below and right with black
        blob[0, :, :height, :width] = bgr.transpose(2, 0, 1)
        outputs = self._session.run(None, {"input": blob})
        found = [self._decode(outputs, head, stride, padded_w) for head, stride in enumerate(STRIDES)]
        rows = np.concatenate(found)
        if len(rows) > 1:  # OpenCV's NMS on the boxes cut to whole pixels, as FaceDetectorYN does
            boxes = [tuple(int(v) for v in box) for box in rows[:, :4]]
            keep = cv2.dnn.NMSBoxes(boxes, rows[:, 14].tolist(), self.score, NMS_THRESHOLD, 1.0, TOP_K)
            rows = rows[np.asarray(keep, int).reshape(-1)]
        return rows

    def _decode(self, outputs: list[np.ndarray], head: int, stride: int, padded_w: int) -> np.ndarray:
        """One stride's anchors scoring at least ``score`` as face rows."""
        cls, obj = outputs[head][0, :, 0], outputs[head + 3][0, :, 0]
        score = np.sqrt(np.clip(cls, 0, 1) * np.clip(obj, 0, 1))
        kept = np.flatnonzero(score >= self.score)
        row, col = np.divmod(kept, padded_w // stride)
        row, col = row.astype(np.float32)[:, None], col.astype(np.float32)[:, None]
        box = outputs[head + 6][0, kept]
        centre_x, centre_y = (col[:, 0] + box[:, 0]) * stride, (row[:, 0] + box[:, 1]) * stride
        w, h = np.exp(box[:, 2]) * stride, np.exp(box[:, 3]) * stride
        points = outputs[head + 9][0, kept].reshape(-1, 5, 2)
        landmarks = np.stack([(points[:, :, 0] + col) * stride, (points[:, :, 1] + row) * stride], axis=2)
        return np.column_stack([centre_x - w / 2, centre_y - h / 2, w, h, landmarks.reshape(-1, 10),
                                score[kept]]).astype(np.float32)


class _YuNet:
    """YuNet on frames resized to a working size."""

    def __init__(self, model: Path, score: float) -> None:
        self._net = YuNetNet(model, score)

    def detect(self, bgr: np.ndarray, size: tuple[int, int]) -> list[Detection]:
        """Faces in ``bgr`` resized to ``size``, in ``bgr``'s own pixels (each axis scaled back)."""
        height, width = bgr.shape[:2]
        sx, sy = size[0] / width, size[1] / height
        interpolation = cv2.INTER_AREA if sx * sy < 1 else cv2.INTER_LINEAR
        small = bgr if size == (width, height) else cv2.resize(bgr, size, interpolation=interpolation)
        back = np.array([sx, sy], np.float32)
        return [Detection((float(row[0]) / sx, float(row[1]) / sy, float(row[2]) / sx, float(row[3]) / sy),
                          (row[4:14].reshape(5, 2) / back).astype(np.float32), float(row[14]))
                for row in self._net.faces(small)]


class FaceDetector:
    """YuNet for frames of one video; ``aspect``: its pixels' shape (width/height, the sample aspect ratio),
    which gives strongly squeezed frames a second look at square pixels."""

    def __init__(self, model: Path = MODEL_FILE, score: float = SCORE_THRESHOLD, aspect: float = 1.0) -> None:
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
