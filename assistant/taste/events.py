"""Who is cutting, and what they showed they like: users and feedback events in the library's SQLite.

Events are append-only rows (one per clip for a whole cut, so the recommender reads one shape), written
in their own short ``BEGIN IMMEDIATE`` transaction each: two sessions giving feedback at once both land.
Share-page viewers are anonymous browser ids, never names or addresses.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from assistant.sessions.store import DEFAULT_USER, SessionStore
from assistant.timeline.model import Version
from index.db import connect, write_transaction

__all__ = [
    "DEFAULT_USER", "EVENT_KINDS", "EVENT_WEIGHTS", "Statement", "TasteError", "TasteEvent", "TasteStore",
]
EventKind = Literal[
    "keep", "drop", "thumbs_up", "thumbs_down", "like_text", "render", "download", "share", "view", "watched",
    "remix",
]
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
# How much one event says about the clip it names: explicit picks weigh most, what merely stayed in a
# rendered or shared cut less, a view least. Negative means "not this". A like_text ("I like the dragon
# scenes") names no clip: it is as explicit as a thumbs-up, signed by what was said, and counts for the
# shots its words match (``scoring``'s "said" part).
EVENT_WEIGHTS: dict[str, float] = {
    "keep": 1.0, "drop": -1.0, "thumbs_up": 1.5, "thumbs_down": -1.5, "like_text": 1.5,
    "render": 0.5, "download": 0.5, "share": 0.7, "view": 0.2, "watched": 0.6, "remix": 0.5,
}
_USER_NAME = re.compile(r"[\w.@+-]{1,64}")
# A share page's anonymous viewer: a random browser id behind a ":" no profile name can hold, so viewers
# feed the crowd's votes but are never listed, picked or mistaken for a person's profile.
VIEWER_PREFIX = "viewer:"
_VIEWER = re.compile(VIEWER_PREFIX + r"[0-9a-f]{32}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS taste_users (
    name TEXT PRIMARY KEY,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS taste_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    video_id TEXT,
    start REAL,
    end REAL,
    version_id TEXT,
    value REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS taste_events_user ON taste_events(user);
CREATE INDEX IF NOT EXISTS taste_events_video ON taste_events(video_id);
"""


class TasteError(ValueError):
    """Bad input to the taste store (an unknown kind, a user name we cannot store); nothing was written."""


@dataclass(frozen=True)
class TasteEvent:
    """One signal: ``user`` did ``kind`` to seconds ``start..end`` of ``video_id`` (or said ``detail``)."""

    user: str
    kind: str
    video_id: str | None = None
    start: float | None = None
    end: float | None = None
    version_id: str | None = None
    value: float = 1.0  # the event's weight, signed (``EVENT_WEIGHTS`` unless the caller says otherwise)
    detail: str = ""  # the words of a like_text, the anonymous browser id of a view
    created_at: float = 0.0


@dataclass(frozen=True)
class ProfileSummary:
    """What is kept about a person: counts per kind, the videos they touched and what they said they like
    or dislike (``profile show``)."""

    user: str
    events: dict[str, int]
    videos: tuple[str, ...]
    sessions: int
    statements: tuple[Statement, ...] = ()

    def to_json(self) -> dict:
        return {"user": self.user, "events": self.events, "videos": list(self.videos),
                "sessions": self.sessions,
                "statements": [{"text": s.text, "liked": s.liked} for s in self.statements]}


@dataclass(frozen=True)
class Statement:
    """What a person said about their taste in the chat: they like (or dislike) ``text``."""

    text: str
    liked: bool

    def words(self) -> str:
        """How a reason or a profile quotes it: 'you like “dragon”'."""
        return f"you {'like' if self.liked else 'don’t like'} “{self.text}”"


def statement_event(user: str, text: str, liked: bool) -> TasteEvent:
    """The like_text event for "I like ``text``" (``liked``) or "I don't like ``text``"."""
    weight = EVENT_WEIGHTS["like_text"]
    return TasteEvent(user, "like_text", value=weight if liked else -weight, detail=text)


def statements(events: Sequence[TasteEvent]) -> list[Statement]:
    """The person's taste statements, oldest first; saying the same words again replaces what was said."""
    said: dict[str, Statement] = {}
    for event in events:
        if event.kind == "like_text" and event.detail and event.value:
            key = event.detail.casefold()
            said.pop(key, None)
            said[key] = Statement(event.detail, event.value > 0)
    return list(said.values())


def check_user(name: str) -> str:
    """``name`` if it can be a profile name (letters, digits, ``._@+-``, up to 64), else a ``TasteError``."""
    if not _USER_NAME.fullmatch(name or ""):
        raise TasteError(f"{name!r} is not a user name: use 1-64 letters, digits or . _ @ + -")
    return name


def viewer_user(browser_id: str) -> str:
    """The events' user for the anonymous share-page viewer ``browser_id`` (32 hex digits)."""
    user = VIEWER_PREFIX + browser_id
    if not _VIEWER.fullmatch(user):
        raise TasteError("a viewer id is 32 hex digits")
    return user


def _check_author(user: str) -> str:
    """An event's user: a profile name or an anonymous viewer."""
    return user if _VIEWER.fullmatch(user or "") else check_user(user)


def check_events(events: Sequence[TasteEvent]) -> None:
    """``TasteError`` for the first event that cannot be stored (a bad user, kind or time range)."""
    for event in events:
        _check_author(event.user)
        if event.kind not in EVENT_KINDS:
            raise TasteError(f"unknown event kind {event.kind!r}: one of {', '.join(EVENT_KINDS)}")
        if (event.start is None) != (event.end is None) or (
                event.start is not None and event.end is not None and not 0 <= event.start < event.end):
            raise TasteError(f"bad time range {event.start}..{event.end}: give both, start before end")


def insert_events(conn: sqlite3.Connection, events: Sequence[TasteEvent]) -> None:
    """Append checked ``events`` in the caller's write transaction (they commit with its other rows)."""
    now = time.time()
    conn.executemany("INSERT OR IGNORE INTO taste_users (name, created_at) VALUES (?, ?)",
                     [(u, now) for u in {e.user for e in events} if not u.startswith(VIEWER_PREFIX)])
    conn.executemany(
        "INSERT INTO taste_events (user, kind, video_id, start, end, version_id, value, detail,"
        " created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [(e.user, e.kind, e.video_id, e.start, e.end, e.version_id, e.value, e.detail,
          e.created_at or now) for e in events],
    )


def clip_events(user: str, kind: str, clips: Sequence[tuple[str, float, float]],
                version_id: str | None = None) -> list[TasteEvent]:
    """One ``kind`` event per (video, start, end), weighted by ``EVENT_WEIGHTS``."""
    value = EVENT_WEIGHTS.get(kind, 0.0)
    return [TasteEvent(user, kind, video, start, end, version_id, value) for video, start, end in clips]


def version_events(user: str, kind: str, version: Version) -> list[TasteEvent]:
    """One ``kind`` event per clip of ``version``."""
    clips = [(c.video_id, float(c.start), float(c.end)) for c in version.timeline.clips]
    return clip_events(user, kind, clips, version.id)


class TasteStore:
    """Users and their events; every call opens its own connection (the web app calls from many threads)."""

    def __init__(self, library_dir: Path | str) -> None:
        self.library_dir = Path(library_dir)
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> contextlib.closing[sqlite3.Connection]:
        """A connection of its own, closed after the ``with`` block."""
        return contextlib.closing(connect(self.library_dir))

    def ensure_user(self, user: str) -> str:
        with self._connect() as conn, write_transaction(conn):
            conn.execute("INSERT OR IGNORE INTO taste_users (name, created_at) VALUES (?, ?)",
                         (check_user(user), time.time()))
        return user

    def users(self) -> list[str]:
        """The profiles (anonymous share-page viewers are not people to pick)."""
        with self._connect() as conn:
            rows = conn.execute("SELECT name FROM taste_users UNION SELECT DISTINCT user FROM taste_events"
                                " WHERE user NOT LIKE ? ORDER BY 1", (VIEWER_PREFIX + "%",)).fetchall()
        return [r[0] for r in rows]

    def record(self, events: Sequence[TasteEvent]) -> int:
        """Append ``events`` in one transaction (all or none); the number written."""
        check_events(events)
        if not events:
            return 0
        with self._connect() as conn, write_transaction(conn):
            insert_events(conn, events)
        return len(events)

    def record_clips(self, user: str, kind: str, clips: Sequence[tuple[str, float, float]],
                     version_id: str | None = None) -> int:
        """One ``kind`` event per (video, start, end), weighted by ``EVENT_WEIGHTS``."""
        return self.record(clip_events(user, kind, clips, version_id))

    def record_version(self, user: str, kind: str, version: Version) -> int:
        """What stayed in a cut ``user`` rendered, downloaded, shared or remixed: one event per clip."""
        return self.record(version_events(user, kind, version))

    def record_owner_version(self, kind: str, version_id: str) -> int:
        """A render, download or share of a version counts toward the taste of the session's owner."""
        sessions = SessionStore(self.library_dir)
        version = sessions.version(version_id)
        return self.record_version(sessions.session(version.session_id).user, kind, version)

    def events(self, user: str | None = None, video_ids: Sequence[str] | None = None) -> list[TasteEvent]:
        """Events in the order they happened; ``user`` None means everyone's (for the crowd)."""
        sql, args = "SELECT * FROM taste_events WHERE 1=1", []
        if user is not None:
            sql += " AND user = ?"
            args.append(user)
        if video_ids is not None:
            sql += f" AND video_id IN ({','.join('?' * len(video_ids))})"
            args.extend(video_ids)
        with self._connect() as conn:
            rows = conn.execute(sql + " ORDER BY id", args).fetchall()
        return [TasteEvent(r["user"], r["kind"], r["video_id"], r["start"], r["end"], r["version_id"],
                           r["value"], r["detail"], r["created_at"]) for r in rows]

    def summary(self, user: str) -> ProfileSummary:
        with self._connect() as conn:
            counts = conn.execute("SELECT kind, COUNT(*) FROM taste_events WHERE user=? GROUP BY kind"
                                  " ORDER BY kind", (check_user(user),)).fetchall()
            videos = conn.execute("SELECT DISTINCT video_id FROM taste_events WHERE user=? AND video_id"
                                  " IS NOT NULL ORDER BY video_id", (user,)).fetchall()
            sessions = _session_count(conn, user)
        said = tuple(statements(self.events(user)))
        return ProfileSummary(user, {k: n for k, n in counts}, tuple(v[0] for v in videos), sessions, said)

    def reset(self, user: str) -> int:
        """Forget every event of ``user`` (sessions and their cuts stay: they are work, not a profile)."""
        with self._connect() as conn, write_transaction(conn):
            return conn.execute("DELETE FROM taste_events WHERE user=?", (check_user(user),)).rowcount


def _session_count(conn: sqlite3.Connection, user: str) -> int:
    """The user's sessions, when the library has sessions with owners (older libraries have none yet)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    if "user" not in columns:
        return 0
    return conn.execute("SELECT COUNT(*) FROM sessions WHERE user=?", (user,)).fetchone()[0]
