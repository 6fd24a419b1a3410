"""The face ResNet run by torch from dlib's own weight file gives dlib's descriptors: on chips, on real
portraits through the whole align-and-cut path, and it refuses a file that is not that network."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from index.face_detect import FaceDetector
from index.face_embed import MODEL_ID, FaceEmbedder, _models_dir
from index.face_resnet import CHIP_SIZE, DlibFaceResNet, FaceNetFormatError, read_layers
from tests.media_factory import FACE_PHOTOS, face_photo

dlib = pytest.importorskip("dlib")
WEIGHTS = _models_dir() / f"{MODEL_ID}.dat"


@pytest.fixture(scope="module")
def dlib_net():
    return dlib.face_recognition_model_v1(str(WEIGHTS))


@pytest.fixture(scope="module")
def torch_net() -> DlibFaceResNet:
    return DlibFaceResNet(WEIGHTS)


def test_the_file_reads_as_the_documented_network() -> None:
    layers = read_layers(WEIGHTS)
    kinds = [layer.kind for layer in layers]
    assert kinds.count("con") == 29 and kinds.count("affine") == 29 and kinds.count("fc") == 1
    assert layers[0].kind == "input"
    assert np.allclose(layers[0].arrays[0], [122.782, 117.001, 104.298], atol=1e-3)  # dlib's channel means
    stem = layers[1]
    assert stem.arrays[0].shape == (32, 3, 7, 7) and stem.stride == (2, 2)
    assert layers[-1].arrays[0].shape == (256, 128)


def test_descriptors_equal_dlibs_on_noise_and_smooth_chips(dlib_net, torch_net: DlibFaceResNet) -> None:
    rng = np.random.default_rng(7)
    chips = (rng.random((4, CHIP_SIZE, CHIP_SIZE, 3)) * 255).astype(np.uint8)
    chips[2:] = np.stack([cv2.GaussianBlur(chip, (0, 0), 4) for chip in chips[2:]])
    expected = np.array([dlib_net.compute_face_descriptor(chip) for chip in chips], np.float32)
    got = torch_net(chips)
    assert got.shape == (4, 128)
    assert np.abs(got - expected).max() < 1e-5


def test_whole_path_on_real_portraits_matches_dlib_and_tells_people_apart(dlib_net) -> None:
    """YuNet's face on each portrait, aligned and cut by ``FaceEmbedder``, gives dlib's own descriptor of
    the same image and landmarks; the two people stay far apart, a mirrored take of one stays close."""
    detector, embedder = FaceDetector(), FaceEmbedder()
    faces = []
    for person in FACE_PHOTOS:
        bgr = cv2.imread(str(face_photo(person)))
        rgb = np.ascontiguousarray(bgr[:, :, ::-1])
        for image in (rgb, np.ascontiguousarray(rgb[:, ::-1])):
            found = detector.detect(np.ascontiguousarray(image[:, :, ::-1]))
            faces.append((image, max(found, key=lambda d: d.score)))
    ours = embedder.embed(faces)
    for (image, face), vector in zip(faces, ours, strict=True):
        shape = embedder._shape(image, embedder._rectangle(face))
        reference = np.asarray(dlib_net.compute_face_descriptor(image, shape), np.float32)
        assert np.abs(vector - reference).max() < 1e-5
    same_a, same_b = np.linalg.norm(ours[0] - ours[1]), np.linalg.norm(ours[2] - ours[3])
    apart = np.linalg.norm(ours[0] - ours[2])
    assert same_a < 0.5 and same_b < 0.5 and apart > 0.6


def test_a_file_that_is_not_the_network_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "shape.dat"
    other.write_bytes((_models_dir() / "shape_predictor_5_face_landmarks.dat").read_bytes())
    with pytest.raises(FaceNetFormatError):
        DlibFaceResNet(other)
    truncated = tmp_path / "cut.dat"
    truncated.write_bytes(WEIGHTS.read_bytes()[: WEIGHTS.stat().st_size // 2])
    with pytest.raises(FaceNetFormatError):
        DlibFaceResNet(truncated)
