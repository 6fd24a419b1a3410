"""Face descriptors: dlib's ResNet (128-d, public domain weights from ``face_recognition_models``).

Each face is aligned with dlib's 5-point shape predictor, run inside a square box derived from
YuNet's detection, and cut to the aligned 150x150 chip ``compute_face_descriptor`` would cut; the chips
go through the same network's weights run by torch (``index.face_resnet``: ~8x faster than dlib's own
BLAS-less code here, descriptors within 1e-6 of dlib's). Two faces of one person are usually within 0.6
of each other (Euclidean), the distance the clustering works in.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import queue
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from index.face_detect import Detection
from index.face_resnet import CHIP_PADDING, CHIP_SIZE, DlibFaceResNet, FaceNetFormatError
from index.torch_threads import threads_for

MODEL_ID = "dlib_face_recognition_resnet_model_v1"
DIM = 128


class FaceModelUnavailable(RuntimeError):
    """dlib or its model files are not installed: faces cannot be recognised here."""


def _models_dir() -> Path:
    # Found without importing the package: its __init__ needs pkg_resources, gone from new setuptools.
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise FaceModelUnavailable("face_recognition_models is not installed "
                                   "(pip install face_recognition_models==0.3.0 --no-deps)")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


@functools.lru_cache(maxsize=2)
def _network(path: Path) -> DlibFaceResNet:
    """One copy of the network's weights for every embedder: torch runs it from any thread (the shape
    predictor is what each thread needs its own of)."""
    try:
        return DlibFaceResNet(path)
    except (OSError, FaceNetFormatError) as exc:
        raise FaceModelUnavailable(f"cannot read the face-recognition network {path}: {exc}") from exc


class FaceEmbedder:
    """dlib's shape predictor and the ResNet's weights (run by torch), loaded once (about 25 MB)."""

    def __init__(self) -> None:
        try:
            import dlib
        except ImportError as exc:
            raise FaceModelUnavailable(f"dlib is not installed (pip install dlib-bin): {exc}") from exc
        models = _models_dir()
        self._dlib = dlib
        self._shape = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))
        self._resnet = _network(models / f"{MODEL_ID}.dat")

    def _rectangle(self, face: Detection):
        """dlib's detector boxes are square and sit a little lower than YuNet's: match them."""
        x, y, w, h = face.box
        side = max(w, h)
        cx, cy = x + w / 2, y + h / 2 + 0.08 * h
        return self._dlib.rectangle(round(cx - side / 2), round(cy - side / 2), round(cx + side / 2),
                                    round(cy + side / 2))

    def embed(self, faces: Sequence[tuple[np.ndarray, Detection]]) -> np.ndarray:
        """``(len(faces), 128)`` float32 descriptors of (RGB uint8 image, face in it) pairs, in one batch."""
        if not faces:
            return np.zeros((0, DIM), np.float32)
        with threads_for(len(faces)):  # a render's track: 1-2 faces
            return self._resnet(self.chips(faces)).astype(np.float32).reshape(-1, DIM)

    def chips(self, faces: Sequence[tuple[np.ndarray, Detection]]) -> np.ndarray:
        """``(len(faces), 150, 150, 3)`` uint8: each face aligned on its 5 landmarks and cut as dlib's
        ``compute_face_descriptor`` cuts it (``get_face_chip``, padding 0.25)."""
        cut = [self._dlib.get_face_chip(image, self._shape(image, self._rectangle(face)), CHIP_SIZE,
                                        CHIP_PADDING)
               for image, face in ((np.ascontiguousarray(rgb), face) for rgb, face in faces)]
        return np.asarray(cut, np.uint8).reshape(-1, CHIP_SIZE, CHIP_SIZE, 3)


class FaceEmbedderPool:
    """Loaded embedders kept for the next caller: loading the two models takes 0.3-0.9 s, which every
    render that blurs by person and every ingested video paid again. One embedder serves one thread at a
    time (dlib's shape predictor keeps buffers), so callers in parallel each borrow their own."""

    def __init__(self) -> None:
        self._idle: queue.SimpleQueue[FaceEmbedder] = queue.SimpleQueue()

    @contextlib.contextmanager
    def borrowed(self) -> Iterator[FaceEmbedder]:
        """An idle embedder, or a new one (raising ``FaceModelUnavailable`` where dlib is missing)."""
        try:
            embedder = self._idle.get_nowait()
        except queue.Empty:
            embedder = FaceEmbedder()
        try:
            yield embedder
        finally:
            self._idle.put(embedder)


EMBEDDERS = FaceEmbedderPool()
