"""Pick each shot's keyframes among the candidates kept while decoding, and write its thumbnail.

Long shots change content, so they get one keyframe per ``SECONDS_PER_KEYFRAME`` (capped); black
and blurred frames make poor CLIP inputs and poor thumbnails, so within each slice of the shot the
brightest-enough, sharpest candidate wins. Frames hugging the shot's ends are avoided: they are
often the tail of a fade or dissolve.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np

from index.atomic import atomic_write_bytes
from index.decode import Candidate
from index.library_paths import LibraryPaths

SECONDS_PER_KEYFRAME = 4.0
MAX_KEYFRAMES = 8
MIN_BRIGHTNESS = 24.0  # mean luma below this is a black frame
EDGE_SECONDS = 0.25  # candidates this close to a shot boundary are used only when nothing else is
THUMB_HEIGHT = 160
THUMB_QUALITY = 85


def keyframe_quality(c: Candidate) -> tuple[bool, float]:
    """Ordering key: not black first, then sharper."""
    return (c.brightness >= MIN_BRIGHTNESS, c.sharpness)


def choose_keyframes(candidates: list[Candidate], start: int, end: int, fps: float) -> list[Candidate]:
    """Keyframes for frames ``[start, end)`` from ``candidates`` (sorted by frame), in time order.

    If no candidate falls inside the shot (a shot shorter than the sampling interval), the nearest
    one is used so every shot still has an image.
    """
    frames = [c.frame for c in candidates]
    lo, hi = np.searchsorted(frames, start), np.searchsorted(frames, end)
    inside = candidates[lo:hi]
    if not inside:
        if not candidates:
            raise ValueError("no keyframe candidates at all")
        middle = (start + end) / 2
        return [min(candidates, key=lambda c: abs(c.frame - middle))]
    edge = int(round(EDGE_SECONDS * fps))
    core = [c for c in inside if start + edge <= c.frame < end - edge] or inside
    count = min(MAX_KEYFRAMES, len(core), max(1, math.ceil((end - start) / fps / SECONDS_PER_KEYFRAME)))
    slices = np.array_split(np.arange(len(core)), count)
    return [max((core[i] for i in part), key=keyframe_quality) for part in slices]


def thumbnail_path(video_id: str, shot_index: int) -> Path:
    """Where a shot's thumbnail lives, relative to the library directory."""
    return LibraryPaths.relative().thumbnail(video_id, shot_index)


def write_thumbnail(image: np.ndarray, library_dir: Path, video_id: str, shot_index: int) -> str:
    """Save an RGB image as a small JPEG (``THUMB_HEIGHT`` px high), atomically; return the relative path."""
    height, width = image.shape[:2]
    size = (max(1, round(width * THUMB_HEIGHT / height)), THUMB_HEIGHT)
    small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    bgr = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
    ok, jpeg = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, THUMB_QUALITY])
    if not ok:
        raise RuntimeError(f"JPEG encoding of the thumbnail for shot {shot_index} failed")
    relative = thumbnail_path(video_id, shot_index)
    atomic_write_bytes(library_dir / relative, jpeg.tobytes())
    return relative.as_posix()


KEYFRAME_SHORT_SIDE = 256  # CLIP takes 224 px: a little more leaves room for any model's crop
KEYFRAME_QUALITY = 90


def keyframe_image_path(video_id: str, shot_index: int, keyframe: int) -> Path:
    """Where a kept CLIP input lives, relative to the library directory."""
    return LibraryPaths.relative().keyframe_image(video_id, shot_index, keyframe)


def write_keyframe_images(images: list[list[np.ndarray]], library_dir: Path, video_id: str,
                          first_shot: int = 0) -> None:
    """Keep each shot's CLIP inputs (small JPEGs, atomically) so a model switch re-embeds without decoding;
    ``images`` are those of shots ``first_shot``, ``first_shot + 1``, ..."""
    for shot_index, group in enumerate(images, start=first_shot):
        for keyframe, image in enumerate(group):
            height, width = image.shape[:2]
            scale = min(1.0, KEYFRAME_SHORT_SIDE / min(height, width))
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(image, size, interpolation=cv2.INTER_AREA) if scale < 1 else image
            ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(small, cv2.COLOR_RGB2BGR),
                                    [cv2.IMWRITE_JPEG_QUALITY, KEYFRAME_QUALITY])
            if not ok:
                raise RuntimeError(f"JPEG encoding of keyframe {keyframe} of shot {shot_index} failed")
            target = library_dir / keyframe_image_path(video_id, shot_index, keyframe)
            atomic_write_bytes(target, jpeg.tobytes())


def read_keyframe_images(library_dir: Path, video_id: str,
                         keyframe_counts: list[int]) -> list[list[np.ndarray]] | None:
    """The kept RGB keyframes per shot, or None if any is missing or unreadable (decode the video instead)."""
    images: list[list[np.ndarray]] = []
    for shot_index, count in enumerate(keyframe_counts):
        group = []
        for keyframe in range(count):
            bgr = cv2.imread(str(library_dir / keyframe_image_path(video_id, shot_index, keyframe)))
            if bgr is None:
                return None
            group.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        images.append(group)
    return images
