"""``personalcut recommend`` and ``personalcut profile``: JSON shapes, users, errors."""

from __future__ import annotations

import json

from assistant.taste.events import TasteStore
from index.library import Library
from ui.cli import main


def test_recommend_json_shape_and_user_from_the_environment(small_library_copy, capsys, monkeypatch) -> None:
    directory = small_library_copy.dir
    cuts = Library.open(directory).videos()[0].id
    TasteStore(directory).record_clips("ann", "keep", [(cuts, 0.0, 1.6)])
    monkeypatch.setenv("PERSONALCUT_USER", "ann")
    assert main(["recommend", "--library", str(directory), "--video", cuts, "-k", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user"] == "ann" and len(data["suggestions"]) == 2
    for s in data["suggestions"]:
        assert set(s) == {"video", "start", "end", "score", "reason"} and s["video"] == cuts
        assert s["start"] < s["end"] and s["start"] != 0.0  # the kept shot is known, not suggested
    assert main(["recommend", "--library", str(directory), "--user", "bob", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["user"] == "bob"  # the flag beats the environment


def test_profile_show_and_reset(small_library_copy, capsys) -> None:
    directory = small_library_copy.dir
    cuts = Library.open(directory).videos()[0].id
    TasteStore(directory).record_clips("ann", "drop", [(cuts, 0.0, 1.6), (cuts, 1.6, 2.8)])
    args = ["--library", str(directory), "--user", "ann", "--json"]
    assert main(["profile", "show", *args]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"user": "ann", "events": {"drop": 2}, "videos": [cuts], "sessions": 0, "statements": []}
    assert main(["profile", "reset", *args]) == 0
    assert json.loads(capsys.readouterr().out) == {"user": "ann", "forgotten_events": 2}
    assert main(["profile", "show", *args]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == {}


def test_bad_user_and_video_are_clear_errors(small_library_copy, capsys) -> None:
    directory = str(small_library_copy.dir)
    assert main(["profile", "show", "--library", directory, "--user", "a b"]) == 2
    assert "'a b' is not a user name" in capsys.readouterr().err
    assert main(["recommend", "--library", directory, "--video", "nosuchvideo"]) == 2
    assert "nosuchvideo" in capsys.readouterr().err
