"""Ingest checkpoints: the shots, vectors and shot hashes of a long video stored so far, and where to
resume its analysis, so an ingest killed at minute 100 of a film resumes there instead of at minute 0.

Each checkpoint is one row written in its own transaction (all of a part or none of it); the video's
final commit deletes its rows in the same transaction that stores the video. A checkpoint is used only
for the same content (the video id is its hash) analysed with the same model and settings.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import numpy as np

from index import store
from index.analyze import StreamResume
from index.db import write_transaction
from index.decode import ResumeAt
from index.shot import Shot
from index.shot_detect import Boundary
from index.shot_stream import StreamState

CHECKPOINT_VERSION = 2  # 2: shots stored as store.shot_row rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS ingest_checkpoints (
    video_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    version INTEGER NOT NULL,
    settings TEXT NOT NULL,         -- model id and analysis settings: a different one starts afresh
    shots TEXT NOT NULL,            -- JSON, the shots this part adds
    keyframe_counts TEXT NOT NULL,  -- JSON, vectors per shot
    vectors BLOB NOT NULL,          -- float32 rows
    hashes BLOB NOT NULL,           -- uint64 pHash per shot
    resume TEXT NOT NULL,           -- JSON StreamResume after this part
    PRIMARY KEY (video_id, part)
);
"""


@dataclass
class Checkpoint:
    """Everything stored so far for one video, in shot order."""

    shots: list[Shot]
    vectors: list[np.ndarray]  # (keyframes, dim) per shot
    hashes: list[int]
    resume: StreamResume


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def _boundary(b: Boundary) -> list[object]:
    return [b.frame, b.kind, b.strength, list(b.span)]


def _resume_json(r: StreamResume) -> str:
    return json.dumps({
        "at": [r.at.frame, r.at.rel, r.at.first_pts], "next_index": r.next_index,
        "frontier": r.detector.frontier, "last_final": r.detector.last_final,
        "pending": [_boundary(b) for b in r.detector.pending],
    })


def _resume_from(text: str) -> StreamResume:
    d = json.loads(text)
    pending = tuple(Boundary(int(f), k, float(s), (int(a), int(b))) for f, k, s, (a, b) in d["pending"])
    return StreamResume(ResumeAt(*(int(v) for v in d["at"])),
                        StreamState(int(d["frontier"]), pending, int(d["last_final"])), int(d["next_index"]))


def save(conn: sqlite3.Connection, video_id: str, settings: str, shots: list[Shot], vectors: list[np.ndarray],
         hashes: list[int], resume: StreamResume) -> None:
    """Add one part (the shots since the last part) in its own transaction."""
    dim = vectors[0].shape[1] if vectors else 0
    flat = np.concatenate(vectors).astype("<f4") if vectors else np.zeros((0, dim), "<f4")
    with write_transaction(conn):
        part = conn.execute("SELECT COALESCE(MAX(part), -1) + 1 FROM ingest_checkpoints WHERE video_id = ?",
                            (video_id,)).fetchone()[0]
        conn.execute("INSERT INTO ingest_checkpoints VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (
            video_id, part, CHECKPOINT_VERSION, settings, json.dumps([store.shot_row(s)[1:] for s in shots]),
            json.dumps([len(v) for v in vectors]), flat.tobytes(),
            np.asarray(hashes, "<u8").tobytes(), _resume_json(resume)))


def load(conn: sqlite3.Connection, video_id: str, settings: str, dim: int) -> Checkpoint | None:
    """The stored parts joined, or None (none, another model or settings, or parts that do not line up:
    those are dropped, and the video starts afresh)."""
    rows = conn.execute("SELECT * FROM ingest_checkpoints WHERE video_id = ? ORDER BY part",
                        (video_id,)).fetchall()
    if not rows:
        return None
    try:
        if any(r["version"] != CHECKPOINT_VERSION or r["settings"] != settings for r in rows):
            raise ValueError("stale checkpoint")
        shots: list[Shot] = []
        vectors: list[np.ndarray] = []
        hashes: list[int] = []
        for r in rows:
            part = [store.shot_from_row([video_id, *s]) for s in json.loads(r["shots"])]
            counts = [int(c) for c in json.loads(r["keyframe_counts"])]
            flat = np.frombuffer(r["vectors"], "<f4").reshape(-1, dim)
            if len(part) != len(counts) or sum(counts) != len(flat):
                raise ValueError("checkpoint part does not add up")
            vectors += np.split(flat.astype(np.float32), np.cumsum(counts)[:-1]) if counts else []
            hashes += [int(h) for h in np.frombuffer(r["hashes"], "<u8")]
            shots += part
        resume = _resume_from(rows[-1]["resume"])
        if ([s.index for s in shots] != list(range(len(shots))) or resume.next_index != len(shots)
                or len(hashes) != len(shots) or (shots and shots[-1].end_frame != resume.at.frame)):
            raise ValueError("checkpoint parts do not line up")
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        with write_transaction(conn):
            clear(conn, video_id)
        return None
    return Checkpoint(shots, vectors, hashes, resume)


def clear(conn: sqlite3.Connection, video_id: str) -> None:
    """Forget a video's checkpoint (call inside a transaction)."""
    conn.execute("DELETE FROM ingest_checkpoints WHERE video_id = ?", (video_id,))


def pending_videos(conn: sqlite3.Connection) -> set[str]:
    """Videos with a checkpoint: their images on disk belong to an ingest that will resume."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ingest_checkpoints'").fetchone() is None:
        return set()
    return {r[0] for r in conn.execute("SELECT DISTINCT video_id FROM ingest_checkpoints")}
