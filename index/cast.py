"""The people on screen, the front door: ``index_faces`` at ingest, the cast list and its edits after.

The face stage looks at a frame every ``face_scan.SAMPLE_STEP`` seconds (twice a second) while the
ingest decodes, detects faces (YuNet), links them into tracks inside each shot, embeds each track's best
faces (dlib) and re-clusters the whole library's tracks into characters in the same write transaction,
so a character spans videos and the user's names and merges survive every re-cluster.
"""

from __future__ import annotations

import contextlib
import math
import secrets
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import cast_store, store
from index.atomic import atomic_write_bytes
from index.db import connect, write_transaction
from index.face_detect import MODEL_ID as DETECTOR_ID
from index.face_embed import MODEL_ID as EMBEDDER_ID
from index.face_scan import SAMPLE_STEP, FaceSampler, ShotTrack, scan_video
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo

__all__ = [
    "Appearance", "CastMember", "CastError", "FaceReport", "cast_list", "people_by_shot", "name_character",
    "name_characters", "merge_characters", "forget_character", "index_faces", "face_sampler",
    "needs_face_scan", "FACE_MODEL",
]

FACE_MODEL = f"{DETECTOR_ID}+{EMBEDDER_ID}"
APPEARANCE_GAP = 1.0  # seconds: a face away this long or less is one appearance: two missed looks (half a
# second apart) leave exactly this gap (the Friday operator's head turn; the dev cast F1 0.88 -> 1.0 there)

Progress = Callable[[int, int], None]  # (samples done, samples total)


class CastError(ValueError):
    """A cast edit that cannot be done (unknown character, empty name); the message says why."""


@dataclass(frozen=True)
class Appearance:
    """A time range in which the character's face is on screen (merged across gaps up to APPEARANCE_GAP)."""

    video_id: str
    start: float
    end: float


@dataclass(frozen=True)
class CastMember:
    id: int
    name: str | None
    screen_time: float
    shots: tuple[tuple[str, int], ...]
    thumbnail: str | None  # relative to the library directory
    appearances: tuple[Appearance, ...]

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "screen_time": round(self.screen_time, 3),
                "shots": [[video, index] for video, index in self.shots], "thumbnail": self.thumbnail,
                "appearances": [{"video": a.video_id, "start": round(a.start, 3), "end": round(a.end, 3)}
                                for a in self.appearances]}


@dataclass(frozen=True)
class FaceReport:
    video_id: str
    samples: int
    faces: int
    tracks: int
    characters: int  # in the whole library after re-clustering
    # "faces_detect": looks and dlib descriptors (own decode only: at ingest they ride its decode),
    # "faces_embed": what is left after the decode (the last tracks, thumbnails, rows), "characters" (cluster)
    timings: dict[str, float]


def _track_rows(tracks: Sequence[ShotTrack], shots: Sequence[Shot], video_id: str, scan: str,
                library_dir: Path) -> list[cast_store.NewTrack]:
    """Write each track's thumbnail and make the rows to store; a track's descriptor is the mean of its best
    faces' (embedded by the sampler as the track closed)."""
    by_index = {shot.index: shot for shot in shots}
    rows, numbers = [], dict[int, int]()
    for track in tracks:
        if not track.sure:
            continue
        shot = by_index[track.shot_index]
        number = numbers[track.shot_index] = numbers.get(track.shot_index, -1) + 1
        best = track.best[0]
        descriptors = [f.descriptor for f in track.best if f.descriptor is not None]
        assert best.thumbnail is not None and len(descriptors) == len(track.best)
        embedded = {id(f) for f in track.best}
        relative = LibraryPaths.relative().face_thumbnail(video_id, scan, track.shot_index, number)
        atomic_write_bytes(Path(library_dir) / relative, best.thumbnail)
        rows.append(cast_store.NewTrack(
            track.shot_index, max(float(shot.start), track.faces[0].time - SAMPLE_STEP / 2),
            min(float(shot.end), track.faces[-1].time + SAMPLE_STEP / 2), best.quality, str(relative),
            np.stack(descriptors).mean(axis=0),
            tuple(cast_store.NewFace(f.time, f.detection.box, f.detection.score,
                                     f.descriptor if id(f) in embedded else None) for f in track.faces)))
    return rows


def face_sampler(video: VideoInfo) -> FaceSampler:
    """A sampler for the ingest's decode to feed (``index_faces(..., sampled=)`` finishes the job)."""
    return FaceSampler(video)


def index_faces(video: VideoInfo, shots: Sequence[Shot], library_dir: Path,
                progress: Progress | None = None, sampled: FaceSampler | None = None) -> FaceReport:
    """Find, track and embed the faces of a stored video, then re-cluster the library's characters.

    ``sampled``: the sampler the ingest's decode fed; without one the video is decoded again (``cast
    scan``). The video's tracks are replaced in one write transaction with the re-clustering (readers
    see the old cast or the new one); its new thumbnails are written before, the replaced ones removed after.
    """
    library_dir = Path(library_dir)
    notify = progress or (lambda done, total: None)
    started = time.perf_counter()
    sampler = sampled if sampled is not None else scan_video(video, shots, notify)
    # Faces found on the ingest's decode are timed there; a decode of our own is timed here.
    timings = {} if sampled is not None else {"faces_detect": time.perf_counter() - started}
    started = time.perf_counter()
    new_tracks = _track_rows(sampler.tracks(shots), shots, video.id, secrets.token_hex(4), library_dir)
    embed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        with write_transaction(conn):
            unused = cast_store.replace_video_tracks(conn, video.id, new_tracks, FACE_MODEL, sampler.samples)
            characters = cast_store.recluster(conn)
    for path in unused:
        with contextlib.suppress(FileNotFoundError):
            (library_dir / path).unlink()
    notify(sampler.samples, sampler.samples)
    return FaceReport(video.id, sampler.samples, sampler.faces, len(new_tracks), characters,
                      {**timings, "faces_embed": embed_seconds, "characters": time.perf_counter() - started})


def needs_face_scan(library_dir: Path, video_id: str) -> bool:
    """Whether a stored video has not been scanned for faces with the current models."""
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        return cast_store.scanned(conn).get(video_id) != FACE_MODEL


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if out and start - out[-1][1] <= APPEARANCE_GAP + 1e-6:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _members(conn, video_ids: Sequence[str] | None) -> list[CastMember]:
    names = cast_store.characters(conn)
    grouped: dict[int, list[cast_store.TrackRow]] = {}
    for track in cast_store.tracks(conn, video_ids):
        grouped.setdefault(track.character_id, []).append(track)  # type: ignore[arg-type]
    members = []
    for character, rows in grouped.items():
        appearances: list[Appearance] = []
        for video in sorted({r.video_id for r in rows}):
            spans = _merged([(r.start, r.end) for r in rows if r.video_id == video])
            appearances += [Appearance(video, start, end) for start, end in spans]
        best = max(rows, key=lambda r: r.quality)
        row = names.get(character)
        members.append(CastMember(
            character, row.name if row else None, sum(a.end - a.start for a in appearances),
            tuple(sorted({(r.video_id, r.shot_index) for r in rows})), best.thumbnail, tuple(appearances)))
    return sorted(members, key=lambda m: (-m.screen_time, m.id))


def cast_list(library_dir: Path, video_ids: Sequence[str] | None = None) -> list[CastMember]:
    """Characters by screen time, most first; with ``video_ids``, counted inside those videos only."""
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        with store.read_snapshot(conn):
            return _members(conn, video_ids)


def people_by_shot(library_dir: Path, video_id: str) -> dict[int, dict[int, float]]:
    """shot index -> {character id: seconds their face is on screen in that shot}."""
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        rows = cast_store.tracks(conn, [video_id])
    spans: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for r in rows:
        spans.setdefault((r.shot_index, r.character_id), []).append((r.start, r.end))  # type: ignore[arg-type]
    out: dict[int, dict[int, float]] = {}
    for (shot, character), ranges in spans.items():
        union, end = 0.0, -math.inf
        for start, stop in sorted(ranges):
            union += max(0.0, stop - max(start, end))
            end = max(end, stop)
        out.setdefault(shot, {})[character] = union
    return out


def _member(conn, character_id: int) -> CastMember:
    found = [m for m in _members(conn, None) if m.id == character_id]
    if not found:
        raise CastError(f"no character {character_id} (see `personalcut cast`)")
    return found[0]


def _edit(library_dir: Path, ids: Sequence[int], change: Callable) -> None:
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        with write_transaction(conn):
            known = cast_store.characters(conn)
            for character in ids:
                if character not in known:
                    raise CastError(f"no character {character} (see `personalcut cast`)")
            change(conn)


def name_characters(library_dir: Path, names: Sequence[tuple[int, str]]) -> list[CastMember]:
    """Give characters names (kept through every later re-clustering) in one transaction: a number that is
    not in the cast, or an empty name, names none of them."""
    names = [(character_id, " ".join(name.split())) for character_id, name in names]
    if any(not name for _, name in names):
        raise CastError("a character's name cannot be empty")

    def change(conn: sqlite3.Connection) -> None:
        for character_id, name in names:
            cast_store.name_character(conn, character_id, name)

    _edit(library_dir, [character_id for character_id, _ in names], change)
    with contextlib.closing(connect(library_dir)) as conn:
        return [_member(conn, character_id) for character_id, _ in names]


def name_character(library_dir: Path, character_id: int, name: str) -> CastMember:
    """Give a character a name (kept through every later re-clustering)."""
    return name_characters(library_dir, [(character_id, name)])[0]


def merge_characters(library_dir: Path, keep_id: int, other_id: int) -> CastMember:
    """Make two characters one (``keep_id``); later re-clustering keeps them together."""
    if keep_id == other_id:
        raise CastError(f"cannot merge character {keep_id} with itself")
    _edit(library_dir, [keep_id, other_id], lambda conn: cast_store.merge_characters(conn, keep_id, other_id))
    with contextlib.closing(connect(library_dir)) as conn:
        return _member(conn, keep_id)


@dataclass(frozen=True)
class Forgotten:
    tracks: int
    faces: int
    thumbnails: int


def forget_character(library_dir: Path, character_id: int) -> Forgotten:
    """Delete a person: their faces, descriptors, tracks and thumbnails (securely: the database pages are
    overwritten and the write-ahead log is checkpointed, so the vectors do not linger in the file)."""
    library_dir = Path(library_dir)
    result: list[tuple[int, int, list[str]]] = []
    with contextlib.closing(connect(library_dir)) as conn:
        conn.execute("PRAGMA secure_delete = ON")
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        with write_transaction(conn):
            if character_id not in cast_store.characters(conn):
                raise CastError(f"no character {character_id} (see `personalcut cast`)")
            result.append(cast_store.forget_character(conn, character_id))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tracks, faces, thumbs = result[0]
    removed = 0
    for path in thumbs:
        with contextlib.suppress(FileNotFoundError):
            (library_dir / path).unlink()
            removed += 1
    return Forgotten(tracks, faces, removed)
