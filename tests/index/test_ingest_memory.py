"""What keeps a film's ingest in bounded memory: face crops traded for their descriptors and thumbnails as
their tracks close, and an image-only CLIP (no text tower) for processes that only ingest; neither changes
a single output number."""

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
from index.face_embed import FaceEmbedder
from index.face_scan import CROP_FACE_PX, CROP_MARGIN, EMBEDS_PER_TRACK, FaceSampler
from index.probe import probe
from index.shot import Shot, VideoInfo
from tests.media_factory import FaceShot, face_shots

SHOTS = 10
MAX_CROP_BYTES = round(CROP_FACE_PX * (1 + 2 * CROP_MARGIN)) ** 2 * 3  # a face shrunk to CROP_FACE_PX


@pytest.fixture(scope="module")
def many_tracks(tmp_path_factory) -> Path:
    """Ten one-second shots, each one face (two people, alternating): ten tracks, one live at a time."""
    people = ("collins", "hopper")
    shots = tuple(FaceShot(people[i % 2], seconds=1.2, pan=(i % 3) - 1) for i in range(SHOTS))
    return face_shots(tmp_path_factory.mktemp("many-tracks") / "ten_shots.mp4", shots).path


def test_the_crops_held_do_not_grow_with_the_closed_tracks(many_tracks) -> None:
    """A closed track keeps its best faces' descriptors and thumbnails, not their crops; the descriptors
    are the ones dlib gives on those very crops, whenever the embedding happens."""
    info = probe(many_tracks)
    sampler = FaceSampler(info)
    crops_by_id: dict[int, tuple[np.ndarray, Detection]] = {}  # every kept crop, seen before it is dropped
    crop_peak, settled_along = 0, []
    with av.open(str(many_tracks)) as container:
        stream = container.streams.video[0]
        time_base = Fraction(stream.time_base)
        for frame in container.decode(stream):
            seconds = float(frame.pts * time_base)
            sampler.offer(frame, seconds, feature_image(frame))  # the ingest's cut test, as in its decode
            sampler.wait()  # the worker's looks done, so every crop is seen before it is dropped
            for track in sampler._tracks:
                for face in track.faces:
                    if face.crop is not None and face.in_crop is not None:
                        crops_by_id[id(face)] = (face.crop.copy(), face.in_crop)
            crops, settled = sampler.held_bytes
            crop_peak = max(crop_peak, crops)
            settled_along.append(settled)
    sampler.offer_end()
    assert sampler.error is None
    closed = len(sampler._tracks) - 1  # the last shot's track is still open at the end of the video
    assert closed >= SHOTS - 1, f"expected a track per shot, got {len(sampler._tracks)}"
    # One face on screen at a time: crops never held for more than the one live track's best faces.
    assert 0 < crop_peak <= EMBEDS_PER_TRACK * MAX_CROP_BYTES
    assert settled_along[-1] > settled_along[len(settled_along) // 2] > 0  # the settled ones are what grows
    in_closed = [f for track in sampler._tracks[:-1] for f in track.faces]
    closed_faces = [f for f in in_closed if f.descriptor is not None]
    assert closed_faces and all(f.crop is None for f in in_closed)
    # A settled face costs a descriptor and a JPEG: a few KB, against a crop's tens to hundreds.
    assert max(f.held_bytes for f in closed_faces) < 16_000
    tracks = sampler.tracks(_whole_video_shot(info))  # settles the last, still open track too
    best = [f for track in tracks for f in track.best]
    assert len(best) >= EMBEDS_PER_TRACK * closed
    assert all(f.descriptor is not None and f.descriptor.shape == (128,) for f in best)
    assert all(f.thumbnail is not None and f.thumbnail[:2] == b"\xff\xd8" for f in best)  # JPEG
    again = FaceEmbedder().embed([crops_by_id[id(f)] for f in best])
    assert np.allclose(np.stack([f.descriptor for f in best]), again, atol=1e-5)  # type: ignore[misc]
    assert sampler.held_bytes[0] == 0
    sampler.close()  # the ingest closes it once the tracks are stored: nothing of the film's faces stays
    assert sampler.held_bytes == (0, 0) and sampler.tracks(_whole_video_shot(info)) == []


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
