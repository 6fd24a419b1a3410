"""Previews: playable H.264/AAC, cached by timeline, segments reused, cache size bounded
(the cache itself: test_cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import av
import pytest

from assistant.render.preview import prepare_proxies, preview, proxy_path, renders_dir
from index.probe import probe
from index.shot import Shot
from tests.render_media import DictSource, clip, numbered_video, read_numbers, timeline


@pytest.fixture(scope="session")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.getbasetemp() / "render-media"
    base.mkdir(exist_ok=True)
    return {
        "h264": probe(numbered_video(base / "numbered.mp4")),
        "silent": probe(numbered_video(base / "numbered.mpg", codec=["-c:v", "mpeg2video", "-q:v", "2"],
                                       audio=False)),
    }


def _decode_all(path: Path) -> tuple[int, str, str]:
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        names = (video.codec_context.name, audio.codec_context.name)
        frames = sum(1 for _ in container.decode(video=0))
    with av.open(str(path)) as container:
        samples = sum(f.samples for f in container.decode(audio=0))
    assert samples > 0
    return frames, *names


def test_preview_plays_as_h264_aac_with_every_frame(videos: dict, tmp_path: Path) -> None:
    h264, silent = videos["h264"], videos["silent"]
    tl = timeline(clip(h264, 10, 35), clip(silent, 0, 25), clip(h264, 60, 85), title="Preview")
    out = preview(tl, DictSource(h264, silent), tmp_path)
    assert out.parent == renders_dir(tmp_path)
    frames, vcodec, acodec = _decode_all(out)
    assert (vcodec, acodec) == ("h264", "aac")
    title = int(2 * h264.fps)
    assert frames == title + 3 * 25  # three one-second clips at the cut's own 25 fps
    with av.open(str(out)) as container:
        assert (container.streams.video[0].width, container.streams.video[0].height) == (640, 360)
    # at the cut's own rate the preview has exactly the source frames, as the full render does
    numbers = read_numbers(out, size=(h264.width, h264.height))
    assert numbers[title:title + 25] == list(range(10, 35))
    assert numbers[title + 50:] == list(range(60, 85))


def test_second_preview_is_a_cache_hit(videos: dict, tmp_path: Path) -> None:
    h264 = videos["h264"]
    tl = timeline(clip(h264, 0, 20), clip(h264, 40, 50))
    first = preview(tl, DictSource(h264), tmp_path)
    os.utime(first, ns=(1, 1))
    for segment in (renders_dir(tmp_path) / "segments").iterdir():
        segment.unlink()  # a hit needs neither segments nor ffmpeg
    second = preview(tl, DictSource(h264), tmp_path)
    assert second == first and second.stat().st_mtime_ns > 1  # and it refreshed the LRU time
    assert not any((renders_dir(tmp_path) / "segments").iterdir())


def test_prepared_shots_are_reused_by_any_cut_of_them(videos: dict, tmp_path: Path) -> None:
    h264 = videos["h264"]
    fps = h264.fps
    bounds = [(0, 30), (30, 70), (70, 100)]
    shots = [Shot(h264.id, i, a, b, a / fps, b / fps) for i, (a, b) in enumerate(bounds)]
    prepare_proxies(h264, shots, tmp_path)
    segments = renders_dir(tmp_path) / "segments"
    prepared = sorted(segments.iterdir())
    assert len(prepared) == 3
    tl = timeline(clip(h264, 70, 100), clip(h264, 0, 30))
    out = preview(tl, DictSource(h264), tmp_path)
    assert sorted(segments.iterdir()) == prepared  # nothing new encoded
    assert _decode_all(out)[0] == 60  # the cut's own rate: every source frame once

    proxy = proxy_path(tmp_path, h264)
    assert proxy.is_file()
    # a clip that is not a whole shot is cut from the proxy, frame-exactly
    trimmed = preview(timeline(clip(h264, 41, 66)), DictSource(h264), tmp_path)
    numbers = read_numbers(trimmed, size=(h264.width, h264.height))
    assert numbers == list(range(41, 66))


def test_preview_cache_keeps_its_bound_and_the_newest_render(videos: dict, tmp_path: Path) -> None:
    h264 = videos["h264"]
    source = DictSource(h264)
    older = preview(timeline(clip(h264, 0, 15)), source, tmp_path)
    os.utime(older, ns=(10**9, 10**9))
    newest = preview(timeline(clip(h264, 5, 9)), source, tmp_path, max_cache_bytes=1)
    assert newest.exists() and not older.exists()
    left = [p for p in renders_dir(tmp_path).rglob("*") if p.is_file()]
    assert newest in left and all(p == newest or p.parent.name == "segments" for p in left)


def test_concurrent_previews_encode_each_segment_once(
    videos: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many viewers asking for the same new cut at once share one encode per segment (no pile-up)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from assistant.render import preview as preview_module

    real_run = preview_module.run_ffmpeg
    encodes: list[str] = []
    active, most_active = [0], [0]
    lock = threading.Lock()

    def counting_run(args, **kwargs):
        what = kwargs.get("what", "")
        encoding = what.startswith("preview segment")
        with lock:
            encodes.append(what)
            active[0] += encoding
            most_active[0] = max(most_active[0], active[0])
        try:
            return real_run(args, **kwargs)
        finally:
            with lock:
                active[0] -= encoding

    monkeypatch.setattr(preview_module, "run_ffmpeg", counting_run)
    h264 = videos["h264"]
    # Different cuts sharing two clips, asked for by 6 viewers at once.
    cuts = [timeline(clip(h264, 0, 20), clip(h264, 40, 50), clip(h264, 60 + i, 70 + i)) for i in range(3)]
    with ThreadPoolExecutor(6) as pool:
        outs = list(pool.map(lambda tl: preview(tl, DictSource(h264), tmp_path), cuts * 2))
    assert len({str(p) for p in outs}) == 3 and all(p.is_file() for p in outs)
    segments = [w for w in encodes if w.startswith("preview segment")]
    assert len(segments) == 2 + 3  # the two shared clips once each, then one per distinct third clip
    assert most_active[0] <= (os.cpu_count() or 1)  # encodes wait for a slot instead of thrashing
