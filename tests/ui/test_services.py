"""Server-wide services: uploads with an unusable model fail with a message, sessions stay apart."""

from __future__ import annotations

from pathlib import Path

from assistant.planning.factory import make_planner
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


def test_upload_uses_the_library_model_and_indexes_dialogue(tmp_path: Path) -> None:
    from index.dialogue import ASR_OFF
    from index.ingest import ingest

    library_dir = tmp_path / "lib"
    first = media_factory.single_shot(tmp_path / "first.mp4", frames=20).path
    [built] = ingest([first], library_dir, create_embedder("tiny-random-seed1"))
    # the factory's model differs from the library's: uploads must not use it (that would drop `first`)
    services = Services(library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"),
                        asr_model=str(tmp_path / "no-whisper-here"))
    upload = media_factory.single_shot(tmp_path / "upload.mp4", frames=30, audio=True).path
    upload.with_suffix(".srt").write_text("1\n00:00:00,100 --> 00:00:01,000\nHello there.\n")
    result = services.ingest(upload)
    assert (result.status, result.dialogue_source, result.cues) == ("added", "sidecar", 1), result.error
    assert services.library.model.model_id == "tiny-random-seed1"
    assert {v.model_id for v in services.library.stored_videos()} == {"tiny-random-seed1"}
    hits = services.library.search("anything", k=10)
    assert {h.shot.video_id for h in hits} == {built.video.id, result.video.id}  # both searchable
    # without subtitles the upload asks for speech recognition, which says clearly why it is off
    bare = media_factory.single_shot(tmp_path / "bare.mp4", frames=25, audio=True).path
    plain = services.ingest(bare)
    assert plain.status == "added" and plain.cues == 0
    assert any(w.startswith(ASR_OFF) and "no-whisper-here" in w for w in plain.warnings)


def test_previews_are_prepared_in_the_background_and_exports_carry_subtitles(tmp_path: Path) -> None:
    from assistant.render.preview import proxy_path
    from index.ingest import ingest

    library_dir = tmp_path / "lib"
    first = media_factory.single_shot(tmp_path / "first.mp4", frames=20, audio=True).path
    first.with_suffix(".srt").write_text("1\n00:00:00,100 --> 00:00:00,500\nFirst line.\n")
    [built] = ingest([first], library_dir, create_embedder("tiny-random"))
    services = Services(library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"))
    services.wait_for_previews()
    assert proxy_path(library_dir, built.video).is_file()  # prepared at start for existing videos
    upload = media_factory.single_shot(tmp_path / "upload.mp4", frames=30, audio=True).path
    added = services.ingest(upload)
    services.wait_for_previews()
    assert proxy_path(library_dir, added.video).is_file()  # and after an upload
    session = services.start([built.video.id])
    files = services.export_all(services.run(session, lambda s: s.current))
    assert [f.suffix for f in files] == [".mp4", ".otio", ".edl", ".fcpxml", ".xml", ".srt"]
    assert "First line." in files[-1].read_text()


def test_search_models_are_warmed_while_the_page_loads(tmp_path: Path) -> None:
    """CLIP's text side (and the captions every visual search compares against) load at start, so the
    first request does not pay for them; they are shared by every session of the process."""
    import threading

    from assistant.retrieval import visual
    from index.ingest import ingest

    library_dir = tmp_path / "lib"
    clip = media_factory.single_shot(tmp_path / "a.mp4", frames=20).path
    ingest([clip], library_dir, create_embedder("tiny-random-seed7"), faces=False)
    key = ("tiny-random-seed7", visual.CONTRAST_PROMPTS)
    assert key not in visual._CONTRAST_VECTORS
    Services(library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"),
             prepare_previews=False)
    for thread in [t for t in threading.enumerate() if t.name == "search-warm-up"]:
        thread.join(timeout=60)
    assert len(visual._CONTRAST_VECTORS[key]) == len(visual.CONTRAST_PROMPTS)
