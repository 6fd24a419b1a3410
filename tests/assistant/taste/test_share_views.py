"""Share-page views on a real library: counted per anonymous browser id, reports validated, capped and
rate-limited, watched-through cuts feeding the crowd, and nothing about a viewer but a random id stored."""

from __future__ import annotations

import json
import sqlite3

import pytest

from assistant.chat import ChatSession
from assistant.planning.factory import make_planner
from assistant.sessions.store import SessionStore
from assistant.taste.events import TasteStore
from assistant.taste.share_views import MIN_REPORT_INTERVAL, ReportRefused, ShareViews, new_browser_id
from assistant.timeline.model import Version
from index.library import Library


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def version(small_library_copy) -> Version:
    library = Library.open(small_library_copy.dir)
    session = ChatSession.start(library, SessionStore(small_library_copy.dir), make_planner("rules"))
    return session.current  # the whole videos: 2 clips, about 8 s


def test_views_count_browsers_not_reloads_and_store_only_random_ids(small_library_copy, version) -> None:
    views = ShareViews(small_library_copy.dir)
    ann, bob = new_browser_id(), new_browser_id()
    assert ann != bob and len(ann) == 32
    for browser in (ann, ann, bob, ann):
        views.record_view("link1", browser)
    views.record_view("link2", bob)
    assert views.viewers("link1") == 2 and views.viewers("link2") == 1 and views.viewers("none") == 0
    with pytest.raises(ReportRefused, match="no browser id"):
        views.record_view("link1", "127.0.0.1")
    with sqlite3.connect(small_library_copy.dir / "library.db") as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(share_views)")]
        rows = conn.execute("SELECT viewer FROM share_views").fetchall()
    assert columns == ["share_id", "viewer", "first_seen", "last_report", "seconds", "plays", "counted_view",
                       "counted_watches"]
    assert sorted(r[0] for r in rows) == sorted([ann, bob, bob])


def test_reports_are_validated_capped_and_rate_limited(small_library_copy, version) -> None:
    clock = Clock()
    views = ShareViews(small_library_copy.dir, clock)
    browser = new_browser_id()
    with pytest.raises(ReportRefused, match="open the page"):
        views.report("link", browser, version, {"seconds": 1, "plays": 1})
    views.record_view("link", browser)
    for bad in ({"seconds": -1}, {"seconds": "5"}, {"seconds": True}, json.loads('{"seconds": NaN}'),
                {"seconds": 1, "plays": 999}, {"seconds": 1, "ip": "1.2.3.4"}, [1, 2]):
        with pytest.raises(ReportRefused) as refused:
            views.report("link", browser, version, bad)
        assert refused.value.status == 400
    assert views.watch_time("link") == (0.0, 0)  # nothing of the refused reports was kept
    clock.now += 3600
    duration = float(version.timeline.duration)
    kept = views.report("link", browser, version, {"seconds": 1e9, "plays": 1})
    assert kept.seconds == pytest.approx(duration)  # capped at one play of the cut
    with pytest.raises(ReportRefused) as too_soon:
        views.report("link", browser, version, {"seconds": 2 * duration, "plays": 2})
    assert too_soon.value.status == 429
    clock.now += MIN_REPORT_INTERVAL
    views.report("link", browser, version, {"seconds": 0.5, "plays": 1})  # smaller: totals only grow
    assert views.watch_time("link") == (pytest.approx(duration), 1)


def test_a_report_cannot_claim_more_than_the_page_was_open(small_library_copy, version) -> None:
    clock = Clock()
    views = ShareViews(small_library_copy.dir, clock)
    browser = new_browser_id()
    views.record_view("link", browser)
    clock.now += 3
    assert views.report("link", browser, version, {"seconds": 7.5, "plays": 1}).seconds == pytest.approx(5.0)


def test_watching_half_then_through_adds_crowd_votes_under_an_anonymous_id(small_library_copy, version):
    clock = Clock()
    views, taste = ShareViews(small_library_copy.dir, clock), TasteStore(small_library_copy.dir)
    browser, clips = new_browser_id(), len(version.timeline.clips)
    duration = float(version.timeline.duration)
    views.record_view("link", browser)
    clock.now += 600
    views.report("link", browser, version, {"seconds": 0.2 * duration, "plays": 1})
    assert taste.events(f"viewer:{browser}") == []  # a glance is not a vote
    clock.now += 5
    views.report("link", browser, version, {"seconds": 0.6 * duration, "plays": 1})
    assert [e.kind for e in taste.events(f"viewer:{browser}")] == ["view"] * clips
    clock.now += 5
    views.report("link", browser, version, {"seconds": 2 * duration, "plays": 2})  # watched through, twice
    kinds = [e.kind for e in taste.events(f"viewer:{browser}")]
    assert kinds == ["view"] * clips + ["watched"] * (2 * clips)
    assert all(e.version_id == version.id for e in taste.events(f"viewer:{browser}"))
    assert taste.users() == []  # viewers are no profiles to pick
