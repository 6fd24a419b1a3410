"""Server-wide services: uploads with an unusable model fail with a message, sessions stay apart."""

from __future__ import annotations

from pathlib import Path

from assistant.planner import make_planner
from index.clip_factory import create_embedder
from tests import media_factory
from tests.ui.live_server import LiveServer
from ui.services import Services


def test_upload_without_a_usable_model_reports_why(tmp_path: Path) -> None:
    services = Services(tmp_path / "lib", make_planner("rules"), lambda: create_embedder("no-such-model"))
    clip = media_factory.single_shot(tmp_path / "a.mp4", frames=10).path
    result = services.ingest(clip)
    assert result.status == "failed" and "unknown CLIP model 'no-such-model'" in result.error
    assert services.library.videos() == []


def test_sessions_are_separate_and_resume_by_id(server: LiveServer) -> None:
    services = server.services
    first, second = (v.id for v in services.library.videos()[:2])
    a, b = services.start([first]), services.start([second])
    services.run(a, lambda s: s.turn("make it shorter"))
    assert services.run(b, lambda s: s.current.number) == 0
    assert {c.video_id for c in services.run(b, lambda s: s.current.timeline.clips)} == {second}
    # A fresh Services (a restarted server) picks the same session up from the store.
    again = Services(server.library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"))
    assert again.run(a, lambda s: (s.current.number, s.current.turn)) == (1, "make it shorter")
