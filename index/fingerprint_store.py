"""Fingerprints in the library's SQLite file: computed at ingest, or later on first need.

Arrays are stored as little-endian blobs; a row of an older ``FINGERPRINT_VERSION`` counts as missing,
so a changed algorithm recomputes instead of comparing incompatible words.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import numpy as np

from index import store
from index.db import connect, write_transaction
from index.fingerprint import FINGERPRINT_VERSION, Fingerprint, fingerprint
from index.keyframes import read_keyframe_images
from index.shot import Shot

SCHEMA = """
CREATE TABLE IF NOT EXISTS fingerprints (
    video_id TEXT PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    duration REAL NOT NULL,
    audio BLOB NOT NULL,        -- uint32 LE words, one per fingerprint.HOP samples
    shot_starts BLOB NOT NULL,  -- float64 LE seconds
    shot_hashes BLOB NOT NULL   -- uint64 LE pHash per shot (may be empty)
);
"""


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def put(conn: sqlite3.Connection, video_id: str, print_: Fingerprint) -> None:
    """Insert or replace (the caller holds the write transaction)."""
    conn.execute(
        "INSERT OR REPLACE INTO fingerprints (video_id, version, duration, audio, shot_starts, shot_hashes)"
        " VALUES (?,?,?,?,?,?)",
        (video_id, print_.version, print_.duration, print_.audio.astype("<u4").tobytes(),
         print_.shot_starts.astype("<f8").tobytes(), print_.shot_hashes.astype("<u8").tobytes()),
    )


def get(conn: sqlite3.Connection, video_id: str) -> Fingerprint | None:
    ensure_schema(conn)
    row = conn.execute("SELECT * FROM fingerprints WHERE video_id=?", (video_id,)).fetchone()
    if row is None or row["version"] != FINGERPRINT_VERSION:
        return None
    return Fingerprint(
        np.frombuffer(row["audio"], "<u4").astype(np.uint32),
        np.frombuffer(row["shot_starts"], "<f8").astype(np.float64),
        np.frombuffer(row["shot_hashes"], "<u8").astype(np.uint64),
        float(row["duration"]), row["version"],
    )


def _stored_first_keyframes(library_dir: Path, video_id: str, shots: list[Shot]) -> list[np.ndarray] | None:
    images = read_keyframe_images(library_dir, video_id, [min(1, len(s.keyframes)) for s in shots])
    if images is None or any(not group for group in images):
        return None
    return [group[0] for group in images]


def ensure_fingerprint(library_dir: Path | str, video_id: str) -> Fingerprint:
    """The stored fingerprint of a library video, computing and storing it first if it has none yet.

    Videos ingested before fingerprints existed get theirs here (audio from the file, pHashes from the
    kept keyframe images; without those the visual part stays empty).
    """
    library_dir = Path(library_dir)
    with contextlib.closing(connect(library_dir)) as conn:
        found = get(conn, video_id)
        if found is not None:
            return found
        stored = store.video(conn, video_id)
        if stored is None:
            raise KeyError(f"no video {video_id!r} in the library")
        shots = store.shots(conn, video_id)
    computed = fingerprint(stored.info.path, float(stored.info.duration), shots,
                           _stored_first_keyframes(library_dir, video_id, shots))
    with contextlib.closing(connect(library_dir)) as conn, write_transaction(conn):
        put(conn, video_id, computed)
    return computed
