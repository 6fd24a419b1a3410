"""``personalcut cast``: list (text and JSON), name, merge, forget, and scan after ``ingest --no-faces``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.index.test_cast import make_face_clips
from tests.index.test_cli_index import run


def test_cast_commands_from_ingest_without_faces_to_forget(tmp_path: Path, capsys) -> None:
    clip = make_face_clips(tmp_path).three_shots
    library = str(tmp_path / "lib")
    code, out, _ = run(capsys, "ingest", str(clip), "--library", library, "--clip-model", "tiny-random",
                       "--no-asr", "--no-faces")
    assert code == 0 and "faces" not in out
    code, out, _ = run(capsys, "cast", "--library", library)
    assert code == 0 and out.startswith("no characters")

    code, out, _ = run(capsys, "cast", "scan", "--library", library)
    assert code == 0 and out.startswith(f"scanned {clip.name}") and "x real time" in out
    code, out, _ = run(capsys, "cast", "scan", "--library", library)
    assert code == 0 and "already scanned" in out

    code, out, _ = run(capsys, "cast", "--library", library, "--json")
    rows = json.loads(out)
    assert len(rows) == 2  # Collins (shots 0 and 2), Hopper (shot 1)
    assert rows[0].keys() == {"id", "name", "screen_time", "shots", "thumbnail", "appearances"}
    assert [len(row["shots"]) for row in rows] == [2, 1]
    assert rows[0]["screen_time"] > 3.0 and 1.5 <= rows[1]["screen_time"] <= 2.1
    assert rows[0]["appearances"][0].keys() == {"video", "start", "end"}
    first, second = rows[0]["id"], rows[1]["id"]

    code, out, _ = run(capsys, "cast", "name", str(first), "Eileen", "--library", library)
    assert code == 0 and f"#{first}" in out and "Eileen" in out
    code, out, _ = run(capsys, "cast", "collins_hopper", "--library", library)  # by video title
    assert code == 0 and out.splitlines()[0].split()[0:2] == [f"#{first}", "Eileen"]
    assert "unnamed" in out and "shots" in out and "thumbs/faces/" in out
    # the only number on a row is the one the chat takes: a rank beside it read as "number 1"
    assert out.splitlines()[1].split()[0] == f"#{second}" and f'"number {second} is Celia"' in out

    code, out, _ = run(capsys, "cast", "name", str(second), "Eileen", "--library", library)
    assert code == 0 and f'#{first} also called "Eileen"' in out and f"cast merge {second} {first}" in out
    code, out, _ = run(capsys, "cast", "merge", str(first), str(second), "--library", library)
    assert code == 0 and "Eileen" in out
    code, _, err = run(capsys, "cast", "merge", str(first), str(second), "--library", library)
    assert code == 2 and f"no character {second}" in err

    code, out, _ = run(capsys, "cast", "forget", str(first), "--library", library)
    assert code == 0 and out.startswith(f"forgot character #{first}: deleted ") and "thumbnails" in out
    code, out, _ = run(capsys, "cast", "--library", library, "--json")
    assert json.loads(out) == []


def test_cast_without_a_library_says_how_to_make_one(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "cast", "--library", str(tmp_path / "none"))
    assert code == 2 and "run `personalcut ingest" in err
