"""Face blur that cannot be undone by eye or by a recogniser: each region is reduced to a few cells
(area-averaged, so no original pixel survives) and smoothed back up.

``CELLS`` across the padded region leaves the face itself about two cells wide: no eyes, nose or mouth
for YuNet to find or dlib to describe. On the small faces of the Tears of Steel clip YuNet still found a
face in 68 % of the blurred regions at 6 cells, 2 % at 4 and none at 3 (``benchmarks/bench_privacy.py``
measures detector and recogniser on the output). Renders blur the decoder's YUV 4:2:0 planes directly
(``blur_yuv420``): no colour conversion either way, and half the bytes through the pipes.
"""

from __future__ import annotations

import cv2
import numpy as np

CELLS = 3  # cells across the long side of a blurred region

Box = tuple[int, int, int, int]  # x0, y0, x1, y1


def blur_region(picture: np.ndarray, box: Box) -> None:
    """Blur ``box`` (x0, y0, x1, y1; clipped to the picture) of an image or one plane in place."""
    height, width = picture.shape[:2]
    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(width, box[2]), min(height, box[3])
    if x1 - x0 < 2 or y1 - y0 < 2:
        return
    region = picture[y0:y1, x0:x1]
    long_side = max(x1 - x0, y1 - y0)
    cells = (max(1, round(CELLS * (x1 - x0) / long_side)), max(1, round(CELLS * (y1 - y0) / long_side)))
    small = cv2.resize(region, cells, interpolation=cv2.INTER_AREA)
    region[:] = cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR)


def blur_yuv420(planes: tuple[np.ndarray, np.ndarray, np.ndarray], box: Box) -> None:
    """Blur ``box`` (luma pixels) of a YUV 4:2:0 frame's planes in place; the chroma box is the luma box
    halved and rounded outwards, so no colour detail of the face survives at its edges either."""
    luma, *chroma = planes
    blur_region(luma, box)
    x0, y0, x1, y1 = box
    for plane in chroma:
        blur_region(plane, (x0 // 2, y0 // 2, -(-x1 // 2), -(-y1 // 2)))
