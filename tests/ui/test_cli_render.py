"""``personalcut render`` / ``export`` over a real (tiny) library and a stored version."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import opentimelineio as otio
import pytest

from assistant.sessions.store import SessionStore
from assistant.timeline.model import Clip, Timeline
from index.clip_factory import create_embedder
from index.dialogue import index_dialogue
from index.ingest import ingest
from index.library import Library
from tests import media_factory
from ui.cli import main


@pytest.fixture(scope="module")
def stored_version(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Timeline]:
    base = tmp_path_factory.mktemp("cli-render")
    library_dir = base / "library"
    clip_file = media_factory.single_shot(base / "tone.mp4", audio=True).path
    # One line inside the first clip (frames 10-30) and one outside the cut.
    clip_file.with_suffix(".srt").write_text(
        "1\n00:00:00,500 --> 00:00:00,900\nIn the cut.\n\n2\n00:00:01,400 --> 00:00:01,600\nNot in it.\n")
    [result] = ingest([clip_file], library_dir, create_embedder("tiny-random"))
    assert not result.error
    library = Library.open(library_dir)
    video = library.videos()[0]
    shot = library.shots(video.id)[0]
    library.close()
    index_dialogue(video, [shot], library_dir, use_asr=False)
    fps = video.fps
    timeline = Timeline(clips=tuple(Clip(video.id, a, b, a / fps, b / fps) for a, b in ((10, 30), (50, 60))))
    assert shot.end_frame >= 60
    store = SessionStore(library_dir)
    session = store.create_session([video.id], timeline=timeline)
    return library_dir, store.session(session).current_version_id, timeline


def test_render_writes_the_cut(stored_version, tmp_path: Path, capsys) -> None:
    library_dir, version_id, timeline = stored_version
    out = tmp_path / "cut.mp4"
    assert main(["render", version_id, "--library", str(library_dir), "--out", str(out)]) == 0
    srt = out.with_suffix(".srt")
    assert capsys.readouterr().out.split() == [str(out), str(srt)]
    with av.open(str(out)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 30
        assert container.streams.audio
    # The line at 0.5-0.9 s of the source sits 0.5 s into the first clip (which starts at frame 10).
    start = float(Fraction("0.5") - timeline.clips[0].start)
    assert "In the cut." in srt.read_text() and "Not in it." not in srt.read_text()
    first_time = srt.read_text().splitlines()[1].split(" --> ")[0]  # "00:00:00,083"
    assert abs(float(first_time.split(":")[-1].replace(",", ".")) - start) < 0.002, first_time


def test_export_otio_and_bad_input(stored_version, tmp_path: Path, capsys) -> None:
    library_dir, version_id, timeline = stored_version
    out = tmp_path / "cut.otio"
    args = ["export", version_id, "--library", str(library_dir), "--format", "otio", "--out", str(out)]
    assert main(args) == 0
    assert len(list(otio.adapters.read_from_file(str(out)).find_clips())) == len(timeline.clips)
    capsys.readouterr()
    assert main(["render", "nope", "--library", str(library_dir), "--out", str(tmp_path / "x.mp4")]) == 2
    assert "no version 'nope'" in capsys.readouterr().err
    assert main(["export", version_id, "--library", str(tmp_path / "absent"), "--format", "edl",
                 "--out", str(tmp_path / "x.edl")]) == 2
    assert "no library" in capsys.readouterr().err
    assert not (tmp_path / "x.mp4").exists() and not (tmp_path / "x.edl").exists()
