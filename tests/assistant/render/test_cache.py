"""The render cache: hits refresh the LRU time, eviction drops the oldest first and never touches
the newest render, in-progress temp files or a live render's work folder."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.render.cache import cache_hit, evict
from index.sweep import RENDER_TEMP_PREFIX


def _file(path: Path, size: int, mtime_s: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, ns=(mtime_s * 10**9, mtime_s * 10**9))
    return path


def test_cache_hit_refreshes_the_mtime_of_a_cached_file(tmp_path: Path) -> None:
    cached = _file(tmp_path / "r.mp4", 10, mtime_s=1)
    assert cache_hit(cached)
    assert cached.stat().st_mtime_ns > 10**9  # now the most recently used


def test_cache_hit_is_false_for_a_missing_file_and_creates_nothing(tmp_path: Path) -> None:
    assert not cache_hit(tmp_path / "gone.mp4")
    assert not any(tmp_path.iterdir())


def test_a_hit_saves_a_file_from_the_next_eviction(tmp_path: Path) -> None:
    old = _file(tmp_path / "old.mp4", 100, mtime_s=1)
    newer = _file(tmp_path / "newer.mp4", 100, mtime_s=2)
    cache_hit(old)  # old is used again: newer is now the least recently used
    assert evict(tmp_path, 150) == [newer]
    assert old.exists()


def test_eviction_drops_least_recently_used_first(tmp_path: Path) -> None:
    files = [_file(tmp_path / "segments" / f"f{age}.mp4" if age % 2 else tmp_path / f"f{age}.mp4", 100, age)
             for age in range(10)]
    part = _file(tmp_path / ".f.mp4.x.mp4.part", 1000, mtime_s=0)  # a render in progress is never touched
    removed = evict(tmp_path, 450, keep=[files[0]])
    assert sorted(removed) == sorted(files[1:7])
    assert [p for p in files if p.exists()] == [files[0], *files[7:]]
    assert part.exists()


def test_part_files_are_never_evicted_even_when_they_alone_exceed_the_bound(tmp_path: Path) -> None:
    parts = [_file(tmp_path / f".cut{n}.mp4.pid1-abcdefgh.mp4.part", 500, mtime_s=n) for n in range(3)]
    finished = _file(tmp_path / "cut.mp4", 500, mtime_s=10)
    assert evict(tmp_path, 0) == [finished]
    assert all(p.exists() for p in parts)


def test_kept_files_stay_even_when_they_are_the_oldest(tmp_path: Path) -> None:
    newest_render = _file(tmp_path / "render.mp4", 300, mtime_s=1)
    its_segment = _file(tmp_path / "segments" / "seg.mp4", 300, mtime_s=2)
    other = _file(tmp_path / "other.mp4", 300, mtime_s=3)
    same_segment = tmp_path / "segments" / ".." / "segments" / "seg.mp4"
    removed = evict(tmp_path, 100, keep=[newest_render, same_segment])
    assert removed == [other]  # keep paths match after resolving; the bound cannot be met, nothing else goes
    assert newest_render.exists() and its_segment.exists()


def test_eviction_within_the_bound_removes_nothing(tmp_path: Path) -> None:
    files = [_file(tmp_path / f"f{n}.mp4", 100, mtime_s=n) for n in range(3)]
    assert evict(tmp_path, 300) == []
    assert all(p.exists() for p in files)


def test_eviction_leaves_a_live_render_work_folder_alone(tmp_path: Path) -> None:
    work = tmp_path / f"{RENDER_TEMP_PREFIX}pid1-abc"
    work.mkdir()
    segment = work / "seg0.ts"
    segment.write_bytes(b"x" * 400)
    old = tmp_path / "old.mp4"
    old.write_bytes(b"x" * 400)
    removed = evict(tmp_path, 100)
    assert removed == [old] and segment.exists()
