"""Chat sessions and their immutable versions, in the library's SQLite file.

Each version is written in one transaction together with the session's "current" pointer, so a crash
never leaves a half-saved turn. Versions are never updated; undo/redo only move the pointer. Every call
uses its own connection, because the web app calls in from many threads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.plan.schema import EditPlan
from assistant.timeline.model import Timeline, Version
from index.db import connect, write_transaction

DEFAULT_USER = "default"

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    video_ids TEXT NOT NULL,
    current_version_id TEXT,
    origin_version_id TEXT,
    created_at REAL NOT NULL,
    user TEXT NOT NULL DEFAULT 'default'
);
CREATE TABLE IF NOT EXISTS versions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    parent_id TEXT REFERENCES versions(id),
    number INTEGER NOT NULL,
    timeline TEXT NOT NULL,
    turn TEXT NOT NULL,
    plan TEXT,
    backend TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at REAL NOT NULL,
    UNIQUE (session_id, number)
);
CREATE INDEX IF NOT EXISTS versions_session ON versions(session_id);
CREATE TABLE IF NOT EXISTS pending_questions (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id),
    question TEXT NOT NULL
);
"""


class UnknownSession(LookupError):
    pass


class UnknownVersion(LookupError):
    pass


@dataclass(frozen=True)
class SessionInfo:
    id: str
    video_ids: tuple[str, ...]
    current_version_id: str
    created_at: float
    title: str = ""
    origin_version_id: str | None = None  # set when the session is a remix of another's version
    user: str = DEFAULT_USER  # whose session it is (libraries from before profiles: the default user)


@dataclass(frozen=True)
class SessionSummary:
    """One line of a "your cuts" list: the session, its first request and when it last changed."""

    session: SessionInfo
    first_turn: str  # "" while nothing has been asked yet
    versions: int
    updated_at: float


def _new_id() -> str:
    """Unguessable: a version id can end up in a share link."""
    return secrets.token_hex(10)


class SessionStore:
    def __init__(self, library_dir: Path | str) -> None:
        self.library_dir = Path(library_dir)
        with self._connect() as conn:
            conn.executescript(_SCHEMA)
            _add_user_column(conn)

    def _connect(self) -> contextlib.closing[sqlite3.Connection]:
        """A connection of its own, closed after the ``with`` block."""
        return contextlib.closing(connect(self.library_dir))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` so version numbers are assigned under the write lock."""
        with self._connect() as conn, write_transaction(conn):
            yield conn

    def create_session(
        self, video_ids: Sequence[str], title: str = "", *, timeline: Timeline, note: str = "",
        origin_version_id: str | None = None, user: str = DEFAULT_USER, first_number: int = 0,
    ) -> str:
        """A new session id; the session and its first version (``timeline``) are saved in one transaction.

        ``first_number`` is that version's number: a remix goes on from its origin's number, so the chat, the
        app, the share page and ``diff`` all call a version by the same number."""
        if not video_ids:
            raise ValueError("a session needs at least one video")
        session_id, now = _new_id(), time.time()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (id, title, video_ids, origin_version_id, created_at, user)"
                " VALUES (?,?,?,?,?,?)",
                (session_id, title, json.dumps(list(video_ids)), origin_version_id, now, user),
            )
            self._insert_version(conn, session_id, None, timeline, "", None, "", note, first_number)
        return session_id

    def create_session_with_history(
        self, video_ids: Sequence[str], title: str, *, timeline: Timeline, note: str,
        history: Sequence[tuple[Timeline, str, str, EditPlan | None]],
    ) -> tuple[str, list[Version]]:
        """A new session whose version 0 is ``timeline`` and whose next versions are ``history`` (timeline,
        turn, note, plan), each the child of the one before, all in one transaction (an imported recipe)."""
        if not video_ids:
            raise ValueError("a session needs at least one video")
        session_id = _new_id()
        with self._transaction() as conn:
            conn.execute("INSERT INTO sessions (id, title, video_ids, created_at) VALUES (?,?,?,?)",
                         (session_id, title, json.dumps(list(video_ids)), time.time()))
            versions = [self._insert_version(conn, session_id, None, timeline, "", None, "", note)]
            for step, turn, step_note, plan in history:
                versions.append(self._insert_version(conn, session_id, versions[-1].id, step, turn, plan,
                                                     "", step_note))
        return session_id, versions

    def add_version(
        self, session_id: str, parent_id: str | None, timeline: Timeline, turn: str = "",
        plan: EditPlan | None = None, backend: str = "", note: str = "",
    ) -> Version:
        """Save a new version and make it the session's current one (atomically)."""
        with self._transaction() as conn:
            if parent_id is not None:
                row = conn.execute("SELECT session_id FROM versions WHERE id=?", (parent_id,)).fetchone()
                if row is None or row["session_id"] != session_id:
                    raise UnknownVersion(f"version {parent_id!r} is not part of session {session_id!r}")
            return self._insert_version(conn, session_id, parent_id, timeline, turn, plan, backend, note)

    def _insert_version(
        self, conn: sqlite3.Connection, session_id: str, parent_id: str | None, timeline: Timeline,
        turn: str, plan: EditPlan | None, backend: str, note: str, first_number: int = 0,
    ) -> Version:
        if conn.execute("SELECT 1 FROM sessions WHERE id=?", (session_id,)).fetchone() is None:
            raise UnknownSession(f"no session {session_id!r}")
        number = conn.execute(
            "SELECT COALESCE(MAX(number) + 1, ?) FROM versions WHERE session_id=?", (first_number, session_id)
        ).fetchone()[0]
        version = Version(
            id=_new_id(), session_id=session_id, parent_id=parent_id, number=number, timeline=timeline,
            turn=turn, plan=plan, backend=backend, note=note, created_at=time.time(),
        )
        conn.execute(
            "INSERT INTO versions (id, session_id, parent_id, number, timeline, turn, plan, backend, note,"
            " created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (version.id, session_id, parent_id, number, json.dumps(timeline.to_json()), turn,
             plan.model_dump_json() if plan is not None else None, backend, note, version.created_at),
        )
        conn.execute("UPDATE sessions SET current_version_id=? WHERE id=?", (version.id, session_id))
        return version

    def version(self, version_id: str) -> Version:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM versions WHERE id=?", (version_id,)).fetchone()
        if row is None:
            raise UnknownVersion(f"no version {version_id!r}")
        return _version(row)

    def versions(self, session_id: str) -> list[Version]:
        """All of a session's versions in creation order (every branch)."""
        self.session(session_id)
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM versions WHERE session_id=? ORDER BY number", (session_id,)
            ).fetchall()
        return [_version(r) for r in rows]

    def session(self, session_id: str) -> SessionInfo:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id=?", (session_id,)).fetchone()
        if row is None:
            raise UnknownSession(f"no session {session_id!r}")
        return _session_info(row)

    def recent_sessions(self, limit: int = 50) -> list[SessionSummary]:
        """The library's sessions that were edited or remixed, most recently changed first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT s.*, COUNT(v.id) AS versions, MAX(v.created_at) AS updated_at,"
                " (SELECT turn FROM versions f WHERE f.session_id = s.id AND f.turn != ''"
                "  ORDER BY f.number LIMIT 1) AS first_turn"
                " FROM sessions s JOIN versions v ON v.session_id = s.id"
                " GROUP BY s.id HAVING COUNT(v.id) > 1 OR s.origin_version_id IS NOT NULL"
                " ORDER BY updated_at DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            SessionSummary(_session_info(r), r["first_turn"] or "", r["versions"], r["updated_at"])
            for r in rows
        ]

    def set_current(self, session_id: str, version_id: str) -> None:
        with self._transaction() as conn:
            row = conn.execute("SELECT session_id FROM versions WHERE id=?", (version_id,)).fetchone()
            if row is None or row["session_id"] != session_id:
                raise UnknownVersion(f"version {version_id!r} is not part of session {session_id!r}")
            conn.execute("UPDATE sessions SET current_version_id=? WHERE id=?", (version_id, session_id))

    def pending_question(self, session_id: str) -> dict | None:
        """The question the session's last turn asked (as JSON data), until answered or replaced."""
        with self._connect() as conn:
            row = conn.execute("SELECT question FROM pending_questions WHERE session_id=?",
                               (session_id,)).fetchone()
        return json.loads(row["question"]) if row is not None else None

    def set_pending_question(self, session_id: str, question: dict | None) -> None:
        """Record (or with None, clear) the question awaiting an answer, so "2" in a later run answers it."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM pending_questions WHERE session_id=?", (session_id,))
            if question is not None:
                conn.execute("INSERT INTO pending_questions (session_id, question) VALUES (?, ?)",
                             (session_id, json.dumps(question)))


def _session_info(row: sqlite3.Row) -> SessionInfo:
    return SessionInfo(
        id=row["id"], video_ids=tuple(json.loads(row["video_ids"])),
        current_version_id=row["current_version_id"], created_at=row["created_at"], title=row["title"],
        origin_version_id=row["origin_version_id"], user=row["user"],
    )


def _add_user_column(conn: sqlite3.Connection) -> None:
    """Libraries made before profiles have sessions without an owner: they become the default user's."""
    if "user" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}:
        with write_transaction(conn):
            if "user" not in {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}:
                conn.execute(f"ALTER TABLE sessions ADD COLUMN user TEXT NOT NULL DEFAULT '{DEFAULT_USER}'")


def _version(row: sqlite3.Row) -> Version:
    return Version(
        id=row["id"], session_id=row["session_id"], parent_id=row["parent_id"], number=row["number"],
        timeline=Timeline.from_json(json.loads(row["timeline"])), turn=row["turn"],
        plan=_plan(row), backend=row["backend"], note=row["note"], created_at=row["created_at"],
    )


def _plan(row: sqlite3.Row) -> EditPlan | None:
    """The stored plan; a row whose plan today's schema rejects still loads (its cut is what matters).

    Older rows hold ``json.dumps`` of the plan's dict, the same JSON object ``model_dump_json`` writes.
    """
    if row["plan"] is None:
        return None
    try:
        return EditPlan.model_validate(json.loads(row["plan"]))
    except ValueError as exc:  # bad JSON or a plan the schema rejects (ValidationError is one)
        log.warning("version %s: its stored plan no longer validates, shown without it (%s)", row["id"], exc)
        return None
