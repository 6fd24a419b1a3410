"""Untrusted text on a terminal and a share page, and the CLI's one way of reporting errors.

File names, titles and chat lines come from files and people: a name holding ``ESC ] 0 ; ... BEL``
would retitle the terminal window, ``ESC [ 31 m`` would recolour everything after it. The CLI prints
them escaped (the JSON output keeps them exact), and share pages drop them with bidi overrides.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.chat import ChatSession
from assistant.plan.schema import BIDI_CONTROLS
from assistant.planning.factory import make_planner
from assistant.sessions.store import SessionStore
from index.library import Library
from tests.media_factory import single_shot
from ui import cli
from ui.cli import main
from ui.cli_common import terminal_json, terminal_text
from ui.share_page import ShareUrls, share_page

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAME = "clip \x1b]0;pwned\x07 \x1b[31mred\u202egnp.mp4"
SHOWN_NAME = r"clip \x1b]0;pwned\x07 \x1b[31mred\u202egnp.mp4"  # what a terminal must show
RAW = ("\x1b", "\x07", "\u202e")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_no_raw_controls(*texts: str) -> None:
    for text in texts:
        assert not [c for c in RAW if c in text], repr(text)


@pytest.fixture(scope="module")
def hostile_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real generated clip whose file name carries a window-title OSC, a colour CSI and a bidi override."""
    clip = single_shot(tmp_path_factory.mktemp("hostile") / "plain.mp4", frames=30).path
    return clip.rename(clip.with_name(HOSTILE_NAME))


def test_terminal_text_escapes_controls_bidi_and_undecodable_bytes() -> None:
    assert terminal_text("a\x1b[31mb\x07c\x9bd\u2066e\u2028f") == r"a\x1b[31mb\x07c\x9bd\u2066e\u2028f"
    assert terminal_text(os.fsdecode(b"bad\xff.mp4")) == r"bad\udcff.mp4"  # no crash on strict UTF-8
    assert terminal_text("two\nlines\t!") == r"two\nlines\t!"
    assert terminal_text("two\nlines", multiline=True) == "two\nlines"
    assert terminal_text("Amélie — ok") == "Amélie — ok"


def test_terminal_json_is_exact_json_without_raw_controls() -> None:
    data = {"path": HOSTILE_NAME, "title": "Amélie\u009b"}
    text = terminal_json(data, indent=2)
    assert json.loads(text) == data and "Amélie" in text
    assert_no_raw_controls(text)
    assert "\x9b" not in text


def test_ingest_videos_and_search_print_hostile_file_names_escaped(hostile_video, tmp_path, capsys) -> None:
    library = str(tmp_path / "lib")
    code, out, err = run(capsys, "ingest", str(hostile_video), "--library", library,
                         "--clip-model", "tiny-random", "--no-asr")
    assert code == 0, err
    assert_no_raw_controls(out, err)
    assert out.startswith("added") and SHOWN_NAME in out.splitlines()[0]

    code, out, err = run(capsys, "videos", "--library", library)
    assert code == 0 and SHOWN_NAME in out
    assert_no_raw_controls(out, err)

    code, out, _ = run(capsys, "search", "a test pattern", "--library", library)
    assert code == 0 and SHOWN_NAME in out
    assert_no_raw_controls(out)

    code, out, _ = run(capsys, "videos", "--library", library, "--json")
    [video] = json.loads(out)
    assert Path(video["path"]).name == HOSTILE_NAME  # the data stays exact; only its display is escaped
    assert_no_raw_controls(out)


def test_the_installed_command_writes_no_raw_escape_bytes(hostile_video, tmp_path) -> None:
    library = tmp_path / "lib"
    env = {k: v for k, v in os.environ.items() if k != "PERSONALCUT_LIBRARY"}
    for argv in (["ingest", str(hostile_video), "--clip-model", "tiny-random", "--no-asr"], ["videos"]):
        proc = subprocess.run([sys.executable, "-m", "ui.cli", *argv, "--library", str(library)],
                              capture_output=True, cwd=ROOT, env=env, check=False, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert b"\x1b" not in proc.stdout + proc.stderr and b"\x07" not in proc.stdout + proc.stderr
        assert SHOWN_NAME.encode() in proc.stdout


def test_a_colour_code_in_a_chat_message_is_not_a_31_minute_limit(small_library_copy, capsys) -> None:
    library = str(small_library_copy.dir)
    code, out, err = run(capsys, "chat", "--library", library, "--backend", "rules", "--json",
                         "--message", "\x1b[31m only the fights")
    assert code == 0, err
    turn = json.loads(out)
    assert [op["op"] for op in turn["plan"]["ops"]] == ["keep_only"]
    assert turn["plan"]["ops"][0]["query"]["text"] == "fights"

    code, out, _ = run(capsys, "plan", "\x1b[31m only the fights", "--backend", "rules", "--json")
    assert code == 0 and json.loads(out)["plan"]["ops"] == turn["plan"]["ops"]


def test_share_page_drops_control_sequences_and_bidi_overrides(small_library_copy) -> None:
    """Turns are stored as typed; the page shows them without anything that reorders or hides text."""
    library = Library.open(small_library_copy.dir)
    try:
        store = SessionStore(small_library_copy.dir)
        session = ChatSession.start(library, store, make_planner("rules"), None)
        session.turn("\x1b]0;pwned\x07make it \u202etwice\u202c as \x1b[31mfast")
        chain = [v for v in session.versions() if v.number <= session.current.number]
        urls = ShareUrls("http://localhost/v/x", "/media/x.mp4", "http://localhost/media/x.mp4",
                         "/poster/x.jpg", "http://localhost/poster/x.jpg")
        page = share_page("A" * 32, "My \u202ecut\u2066 \x1b[31mred", chain, urls)
    finally:
        library.close()
    assert_no_raw_controls(page)
    assert not set(BIDI_CONTROLS) & set(page)
    assert "<h1 id='share-title'>My cut red</h1>" in page
    assert "<span class='turn'>make it twice as fast</span>" in page


@pytest.mark.parametrize("argv", [
    ["serve", "--backend", "nonsense", "--library", "{lib}"],
    ["plan", "x", "--backend", "llamacpp"],
    ["chat", "--message", "x", "--library", "{lib}"],
    ["shots", "x", "--library", "{lib}"],
    ["render", "v1", "--out", "cut.mp4", "--library", "{lib}"],
    ["export", "v1", "--format", "otio", "--out", "cut.otio", "--library", "{lib}"],
    ["reembed", "--library", "{lib}"],
])
def test_every_command_reports_errors_the_same_way(argv, tmp_path, capsys) -> None:
    code, out, err = run(capsys, *(arg.format(lib=tmp_path / "nowhere") for arg in argv))
    assert code == 2 and out == ""
    assert err.startswith("personalcut: error: ") and err.count("\n") == 1, err


def test_an_error_naming_a_hostile_file_is_escaped(hostile_video, tmp_path, capsys) -> None:
    folder = tmp_path / HOSTILE_NAME
    folder.mkdir()
    code, _, err = run(capsys, "ingest", str(folder), "--library", str(tmp_path / "lib"))
    assert code == 2 and err.startswith("personalcut: error: no video files found in ")
    assert_no_raw_controls(err)


def test_a_command_module_that_fails_to_import_is_not_skipped(monkeypatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "ui.cli_not_installed"))
    with pytest.raises(ModuleNotFoundError, match="ui.cli_not_installed"):
        cli.build_parser()
