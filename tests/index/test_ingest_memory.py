"""What keeps a film's ingest in bounded memory: face crops packed as their tracks close, and an
image-only CLIP (no text tower) for processes that only ingest; neither changes a single output number."""

from __future__ import annotations

import gc
import weakref
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from index.clip_factory import create_embedder
from index.decode import feature_image
from index.embedder import TextUnavailable
from index.face_detect import Detection
from index.face_scan import CROP_FACE_PX, CROP_MARGIN, EMBEDS_PER_TRACK, FaceSampler, SampledFace
from index.probe import probe
from index.shot import Shot, VideoInfo
from tests.media_factory import FaceShot, face_shots

SHOTS = 10
MAX_CROP_BYTES = round(CROP_FACE_PX * (1 + 2 * CROP_MARGIN)) ** 2 * 3  # a face shrunk to CROP_FACE_PX


def _smooth_crop() -> np.ndarray:
    """A face-crop-sized RGB image with a picture's smoothness (noise does not compress)."""
    y, x = np.mgrid[0:300, 0:260]
    base = np.stack([(x + y) % 256, (2 * x) % 256, (3 * y) % 256], axis=-1)
    return np.ascontiguousarray(base.astype(np.uint8))


def test_a_packed_crop_is_the_same_pixels_in_fewer_bytes() -> None:
    crop = _smooth_crop()
    face = SampledFace(1.0, Detection((10, 10, 50, 50), np.zeros((5, 2), np.float32), 0.9), 0.5, crop.copy())
    face.pack()
    assert isinstance(face.pixels, bytes) and len(face.pixels) < crop.nbytes / 2
    assert face.crop is not None and face.crop.dtype == np.uint8 and np.array_equal(face.crop, crop)
    face.pack()  # packing twice is harmless
    assert np.array_equal(face.crop, crop)


@pytest.fixture(scope="module")
def many_tracks(tmp_path_factory) -> Path:
    """Ten one-second shots, each one face (two people, alternating): ten tracks, one live at a time."""
    people = ("collins", "hopper")
    shots = tuple(FaceShot(people[i % 2], seconds=1.2, pan=(i % 3) - 1) for i in range(SHOTS))
    return face_shots(tmp_path_factory.mktemp("many-tracks") / "ten_shots.mp4", shots).path


def test_the_crops_held_as_pixels_do_not_grow_with_the_closed_tracks(many_tracks) -> None:
    info = probe(many_tracks)
    sampler = FaceSampler(info)
    pixel_peak, packed_along = 0, []
    with av.open(str(many_tracks)) as container:
        stream = container.streams.video[0]
        time_base = Fraction(stream.time_base)
        for frame in container.decode(stream):
            seconds = float(frame.pts * time_base)
            sampler.offer(frame, seconds, feature_image(frame))  # the ingest's cut test, as in its decode
            pixels, packed = sampler.crop_bytes
            pixel_peak = max(pixel_peak, pixels)
            packed_along.append(packed)
    sampler.offer_end()
    assert sampler.error is None
    closed = len(sampler._tracks) - 1  # the last shot's track is still open at the end of the video
    assert closed >= SHOTS - 1, f"expected a track per shot, got {len(sampler._tracks)}"
    # One face on screen at a time: pixels never held for more than the one live track's best crops.
    assert 0 < pixel_peak <= EMBEDS_PER_TRACK * MAX_CROP_BYTES
    assert packed_along[-1] > packed_along[len(packed_along) // 2] > 0  # the packed ones are what grows
    tracks = sampler.tracks(_whole_video_shot(info))
    best = [f for track in tracks for f in track.best]
    assert len(best) >= EMBEDS_PER_TRACK * closed
    assert all(f.crop is not None and f.crop.ndim == 3 and f.crop.shape[2] == 3 for f in best)
    sampler.close()  # the ingest closes it once the tracks are stored: nothing of the film's faces stays
    assert sampler.crop_bytes == (0, 0) and sampler.tracks(_whole_video_shot(info)) == []


def _whole_video_shot(info: VideoInfo) -> list[Shot]:
    return [Shot(video_id=info.id, index=0, start_frame=0, end_frame=info.frame_count, start=Fraction(0),
                 end=info.duration, keyframes=(Fraction(0),), thumbnail="")]


def test_the_image_only_embedder_gives_the_same_vectors_and_refuses_text() -> None:
    rng = np.random.default_rng(3)
    images = [rng.integers(0, 255, (120, 200, 3), dtype=np.uint8), np.zeros((64, 64, 3), np.uint8)]
    full = create_embedder("tiny-random")
    expected = full.embed_images(images)
    text_tower = weakref.ref(full._model.transformer)  # type: ignore[attr-defined]
    image_only = full.image_only()  # type: ignore[attr-defined]
    assert (image_only.model_id, image_only.dim) == (full.model_id, full.dim)
    del full
    gc.collect()
    assert text_tower() is None, "the text tower is still referenced: its memory was not freed"
    assert np.array_equal(image_only.embed_images(images), expected)
    with pytest.raises(TextUnavailable, match="ingest only.*text=True"):
        image_only.embed_texts(["a dragon"])
    made = create_embedder("tiny-random", text=False)
    assert np.array_equal(made.embed_images(images), expected)
    with pytest.raises(TextUnavailable):
        made.embed_texts(["a dragon"])
