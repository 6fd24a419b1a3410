"""Faces, face tracks and characters in the library's SQLite file.

A track (one person's face through part of a shot) carries the mean descriptor it is clustered by;
its faces keep their own boxes and descriptors (searchable). Characters are clusters of tracks; the
user's names and merges live on the character row (``pinned``), which re-clustering keeps.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.cast_cluster import DEFAULT_SETTINGS, ClusterSettings, assign_characters, cluster_tracks
from index.face_embed import DIM

SAME_TIME = 0.1  # seconds two tracks must share to be on screen together (their ranges may touch at a sample)

SCHEMA = """
CREATE TABLE IF NOT EXISTS characters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: a forgotten person's number stays gone
    name TEXT,
    pinned INTEGER NOT NULL DEFAULT 0,      -- named or merged by the user: re-clustering keeps it
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS face_tracks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    shot_index INTEGER NOT NULL,
    start_s REAL NOT NULL,                  -- when the face is on screen (sampling step around the samples)
    end_s REAL NOT NULL,
    quality REAL NOT NULL,                  -- of its best face: size, frontality, sharpness, score
    thumbnail TEXT,                         -- its best face, relative to the library directory
    descriptor BLOB NOT NULL,               -- float32 x 128, mean of its embedded faces
    character_id INTEGER REFERENCES characters(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS face_tracks_by_video ON face_tracks (video_id, shot_index);
CREATE INDEX IF NOT EXISTS face_tracks_by_character ON face_tracks (character_id);
CREATE TABLE IF NOT EXISTS faces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    track_id INTEGER NOT NULL REFERENCES face_tracks(id) ON DELETE CASCADE,
    time_s REAL NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL,   -- source-frame pixels
    score REAL NOT NULL,
    descriptor BLOB                         -- float32 x 128 for the faces that were embedded
);
CREATE INDEX IF NOT EXISTS faces_by_track ON faces (track_id);
CREATE TABLE IF NOT EXISTS face_scans (
    video_id TEXT PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    samples INTEGER NOT NULL,
    scanned_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class NewFace:
    time: float
    box: tuple[float, float, float, float]
    score: float
    descriptor: np.ndarray | None


@dataclass(frozen=True)
class NewTrack:
    shot_index: int
    start: float
    end: float
    quality: float
    thumbnail: str | None
    descriptor: np.ndarray
    faces: tuple[NewFace, ...]


@dataclass(frozen=True)
class TrackRow:
    id: int
    video_id: str
    shot_index: int
    start: float
    end: float
    quality: float
    thumbnail: str | None
    character_id: int | None


@dataclass(frozen=True)
class CharacterRow:
    id: int
    name: str | None
    pinned: bool


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def _blob(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, np.float32).reshape(DIM).tobytes()


def _track(row: sqlite3.Row) -> TrackRow:
    return TrackRow(row["id"], row["video_id"], row["shot_index"], row["start_s"], row["end_s"],
                    row["quality"], row["thumbnail"], row["character_id"])


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def replace_video_tracks(conn: sqlite3.Connection, video_id: str, tracks: Sequence[NewTrack], model: str,
                         samples: int) -> list[str]:
    """Swap a video's tracks (call inside a transaction); returns the old tracks' thumbnails, now unused.

    A new track starts as the character of the old track it overlaps most in time, so a re-scan keeps
    who is who (and the names) before re-clustering.
    """
    old = [_track(r) for r in conn.execute("SELECT * FROM face_tracks WHERE video_id = ?", (video_id,))]
    unused = [t.thumbnail for t in old if t.thumbnail]
    conn.execute("DELETE FROM face_tracks WHERE video_id = ?", (video_id,))
    for track in tracks:
        span = (track.start, track.end)
        best = max(old, key=lambda t: _overlap(span, (t.start, t.end)), default=None)
        carried = None
        if best is not None and _overlap(span, (best.start, best.end)) >= 0.5 * (track.end - track.start):
            carried = best.character_id
        cursor = conn.execute(
            "INSERT INTO face_tracks (video_id, shot_index, start_s, end_s, quality, thumbnail, descriptor, "
            "character_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (video_id, track.shot_index, track.start, track.end, track.quality, track.thumbnail,
             _blob(track.descriptor), carried),
        )
        conn.executemany(
            "INSERT INTO faces (track_id, time_s, x, y, w, h, score, descriptor) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(cursor.lastrowid, f.time, *f.box, f.score, _blob(f.descriptor)) for f in track.faces],
        )
    conn.execute("INSERT OR REPLACE INTO face_scans (video_id, model, samples, scanned_at) "
                 "VALUES (?, ?, ?, ?)", (video_id, model, samples, time.time()))
    kept = {t.thumbnail for t in tracks}
    return [path for path in unused if path not in kept]


def recluster(conn: sqlite3.Connection, settings: ClusterSettings = DEFAULT_SETTINGS) -> int:
    """Re-cluster every track of the library into characters (call inside a transaction); returns how many.

    Library-wide, so the same person in two videos is one character; existing characters continue
    (``assign_characters``), empty ones are deleted.
    """
    rows = conn.execute("SELECT id, video_id, shot_index, start_s, end_s, descriptor, character_id, "
                        "(SELECT MAX(MIN(w, h)) FROM faces WHERE track_id = face_tracks.id) AS size "
                        "FROM face_tracks ORDER BY id").fetchall()
    ids = [r["id"] for r in rows]
    descriptors = (np.frombuffer(b"".join(r["descriptor"] for r in rows), np.float32).reshape(-1, DIM)
                   if rows else np.zeros((0, DIM), np.float32))
    by_shot: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(rows):
        by_shot.setdefault((r["video_id"], r["shot_index"]), []).append(i)
    spans = [(r["start_s"], r["end_s"]) for r in rows]
    conflicts = [(a, b) for members in by_shot.values() for n, a in enumerate(members)
                 for b in members[n + 1:] if _overlap(spans[a], spans[b]) > SAME_TIME]
    labels = cluster_tracks(descriptors, conflicts, [r["video_id"] for r in rows], [b - a for a, b in spans],
                            [r["size"] or 0.0 for r in rows], settings)
    clusters: list[list[int]] = [[] for _ in range(max(labels, default=-1) + 1)]
    for track_id, label in zip(ids, labels, strict=True):
        clusters[label].append(track_id)
    previous = {r["id"]: r["character_id"] for r in rows}
    weight = {r["id"]: r["end_s"] - r["start_s"] for r in rows}
    pinned = frozenset(r[0] for r in conn.execute("SELECT id FROM characters WHERE pinned = 1"))
    chosen = assign_characters(clusters, previous, weight, pinned)
    updates = []
    for tracks, character in zip(clusters, chosen, strict=True):
        if character is None:
            character = conn.execute("INSERT INTO characters (name, pinned, created_at) VALUES (NULL, 0, ?)",
                                     (time.time(),)).lastrowid
        updates += [(character, track) for track in tracks]
    conn.executemany("UPDATE face_tracks SET character_id = ? WHERE id = ?", updates)
    conn.execute("DELETE FROM characters WHERE id NOT IN "
                 "(SELECT DISTINCT character_id FROM face_tracks WHERE character_id IS NOT NULL)")
    return len(clusters)


def characters(conn: sqlite3.Connection) -> dict[int, CharacterRow]:
    return {r["id"]: CharacterRow(r["id"], r["name"], bool(r["pinned"]))
            for r in conn.execute("SELECT * FROM characters")}


def tracks(conn: sqlite3.Connection, video_ids: Sequence[str] | None = None) -> list[TrackRow]:
    """Tracks that belong to a character, optionally only those of some videos."""
    sql, params = "SELECT * FROM face_tracks WHERE character_id IS NOT NULL", []
    if video_ids is not None:
        sql += f" AND video_id IN ({','.join('?' * len(video_ids))})"
        params += list(video_ids)
    return [_track(r) for r in conn.execute(sql + " ORDER BY video_id, start_s", params)]


def scanned(conn: sqlite3.Connection) -> dict[str, str]:
    """video id -> the face model it was scanned with."""
    return {r["video_id"]: r["model"] for r in conn.execute("SELECT video_id, model FROM face_scans")}


def name_character(conn: sqlite3.Connection, character_id: int, name: str) -> None:
    conn.execute("UPDATE characters SET name = ?, pinned = 1 WHERE id = ?", (name, character_id))


def merge_characters(conn: sqlite3.Connection, keep_id: int, other_id: int) -> None:
    """Move ``other_id``'s tracks to ``keep_id`` (which keeps its name, else takes the other's)."""
    other = conn.execute("SELECT name FROM characters WHERE id = ?", (other_id,)).fetchone()
    conn.execute("UPDATE face_tracks SET character_id = ? WHERE character_id = ?", (keep_id, other_id))
    conn.execute("UPDATE characters SET pinned = 1, name = COALESCE(name, ?) WHERE id = ?",
                 (other["name"] if other else None, keep_id))
    conn.execute("DELETE FROM characters WHERE id = ?", (other_id,))


def forget_character(conn: sqlite3.Connection, character_id: int) -> tuple[int, int, list[str]]:
    """Delete a character with its tracks and faces (call inside a transaction).

    Returns (tracks, faces, thumbnail paths) that were deleted; the caller removes the files.
    """
    thumbs = [r[0] for r in conn.execute("SELECT thumbnail FROM face_tracks WHERE character_id = ? "
                                         "AND thumbnail IS NOT NULL", (character_id,))]
    faces = conn.execute("SELECT COUNT(*) FROM faces WHERE track_id IN "
                         "(SELECT id FROM face_tracks WHERE character_id = ?)", (character_id,)).fetchone()[0]
    gone = conn.execute("DELETE FROM face_tracks WHERE character_id = ?", (character_id,)).rowcount
    conn.execute("DELETE FROM characters WHERE id = ?", (character_id,))
    return gone, faces, thumbs


def nearest_tracks(conn: sqlite3.Connection, descriptor: np.ndarray, k: int = 10) -> list[tuple[int, float]]:
    """``(track id, descriptor distance)`` of the ``k`` tracks whose face is closest to ``descriptor``."""
    rows = conn.execute("SELECT id, descriptor FROM face_tracks").fetchall()
    if not rows:
        return []
    matrix = np.frombuffer(b"".join(r["descriptor"] for r in rows), np.float32).reshape(-1, DIM)
    distances = np.linalg.norm(matrix - np.asarray(descriptor, np.float32).reshape(1, DIM), axis=1)
    order = np.argsort(distances)[:k]
    return [(rows[i]["id"], float(distances[i])) for i in order]
