"""Analyse one video: a single decode pass, shot detection, keyframes and thumbnails.

This is the whole pixel side of ingest. ``ShotStream`` does it in bounded memory: shots come out in
batches while the video decodes (shot detection runs in windows, ``index.shot_stream``), each with its
chosen keyframes, and only the open shot's keyframe candidates are held, so a feature film needs no
more memory than a clip. Its ``state`` after a batch says where to resume after a crash. ``analyze``
collects the whole stream for callers that want every shot at once (tests, re-embedding, Ray workers).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from index.decode import PROGRESS_EVERY, Candidate, FrameReader, ResumeAt
from index.keyframes import choose_keyframes, keyframe_quality, write_thumbnail
from index.memory import release_free_memory
from index.shot import Shot, VideoInfo
from index.shot_stream import StreamingShotDetector, StreamState

FrameSink = Callable[[av.VideoFrame, float, np.ndarray], None]  # (frame, seconds, 48x27 YUV feature image)
Progress = Callable[[str, int, int], None]  # (stage, done, total), e.g. ("decode", frames_done, frames_total)
RAW_SECONDS = 24  # candidates this recent are held as pixels (48: 13-17 MB at 16:9-2.39:1); older as JPEG


@dataclass(frozen=True)
class PickedShot:
    """A final shot (thumbnail written) and the keyframe candidates chosen for it (pixels or JPEG)."""

    shot: Shot
    keyframes: tuple[Candidate, ...]

    def images(self) -> list[np.ndarray]:
        return [c.image() for c in self.keyframes]


@dataclass(frozen=True)
class StreamResume:
    """Where a stream that stopped after some shots picks up: the first shot not yet out."""

    at: ResumeAt  # its first frame
    detector: StreamState
    next_index: int  # its shot index


@dataclass
class Analysis:
    shots: list[Shot]  # contiguous, covering the whole video; thumbnails already written
    keyframe_images: list[list[np.ndarray]]  # per shot, RGB uint8 (short side >= 224), one per shot.keyframes
    timings: dict[str, float] = field(default_factory=dict)  # seconds in "decode", "detect", "keyframes"
    decoder: str = "cpu"  # "nvdec" where the GPU's decoder did the decode pass


class ShotStream:
    """Iterate to get lists of final shots in order, while the video decodes once.

    ``frame_sink`` rides the decode (the face stage); its time is counted in "decode". ``resume`` (from
    ``state``) continues an earlier stream: the same shots as an uninterrupted one, from the next on.
    Raises ``CorruptMediaError`` if decoding breaks off, ``ResumeFailed`` if the resume point is not
    found again (then start afresh).
    """

    def __init__(self, path: Path | str, info: VideoInfo, library_dir: Path, progress: Progress | None = None,
                 frame_sink: FrameSink | None = None, resume: StreamResume | None = None) -> None:
        self.info, self.library_dir = info, Path(library_dir)
        self.progress, self.frame_sink = progress, frame_sink
        self.reader = FrameReader(path, info, None if resume is None else resume.at)
        self.detector = StreamingShotDetector(float(info.fps),
                                              state=None if resume is None else resume.detector)
        self.timings = {"decode": 0.0, "detect": 0.0, "keyframes": 0.0}
        self._away = 0.0  # time the consumer spent between batches (embedding): not this stream's
        self._next_index = 0 if resume is None else resume.next_index
        self._open = 0 if resume is None else resume.at.frame  # first frame of the first shot not out yet
        self._open_rel = 0 if resume is None else resume.at.rel
        self._rels: list[int] = []  # pts of frames [_open, ...) (a shot's start and end times)
        self._candidates: list[Candidate] = []  # from shortly before _open on
        self._raw_from = 0  # _candidates[:_raw_from] are JPEG, the rest pixels

    def state(self) -> StreamResume:
        """Where to resume after the last batch taken (valid between batches)."""
        at = ResumeAt(self._open, self._open_rel, self.reader.first_pts)
        return StreamResume(at, self.detector.snapshot(), self._next_index)

    def __iter__(self) -> Iterator[list[PickedShot]]:
        started = time.perf_counter()
        progress, sink, total = self.progress, self.frame_sink, self.info.frame_count
        raw_frames = round(RAW_SECONDS * float(self.info.fps))
        for item in self.reader:
            if item.index == self._open and not self._rels:  # the first frame: a resume's pre-roll is known
                self._candidates = list(self.reader.preroll_candidates)
            self._rels.append(item.rel)
            if item.candidate is not None:
                self._candidates.append(item.candidate)
                self._compress_before(item.index - raw_frames)
            if sink is not None:
                sink(item.frame, float(self.reader.time(item.rel)), item.feature)
            if progress is not None and item.index % PROGRESS_EVERY == 0:
                progress("decode", item.index, total)
            detect_started, frontier = time.perf_counter(), self.detector.frontier
            boundaries = self.detector.push(item.index, item.feature)
            if self.detector.frontier != frontier:  # a window ran: its float copies are free again
                release_free_memory()
            self.timings["detect"] += time.perf_counter() - detect_started
            if boundaries:
                yield from self._hand_over(self._close([b.frame for b in boundaries], item.index + 1))
        self._rels.append(self.reader.end)
        frames = self.reader.frames
        if progress is not None:
            progress("decode", frames, frames)
        detect_started = time.perf_counter()
        ends = [b.frame for b in self.detector.finish() if 0 < b.frame < frames]
        self.timings["detect"] += time.perf_counter() - detect_started
        yield from self._hand_over(self._close([*ends, frames], frames + 1))
        if progress is not None:
            progress("detect", 1, 1)
        self.timings["decode"] = (time.perf_counter() - started - self.timings["detect"]
                                  - self.timings["keyframes"] - self._away)

    def _compress_before(self, frame: int) -> None:
        """Candidates from before ``frame`` wait as JPEG: pixels for the last ``RAW_SECONDS`` only, however
        long the open shot or the detection window."""
        while self._raw_from < len(self._candidates) and self._candidates[self._raw_from].frame < frame:
            self._candidates[self._raw_from] = self._candidates[self._raw_from].compressed()
            self._raw_from += 1

    def _hand_over(self, batch: list[PickedShot]) -> Iterator[list[PickedShot]]:
        """Yield a batch, keeping the consumer's time out of this stream's timings."""
        handed = time.perf_counter()
        yield batch
        self._away += time.perf_counter() - handed

    @property
    def decoder(self) -> str:
        """Which decoder ran (known once the stream has started): "nvdec" or "cpu"."""
        return "nvdec" if self.reader.hardware else "cpu"

    def _time(self, frame: int) -> Fraction:
        return self.reader.time(self._rels[frame - self._open])

    def _close(self, ends: list[int], known: int) -> list[PickedShot]:
        """Shots from the open one up to each boundary in ``ends``; ``known``: frames decoded so far."""
        started = time.perf_counter()
        fps = float(self.info.fps)
        out: list[PickedShot] = []
        for end in ends:
            if end <= self._open:
                continue
            start = self._open
            chosen = [c.compressed() for c in choose_keyframes(self._candidates, start, end, fps)]
            pictures = [c.image() for c in chosen]
            best = max(range(len(chosen)), key=lambda i: keyframe_quality(chosen[i]))
            index = self._next_index
            shot = Shot(video_id=self.info.id, index=index, start_frame=start, end_frame=end,
                        start=self._time(start), end=self._time(end),
                        keyframes=tuple(self._time(c.frame) for c in chosen),
                        thumbnail=write_thumbnail(pictures[best], self.library_dir, self.info.id, index))
            out.append(PickedShot(shot, tuple(chosen)))
            self._next_index += 1
            if end < known:  # the next shot opens here
                del self._rels[:end - self._open]
                self._open, self._open_rel = end, self._rels[0]
                # One candidate before the open shot stays: a shot too short to hold one borrows the nearest.
                keep = max(0, bisect.bisect_left([c.frame for c in self._candidates], end) - 1)
                del self._candidates[:keep]
                self._raw_from = max(0, self._raw_from - keep)
        self.timings["keyframes"] += time.perf_counter() - started
        return out


def analyze(path: Path | str, info: VideoInfo, library_dir: Path, progress: Progress | None = None,
            frame_sink: FrameSink | None = None) -> Analysis:
    """Find the shots of a probed video, pick their keyframes and write their thumbnails, all at once.

    Shot frames are presentation-order indices; times are exact pts seconds from the first frame.
    Raises ``CorruptMediaError`` if decoding breaks off.
    """
    stream = ShotStream(path, info, library_dir, progress, frame_sink)
    picked = [shot for batch in stream for shot in batch]
    return Analysis([p.shot for p in picked], [p.images() for p in picked], stream.timings, stream.decoder)
