"""``personalcut ingest | videos | shots | search`` end to end on generated clips."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.clip_factory import WEIGHTS_ENV
from ui.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOT_KEYS = {"index", "start_frame", "end_frame", "start", "end", "keyframes"}


@dataclass(frozen=True)
class CliLibrary:
    folder: Path  # the generated clips plus a text file
    library: Path
    ingest: tuple[int, str, str]  # exit code, stdout, stderr of the first ingest


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def cli_library(tmp_path_factory, media_clips) -> CliLibrary:
    """A folder of the generated clips ingested (with a renamed text file) through the CLI, once."""
    folder = tmp_path_factory.mktemp("cli-media")
    for clip in media_clips:
        shutil.copy(clip.path, folder / clip.path.name)
    (folder / "notes.txt").write_text("not a video, and not picked up from a folder")
    fake = tmp_path_factory.mktemp("cli-bad") / "holiday.mp4"
    fake.write_text("this is a text file renamed to .mp4\n")
    library = tmp_path_factory.mktemp("cli-library")
    result = run_main("ingest", str(folder), str(fake), "--library", str(library),
                      "--clip-model", "tiny-random")
    return CliLibrary(folder, library, result)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_folder_and_a_non_video_reports_each_file(cli_library, capsys) -> None:
    code, out, err = cli_library.ingest
    assert code == 1  # one file failed
    lines = out.splitlines()
    assert lines[0].startswith("added") and "cuts.mp4" in lines[0] and "4 shots" in lines[0]
    assert lines[1].startswith("added") and "single.mp4" in lines[1] and "1 shot, " in lines[1]
    assert lines[2].startswith("failed") and "holiday.mp4" in lines[2] and "not a video file" in lines[2]
    assert "2 of 3 files" in lines[3] and "1 failed" in lines[3]
    assert "meaningless" in err
    # again, without naming the model: the library's own is reused, so nothing changes
    code, out, _ = run(capsys, "ingest", str(cli_library.folder), "--library", str(cli_library.library))
    assert code == 0 and [line.split()[0] for line in out.splitlines()[:2]] == ["unchanged", "unchanged"]


def test_videos_shots_and_search_as_json(cli_library, media_clips, capsys) -> None:
    folder, library = cli_library.folder, cli_library.library
    code, out, _ = run(capsys, "videos", "--library", str(library), "--json")
    videos = json.loads(out)
    assert code == 0 and [Path(v["path"]).name for v in videos] == ["cuts.mp4", "single.mp4"]
    assert videos[0]["shots"] == 4 and videos[0]["searchable"] and videos[0]["fps"] == "25"
    cuts_id = videos[0]["id"]

    for ref in (str(folder / "cuts.mp4"), cuts_id, cuts_id[:6]):
        code, out, _ = run(capsys, "shots", ref, "--library", str(library), "--json")
        shots = json.loads(out)
        assert code == 0 and all(set(s) == SHOT_KEYS for s in shots)
        assert [s["start_frame"] for s in shots] == [0, *media_clips[0].cuts]
        assert shots[-1]["end_frame"] == media_clips[0].frames
        assert shots[1]["start"] == pytest.approx(media_clips[0].cuts[0] / media_clips[0].fps)

    code, out, err = run(capsys, "search", "a colourful test pattern", "--library", str(library), "-k", "3",
                         "--json")
    hits = json.loads(out)
    assert code == 0 and [h["rank"] for h in hits] == [1, 2, 3]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert {"video_id", "path", "start_tc", "end_tc"} | SHOT_KEYS <= set(hits[0])
    assert "meaningless" in err  # tiny-random is labelled wherever its scores show

    code, out, _ = run(capsys, "search", "anything", "--library", str(library),
                       "--video", str(folder / "single.mp4"), "--json")
    assert code == 0 and {h["video_id"] for h in json.loads(out)} == {videos[1]["id"]}
    code, out, _ = run(capsys, "search", "anything", "--library", str(library))
    assert code == 0 and out.splitlines()[0].startswith("  1. ")


def test_read_commands_fail_clearly(cli_library, capsys, tmp_path) -> None:
    library = cli_library.library
    code, _, err = run(capsys, "shots", "ffffffff", "--library", str(library))
    assert code == 2 and "no video 'ffffffff'" in err
    code, _, err = run(capsys, "search", "x", "--library", str(tmp_path / "nowhere"))
    assert code == 2 and "no library at" in err
    assert not (tmp_path / "nowhere").exists()


def test_default_model_offline_is_a_clear_error(capsys, monkeypatch, tmp_path, media_clips) -> None:
    from huggingface_hub import constants

    monkeypatch.delenv(WEIGHTS_ENV, raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    code, out, err = run(capsys, "ingest", str(media_clips[1].path), "--library", str(tmp_path / "lib"))
    assert code == 2 and out == ""
    assert "--clip-weights" in err and WEIGHTS_ENV in err and "ViT-B-32" in err


def test_the_installed_entry_point_lists_videos(cli_library) -> None:
    library = cli_library.library
    env = {k: v for k, v in os.environ.items() if k != "PERSONALCUT_LIBRARY"}
    proc = subprocess.run([sys.executable, "-m", "ui.cli", "videos", "--library", str(library)],
                          capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "2 videos; model tiny-random-seed0" in proc.stdout


@pytest.mark.parametrize(("setting", "message"), [
    ("gpu", "PERSONALCUT_DECODE='gpu': use one of auto, cpu, cuda"),
    ("cuda", "PERSONALCUT_DECODE=cuda, but NVDEC cannot be used: "),
])
def test_ingest_with_a_decoder_it_cannot_use_stops_before_the_library(tmp_path, media_clips, monkeypatch,
                                                                       capsys, setting, message) -> None:
    from index import nvdec

    nvdec.cuda_unavailable.cache_clear()
    if setting == "cuda" and nvdec.cuda_unavailable() is None:
        pytest.skip("NVDEC works here")
    monkeypatch.setenv(nvdec.DECODE_ENV, setting)
    library = tmp_path / "library"
    try:
        code, out, err = run(capsys, "ingest", str(media_clips[0].path), "--library", str(library),
                             "--clip-model", "tiny-random")
    finally:
        nvdec.use_decoder("auto")  # main() set this process's decoder from the variable
    assert code == 2 and out == ""
    assert message in err
    assert not library.exists()  # nothing written, nothing to clean up
