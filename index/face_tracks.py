"""Link the faces found on a shot's sampled frames into tracks: one person's face through the shot.

Pure geometry: inside one shot (no cuts) samples are at most half a second apart, so a face is where
it was, a little moved, about as big. A track is the unit that gets recognised and clustered, so one
descriptor per track (not per frame) is enough, which keeps the costly embedding off most faces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from index.face_detect import Detection, iou

MIN_LINK_IOU = 0.2
MAX_CENTRE_SHIFT = 0.6  # face sizes, for a fast face whose boxes no longer overlap (looks a few frames apart)
MAX_SIZE_RATIO = 1.6
MAX_MISSED_SAMPLES = 1  # a face may be missed on one sample (a blink of the detector) and still continue


@dataclass
class Track:
    """Indices into the shot's samples and, per sample, the detection's index on that frame."""

    members: list[tuple[int, int]] = field(default_factory=list)  # (sample index, detection index)


def _affinity(a: Detection, b: Detection, max_shift: float = MAX_CENTRE_SHIFT) -> float:
    """How plausibly ``b`` continues ``a`` (0: not at all): IoU, else a close centre at a similar size."""
    ratio = max(a.size, b.size) / max(1e-6, min(a.size, b.size))
    if ratio > MAX_SIZE_RATIO:
        return 0.0
    overlap = iou(a.box, b.box)
    if overlap >= MIN_LINK_IOU:
        return overlap
    ca = (a.box[0] + a.box[2] / 2, a.box[1] + a.box[3] / 2)
    cb = (b.box[0] + b.box[2] / 2, b.box[1] + b.box[3] / 2)
    shift = ((ca[0] - cb[0]) ** 2 + (ca[1] - cb[1]) ** 2) ** 0.5 / max(a.size, b.size)
    return 0.01 * (1 - shift / max_shift) if shift < max_shift else 0.0


def continues(a: Detection, b: Detection, max_shift: float = MAX_CENTRE_SHIFT) -> bool:
    """Whether ``b`` may be ``a``'s face a look earlier or later (the linker's test for one pair)."""
    return _affinity(a, b, max_shift) > 0


class TrackLinker:
    """Links one sample's faces at a time (the ingest's decode streams them): greedy by affinity, so two
    people side by side each keep their own track; ``cut`` ends every live track (a new shot).
    ``max_shift``: how far (in face sizes) a face may move between two looks and still continue its track;
    looks further apart need more."""

    def __init__(self, max_shift: float = MAX_CENTRE_SHIFT) -> None:
        self.max_shift = max_shift
        self.tracks: list[Track] = []
        self._last: list[Detection] = []  # each track's latest face
        self._last_seen: list[int] = []
        self._sample = -1

    def cut(self) -> None:
        self._last_seen = [self._sample - MAX_MISSED_SAMPLES - 2] * len(self.tracks)

    def live(self) -> list[int]:
        """The track numbers the next sample's faces may still continue; every other track is closed."""
        s = self._sample + 1
        return [t for t in range(len(self.tracks)) if s - self._last_seen[t] <= MAX_MISSED_SAMPLES + 1]

    def add(self, detections: Sequence[Detection]) -> list[int]:
        """Link the next sample's faces; returns each face's track number (an index into ``tracks``)."""
        live = self.live()
        self._sample += 1
        s = self._sample
        pairs = sorted(((score, t, d) for t in live for d, det in enumerate(detections)
                        if (score := _affinity(self._last[t], det, self.max_shift)) > 0), key=lambda p: -p[0])
        chosen: list[int | None] = [None] * len(detections)
        used_tracks: set[int] = set()
        for _, t, d in pairs:
            if t in used_tracks or chosen[d] is not None:
                continue
            chosen[d] = t
            used_tracks.add(t)
        numbers = []
        for d, det in enumerate(detections):
            linked = chosen[d]
            if linked is None:
                linked = len(self.tracks)
                self.tracks.append(Track())
                self._last.append(det)
                self._last_seen.append(s)
            self.tracks[linked].members.append((s, d))
            self._last[linked] = det
            self._last_seen[linked] = s
            numbers.append(linked)
        return numbers


def link_tracks(samples: Sequence[Sequence[Detection]]) -> list[Track]:
    """Tracks over one shot's samples (in time order); every detection ends up in exactly one track."""
    linker = TrackLinker()
    for detections in samples:
        linker.add(detections)
    return linker.tracks
