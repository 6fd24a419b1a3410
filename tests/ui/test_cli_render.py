"""``personalcut render`` / ``export`` over a real (tiny) library and a stored version."""

from __future__ import annotations

from pathlib import Path

import av
import opentimelineio as otio
import pytest

from assistant.session_store import SessionStore
from assistant.timeline import Clip, Timeline
from index.clip_factory import create_embedder
from index.ingest import ingest
from index.library import Library
from tests import media_factory
from ui.cli import main


@pytest.fixture(scope="module")
def stored_version(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Timeline]:
    base = tmp_path_factory.mktemp("cli-render")
    library_dir = base / "library"
    clip_file = media_factory.single_shot(base / "tone.mp4", audio=True).path
    [result] = ingest([clip_file], library_dir, create_embedder("tiny-random"))
    assert not result.error
    library = Library.open(library_dir)
    video = library.videos()[0]
    shot = library.shots(video.id)[0]
    library.close()
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
    assert capsys.readouterr().out.strip() == str(out)
    with av.open(str(out)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 30
        assert container.streams.audio


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
