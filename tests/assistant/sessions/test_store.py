"""Sessions and versions round-trip through a real SQLite library file; bad ids fail clearly."""

from __future__ import annotations

import json
import logging
import threading
from contextlib import closing
from fractions import Fraction

import pytest

from assistant.plan.schema import ClipRef, EditPlan, KeepOnly, Query, RemoveClip, Speed
from assistant.sessions.store import SessionStore, UnknownSession, UnknownVersion
from assistant.timeline.model import Clip, Reason, Timeline
from index.db import connect

T0 = Timeline(clips=(Clip("a", 0, 100, Fraction(0), Fraction(4)),))
T1 = Timeline(
    clips=(Clip("a", 10, 35, Fraction(10, 25), Fraction(35, 25), Reason("fight", 0.3, "visual"), 2.0),),
    transition="crossfade", transition_seconds=0.5, title="Mine",
)


def test_versions_round_trip_with_parents_and_current(tmp_path) -> None:
    store = SessionStore(tmp_path)
    sid = store.create_session(["a"], "first", timeline=T0, note="whole videos")
    info = store.session(sid)
    v0 = store.version(info.current_version_id)
    assert (info.video_ids, info.title, v0.number, v0.parent_id) == (("a",), "first", 0, None)
    assert v0.timeline == T0
    plan = EditPlan(ops=[KeepOnly(query=Query(text="fight"))])
    v1 = store.add_version(sid, v0.id, T1, turn="only fights", plan=plan, backend="rules", note="kept")
    assert store.session(sid).current_version_id == v1.id
    again = SessionStore(tmp_path).version(v1.id)  # a fresh store reads what was written
    assert again == v1 and again.timeline.content_hash() == T1.content_hash()
    assert [v.id for v in store.versions(sid)] == [v0.id, v1.id]
    store.set_current(sid, v0.id)
    assert store.session(sid).current_version_id == v0.id
    assert store.add_version(sid, v0.id, T0).number == 2  # numbering continues across branches


def test_plans_are_typed_and_rows_from_before_still_load(tmp_path, caplog) -> None:
    """Rows written as ``json.dumps(plan dict)`` read back as an EditPlan; one today's schema rejects
    (an op since renamed) loads without its plan, with a warning, and the row is left as it was."""
    store = SessionStore(tmp_path)
    sid = store.create_session(["a"], timeline=T0)
    root = store.session(sid).current_version_id
    plan = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[2])), Speed(factor=2.0)])
    typed = store.add_version(sid, root, T1, plan=plan)
    assert store.version(typed.id).plan == plan and isinstance(store.version(typed.id).plan, EditPlan)
    old_dict = {"ops": [{"op": "keep_only", "query": {"text": "fight", "kind": "auto"}}], "refusal": None}
    renamed = {"ops": [{"op": "drop_clip", "ref": {"indices": [1]}}]}
    old, stale = store.add_version(sid, root, T1), store.add_version(sid, root, T1)
    with closing(connect(tmp_path)) as conn, conn:
        conn.execute("UPDATE versions SET plan=? WHERE id=?", (json.dumps(old_dict), old.id))
        conn.execute("UPDATE versions SET plan=? WHERE id=?", (json.dumps(renamed), stale.id))
    assert store.version(old.id).plan == EditPlan(ops=[KeepOnly(query=Query(text="fight"))])
    with caplog.at_level(logging.WARNING, logger="assistant.sessions.store"):
        loaded = store.version(stale.id)
    assert loaded.plan is None and loaded.timeline == T1 and stale.id in caplog.text
    with closing(connect(tmp_path)) as conn, conn:
        kept = conn.execute("SELECT plan FROM versions WHERE id=?", (stale.id,)).fetchone()["plan"]
    assert json.loads(kept) == renamed
    assert [v.id for v in store.versions(sid)][-1] == stale.id  # the session's list loads too


def test_bad_ids_raise_specific_errors_and_change_nothing(tmp_path) -> None:
    store = SessionStore(tmp_path)
    sid = store.create_session(["a"], timeline=T0)
    other = store.create_session(["b"], timeline=T0)
    foreign = store.session(other).current_version_id
    with pytest.raises(UnknownSession):
        store.session("nope")
    with pytest.raises(UnknownVersion):
        store.version("nope")
    with pytest.raises(UnknownVersion):
        store.add_version(sid, foreign, T1)
    with pytest.raises(UnknownVersion):
        store.set_current(sid, foreign)
    with pytest.raises(UnknownSession):
        store.add_version("nope", None, T1)
    with pytest.raises(ValueError):
        store.create_session([], timeline=T0)
    assert len(store.versions(sid)) == 1 and store.session(sid).current_version_id != foreign


def test_concurrent_turns_get_distinct_numbers(tmp_path) -> None:
    store = SessionStore(tmp_path)
    sid = store.create_session(["a"], timeline=T0)
    root = store.session(sid).current_version_id
    errors: list[BaseException] = []

    def add() -> None:
        try:
            for _ in range(5):
                store.add_version(sid, root, T1)
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(v.number for v in store.versions(sid)) == list(range(21))
