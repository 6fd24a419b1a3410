"""``personalcut chat --message ... --session ...``: one conversation across invocations, as people run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.sessions.store import SessionStore
from tests.media_factory import SHARED_MEDIA
from ui.cli import main
from ui.cli_chat import REPL_HELP

MEDIA = SHARED_MEDIA
REAL_CLIPS = ("nasa_13013_jwst_mirror.mp4", "kivy_cityCC0_skyscrapers.mpg")


def say(capsys, library: Path, text: str, session: str | None = None, *extra: str) -> dict:
    args = ["chat", "--library", str(library), "--backend", "rules", "--message", text, "--json", *extra]
    if session:
        args += ["--session", session]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    result = json.loads(captured.out)
    assert f"--session {result['session']}" in captured.err  # how a person continues
    return result


def converse(capsys, library: Path) -> None:
    """Five turns and two history moves; checks the chain against what the store persisted."""
    first = say(capsys, library, "make it twice as fast")
    sid = first["session"]
    store = SessionStore(library)
    v0 = store.versions(sid)[0]
    assert first["parent"] == v0.id and first["number"] == 1 and first["backend"] == "rules"
    assert first["plan"]["ops"][0]["op"] == "speed"
    # Each clip plays at 2x and lasts whole output frames: half as long, within half a frame per clip.
    fps = float(v0.timeline.output_fps)
    half_frame_each = len(v0.timeline.clips) * 0.5 / fps
    assert first["duration"] == pytest.approx(float(v0.timeline.duration) / 2, abs=half_frame_each + 0.01)
    second = say(capsys, library, "add crossfades", sid)
    assert second["parent"] == first["version"]
    third = say(capsys, library, "keep it under 3 seconds", sid)
    assert third["parent"] == second["version"] and third["duration"] <= 3
    assert all(c["end"] > c["start"] for c in third["clips"])
    back = say(capsys, library, "undo", sid)
    assert back["version"] == second["version"] and back["duration"] == second["duration"]
    assert say(capsys, library, "undo", sid)["version"] == first["version"]
    assert say(capsys, library, "redo", sid)["version"] == second["version"]
    titled = say(capsys, library, "title: My cut", sid)
    assert titled["parent"] == second["version"] and titled["number"] == 4
    query = say(capsys, library, "only the scenes with a bright sky", sid)
    assert query["message"]
    if not query["matched"]:
        assert query["version"] == titled["version"]  # nothing matched: the cut is unchanged
    chain = {v.id: v.parent_id for v in store.versions(sid)}
    assert chain[titled["version"]] == second["version"] and chain[third["version"]] == second["version"]
    assert store.session(sid).current_version_id == query["version"]


def test_conversation_on_generated_clips(small_library_copy, capsys) -> None:
    converse(capsys, small_library_copy.dir)


@pytest.mark.slow
def test_conversation_on_real_clips(tmp_path, tiny_embedder, capsys) -> None:
    if not all((MEDIA / name).is_file() for name in REAL_CLIPS):
        pytest.skip("shared media not present")
    from index.ingest import ingest

    results = ingest([MEDIA / name for name in REAL_CLIPS], tmp_path / "lib", tiny_embedder)
    assert all(r.status == "added" for r in results), results
    converse(capsys, tmp_path / "lib")
    ids = [r.video.id for r in results]
    only_city = say(capsys, tmp_path / "lib", "order by relevance", None, "--video", ids[1][:10])
    assert {c["video"] for c in only_city["clips"]} == {ids[1]}


def test_text_output_and_bad_input(small_library_copy, capsys) -> None:
    library = str(small_library_copy.dir)
    assert main(["chat", "--library", library, "--backend", "rules", "-m", "remove the last clip"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("session ") and "version 1" in out and "1. 0:00.0-0:06.2 cuts" in out
    assert main(["chat", "--library", library, "--session", "nope", "--message", "undo"]) == 2
    assert "no session 'nope'" in capsys.readouterr().err
    assert main(["chat", "--library", library, "--session", "x", "--video", "y", "--message", "undo"]) == 2
    assert main(["chat", "--library", library, "--backend", "bogus", "--message", "undo"]) == 2
    assert "unknown planner backend" in capsys.readouterr().err
    assert main(["chat", "--library", library, "--video", "no-such-video", "--message", "undo"]) == 2
    assert "no video" in capsys.readouterr().err
    assert main(["chat", "--library", str(small_library_copy.dir / "missing"), "--message", "undo"]) == 2


def test_repl_reads_turns_and_commands(small_library_copy, capsys, monkeypatch) -> None:
    lines = iter(["make it twice as fast", ":versions", ":undo", ":redo", ":goto nope", ":quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat", "--library", str(small_library_copy.dir), "--backend", "rules"]) == 0
    out = capsys.readouterr().out
    assert "speed 2x" in out.lower() or "2x" in out
    assert "*   1 " in out  # the version list marks the current version
    assert out.count("version 0 [") == 2 and "error: version 'nope' is not part of session" in out


@pytest.mark.parametrize("leave", ["quit", "Exit.", "bye!", ":q"])
def test_repl_leaves_on_the_words_people_type_to_leave(small_library_copy, capsys, monkeypatch,
                                                        leave: str) -> None:
    lines = iter(["make it twice as fast", leave, "only the dogs"])  # nothing after the leave is read
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat", "--library", str(small_library_copy.dir), "--backend", "rules"]) == 0
    out = capsys.readouterr().out
    assert "2x" in out and "did you mean" not in out.lower() and "dogs" not in out
    word = leave.lower().strip(":.!")
    assert len(word) == 1 or word not in out.lower().replace(REPL_HELP.lower(), "")  # not read as an edit
    assert next(lines, None) == "only the dogs"


def test_one_shot_question_is_answered_by_its_number_and_diff_compares_versions(
    small_library_copy, capsys,
) -> None:
    library = small_library_copy.dir
    asked = say(capsys, library, "toss out clip 12")
    assert [c["label"][:6] for c in asked["question"]["choices"]] == ["clip 1", "clip 2"]
    assert asked["number"] == 0 and "1. clip 1" in asked["message"]
    answered = say(capsys, library, "1", asked["session"])  # a later run answers the stored question
    assert answered["number"] == 1 and answered["question"] is None and len(answered["clips"]) == 1
    changed = say(capsys, library, "what changed?", asked["session"])
    assert changed["number"] == 1 and len(changed["diff"]["removed"]) == 1

    assert main(["diff", "0", "1", "--library", str(library), "--session", asked["session"], "--json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert as_json["after"] == answered["version"] and len(as_json["removed"]) == 1 and not as_json["added"]
    assert main(["diff", asked["version"], answered["version"], "--library", str(library)]) == 0
    assert "removed: 0.0-" in capsys.readouterr().out
    assert main(["diff", "0", "7", "--library", str(library), "--session", asked["session"]]) == 2
    assert "has no version 7" in capsys.readouterr().err
