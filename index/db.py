"""One way to open the library's SQLite file, so every module gets the same pragmas.

WAL lets the web app read while an ingest writes; ``busy_timeout`` turns short lock waits into waits
instead of errors. Modules create their own tables with ``CREATE TABLE IF NOT EXISTS``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from index.library_paths import LibraryPaths


def connect(library_dir: Path | str) -> sqlite3.Connection:
    library_dir = Path(library_dir)
    library_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(LibraryPaths(library_dir).db, timeout=30, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT (writes serialised under the lock), ROLLBACK on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:  # KeyboardInterrupt too: a half-done write never commits
        conn.rollback()
        raise
    conn.commit()
