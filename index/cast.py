"""The people on screen, the front door: ``index_faces`` at ingest, the cast list and its edits after.

The face stage samples every shot at least ``SAMPLES_PER_SECOND`` times a second (a 1-second shot
gets two looks), detects faces (YuNet), links them into tracks inside each shot, embeds each track's
best faces (dlib) and re-clusters the whole library's tracks into characters in the same write
transaction, so a character spans videos and the user's names and merges survive every re-cluster.
"""

from __future__ import annotations

import contextlib
import math
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from index import cast_store, store
from index.atomic import atomic_write_bytes
from index.db import connect, write_transaction
from index.face_detect import MODEL_ID as DETECTOR_ID
from index.face_detect import Detection, FaceDetector
from index.face_embed import MODEL_ID as EMBEDDER_ID
from index.face_embed import FaceEmbedder
from index.face_tracks import link_tracks
from index.library_paths import LibraryPaths
from index.shot import Shot, VideoInfo

__all__ = [
    "Appearance", "CastMember", "CastError", "FaceReport", "cast_list", "people_by_shot", "name_character",
    "merge_characters", "forget_character", "index_faces", "needs_face_scan", "FACE_MODEL",
]

FACE_MODEL = f"{DETECTOR_ID}+{EMBEDDER_ID}"
SAMPLES_PER_SECOND = 2
FRAME_SHORT_SIDE_MAX = 720  # sampled frames are reduced to this first: enough pixels for any face
MIN_FACE_PX = 12  # smaller faces (source pixels) carry too little to recognise
MIN_TRACK_SCORE = 0.85  # a track whose best detection is weaker than this is dropped (mostly not a face)
CROP_MARGIN = 0.6  # face sizes kept around a face, for alignment and the thumbnail
CROP_FACE_PX = 160  # faces are kept at most this big: dlib's chip is 150 px
EMBEDS_PER_TRACK = 3  # a track's descriptor is the mean of its best faces, up to this many
APPEARANCE_GAP = 1.0  # seconds: a face away for less than this is one appearance
THUMB_HEIGHT = 128

Progress = Callable[[int, int], None]  # (samples done, samples total)


class CastError(ValueError):
    """A cast edit that cannot be done (unknown character, empty name); the message says why."""


@dataclass(frozen=True)
class Appearance:
    """A time range in which the character's face is on screen (merged across gaps < APPEARANCE_GAP)."""

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
    timings: dict[str, float]  # "faces" (decode, detect, embed) and "characters" (store, re-cluster)


@dataclass
class _Face:
    """A detection kept while its shot is open: a small crop around it, the face in crop coordinates."""

    time: float
    detection: Detection  # source-frame coordinates
    crop: np.ndarray  # RGB
    in_crop: Detection
    quality: float


def sample_times(shot: Shot) -> list[float]:
    """Evenly spread sample times inside a shot, at least two and at least SAMPLES_PER_SECOND a second."""
    start, duration = float(shot.start), float(shot.duration)
    count = max(2, math.ceil(duration * SAMPLES_PER_SECOND))
    return [start + (i + 0.5) * duration / count for i in range(count)]


def _quality(face: Detection, crop: np.ndarray, in_crop: Detection) -> float:
    """Higher for bigger, sharper, more frontal, surer faces: picks thumbnails and the faces to embed."""
    x, y, w, h = (max(0, round(v)) for v in in_crop.box)
    gray = cv2.cvtColor(crop[y:y + h, x:x + w], cv2.COLOR_RGB2GRAY) if w > 1 and h > 1 else None
    sharp = 0.0
    if gray is not None and gray.size:
        sharp = min(1.0, float(cv2.Laplacian(cv2.resize(gray, (64, 64)), cv2.CV_32F).var()) / 200.0)
    return face.score * (0.3 + 0.7 * face.frontality()) * min(1.0, face.size / 80.0) * (0.3 + 0.7 * sharp)


def _keep(rgb: np.ndarray, face: Detection, to_source: float, time_s: float) -> _Face:
    """Cut a margin-padded crop around a face (shrunk when the face is big) and remember it."""
    height, width = rgb.shape[:2]
    x, y, w, h = face.box
    margin = CROP_MARGIN * max(w, h)
    x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
    x1, y1 = min(width, int(math.ceil(x + w + margin))), min(height, int(math.ceil(y + h + margin)))
    crop = rgb[y0:y1, x0:x1]
    shrink = min(1.0, CROP_FACE_PX / max(1.0, face.size))
    if shrink < 1.0:
        size = (max(1, round(crop.shape[1] * shrink)), max(1, round(crop.shape[0] * shrink)))
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    origin = np.array([x0, y0], np.float32)
    in_crop = Detection(((x - x0) * shrink, (y - y0) * shrink, w * shrink, h * shrink),
                        ((face.landmarks - origin) * shrink).astype(np.float32), face.score)
    source = Detection(tuple(v * to_source for v in face.box),  # type: ignore[arg-type]
                       face.landmarks * to_source, face.score)
    crop = np.ascontiguousarray(crop)
    return _Face(time_s, source, crop, in_crop, _quality(source, crop, in_crop))


def _frames(video: VideoInfo, wanted: list[tuple[float, int]], on_frame: Callable[[int], None]):
    """Yield ``(sample index, seconds, RGB frame)`` for each wanted time: the first frame at or after it.

    One decode pass; frames between samples are decoded (H.264 needs them) but never converted.
    """
    container = av.open(video.path)
    with container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        stream.codec_context.thread_count = 0
        stream.codec_context.options = {"skip_loop_filter": "all"}
        time_base = Fraction(stream.time_base)
        short = min(video.width, video.height)
        scale = min(1.0, FRAME_SHORT_SIDE_MAX / short)
        size = (max(2, round(video.width * scale / 2) * 2), max(2, round(video.height * scale / 2) * 2))
        first: int | None = None
        position = 0
        for frame in container.decode(stream):
            if position >= len(wanted):
                break
            pts = frame.pts if frame.pts is not None else 0
            first = pts if first is None else first
            seconds = float((pts - first) * time_base)
            if seconds + 1e-6 < wanted[position][0]:
                continue
            rgb = frame.reformat(width=size[0], height=size[1], format="rgb24").to_ndarray()
            while position < len(wanted) and wanted[position][0] <= seconds + 1e-6:
                yield position, seconds, rgb
                position += 1
                on_frame(position)


def _track_rows(shot: Shot, faces: list[list[_Face]], embedder: FaceEmbedder, video_id: str, scan: str,
                library_dir: Path) -> list[cast_store.NewTrack]:
    """Link one shot's faces into tracks, embed each track's best faces, write each track's thumbnail."""
    tracks = [t for t in link_tracks([[f.detection for f in sample] for sample in faces])
              if max(faces[s][d].detection.score for s, d in t.members) >= MIN_TRACK_SCORE]
    chosen = [sorted(t.members, key=lambda m: -faces[m[0]][m[1]].quality)[:EMBEDS_PER_TRACK] for t in tracks]
    flat = [faces[s][d] for members in chosen for s, d in members]
    descriptors = embedder.embed([(f.crop, f.in_crop) for f in flat])
    step = float(shot.duration) / max(2, math.ceil(float(shot.duration) * SAMPLES_PER_SECOND))
    rows, offset = [], 0
    for number, (track, best) in enumerate(zip(tracks, chosen, strict=True)):
        own = descriptors[offset:offset + len(best)]
        offset += len(best)
        by_face = {id(faces[s][d]): own[i] for i, (s, d) in enumerate(best)}
        members = [faces[s][d] for s, d in track.members]
        top = faces[best[0][0]][best[0][1]]
        thumbnail = _write_thumbnail(top, library_dir, video_id, scan, shot.index, number)
        rows.append(cast_store.NewTrack(
            shot.index, max(float(shot.start), members[0].time - step / 2),
            min(float(shot.end), members[-1].time + step / 2), top.quality, thumbnail, own.mean(axis=0),
            tuple(cast_store.NewFace(f.time, f.detection.box, f.detection.score, by_face.get(id(f)))
                  for f in members)))
    return rows


def _write_thumbnail(face: _Face, library_dir: Path, video_id: str, scan: str, shot_index: int,
                     number: int) -> str:
    x, y, w, h = face.in_crop.box
    margin = 0.35 * max(w, h)
    height, width = face.crop.shape[:2]
    x0, y0 = max(0, int(x - margin)), max(0, int(y - margin))
    x1, y1 = min(width, int(x + w + margin)), min(height, int(y + h + margin))
    picture = face.crop[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else face.crop
    scale = THUMB_HEIGHT / picture.shape[0]
    picture = cv2.resize(picture, (max(1, round(picture.shape[1] * scale)), THUMB_HEIGHT),
                         interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 90])
    if not ok:
        raise RuntimeError("JPEG encoding of a face thumbnail failed")
    relative = LibraryPaths.relative().face_thumbnail(video_id, scan, shot_index, number)
    atomic_write_bytes(Path(library_dir) / relative, jpeg.tobytes())
    return str(relative)


def index_faces(video: VideoInfo, shots: Sequence[Shot], library_dir: Path,
                progress: Progress | None = None) -> FaceReport:
    """Find, track and embed the faces of a stored video, then re-cluster the library's characters.

    The video's tracks are replaced in one write transaction with the re-clustering (readers see the
    old cast or the new one); its new thumbnails are written before, the replaced ones removed after.
    """
    library_dir = Path(library_dir)
    started = time.perf_counter()
    detector, embedder = FaceDetector(), FaceEmbedder()
    wanted = sorted((t, shot.index) for shot in shots for t in sample_times(shot))
    by_index = {shot.index: shot for shot in shots}
    per_shot: dict[int, list[list[_Face]]] = {}
    scan = secrets.token_hex(4)
    new_tracks: list[cast_store.NewTrack] = []
    to_source = 1 / min(1.0, FRAME_SHORT_SIDE_MAX / min(video.width, video.height))
    open_shot: int | None = None
    faces_seen = 0
    notify = progress or (lambda done, total: None)

    def close(shot_index: int | None) -> None:
        if shot_index is not None and shot_index in per_shot:
            new_tracks.extend(_track_rows(by_index[shot_index], per_shot.pop(shot_index), embedder, video.id,
                                          scan, library_dir))

    for position, seconds, rgb in _frames(video, wanted, lambda done: notify(done, len(wanted))):
        shot_index = wanted[position][1]
        shot = by_index[shot_index]
        if shot_index != open_shot:
            close(open_shot)
            open_shot = shot_index
        kept: list[_Face] = []
        if seconds < float(shot.end):  # no frame of this shot after the wanted time: nothing to look at
            bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
            kept = [_keep(rgb, face, to_source, seconds) for face in detector.detect(bgr)
                    if face.size * to_source >= MIN_FACE_PX]
        faces_seen += len(kept)
        per_shot.setdefault(shot_index, []).append(kept)
    close(open_shot)
    face_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        with write_transaction(conn):
            unused = cast_store.replace_video_tracks(conn, video.id, new_tracks, FACE_MODEL, len(wanted))
            characters = cast_store.recluster(conn)
    for path in unused:
        with contextlib.suppress(FileNotFoundError):
            (library_dir / path).unlink()
    notify(len(wanted), len(wanted))
    return FaceReport(video.id, len(wanted), faces_seen, len(new_tracks), characters,
                      {"faces": face_seconds, "characters": time.perf_counter() - started})


def needs_face_scan(library_dir: Path, video_id: str) -> bool:
    """Whether a stored video has not been scanned for faces with the current models."""
    with contextlib.closing(connect(library_dir)) as conn:
        store.ensure_schema(conn)
        cast_store.ensure_schema(conn)
        return cast_store.scanned(conn).get(video_id) != FACE_MODEL


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if out and start - out[-1][1] < APPEARANCE_GAP:
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


def name_character(library_dir: Path, character_id: int, name: str) -> CastMember:
    """Give a character a name (kept through every later re-clustering)."""
    name = " ".join(name.split())
    if not name:
        raise CastError("a character's name cannot be empty")
    _edit(library_dir, [character_id], lambda conn: cast_store.name_character(conn, character_id, name))
    with contextlib.closing(connect(library_dir)) as conn:
        return _member(conn, character_id)


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
