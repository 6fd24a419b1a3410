"""Who watched a share link, anonymously: one row per (link, random browser id), never a name or address.

The browser id is a random cookie the share page sets (``ui/share_routes.py``); no IP address, user agent
or anything else about the viewer is stored. The page's player reports the seconds watched and the plays,
which are validated, capped by the cut's length and rate-limited per id here. A viewer who watched half
the cut becomes a ``view`` of each of its clips in the crowd's votes, and each full watch (a replay too,
up to ``MAX_COUNTED_WATCHES``) a ``watched`` event: a version watched through counts more.
"""

from __future__ import annotations

import contextlib
import math
import re
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.taste.events import TasteStore, check_events, insert_events, version_events, viewer_user
from assistant.timeline.model import Version
from index.db import connect, write_transaction

BROWSER_ID = re.compile(r"[0-9a-f]{32}")
MIN_REPORT_INTERVAL = 2.0  # seconds between two reports of one browser on one link; faster ones are refused
MAX_PLAYS = 50  # plays a report may claim; seconds are capped at this many times the cut's length
VIEW_FRACTION = 0.5  # share of the cut watched that makes a view count toward the crowd
WATCHED_FRACTION = 0.95  # "watched through"
MAX_COUNTED_WATCHES = 3  # full watches (replays) of one browser that count toward the crowd
CLOCK_SLACK = 2.0  # seconds a report may exceed the time since the page was first opened (clock jitter)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS share_views (
    share_id TEXT NOT NULL,
    viewer TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_report REAL NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    plays INTEGER NOT NULL DEFAULT 0,
    counted_view INTEGER NOT NULL DEFAULT 0,
    counted_watches INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (share_id, viewer)
);
"""


class ReportRefused(ValueError):
    """A watch report not recorded: malformed, from an unknown browser, or too soon after the last."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class WatchReport:
    """What a share page's player says: seconds watched in total since it opened, and how often it started."""

    seconds: float
    plays: int

    @classmethod
    def parse(cls, data: object, duration: float) -> WatchReport:
        """A report from untrusted JSON: numbers only, seconds capped at ``MAX_PLAYS`` x the cut's length."""
        if not isinstance(data, dict) or set(data) - {"seconds", "plays"}:
            raise ReportRefused('send {"seconds": number, "plays": integer}')
        seconds, plays = data.get("seconds"), data.get("plays", 1)
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds) \
                or seconds < 0:
            raise ReportRefused("seconds must be a number of seconds watched, 0 or more")
        if isinstance(plays, bool) or not isinstance(plays, int) or not 0 <= plays <= MAX_PLAYS:
            raise ReportRefused(f"plays must be a whole number from 0 to {MAX_PLAYS}")
        return cls(min(float(seconds), duration * max(plays, 1)), plays)


def new_browser_id() -> str:
    return secrets.token_hex(16)


class ShareViews:
    """View counts and watch time per share link; every call opens its own connection (many threads)."""

    def __init__(self, library_dir: Path | str, clock: Callable[[], float] = time.time) -> None:
        """``clock``: seconds since the epoch (a test's own clock checks the rate limit and the caps)."""
        self.library_dir = Path(library_dir)
        self.clock = clock
        TasteStore(self.library_dir)  # the events table the reports add to
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> contextlib.closing[sqlite3.Connection]:
        """A connection of its own, closed after the ``with`` block."""
        return contextlib.closing(connect(self.library_dir))

    def record_view(self, share_id: str, browser_id: str) -> None:
        """The page was opened by ``browser_id``: counted once per browser, however often it reloads."""
        _check_browser(browser_id)
        with self._connect() as conn, write_transaction(conn):
            conn.execute("INSERT OR IGNORE INTO share_views (share_id, viewer, first_seen) VALUES (?, ?, ?)",
                         (share_id, browser_id, self.clock()))

    def viewers(self, share_id: str) -> int:
        """How many browsers opened the link ("Watched by N people")."""
        with self._connect() as conn:
            row = conn.execute("SELECT COUNT(*) FROM share_views WHERE share_id=?", (share_id,)).fetchone()
        return int(row[0])

    def report(self, share_id: str, browser_id: str, version: Version, data: object) -> WatchReport:
        """Record a player's report (``ReportRefused`` says why not); crossing half the cut or its end adds
        the viewer's votes for the version's clips. Totals only grow (a late, smaller report is ignored)."""
        _check_browser(browser_id)
        duration = float(version.timeline.duration)
        report = WatchReport.parse(data, duration)
        now, user = self.clock(), viewer_user(browser_id)
        with self._connect() as conn, write_transaction(conn):
            row = conn.execute("SELECT * FROM share_views WHERE share_id=? AND viewer=?",
                               (share_id, browser_id)).fetchone()
            if row is None:
                raise ReportRefused("open the page before reporting from it", 403)
            if now - row["last_report"] < MIN_REPORT_INTERVAL:
                raise ReportRefused("too many reports: wait a moment", 429)
            elapsed = now - row["first_seen"] + CLOCK_SLACK  # nobody watches longer than the page is open
            seconds = max(row["seconds"], min(report.seconds, elapsed))
            plays = max(row["plays"], report.plays)
            watches = min(MAX_COUNTED_WATCHES, int(seconds / duration / WATCHED_FRACTION) if duration else 0)
            new_view = not row["counted_view"] and duration and seconds >= VIEW_FRACTION * duration
            new_watches = max(0, watches - row["counted_watches"])
            conn.execute("UPDATE share_views SET last_report=?, seconds=?, plays=?, counted_view=?,"
                         " counted_watches=? WHERE share_id=? AND viewer=?",
                         (now, seconds, plays, int(bool(row["counted_view"] or new_view)),
                          max(watches, row["counted_watches"]), share_id, browser_id))
            events = version_events(user, "view", version) if new_view else []
            events += version_events(user, "watched", version) * new_watches
            check_events(events)
            insert_events(conn, events)  # with the counters: a crash never counts a watch without its votes
        return WatchReport(seconds, plays)

    def watch_time(self, share_id: str) -> tuple[float, int]:
        """Seconds watched and plays over every browser (for the owner's numbers and the tests)."""
        with self._connect() as conn:
            row = conn.execute("SELECT COALESCE(SUM(seconds), 0), COALESCE(SUM(plays), 0) FROM share_views"
                               " WHERE share_id=?", (share_id,)).fetchone()
        return float(row[0]), int(row[1])


def _check_browser(browser_id: str) -> None:
    if not BROWSER_ID.fullmatch(browser_id or ""):
        raise ReportRefused("no browser id: reload the page", 403)
