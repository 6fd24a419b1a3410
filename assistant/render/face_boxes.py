"""Per-frame face boxes for the frames a clip uses, from a detector look every few frames.

YuNet looks at reduced frames every ``DETECT_EVERY`` frames: at the whole frame every ``WHOLE_EVERY``
frames (and at each shot's first and last frame), and in between only in a small square around each face
it is following (``FaceFollower``: a tenth of a whole look's cost), so a followed face is still seen every
``DETECT_EVERY`` frames and a new one within ``WHOLE_EVERY`` (followed back on the frames looked at since
the last whole look, ``BACK_FRAMES``, then held ``HOLD_FRAMES`` further). Whole looks every 4 frames and
following between covered 99.1-100 % of the faces on three real clips (every 6: 96.6-100 %), as whole
looks every 2 frames did (99.4-100 %), for about half their YuNet time. Looks are linked into tracks
(``index.face_tracks``, one missed look allowed, a face moving up to ``LINK_SHIFT`` face sizes between
looks), interpolated between looks, held ``HOLD_FRAMES`` before the first and after the last look (never
across a cut), widened to every box within ``SPREAD_FRAMES`` (a moving face stays covered) and padded to
take in hair, ears and chin. A face the detector misses for a frame or two therefore stays covered.

Who a track is comes first from the ingest (``identify_from``): the faces it found and the cast named are
matched by where they are on the frames the ingest looked at, so a track keeps the identity the clustering
gave the whole person even where its face is too small for a recogniser to tell apart (the ~14 px faces of
the Tears of Steel bridge all fall within the match distance of one character). A track no ingest face
overlaps is recognised from its best crops (dlib) against the cast instead; crops are cut at the scale the
ingest embeds faces at (the source's coded pixels, faces at most ``CROP_FACE_PX``), since descriptors of
upscaled or squeezed faces drift from the cast's (0.52 instead of under 0.5 for Celia on the 512x120 clip).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from index.face_detect import MODEL_FILE, Detection, FaceDetector, YuNetNet
from index.face_scan import CROP_FACE_PX, CROP_MARGIN, EMBEDS_PER_TRACK, quality
from index.face_tracks import MAX_MISSED_SAMPLES, TrackLinker, continues, iou

DETECT_EVERY = 2  # frames between detector looks (3 covered 97.8-98.5 % of faces on two real clips, 2: 99.4+)
WHOLE_EVERY = 4  # frames between looks at the whole frame; the looks between follow the known faces
REFERENCE_FPS = 24.0  # the rate the two above are set for; slower sources are looked at as often in time
SPACING_SLACK = 1.1  # the looks' spacing in time at most this much longer than at REFERENCE_FPS
HOLD_FRAMES = WHOLE_EVERY  # a track's box stays this long before its first and after its last look
FOLLOW_SPAN = 4.0  # a followed face is looked for in a square this many face sizes wide around its last box,
FOLLOW_MIN_SIDE, FOLLOW_MAX_SIDE = 64, 192  # at least this wide (a multiple of 32), shrunk to at most this
WHOLE_SCORE = 0.6  # YuNet's score of a sure find on a whole look (the ingest's: 0.7): a face the detector
# wavers on is blurred from its weaker frames too (dev clips: Chaplin 99.1 -> 99.7 %, Friday 99.7 -> 100 % of
# faces covered; 0.5 for every find covered no more and blurred twice as many places with no face)
FOLLOW_SCORE = 0.45  # YuNet's score threshold around a followed face (whole looks: 0.6): it scores a face
# lower without the frame around it (Chaplin at frame 32: 0.74 whole, 0.68 in 128 px, 0.48 in 102 px)
WEAK_SCORE = FOLLOW_SCORE  # whole looks keep finds this sure too, as the start of a track that may be a face:
STEADY_LOOKS = 3  # ... it is one (blurred) once it has this many looks, a find by the follower (which follows
# weak tracks too, and whose finds were always taken as faces) or one look at WHOLE_SCORE, within
CONFIRM_FRAMES = 2 * WHOLE_EVERY  # ... this many frames of its first look. A big face half hidden or out of
# focus scores 0.49-0.64 on every look for a second (the man behind the brain on the Tears of Steel bridge,
# 54.1-55.1 s: left unblurred with a 0.6 threshold; a render of him, square, showed his face at 0.72); a
# lone find under 0.6 stays unblurred as before (junk: a texture, a glowing eye, one look only)
SAME_LOOK_IOU = 0.5  # two finds of one look overlapping this much (neighbouring squares) are one face
SPREAD_FRAMES = 2  # each frame's box covers the track's boxes this many frames either side
PAD_SIDE, PAD_TOP, PAD_BOTTOM = 0.25, 0.45, 0.25  # padding in face widths / heights
LINK_SHIFT = 1.2  # face sizes a face may move between two looks and keep its track (the linker's default,
# 0.6, split a face in a hand-held or sped-up shot into short tracks, each held still at its ends while the
# face moved on: on the dev clips friday_shaky / chaplin_fast_2x faces covered 96.9 / 98.2 -> 98.8 / 99.4 %;
# 1.6 and 2.0 covered the same within one face, the others were at 100 % throughout)
SAME_FACE_IOU = 0.3  # a track and an ingest face this much overlapped on a frame are the same face
BACK_FRAMES = WHOLE_EVERY  # a face new on a whole look is followed back this far on the frames looked at
# before (it came into view after the last whole look, or that look scored it under WHOLE_SCORE): its box
# is then where it was on those frames, not its new box held still while it moved or grew into view
# (Sintel trailer, dev: a face growing into view at frame 401 was half covered for 3 frames)
# How far back a new look can still change a frame's box: a track continued after its missed looks
# re-interpolates back to its last look, a new track is followed back and held before its first look, and
# every box is spread over its neighbours (``FaceBoxBuilder.settled_before``).
SETTLE_FRAMES = max((MAX_MISSED_SAMPLES + 1) * WHOLE_EVERY,
                    max(BACK_FRAMES, CONFIRM_FRAMES) + HOLD_FRAMES + 1) + SPREAD_FRAMES

Box = tuple[float, float, float, float]  # x, y, w, h


@dataclass
class FaceTrack:
    """One person's face through part of a clip: detector looks by frame, and the best crops."""

    looks: dict[int, Box] = field(default_factory=dict)  # frame -> box (frame pixels)
    crops: list[tuple[float, np.ndarray, Detection]] = field(default_factory=list)  # (quality, RGB, face)
    character: int | None = None  # the cast character it was recognised as, if any
    suspects: frozenset[int] = frozenset()  # characters the ingest's faces it overlaps belong to
    sure: bool = True  # a face (``STEADY_LOOKS``); a track only of weak finds is not, and is never blurred
    _arrays: tuple[np.ndarray, np.ndarray] | None = field(default=None, init=False, repr=False, compare=False)

    def look_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The looks' frames (ascending) and their boxes ``(looks, 4)``, rebuilt only after new looks: a
        streamed blur asks for a few frames' regions at every frame, and a long face has hundreds of looks."""
        if self._arrays is None or len(self._arrays[0]) != len(self.looks):
            frames = np.array(sorted(self.looks), dtype=np.int64)
            self._arrays = (frames, np.array([self.looks[f] for f in frames], dtype=float).reshape(-1, 4))
        return self._arrays

    def keep_crop(self, rgb: np.ndarray, face: Detection, to_embed: tuple[float, float]) -> None:
        """Keep this face's crop if it is one of the track's ``EMBEDS_PER_TRACK`` best (ingest's rating)."""
        crop, in_crop = _crop(rgb, face, to_embed)
        rating = quality(face, crop, in_crop)
        if len(self.crops) < EMBEDS_PER_TRACK or rating > self.crops[-1][0]:
            self.crops.append((rating, crop, in_crop))
            self.crops.sort(key=lambda c: -c[0])
            del self.crops[EMBEDS_PER_TRACK:]


@dataclass(frozen=True)
class KnownFace:
    """A face the ingest found and the cast named: clip-relative frame, box (frame pixels), its character."""

    frame: int
    box: Box
    character: int | None


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


def look_spacing(fps: float | None) -> tuple[int, int]:
    """Frames between looks and between whole looks at ``fps``. ``DETECT_EVERY`` / ``WHOLE_EVERY`` are set
    for film and video rates; a slower source (a 10 fps street or security camera, whose small faces flicker
    at the detector's edge from frame to frame) is looked at as often in time (within ``SPACING_SLACK``),
    which there means more often in frames: at 10 fps every frame is a whole look."""
    if not fps or fps >= REFERENCE_FPS:
        return DETECT_EVERY, WHOLE_EVERY
    most = SPACING_SLACK * fps / REFERENCE_FPS  # frames per film frame, a little slack for 23.976
    detect = max(1, int(DETECT_EVERY * most))
    return detect, detect * max(1, int(WHOLE_EVERY * most / detect))


def look_frames(frames: int, cuts: Sequence[int], follow: bool = True,
                fps: float | None = None) -> dict[int, bool]:
    """Frames the detector looks at, each with whether it looks at the whole frame: every ``WHOLE_EVERY``
    from each shot's start and each shot's last frame whole, and with ``follow`` every ``DETECT_EVERY``
    between them around the followed faces (blur needs every face; a reframe, which follows a smoothed
    centre at a bounded speed, only where the people are)."""
    detect_every, whole_every = look_spacing(fps)
    looks: dict[int, bool] = {}
    for start, end in segments(frames, cuts):
        step = detect_every if follow else whole_every
        looks.update((f, (f - start) % whole_every == 0) for f in range(start, end, step))
        looks[end - 1] = True
    return looks


class FaceFollower:
    """YuNet on small squares around faces already found: where each went since its last look."""

    def __init__(self) -> None:
        self._net = YuNetNet(MODEL_FILE, FOLLOW_SCORE)

    def find(self, bgr: np.ndarray, near: Sequence[Box]) -> list[Detection]:
        """Faces in the squares around ``near`` (boxes in ``bgr``'s pixels), in its pixels, each once."""
        height, width = bgr.shape[:2]
        found: list[Detection] = []
        for x, y, w, h in near:
            side = max(FOLLOW_MIN_SIDE, 32 * np.ceil(FOLLOW_SPAN * max(w, h) / 32))  # YuNet's stride: 32
            x0, y0 = max(0, int(x + w / 2 - side / 2)), max(0, int(y + h / 2 - side / 2))
            x1, y1 = min(width, int(np.ceil(x0 + side))), min(height, int(np.ceil(y0 + side)))
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            scale = min(1.0, FOLLOW_MAX_SIDE / max(x1 - x0, y1 - y0))  # big faces: fewer pixels suffice
            square = bgr[y0:y1, x0:x1]
            if scale < 1:
                size = (max(8, round((x1 - x0) * scale)), max(8, round((y1 - y0) * scale)))
                square = cv2.resize(square, size, interpolation=cv2.INTER_AREA)
            sx, sy = square.shape[1] / (x1 - x0), square.shape[0] / (y1 - y0)
            for row in self._net.faces(square):
                x_in, y_in, w_in, h_in = (float(v) for v in row[:4])
                box = (x_in / sx + x0, y_in / sy + y0, w_in / sx, h_in / sy)
                landmarks = row[4:14].reshape(5, 2) / np.array([sx, sy]) + np.array([x0, y0])
                found.append(Detection(box, landmarks.astype(np.float32), float(row[14])))
        kept: list[Detection] = []
        for face in sorted(found, key=lambda f: -f.score):
            if all(iou(face.box, other.box) < SAME_LOOK_IOU for other in kept):
                kept.append(face)
        return kept


class FaceBoxBuilder:
    """Feed it the looked-at frames in order (``look``), then ask for the per-frame boxes (``boxes``)."""

    def __init__(self, frames: int, cuts: Sequence[int], scale: tuple[float, float],
                 to_embed: tuple[float, float] = (1.0, 1.0)) -> None:
        self.frames = frames
        self.cuts = sorted({c for c in cuts if 0 < c < frames})
        self.scale = scale  # analysis pixels -> frame pixels (x, y)
        self.to_embed = to_embed  # analysis pixels -> the pixels faces are embedded at (x, y)
        self.tracks: list[FaceTrack] = []
        self._track_of: dict[int, int] = {}  # the linker's track number -> index into ``tracks``
        self._detector = FaceDetector(score=WEAK_SCORE)
        self._follower = FaceFollower()
        self._linker = TrackLinker(LINK_SHIFT)  # its track numbers lead to ``self.tracks`` by ``_track_of``
        self._last_look = -1
        self._followed: dict[int, tuple[int, Box]] = {}  # track number -> its last look: frame, analysis box
        self._recent: deque[tuple[int, np.ndarray]] = deque()  # this shot's looks of the last BACK_FRAMES

    def look(self, frame: int, bgr: np.ndarray, keep_crops: bool, whole: bool = True,
             found: list[Detection] | None = None) -> list[Detection]:
        """Detect faces on ``bgr`` (the analysis frame), on all of it or (``whole`` False) around the faces
        seen in the last two looks, link them into tracks; returns the detections. ``found``: a whole look's
        detections made elsewhere (another thread: whole looks need nothing from earlier looks)."""
        if any(self._last_look < c <= frame for c in self.cuts):
            self._linker.cut()
            self._followed.clear()
            self._recent.clear()
        self._last_look = frame
        while self._recent and self._recent[0][0] < frame - BACK_FRAMES:
            self._recent.popleft()
        if whole:
            found = self._detector.detect(bgr) if found is None else found
        else:
            recent = [box for number, (seen, box) in self._followed.items()
                      if frame - seen <= 2 * DETECT_EVERY and self._worth_following(number, frame)]
            found = self._follower.find(bgr, recent) if recent else []
        numbers = self._linker.add(found)
        for number, face in zip(numbers, found, strict=True):
            self._followed[number] = (frame, face.box)
        sx, sy = self.scale
        rgb = bgr[:, :, ::-1] if keep_crops and found else None
        fresh = []
        for number, face in zip(numbers, found, strict=True):
            index = self._track_of.get(number)
            track = None if index is None else self.tracks[index]
            late_sure = track is not None and not track.sure and face.score >= WHOLE_SCORE \
                and not _deciding(track, frame)
            if track is None or late_sure:
                # a new face, or a sure find continuing weak ones that never made a face: a track of its own
                self._track_of[number] = len(self.tracks)
                track = FaceTrack(sure=face.score >= WHOLE_SCORE)
                self.tracks.append(track)
                fresh.append((track, face))
            x, y, w, h = face.box
            track.looks[frame] = (x * sx, y * sy, w * sx, h * sy)
            self._confirm(track, frame, face.score if whole else 1.0)  # the follower's finds: faces, as ever
            if rgb is not None:
                track.keep_crop(rgb, face, self.to_embed)
        if whole:
            for track, face in fresh:
                self._follow_back(track, face)
        self._recent.append((frame, bgr))
        return found

    def _worth_following(self, number: int, frame: int) -> bool:
        """A face, or weak finds that may still become one (a lone weak find is not followed for ever)."""
        track = self.tracks[self._track_of[number]]
        return track.sure or _deciding(track, frame)

    @staticmethod
    def _confirm(track: FaceTrack, frame: int, score: float) -> None:
        """Make ``track`` a face once it has a sure look or ``STEADY_LOOKS`` looks within ``CONFIRM_FRAMES``
        of its first (so whether it is, known a bounded time after it starts, lets frames settle)."""
        if not track.sure and _deciding(track, frame):
            track.sure = score >= WHOLE_SCORE or len(track.looks) >= STEADY_LOOKS

    def _follow_back(self, track: FaceTrack, face: Detection) -> None:
        """Look for a new track's face on this shot's frames looked at in the last ``BACK_FRAMES``, newest
        first, while it is found there (the follower around where it was a look later, the same face by the
        linker's test and no other track's look on that frame); each find becomes one of its looks."""
        sx, sy = self.scale
        later = face
        for frame, bgr in reversed(self._recent):
            others = [t.looks[frame] for t in self.tracks if t is not track and frame in t.looks]
            mine = [f for f in self._follower.find(bgr, [later.box]) if continues(later, f, LINK_SHIFT)
                    and all(iou((f.box[0] * sx, f.box[1] * sy, f.box[2] * sx, f.box[3] * sy), box)
                            < SAME_LOOK_IOU for box in others)]
            if not mine:
                return
            later = max(mine, key=lambda f: (iou(f.box, later.box), f.score))
            x, y, w, h = later.box
            track.looks = {frame: (x * sx, y * sy, w * sx, h * sy), **track.looks}  # kept in frame order
            self._confirm(track, frame, later.score)

    def identify_from(self, known: Sequence[KnownFace], named: Collection[int],
                      tracks: Sequence[FaceTrack] | None = None) -> None:
        """Name tracks from the ingest's named faces: each known face a track's box overlaps (IoU at least
        ``SAME_FACE_IOU`` on that frame) is a vote. A track whose votes fall all inside or all outside
        ``named`` (the people the request names) is its most voted character: which of them does not change
        what is blurred, and the clustering often splits one person in two (Chaplin as 8 and 9). A track with
        votes on both sides keeps them as ``suspects``, and the recogniser decides (``identify``)."""
        by_frame: dict[int, list[tuple[Box, int]]] = {}
        for face in known:
            if face.character is not None and 0 <= face.frame < self.frames:
                by_frame.setdefault(face.frame, []).append((face.box, face.character))
        for track in self.tracks if tracks is None else tracks:
            if not track.looks or not track.sure:
                continue
            boxes = self._on_screen(track)
            votes = Counter(character for frame, faces in by_frame.items() if not np.isnan(boxes[frame, 0])
                            for box, character in faces if iou(tuple(boxes[frame]), box) >= SAME_FACE_IOU)
            track.suspects = frozenset(votes)
            if votes and len({c in named for c in votes}) == 1:
                track.character = votes.most_common(1)[0][0]

    def identify(self, recognise: Callable[[list[tuple[np.ndarray, Detection]]], int | None],
                 tracks: Sequence[FaceTrack] | None = None) -> None:
        """Name each track (of ``tracks``, default all) ``identify_from`` left unnamed: ``recognise`` gets
        its best crops and returns a character number or None."""
        for track in self.tracks if tracks is None else tracks:
            if track.crops and track.character is None and track.sure:
                track.character = recognise([(rgb, face) for _, rgb, face in track.crops])

    def passed_cut(self) -> int:
        """The last cut the looks have passed (0: none): every track of the shots before it is whole."""
        return max((c for c in self.cuts if c <= self._last_look), default=0)

    def settled_before(self) -> int:
        """Frames before this one have their final boxes: no later look changes them (``SETTLE_FRAMES``
        behind the last look, or the last cut passed, since no track, hold or spread crosses a cut). Lets a
        render blur and encode the early frames while the later ones are still being looked at."""
        last = self._last_look
        if last < 0:
            return 0
        return max(self.passed_cut(), last + 1 - SETTLE_FRAMES)

    def regions(self, track: FaceTrack, start: int = 0, end: int | None = None) -> np.ndarray:
        """``(end - start, 4)`` padded x0, y0, x1, y1 covering one track's face on frames ``[start, end)``
        (the whole clip by default; NaN where it is off screen)."""
        end = self.frames if end is None else end
        lo, hi = max(0, start - SPREAD_FRAMES), min(self.frames, end + SPREAD_FRAMES)
        raw = self._on_screen(track, lo, hi)
        shot_of = np.searchsorted(self.cuts, np.arange(lo, hi), side="right")
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
        return spread[start - lo:end - lo]

    def main_face_centres(self, span: float = float("inf")) -> np.ndarray:
        """``(frames, 2)`` where the main people are (NaN on frames without a face).

        Each shot has one main subject: the face track with the most screen time there, each frame weighted
        by the face's size (``main_subjects``), so the target does not flip between two similar people from
        frame to frame. Where the main subject is off screen the next-ranked track on screen stands in.
        The centre is the area-weighted centre of that face and every face at least half its size, when
        they all fit across ``span`` pixels, else that face alone.
        """
        boxes = [self._on_screen(track) for track in self.tracks if track.looks and track.sure]
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

    def _on_screen(self, track: FaceTrack, start: int = 0, end: int | None = None) -> np.ndarray:
        """``(end - start, 4)`` x, y, w, h of one track's face on frames ``[start, end)`` (the whole clip by
        default): looks, interpolated between looks of one shot and held before the first and after the
        last (NaN elsewhere)."""
        end = self.frames if end is None else end
        frames = np.arange(start, end)
        raw = np.full((len(frames), 4), np.nan)
        looked, boxes = track.look_arrays()
        if not len(looked) or not len(frames):
            return raw
        # Only the looks in the window and one on either side bear on it: interpolation reads the two looks
        # around a frame, a hold its shot's first or last look (past the one outside, another shot's).
        first = max(0, int(np.searchsorted(looked, start)) - 1)
        last = int(np.searchsorted(looked, end)) + 1
        looked, boxes = looked[first:last], boxes[first:last]
        shot_of = np.searchsorted(self.cuts, frames, side="right")
        look_shot = np.searchsorted(self.cuts, looked, side="right")
        for shot in np.unique(look_shot):  # a track lies in one shot; this keeps interpolation inside one
            mine = look_shot == shot
            at, values = looked[mine], boxes[mine]
            here = (shot_of == shot) & (frames >= at[0] - HOLD_FRAMES) & (frames <= at[-1] + HOLD_FRAMES)
            span = np.clip(frames[here], at[0], at[-1])  # held frames take the first / last look's box
            raw[here] = np.stack([np.interp(span, at, values[:, k]) for k in range(4)], axis=1)
        return raw


def _deciding(track: FaceTrack, frame: int) -> bool:
    """Whether a look at ``frame`` may still make ``track`` a face: within ``CONFIRM_FRAMES`` of its first."""
    return frame - next(iter(track.looks)) <= CONFIRM_FRAMES


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
