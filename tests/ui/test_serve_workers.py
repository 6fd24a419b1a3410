"""``personalcut serve --workers 2``: one port, share pages answered by both workers, the chat by the editor,
and concurrent chat turns of different people each saved in their own session."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.sessions.share_links import ShareLinks
from assistant.sessions.store import SessionStore
from index.library import Library
from tests.ui.live_server import GradioSession, free_port, http_request
from ui.cli import main
from ui.serve_workers import WORKER_HEADER, is_share_path

ROOT = Path(__file__).resolve().parents[2]


class ServedWorkers:
    """``personalcut serve --workers 2`` in a child process; ``port`` as a LiveServer has one."""

    def __init__(self, library_dir: Path, log: Path) -> None:
        self.library_dir, self.port = library_dir, free_port()
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "serve", "--library", str(library_dir), "--port", str(self.port),
             "--workers", "2", "--backend", "rules", "--render-jobs", "1"],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 240
        while True:
            try:
                if http_request(self, "GET", "/config")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"serve --workers did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)

    def stop(self) -> int:
        self.process.terminate()
        try:
            return self.process.wait(timeout=60)
        finally:
            self._log.close()


@pytest.fixture(scope="module")
def workers(library_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedWorkers]:
    """Its own copy of the session library: two processes write to it here."""
    copy = tmp_path_factory.mktemp("workers") / "library"
    shutil.copytree(library_dir, copy, ignore=shutil.ignore_patterns("upload-cache"))
    served = ServedWorkers(copy, copy.parent / "serve.log")
    yield served
    assert served.stop() == 0  # SIGTERM: the workers stopped cleanly too
    assert not list(Path(served.library_dir, "upload-cache").glob("[0-9]*")), "a worker left its cache"


def test_concurrent_chat_turns_of_two_people_are_each_saved_in_their_own_session(
    workers: ServedWorkers,
) -> None:
    video = Library.open(workers.library_dir).videos()[0].id
    asks = {
        "ann": ["make it shorter", "crossfade", "add the title Ann"],
        "bob": ["double speed", "keep it under 3 seconds", "add the title Bob"],
    }

    def converse(name: str) -> tuple[str, list[str]]:
        tab = GradioSession(workers)
        replies, sid = [], None
        for text in asks[name]:
            reply = tab.call("message", [text, [], [video]])
            sid = sid or reply.outputs["session-id"]
            replies.append(reply.outputs["chat"][-2]["content"][0]["text"])  # the request it answered
        return sid, replies

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(asks, pool.map(converse, asks), strict=True))
    store = SessionStore(workers.library_dir)
    assert results["ann"][0] != results["bob"][0]
    for name, (sid, answered) in results.items():
        assert answered == asks[name]  # each reply answers its own person's request: no cross-talk
        versions = store.versions(sid)
        assert [v.turn for v in versions] == ["", *asks[name]]  # every turn saved, none from the other
        assert store.session(sid).current_version_id == versions[-1].id


def test_share_pages_come_from_both_workers_and_everything_else_from_the_editor(
    workers: ServedWorkers,
) -> None:
    tab = GradioSession(workers)
    video = Library.open(workers.library_dir).videos()[0].id
    sid = tab.call("message", ["keep only clip 1", [], [video]]).outputs["session-id"]
    version_id = SessionStore(workers.library_dir).session(sid).current_version_id
    link = ShareLinks(workers.library_dir).create(version_id, sid, "two workers")
    answered_by: dict[str, set[str]] = {}
    bodies: dict[str, set[bytes]] = {}
    for path in [f"/v/{link.id}", f"/media/{link.id}.mp4", f"/poster/{link.id}.jpg"] * 2:
        status, headers, body = http_request(workers, "GET", path)
        assert status == 200, (path, status)
        answered_by.setdefault(path.split("/")[1], set()).add(headers[WORKER_HEADER.lower()])
        bodies.setdefault(path, set()).add(body)
    assert set().union(*answered_by.values()) == {"0", "1"}
    assert all(len(b) == 1 for p, b in bodies.items() if not p.startswith("/v/"))  # the same file from both
    status, headers, _ = http_request(workers, "GET", f"/media/{link.id}.mp4", headers={"Range": "bytes=0-9"})
    assert status == 206 and headers["content-range"].startswith("bytes 0-9/")
    for _ in range(3):  # the chat app, its config and files: always the editor
        status, headers, _ = http_request(workers, "GET", "/config")
        assert (status, headers[WORKER_HEADER.lower()]) == (200, "0")
    assert http_request(workers, "GET", "/v/nosuchlink")[0] == 404


def test_share_paths_and_bad_counts() -> None:
    assert is_share_path("/v/abc") and is_share_path("/media/abc.mp4") and not is_share_path("/gradio_api/x")
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--workers", "0"])
    assert exit_info.value.code == 2
