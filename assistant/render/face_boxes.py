"""Per-frame face boxes for the frames a clip uses, from a detector look every few frames.

YuNet looks at reduced frames every ``DETECT_EVERY`` frames (and at each shot's first and last frame);
looks are linked into tracks (``index.face_tracks``, one missed look allowed), interpolated between
looks, held ``HOLD_FRAMES`` before the first and after the last look (never across a cut), widened to
every box within ``SPREAD_FRAMES`` (a moving face stays covered) and padded to take in hair, ears and
chin. A face the detector misses for a frame or two therefore stays covered. Each track keeps its best
few face crops so it can be recognised (dlib) and matched to the cast; crops are cut at the scale the
ingest embeds faces at (the source's coded pixels, faces at most ``CROP_FACE_PX``), since descriptors of
upscaled or squeezed faces drift from the cast's (0.52 instead of under 0.5 for Celia on the 512x120 clip).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from index.face_detect import Detection, FaceDetector
from index.face_scan import CROP_FACE_PX, CROP_MARGIN, EMBEDS_PER_TRACK, quality
from index.face_tracks import TrackLinker

DETECT_EVERY = 2  # frames between detector looks (3 covered 97.8-98.5 % of faces on two real clips, 2: 99.4+)
HOLD_FRAMES = 2 * DETECT_EVERY  # a track's box stays this long before its first and after its last look
SPREAD_FRAMES = 2  # each frame's box covers the track's boxes this many frames either side
PAD_SIDE, PAD_TOP, PAD_BOTTOM = 0.25, 0.45, 0.25  # padding in face widths / heights

Box = tuple[float, float, float, float]  # x, y, w, h


@dataclass
class FaceTrack:
    """One person's face through part of a clip: detector looks by frame, and the best crops."""

    looks: dict[int, Box] = field(default_factory=dict)  # frame -> box (frame pixels)
    crops: list[tuple[float, np.ndarray, Detection]] = field(default_factory=list)  # (quality, RGB, face)
    character: int | None = None  # the cast character it was recognised as, if any

    def keep_crop(self, rgb: np.ndarray, face: Detection, to_embed: tuple[float, float]) -> None:
        """Keep this face's crop if it is one of the track's ``EMBEDS_PER_TRACK`` best (ingest's rating)."""
        crop, in_crop = _crop(rgb, face, to_embed)
        rating = quality(face, crop, in_crop)
        if len(self.crops) < EMBEDS_PER_TRACK or rating > self.crops[-1][0]:
            self.crops.append((rating, crop, in_crop))
            self.crops.sort(key=lambda c: -c[0])
            del self.crops[EMBEDS_PER_TRACK:]


def _crop(rgb: np.ndarray, face: Detection, to_embed: tuple[float, float]) -> tuple[np.ndarray, Detection]:
    """The face with a margin around it, rescaled by ``to_embed`` (x, y) and shrunk to at most
    ``CROP_FACE_PX``, and the detection moved into the crop's coordinates."""
    x, y, w, h = face.box
    margin = CROP_MARGIN * max(w, h)
    x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
    x1, y1 = min(rgb.shape[1], int(np.ceil(x + w + margin))), min(rgb.shape[0], int(np.ceil(y + h + margin)))
    shrink = min(1.0, CROP_FACE_PX / max(1.0, min(w * to_embed[0], h * to_embed[1])))
    fx, fy = to_embed[0] * shrink, to_embed[1] * shrink
    size = (max(1, round((x1 - x0) * fx)), max(1, round((y1 - y0) * fy)))
    interpolation = cv2.INTER_AREA if fx * fy < 1 else cv2.INTER_LINEAR
    crop = cv2.resize(rgb[y0:y1, x0:x1], size, interpolation=interpolation)
    landmarks = (face.landmarks - np.array([x0, y0], np.float32)) * np.array([fx, fy], np.float32)
    box = ((x - x0) * fx, (y - y0) * fy, w * fx, h * fy)
    moved = Detection(box, landmarks.astype(np.float32), face.score)
    return np.ascontiguousarray(crop), moved


def segments(frames: int, cuts: Sequence[int]) -> list[tuple[int, int]]:
    """The clip's shots as frame ranges ``[start, end)``, split at ``cuts`` (clip-relative frames)."""
    bounds = [0, *sorted({c for c in cuts if 0 < c < frames}), frames]
    return list(zip(bounds, bounds[1:], strict=False))


def look_frames(frames: int, cuts: Sequence[int]) -> set[int]:
    """Frames the detector looks at: every ``DETECT_EVERY`` from each shot's start, and each shot's last."""
    looks: set[int] = set()
    for start, end in segments(frames, cuts):
        looks.update(range(start, end, DETECT_EVERY))
        looks.add(end - 1)
    return looks


class FaceBoxBuilder:
    """Feed it the looked-at frames in order (``look``), then ask for the per-frame boxes (``boxes``)."""

    def __init__(self, frames: int, cuts: Sequence[int], scale: tuple[float, float],
                 to_embed: tuple[float, float] = (1.0, 1.0)) -> None:
        self.frames = frames
        self.cuts = sorted({c for c in cuts if 0 < c < frames})
        self.scale = scale  # analysis pixels -> frame pixels (x, y)
        self.to_embed = to_embed  # analysis pixels -> the pixels faces are embedded at (x, y)
        self.tracks: list[FaceTrack] = []
        self._detector = FaceDetector()
        self._linker = TrackLinker()  # its track numbers index ``self.tracks``
        self._last_look = -1

    def look(self, frame: int, bgr: np.ndarray, keep_crops: bool) -> list[Detection]:
        """Detect faces on ``bgr`` (the analysis frame), link them into tracks; returns the detections."""
        if any(self._last_look < c <= frame for c in self.cuts):
            self._linker.cut()
        self._last_look = frame
        found = self._detector.detect(bgr)
        numbers = self._linker.add(found)
        sx, sy = self.scale
        rgb = bgr[:, :, ::-1] if keep_crops and found else None
        for number, face in zip(numbers, found, strict=True):
            while number >= len(self.tracks):
                self.tracks.append(FaceTrack())
            x, y, w, h = face.box
            self.tracks[number].looks[frame] = (x * sx, y * sy, w * sx, h * sy)
            if rgb is not None:
                self.tracks[number].keep_crop(rgb, face, self.to_embed)
        return found

    def identify(self, recognise: Callable[[list[tuple[np.ndarray, Detection]]], int | None]) -> None:
        """Name each track: ``recognise`` gets its best crops and returns a character number or None."""
        for track in self.tracks:
            if track.crops:
                track.character = recognise([(rgb, face) for _, rgb, face in track.crops])

    def regions(self, track: FaceTrack) -> np.ndarray:
        """``(frames, 4)`` padded x0, y0, x1, y1 covering one track's face (NaN where it is off screen)."""
        raw = self._on_screen(track)
        shot_of = np.searchsorted(self.cuts, np.arange(self.frames), side="right")
        corners = np.stack([raw[:, 0] - PAD_SIDE * raw[:, 2], raw[:, 1] - PAD_TOP * raw[:, 3],
                            raw[:, 0] + (1 + PAD_SIDE) * raw[:, 2], raw[:, 1] + (1 + PAD_BOTTOM) * raw[:, 3]],
                           axis=1)
        spread = corners.copy()
        for shift in range(1, SPREAD_FRAMES + 1):
            for source, target in ((slice(shift, None), slice(None, -shift)),
                                   (slice(None, -shift), slice(shift, None))):
                other, here = corners[source], spread[target]  # ``here`` is a view into ``spread``
                both = ~np.isnan(here[:, 0]) & ~np.isnan(other[:, 0]) & (shot_of[source] == shot_of[target])
                here[both, :2] = np.minimum(here[both, :2], other[both, :2])
                here[both, 2:] = np.maximum(here[both, 2:], other[both, 2:])
        return spread

    def main_face_centres(self, span: float = float("inf")) -> np.ndarray:
        """``(frames, 2)`` where the main people are (NaN on frames without a face).

        Each shot has one main subject: the face track with the most screen time there, each frame weighted
        by the face's size (``main_subjects``), so the target does not flip between two similar people from
        frame to frame. Where the main subject is off screen the next-ranked track on screen stands in.
        The centre is the area-weighted centre of that face and every face at least half its size, when
        they all fit across ``span`` pixels, else that face alone.
        """
        boxes = [self._on_screen(track) for track in self.tracks if track.looks]
        centres = np.full((self.frames, 2), np.nan)
        if not boxes:
            return centres
        stacked = np.stack(boxes)  # (tracks, frames, 4)
        area = np.nan_to_num(stacked[:, :, 2] * stacked[:, :, 3])
        lead = _lead_track(area, segments(self.frames, self.cuts))
        framed = np.arange(self.frames)
        lead_area = np.where(lead >= 0, area[np.maximum(lead, 0), framed], 0.0)
        weight = np.where((area > 0) & (area >= 0.5 * lead_area), area, 0.0)
        left = np.where(weight > 0, stacked[:, :, 0], np.inf).min(axis=0)
        right = np.where(weight > 0, stacked[:, :, 0] + stacked[:, :, 2], -np.inf).max(axis=0)
        apart = right - left > span  # the group does not fit: follow the main face
        alone = np.zeros_like(weight)
        alone[lead[apart], framed[apart]] = area[lead[apart], framed[apart]]
        weight[:, apart] = alone[:, apart]
        total = weight.sum(axis=0)
        seen = total > 0
        cx = np.nan_to_num(stacked[:, :, 0] + stacked[:, :, 2] / 2)
        cy = np.nan_to_num(stacked[:, :, 1] + stacked[:, :, 3] / 2)
        centres[seen, 0] = (weight * cx).sum(axis=0)[seen] / total[seen]
        centres[seen, 1] = (weight * cy).sum(axis=0)[seen] / total[seen]
        return centres

    def _on_screen(self, track: FaceTrack) -> np.ndarray:
        """``(frames, 4)`` x, y, w, h of one track's face: looks, interpolated and held (NaN elsewhere)."""
        raw = np.full((self.frames, 4), np.nan)
        looked = sorted(track.looks)
        shot_of = np.searchsorted(self.cuts, np.arange(self.frames), side="right")
        for a, b in zip(looked, looked[1:], strict=False):
            if shot_of[a] != shot_of[b]:
                continue
            box_a, box_b = np.array(track.looks[a]), np.array(track.looks[b])
            for f in range(a, b + 1):
                t = (f - a) / (b - a)
                raw[f] = box_a + t * (box_b - box_a)
        for f in looked:
            raw[f] = track.looks[f]
        first, last = looked[0], looked[-1]
        for f in range(max(0, first - HOLD_FRAMES), first):
            if shot_of[f] == shot_of[first]:
                raw[f] = track.looks[first]
        for f in range(last + 1, min(self.frames, last + HOLD_FRAMES + 1)):
            if shot_of[f] == shot_of[last]:
                raw[f] = track.looks[last]
        return raw


def _lead_track(area: np.ndarray, shots: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per frame the track the crop follows (-1: no face): in each shot the tracks ranked by screen time
    weighted by face size (the sum of the face's side over the shot's frames); the best-ranked one on
    screen leads, so the main subject leads wherever it is seen and a stand-in only while it is not."""
    lead = np.full(area.shape[1], -1)
    side = np.sqrt(area)
    for start, end in shots:
        ranked = np.argsort(-side[:, start:end].sum(axis=1), kind="stable")
        for track in ranked[::-1]:  # best last, so it overwrites the stand-ins
            here = area[track, start:end] > 0
            lead[start:end][here] = track
    return lead
