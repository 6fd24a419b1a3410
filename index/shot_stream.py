"""Shot detection over a stream of frames in bounded memory, with the same boundaries as the whole-video
``detect_boundaries``.

Features arrive frame by frame; every ``window`` frames the detectors run over that window plus
``margin`` frames of context on each side, and keep the boundaries whose frame falls inside it (each
transition is found by exactly one window: the detectors look at most a few seconds around a frame).
A window never ends inside a run of black frames, so a fade's black run is always seen whole.

The merge (``merge_boundaries``) is greedy but local: a boundary's fate depends only on boundaries
within its ``reach``. Boundaries are grouped into clusters of overlapping reach; a cluster that no
later boundary can touch any more is merged on its own and its boundaries are final. So shots come out
while the video is still decoding, and only the window's features are held, whatever the film's length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from index.shot_detect import (
    DEFAULT_DETECTORS,
    Boundary,
    Detector,
    FrameSignals,
    black_frames,
    merge_boundaries,
    min_shot_length,
    reach,
)

WINDOW_SECONDS = 120.0  # frames per detection window (at the video's rate)
MARGIN_SECONDS = 10.0  # context each side: longer than any transition the detectors judge
MAX_BLACK_EXTENSION_SECONDS = 60.0  # a window end moves past black frames at most this far


@dataclass(frozen=True)
class StreamState:
    """What a resumed stream needs to give the same boundaries as an uninterrupted one."""

    frontier: int  # boundaries with a frame below this are known (final or in ``pending``)
    pending: tuple[Boundary, ...]  # found but not final yet
    last_final: int  # frame of the last final boundary (0 when none)


@dataclass
class StreamingShotDetector:
    """Push frames in order; get final boundaries as soon as nothing later can change them."""

    fps: float
    detectors: tuple[Detector, ...] = DEFAULT_DETECTORS
    window: int = 0  # frames; 0: WINDOW_SECONDS at ``fps``
    margin: int = 0  # frames; 0: MARGIN_SECONDS at ``fps``
    state: StreamState | None = None  # resume from a snapshot (earlier frames pushed are ignored)
    _frames: list[np.ndarray] = field(default_factory=list)  # features of frames [_base, _base + len)
    _base: int = 0
    _frontier: int = 0  # windows cover [0, _frontier)
    _pending: list[Boundary] = field(default_factory=list)
    _last_final: int = 0
    _black_to: int = 0  # frames from the nominal window end up to here were seen black

    def __post_init__(self) -> None:
        self.window = self.window or max(1, round(WINDOW_SECONDS * self.fps))
        self.margin = self.margin or max(1, round(MARGIN_SECONDS * self.fps))
        self.min_len = min_shot_length(self.fps)
        self._max_extension = round(MAX_BLACK_EXTENSION_SECONDS * self.fps)
        if self.state is not None:
            self._frontier = self.state.frontier
            self._base = max(0, self._frontier - self.margin)
            self._pending = list(self.state.pending)
            self._last_final = self.state.last_final

    def snapshot(self) -> StreamState:
        return StreamState(self._frontier, tuple(self._pending), self._last_final)

    @property
    def frontier(self) -> int:
        """Frames the windows run so far cover (``[0, frontier)``): moves once a window has run."""
        return self._frontier

    def push(self, index: int, feature: np.ndarray) -> list[Boundary]:
        """Add frame ``index``'s 48x27 YUV feature image (frames in order; on a resume, those before the
        snapshot's context are ignored); return boundaries that just became final."""
        end = self._base + len(self._frames)
        if index < end:
            return []
        if index != end:
            raise ValueError(f"frame {index} pushed after frame {end - 1}")
        self._frames.append(feature)
        end += 1
        if end < self._frontier + self.window + self.margin:
            return []
        hi = self._window_end(end)
        if hi is None:
            return []
        self._run_window(hi, end, last=False)
        return self._finalise(self._frontier - self.margin)

    def finish(self) -> list[Boundary]:
        """The video ended: detect over what is left and return every remaining boundary."""
        end = self._base + len(self._frames)
        if end > self._frontier:
            self._run_window(end, end, last=True)
        return self._finalise(None, total=end)

    def _window_end(self, end: int) -> int | None:
        """The end of the next window: nominal, or moved past black frames (a window edge inside a fade's
        black run would cut it in two); None while the frames that decide it have not arrived."""
        nominal = self._frontier + self.window
        hi, most = max(nominal, self._black_to), nominal + self._max_extension
        while hi < most and black_frames(self._frames[hi - self._base][None])[0]:
            hi += 1
            if hi + self.margin > end:
                self._black_to = hi
                return None
        return hi

    def _run_window(self, hi: int, end: int, last: bool) -> None:
        """Detect over ``[frontier, hi)`` with context; keep the boundaries it owns; drop old frames."""
        lo = self._frontier
        start = max(self._base, lo - self.margin)
        stop = end if last else min(end, hi + self.margin)
        signals = FrameSignals(np.stack(self._frames[start - self._base:stop - self._base]), self.fps)
        for detector in self.detectors:
            for b in detector.detect(signals):
                frame = b.frame + start
                if lo <= frame < hi or (last and frame == hi):
                    self._pending.append(
                        Boundary(frame, b.kind, b.strength, (b.span[0] + start, b.span[1] + start)))
        self._frontier, self._black_to = hi, 0
        keep_from = max(0, hi - self.margin)
        if keep_from > self._base:
            del self._frames[:keep_from - self._base]
            self._base = keep_from

    def _finalise(self, safe_before: int | None, total: int | None = None) -> list[Boundary]:
        """Merge each cluster that no later boundary can reach (every cluster when ``safe_before`` is None:
        the video ended at ``total`` frames); return the boundaries kept, in order."""
        clusters: list[tuple[int, list[Boundary]]] = []  # (reach end, boundaries)
        for b in sorted(self._pending, key=lambda b: reach(b, self.min_len)[0]):
            lo, hi = reach(b, self.min_len)
            if clusters and lo <= clusters[-1][0]:
                clusters[-1] = (max(clusters[-1][0], hi), [*clusters[-1][1], b])
            else:
                clusters.append((hi, [b]))
        # Later boundaries lie at or after the frontier, their spans at most a margin before it.
        limit = None if safe_before is None else safe_before - self.min_len
        n = total if total is not None else 1 << 62  # the video's end matters only to the last cluster
        final: list[Boundary] = []
        self._pending = []
        for cluster_end, cluster in clusters:
            if limit is None or cluster_end < limit:
                final += merge_boundaries(cluster, n, self.min_len)
            else:
                self._pending += cluster
        final.sort(key=lambda b: b.frame)
        if final:
            self._last_final = final[-1].frame
        return final
