"""Profiles on a real library: events in SQLite, suggestions, the chat's taste ops, reset."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
from pathlib import Path

import pytest

from assistant.chat import ChatSession
from assistant.planning.factory import make_planner
from assistant.sessions.store import SessionStore
from assistant.taste.events import TasteError, TasteEvent, TasteStore
from assistant.taste.recommend import suggest
from index.library import Library


@pytest.fixture
def library_dir(small_library_copy) -> Path:
    """tests/conftest.py's library: "cuts" (shots 0-1.6, 1.6-2.8, 2.8-4.8, 4.8-6.2 s) and a 1-shot clip."""
    return small_library_copy.dir


def _write_events(library_dir: str, user: str, n: int) -> None:
    store = TasteStore(library_dir)
    for i in range(n):
        store.record([TasteEvent(user, "keep", "v", float(i), float(i) + 1, value=1.0)])


def test_concurrent_feedback_from_two_processes_loses_nothing(tmp_path) -> None:
    TasteStore(tmp_path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_events, args=(str(tmp_path), user, 150))
               for user in ("ann", "bob")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    store = TasteStore(tmp_path)
    assert len(store.events("ann")) == len(store.events("bob")) == 150
    assert sorted(e.start for e in store.events("ann")) == [float(i) for i in range(150)]


def test_bad_events_are_refused_whole(tmp_path) -> None:
    store = TasteStore(tmp_path)
    good = TasteEvent("ann", "keep", "v", 0.0, 1.0)
    with pytest.raises(TasteError, match="unknown event kind 'like'"):
        store.record([good, TasteEvent("ann", "like", "v", 0.0, 1.0)])
    with pytest.raises(TasteError, match="not a user name"):
        store.record([TasteEvent("ann; drop table", "keep", "v", 0.0, 1.0)])
    with pytest.raises(TasteError, match="bad time range"):
        store.record([TasteEvent("ann", "keep", "v", 2.0, 1.0)])
    assert store.events() == []


def test_libraries_from_before_profiles_keep_their_sessions(tmp_path) -> None:
    with sqlite3.connect(tmp_path / "library.db") as conn:  # the sessions table as it was
        conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL,"
                     " video_ids TEXT NOT NULL, current_version_id TEXT, origin_version_id TEXT,"
                     " created_at REAL NOT NULL)")
        conn.execute("INSERT INTO sessions VALUES ('old', '', '[\"v\"]', NULL, NULL, 1.0)")
    store = SessionStore(tmp_path)
    assert store.session("old").user == "default"
    assert SessionStore(tmp_path).session("old").video_ids == ("v",)  # opening twice migrates once


def _cuts(library: Library) -> str:
    return library.videos()[0].id


def test_two_users_with_opposite_feedback_get_different_suggestions_and_cuts(library_dir) -> None:
    library, store = Library.open(library_dir), TasteStore(library_dir)
    cuts = _cuts(library)
    store.record_clips("ann", "keep", [(cuts, 0.0, 1.6)])
    store.record_clips("ann", "drop", [(cuts, 4.8, 6.2)])
    store.record_clips("bob", "keep", [(cuts, 4.8, 6.2)])
    store.record_clips("bob", "drop", [(cuts, 0.0, 1.6)])
    ann = suggest(library, store, "ann", [cuts], k=4, include_kept=True)
    bob = suggest(library, store, "bob", [cuts], k=4, include_kept=True)
    assert (float(ann[0].shot.start), float(bob[0].shot.start)) == (0.0, 4.8)
    assert all(float(s.shot.start) != 4.8 for s in ann) and all(float(s.shot.start) != 0.0 for s in bob)
    sessions = SessionStore(library_dir)
    planner = make_planner("rules")
    cut = {}
    for user in ("ann", "bob"):
        chat = ChatSession.start(library, sessions, planner, [cuts], user=user)
        result = chat.turn("make me a 3-second cut I'd like")
        assert result.version.number == 1, result.message
        cut[user] = [(float(c.start), float(c.end)) for c in result.version.timeline.clips]
        assert all(c.reason.signal == "taste" for c in result.version.timeline.clips)
    assert cut["ann"][0][0] == 0.0 and all(end <= 4.8 for _, end in cut["ann"])  # her keep, not her drop
    assert (4.8, 6.2) in cut["bob"] and all(start >= 1.6 for start, _ in cut["bob"])


def test_reset_forgets(library_dir) -> None:
    library, store = Library.open(library_dir), TasteStore(library_dir)
    cuts = _cuts(library)
    fresh = [s.to_json() for s in suggest(library, store, "ann", [cuts])]
    store.record_clips("ann", "drop", [(cuts, 0.0, 1.6), (cuts, 1.6, 2.8)])
    assert [s.to_json() for s in suggest(library, store, "ann", [cuts])] != fresh
    assert store.reset("ann") == 2
    assert store.summary("ann").events == {}
    assert [s.to_json() for s in suggest(library, store, "ann", [cuts])] == fresh


def test_reasons_name_real_signals(library_dir) -> None:
    library, store = Library.open(library_dir), TasteStore(library_dir)
    cuts = _cuts(library)
    for user in ("bob", "cat", "dan"):
        store.record_clips(user, "keep", [(cuts, 2.8, 4.8)])
    store.record_clips("eve", "drop", [(cuts, 2.8, 4.8)])
    first = suggest(library, store, "newcomer", [cuts], k=1)[0]
    assert (float(first.shot.start), first.reason) == (2.8, "kept by 3 of 4 people who cut this film")
    store.record_clips("newcomer", "keep", [(cuts, 0.0, 1.6)])
    reasons = {s.reason for s in suggest(library, store, "newcomer", [cuts], k=3)}
    assert reasons & {"close to the scene at cuts 0:00 you kept", "kept by 3 of 4 people who cut this film"}


def test_chat_clip_ops_and_taste_ops_are_feedback(library_dir) -> None:
    library, sessions, taste = Library.open(library_dir), SessionStore(library_dir), TasteStore(library_dir)
    chat = ChatSession.start(library, sessions, make_planner("rules"), user="ann")
    chat.turn("make me a 4-second cut I'd like")
    clips = chat.current.timeline.clips
    assert len(clips) >= 2
    chat.turn("remove clip 1")
    drops = [e for e in taste.events("ann") if e.kind == "drop"]
    assert [(e.video_id, e.start, e.end) for e in drops] == [(clips[0].video_id, float(clips[0].start),
                                                              float(clips[0].end))]
    before = len(chat.current.timeline.clips)
    more = chat.turn("more like clip 1")
    assert len(more.version.timeline.clips) > before, more.message
    assert [e.kind for e in taste.events("ann")][-1] == "thumbs_up"
    answer = chat.turn("what would I like in this film?")
    assert answer.version.id == more.version.id and answer.message.startswith("You might like:\n1. ")
    # Each suggestion names its video (by name, not an id) when the cut is made from several.
    names = {v.title or Path(v.path).stem for v in library.videos()}
    lines = answer.message.splitlines()[1:]
    if len(chat.video_ids) > 1:
        assert lines and all(line.split(" ")[1] in names for line in lines), lines
    else:
        assert lines and all(re.match(r"\d+\. \d", line) for line in lines), lines
    less = chat.turn("less of this")
    assert len(less.version.timeline.clips) == len(more.version.timeline.clips) - 1
    assert taste.events("ann")[-1].kind == "thumbs_down"
    assert taste.summary("bob").events == {}  # another person's profile is untouched


def test_a_remix_counts_toward_the_remixers_taste(library_dir) -> None:
    library, sessions, taste = Library.open(library_dir), SessionStore(library_dir), TasteStore(library_dir)
    chat = ChatSession.start(library, sessions, make_planner("rules"), user="ann")
    chat.turn("make me a 3-second cut I'd like")
    remix = ChatSession.branch_from(library, sessions, make_planner("rules"), chat.current.id, user="bob")
    assert remix.user == "bob" and sessions.session(remix.id).user == "bob"
    assert {e.kind for e in taste.events("bob")} == {"remix"}
    assert len(taste.events("bob")) == len(chat.current.timeline.clips)


def test_nothing_to_suggest_is_said_as_such_not_as_an_empty_list(library_dir) -> None:
    library, sessions, taste = Library.open(library_dir), SessionStore(library_dir), TasteStore(library_dir)
    chat = ChatSession.start(library, sessions, make_planner("rules"), user="bo")
    everything = [(v.id, 0.0, float(v.duration) + 1) for v in library.videos()]
    taste.record_clips("bo", "thumbs_down", everything)  # every scene disliked: nothing left to offer
    assert suggest(library, taste, "bo", chat.video_ids, 3) == []
    before = chat.current.id
    answer = chat.turn("any suggestions?")
    assert answer.version.id == before
    assert answer.message.startswith("I have nothing new to suggest")
    assert "You might like" not in answer.message
