"""Share links: an unguessable id that points at one immutable Version.

Links live in the library's SQLite file (table ``share_links``) so they survive a server restart.
A link is never deleted, only revoked, so a revoked id can never be handed out again by accident.
Every call opens its own connection: the web server calls this from many threads at once.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.plan.schema import clean_text
from index.db import connect

# secrets.token_urlsafe(24) -> 32 characters of [A-Za-z0-9_-], 192 bits.
_TOKEN_BYTES = 24
_SHARE_ID = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_TITLE_CHARS = 120


def _new_link_id() -> str:
    """A random link id that does not start with "-": on a command line ("personalcut links revoke ID")
    such an id reads as an option (1 link in 64 could not be revoked without "--")."""
    while (token := secrets.token_urlsafe(_TOKEN_BYTES)).startswith("-"):
        pass
    return token

_SCHEMA = """
CREATE TABLE IF NOT EXISTS share_links (
    id TEXT PRIMARY KEY,
    version_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at REAL NOT NULL,
    revoked_at REAL
);
CREATE INDEX IF NOT EXISTS share_links_session ON share_links(session_id);
"""


def is_share_id(text: str) -> bool:
    """True only for strings shaped like ids we issue; anything else is rejected before any lookup."""
    return bool(_SHARE_ID.fullmatch(text))


@dataclass(frozen=True)
class ShareLink:
    id: str
    version_id: str
    session_id: str  # the chat session that created it
    title: str
    created_at: float
    revoked_at: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class ShareLinks:
    """Create, look up and revoke share links in ``library_dir``'s database."""

    def __init__(self, library_dir: Path | str) -> None:
        self.library_dir = Path(library_dir)
        with self._conn() as conn:
            conn.executescript(_SCHEMA)

    @contextlib.contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        """One short transaction on a fresh connection (commit on success, always closed)."""
        conn = connect(self.library_dir)
        try:
            with conn:
                yield conn
        finally:
            conn.close()

    def create(self, version_id: str, session_id: str, title: str = "") -> ShareLink:
        if not version_id:
            raise ValueError("a share link needs a version id")
        link = ShareLink(
            id=_new_link_id(), version_id=version_id, session_id=session_id,
            title=clean_text(title, MAX_TITLE_CHARS), created_at=time.time(),
        )
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO share_links (id, version_id, session_id, title, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (link.id, link.version_id, link.session_id, link.title, link.created_at),
            )
        return link

    def get(self, share_id: str) -> ShareLink | None:
        """The active link with this id; ``None`` for unknown, malformed or revoked ids alike."""
        if not is_share_id(share_id):
            return None
        with self._conn() as conn:
            row = conn.execute(
                "SELECT * FROM share_links WHERE id = ? AND revoked_at IS NULL", (share_id,)
            ).fetchone()
        return _from_row(row) if row else None

    def revoke(self, share_id: str, session_id: str | None = None) -> bool:
        """Revoke an active link; False if there is none with this id (or, given ``session_id``, none that
        session created). ``None`` is the library's owner (the app's "Your links", the CLI): any link."""
        if not is_share_id(share_id):
            return False
        with self._conn() as conn:
            cur = conn.execute(
                "UPDATE share_links SET revoked_at = ? "
                "WHERE id = ? AND (? IS NULL OR session_id = ?) AND revoked_at IS NULL",
                (time.time(), share_id, session_id, session_id),
            )
        return cur.rowcount == 1

    def for_session(self, session_id: str) -> list[ShareLink]:
        """The session's active links, newest first (what the app offers to revoke)."""
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT * FROM share_links WHERE session_id = ? AND revoked_at IS NULL "
                "ORDER BY created_at DESC",
                (session_id,),
            ).fetchall()
        return [_from_row(r) for r in rows]

    def active(self) -> list[ShareLink]:
        """Every active link of the library, newest first, whichever page or session made it."""
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT * FROM share_links WHERE revoked_at IS NULL ORDER BY created_at DESC"
            ).fetchall()
        return [_from_row(r) for r in rows]


def _from_row(row: sqlite3.Row) -> ShareLink:
    return ShareLink(
        id=row["id"], version_id=row["version_id"], session_id=row["session_id"], title=row["title"],
        created_at=row["created_at"], revoked_at=row["revoked_at"],
    )

