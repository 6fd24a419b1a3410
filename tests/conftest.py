"""Session-wide fixtures shared by every test package: a tiny CLIP and a small ingested library.

Both are cheap (a 3M-parameter random CLIP; two generated clips of a few seconds at 160x90) and
built once per session. Tests that modify a library must use ``small_library_copy``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.media_factory import Clip, hard_cuts, single_shot

# The default planner downloads a 1.1 GB model on first use; the suite never should (tests that cover
# the download point it at a loopback server, and LLM tests name their fixture model explicitly).
os.environ.setdefault("PERSONALCUT_LLM", "none")


def _pin_this_worker() -> None:
    """Under ``pytest -n N``, each worker (and what it starts: ffmpeg, Chromium, llama.cpp, torch) runs on its
    own share of the cores. Sharing them all, two workers ran more threads than cores, and the waiting threads
    of llama.cpp and OpenMP spun on cores the other worker needed (benchmarks/results-notes.md, part 55)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 0)
    if not worker.startswith("gw") or count < 2 or not hasattr(os, "sched_setaffinity"):
        return
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < count:
        return  # fewer cores than workers: they share whatever they are given
    mine = set(cores[int(worker[2:]) % count :: count])
    for task in os.listdir("/proc/self/task"):  # every thread the worker has started so far
        try:
            os.sched_setaffinity(int(task), mine)
        except OSError:
            pass


_pin_this_worker()


@dataclass(frozen=True)
class SmallLibrary:
    dir: Path
    clips: tuple[Clip, ...]  # ground truth of the ingested files, in ingest order
    video_ids: tuple[str, ...]  # aligned with ``clips``


@pytest.fixture(scope="session")
def tiny_embedder():
    from index.clip_factory import create_embedder

    return create_embedder("tiny-random")


@pytest.fixture(scope="session")
def media_clips(tmp_path_factory) -> tuple[Clip, ...]:
    """A 4-shot hard-cut clip and a 1-shot clip with audio (160x90, 25 fps, ~10 s together)."""
    root = tmp_path_factory.mktemp("media")
    return hard_cuts(root / "cuts.mp4"), single_shot(root / "single.mp4", frames=50, audio=True)


@pytest.fixture(scope="session")
def small_library(tmp_path_factory, media_clips, tiny_embedder) -> SmallLibrary:
    """``media_clips`` ingested with tiny-random into a fresh library. Read-only: copy before writing."""
    from index.ingest import ingest

    directory = tmp_path_factory.mktemp("library")
    results = ingest([c.path for c in media_clips], directory, tiny_embedder)
    failed = [r.error for r in results if r.status != "added"]
    assert not failed, failed
    return SmallLibrary(directory, media_clips, tuple(r.video.id for r in results))


@pytest.fixture
def small_library_copy(small_library, tmp_path) -> SmallLibrary:
    """A private copy of ``small_library`` that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(small_library.dir, target)
    return SmallLibrary(target, small_library.clips, small_library.video_ids)


@pytest.fixture(scope="session")
def sentence_model():
    """The dialogue search's sentence embedder (the bundled MiniLM offline), loaded once per run."""
    from index.sentence_embedder import SentenceModelUnavailable, sentence_embedder

    try:
        return sentence_embedder()
    except SentenceModelUnavailable as exc:
        pytest.skip(f"sentence model unavailable: {exc}")


# The session fixtures of tests/ui/conftest.py: one served library and one browser for the app's tests.
_APP_FIXTURES = frozenset({"library_dir", "server", "browser"})


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups into the test ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under ``pytest -n N --dist loadgroup`` (as ``make test`` runs it), a test module stays on one worker,
    so its module fixtures are built once, and the tests of the served app share one worker, so its library
    and browser are built once. That group is the longest, so it goes first: scheduled last, it ran alone
    for minutes at the end."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        app = bool(_APP_FIXTURES.intersection(getattr(item, "fixturenames", ())))
        item.add_marker(pytest.mark.xdist_group("app" if app else item.nodeid.split("::")[0]))
    items.sort(key=lambda item: not _APP_FIXTURES.intersection(getattr(item, "fixturenames", ())))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """Stop a run whose groups did not take: with pytest 9.2 and pytest-xdist 3.8 (its issue 1386),
    ``--dist loadgroup`` spread every module over both workers and each built every fixture again (1,299 s
    against 1,172 s on 2 cores, benchmarks/results-notes.md, part 55)."""
    if node.config.getvalue("dist") == "loadgroup" and ids and not any("@" in nodeid for nodeid in ids):
        raise pytest.UsageError(
            f"pytest {pytest.__version__} with this pytest-xdist ignores xdist_group (no test id carries its "
            "group): install the versions pyproject.toml's dev extra names (make test does)")
