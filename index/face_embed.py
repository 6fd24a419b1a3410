"""Face descriptors: dlib's ResNet (128-d, public domain weights from ``face_recognition_models``).

Each face is aligned with dlib's 5-point shape predictor, run inside a square box derived from
YuNet's detection, then ``compute_face_descriptor`` embeds the aligned 150x150 chip. Two faces of
one person are usually within 0.6 of each other (Euclidean), the distance the clustering works in.
"""

from __future__ import annotations

import contextlib
import importlib.util
import queue
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from index.face_detect import Detection

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


class FaceEmbedder:
    """dlib's shape predictor and ResNet, loaded once (about 25 MB)."""

    def __init__(self) -> None:
        try:
            import dlib
        except ImportError as exc:
            raise FaceModelUnavailable(f"dlib is not installed (pip install dlib-bin): {exc}") from exc
        models = _models_dir()
        self._dlib = dlib
        self._shape = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))
        self._resnet = dlib.face_recognition_model_v1(str(models / f"{MODEL_ID}.dat"))

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
        images, shapes = [], []
        for rgb, face in faces:
            image = np.ascontiguousarray(rgb)
            one = self._dlib.full_object_detections()
            one.append(self._shape(image, self._rectangle(face)))
            images.append(image)
            shapes.append(one)
        batches = self._resnet.compute_face_descriptor(images, shapes)
        vectors = [np.asarray(batch[0], np.float32) for batch in batches]
        return np.asarray(vectors, np.float32).reshape(-1, DIM)


class FaceEmbedderPool:
    """Loaded embedders kept for the next caller: loading dlib's two models takes 0.3-0.9 s, which every
    render that blurs by person and every ingested video paid again. One embedder serves one thread at a
    time (dlib's network keeps buffers), so callers in parallel each borrow their own."""

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
