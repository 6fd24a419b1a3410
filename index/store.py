"""The library's metadata in SQLite: videos by content hash, their shots, and keyframe vectors.

The store is the source of truth, vectors included (float32 blobs): one transaction per video makes
an ingest all-or-nothing, and the FAISS file is derived from it (rebuilt or patched on open when a
crash left it behind). Vector ids come from ``AUTOINCREMENT``, so an id is never reused and a
(count, sum, max) signature tells whether FAISS holds exactly the store's ids.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np

from index.db import write_transaction
from index.shot import Shot, VideoInfo, fraction_from_str, fraction_to_str

SCHEMA = """
CREATE TABLE IF NOT EXISTS videos (
    id TEXT PRIMARY KEY,               -- content hash prefix: same bytes, same video
    path TEXT NOT NULL,
    duration TEXT NOT NULL,            -- exact fractions, e.g. "1001/24000"
    fps TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    frame_count INTEGER NOT NULL,
    codec TEXT NOT NULL,
    has_audio INTEGER NOT NULL,
    vfr INTEGER NOT NULL,
    sample_aspect TEXT NOT NULL,
    title TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingest_order INTEGER NOT NULL UNIQUE,
    model_id TEXT,                     -- model of its keyframe vectors; NULL once they were dropped
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS shots (
    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
    shot_index INTEGER NOT NULL,
    start_frame INTEGER NOT NULL,
    end_frame INTEGER NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    keyframes TEXT NOT NULL,           -- JSON list of exact fractions
    thumbnail TEXT,
    PRIMARY KEY (video_id, shot_index)
);
CREATE TABLE IF NOT EXISTS keyframe_vectors (
    vector_id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the FAISS id
    video_id TEXT NOT NULL,
    shot_index INTEGER NOT NULL,
    keyframe INTEGER NOT NULL,
    vector BLOB NOT NULL,                          -- float32, L2-normalised
    FOREIGN KEY (video_id, shot_index) REFERENCES shots(video_id, shot_index) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS keyframe_vectors_by_video ON keyframe_vectors (video_id, shot_index);
CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class StoredVideo:
    """A video row: what probing said plus what the library did with it."""

    info: VideoInfo
    size: int
    ingest_order: int
    model_id: str | None  # None: its vectors were dropped by a model change; re-ingest to search it


@dataclass(frozen=True)
class ModelRecord:
    """The library's embedding model: its id, width, and how to recreate it (``create_embedder`` args)."""

    model_id: str
    dim: int
    spec: dict[str, str | None] | None


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query inside sees the same committed state (WAL snapshot)."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.commit()


def model_record(conn: sqlite3.Connection) -> ModelRecord | None:
    meta = dict(conn.execute("SELECT key, value FROM index_meta").fetchall())
    if "model_id" not in meta:
        return None
    return ModelRecord(meta["model_id"], int(meta["dim"]), json.loads(meta.get("model_spec", "null")))


def set_model(conn: sqlite3.Connection, record: ModelRecord) -> None:
    """Switch the library's model; vectors of any other model are dropped (another space, maybe width)."""
    conn.execute("DELETE FROM keyframe_vectors WHERE video_id IN "
                 "(SELECT id FROM videos WHERE model_id IS NOT ?)", (record.model_id,))
    conn.execute("UPDATE videos SET model_id = NULL WHERE model_id IS NOT ?", (record.model_id,))
    conn.executemany("INSERT OR REPLACE INTO index_meta (key, value) VALUES (?, ?)", [
        ("model_id", record.model_id), ("dim", str(record.dim)), ("model_spec", json.dumps(record.spec)),
    ])


def _video_from_row(row: sqlite3.Row) -> StoredVideo:
    info = VideoInfo(
        id=row["id"], path=row["path"], duration=fraction_from_str(row["duration"]),
        fps=fraction_from_str(row["fps"]), width=row["width"], height=row["height"],
        frame_count=row["frame_count"], codec=row["codec"], has_audio=bool(row["has_audio"]),
        vfr=bool(row["vfr"]), sample_aspect=fraction_from_str(row["sample_aspect"]), title=row["title"],
    )
    return StoredVideo(info, row["size"], row["ingest_order"], row["model_id"])


def videos(conn: sqlite3.Connection) -> list[StoredVideo]:
    return [_video_from_row(r) for r in conn.execute("SELECT * FROM videos ORDER BY ingest_order")]


def video(conn: sqlite3.Connection, video_id: str) -> StoredVideo | None:
    row = conn.execute("SELECT * FROM videos WHERE id = ?", (video_id,)).fetchone()
    return _video_from_row(row) if row else None


SHOT_COLUMNS = ("video_id", "shot_index", "start_frame", "end_frame", "start", "end", "keyframes",
                "thumbnail")


def shot_row(s: Shot) -> tuple:
    """A shot as a ``shots`` row (``SHOT_COLUMNS``): exact fractions as text, keyframes as JSON."""
    return (s.video_id, s.index, s.start_frame, s.end_frame, fraction_to_str(s.start), fraction_to_str(s.end),
            json.dumps([fraction_to_str(k) for k in s.keyframes]), s.thumbnail)


def shot_from_row(r: Sequence) -> Shot:
    """The inverse of ``shot_row`` (a ``sqlite3.Row`` of ``shots`` or the tuple itself)."""
    video_id, index, start_frame, end_frame, start, end, keyframes, thumbnail = tuple(r)
    return Shot(video_id=video_id, index=index, start_frame=start_frame, end_frame=end_frame,
                start=fraction_from_str(start), end=fraction_from_str(end),
                keyframes=tuple(Fraction(k) for k in json.loads(keyframes)), thumbnail=thumbnail)


def shots(conn: sqlite3.Connection, video_id: str) -> list[Shot]:
    rows = conn.execute(f"SELECT {', '.join(SHOT_COLUMNS)} FROM shots WHERE video_id = ? ORDER BY shot_index",
                        (video_id,))
    return [shot_from_row(r) for r in rows]


def put_video(conn: sqlite3.Connection, info: VideoInfo, size: int, shot_list: Sequence[Shot],
              vectors: Sequence[np.ndarray], model_id: str) -> None:
    """Insert or replace one video with its shots and per-shot keyframe vectors (call inside a transaction).

    A replaced video keeps its place in the ingest order; its old vectors go, new ids are drawn.
    """
    if len(vectors) != len(shot_list):
        raise ValueError(f"{len(shot_list)} shots but {len(vectors)} vector groups")
    order = conn.execute("SELECT COALESCE(MAX(ingest_order), 0) + 1 FROM videos").fetchone()[0]
    columns = ("id, path, duration, fps, width, height, frame_count, codec, has_audio, vfr, sample_aspect, "
               "title, size, ingest_order, model_id, ingested_at")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ") if c not in ("id", "ingest_order"))
    conn.execute(
        f"INSERT INTO videos ({columns}) VALUES ({', '.join('?' * 16)}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}",
        (info.id, info.path, fraction_to_str(info.duration), fraction_to_str(info.fps), info.width,
         info.height, info.frame_count, info.codec, int(info.has_audio), int(info.vfr),
         fraction_to_str(info.sample_aspect), info.title, size, order, model_id, time.time()),
    )
    conn.execute("DELETE FROM shots WHERE video_id = ?", (info.id,))  # cascades to its old vectors
    conn.executemany(f"INSERT INTO shots ({', '.join(SHOT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [shot_row(replace(s, video_id=info.id)) for s in shot_list])
    conn.executemany(
        "INSERT INTO keyframe_vectors (video_id, shot_index, keyframe, vector) VALUES (?, ?, ?, ?)",
        [(info.id, s.index, k, np.asarray(v, dtype=np.float32).tobytes())
         for s, group in zip(shot_list, vectors, strict=True) for k, v in enumerate(group)],
    )


def put_vectors(conn: sqlite3.Connection, video_id: str, vectors: Sequence[np.ndarray],
                model_id: str) -> None:
    """Replace one video's keyframe vectors (one group per shot, in shot order) with another model's.

    Call inside a transaction; the shots stay as they are, new vector ids are drawn.
    """
    conn.execute("DELETE FROM keyframe_vectors WHERE video_id = ?", (video_id,))
    conn.executemany(
        "INSERT INTO keyframe_vectors (video_id, shot_index, keyframe, vector) VALUES (?, ?, ?, ?)",
        [(video_id, shot_index, k, np.asarray(v, dtype=np.float32).tobytes())
         for shot_index, group in enumerate(vectors) for k, v in enumerate(group)],
    )
    conn.execute("UPDATE videos SET model_id = ? WHERE id = ?", (model_id, video_id))


def set_path(conn: sqlite3.Connection, video_id: str, path: str) -> None:
    with write_transaction(conn):
        conn.execute("UPDATE videos SET path = ? WHERE id = ?", (path, video_id))


def vector_signature(conn: sqlite3.Connection) -> tuple[int, int, int]:
    count, total, top = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(vector_id), 0), COALESCE(MAX(vector_id), 0) FROM keyframe_vectors"
    ).fetchone()
    return int(count), int(total), int(top)


def vector_ids(conn: sqlite3.Connection) -> np.ndarray:
    rows = conn.execute("SELECT vector_id FROM keyframe_vectors ORDER BY vector_id").fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def _stack(rows: list[sqlite3.Row], dim: int) -> np.ndarray:
    if not rows:
        return np.zeros((0, dim), np.float32)
    return np.frombuffer(b"".join(r["vector"] for r in rows), dtype=np.float32).reshape(len(rows), dim).copy()


def vectors_by_id(conn: sqlite3.Connection, ids: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, vectors)`` for the given ids that exist (all of them when ``ids`` is empty-safe)."""
    found_ids, found = [], []
    for start in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[start:start + 500]]
        rows = conn.execute(f"SELECT vector_id, vector FROM keyframe_vectors WHERE vector_id IN "
                            f"({','.join('?' * len(chunk))}) ORDER BY vector_id", chunk).fetchall()
        found_ids += [r["vector_id"] for r in rows]
        found.append(_stack(rows, dim))
    ids_out = np.asarray(found_ids, dtype=np.int64)
    return ids_out, (np.concatenate(found) if found else np.zeros((0, dim), np.float32))


def vector_batches(conn: sqlite3.Connection, dim: int, batch: int = 65_536
                   ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every ``(ids, vectors)`` in id order, ``batch`` rows at a time (a rebuild at archive scale never
    holds all vectors at once). Keyset pages: each is one index range scan, whatever the offset."""
    after = -1
    while True:
        rows = conn.execute("SELECT vector_id, vector FROM keyframe_vectors WHERE vector_id > ? "
                            "ORDER BY vector_id LIMIT ?", (after, batch)).fetchall()
        if not rows:
            return
        after = rows[-1]["vector_id"]
        yield np.asarray([r["vector_id"] for r in rows], dtype=np.int64), _stack(rows, dim)


def video_vectors(conn: sqlite3.Connection, video_id: str, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """``(shot index per row, vectors)`` of one video's keyframes, in shot order."""
    rows = conn.execute("SELECT shot_index, vector FROM keyframe_vectors WHERE video_id = ? "
                        "ORDER BY shot_index, keyframe", (video_id,)).fetchall()
    return np.asarray([r["shot_index"] for r in rows], dtype=np.int64), _stack(rows, dim)


def vector_owners(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """vector id -> (video id, shot index); ids the store no longer has are simply absent."""
    ids = [int(i) for i in ids]
    if not ids:
        return {}
    rows = conn.execute(f"SELECT vector_id, video_id, shot_index FROM keyframe_vectors WHERE vector_id IN "
                        f"({','.join('?' * len(ids))})", ids).fetchall()
    return {r["vector_id"]: (r["video_id"], r["shot_index"]) for r in rows}
