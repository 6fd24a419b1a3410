"""Shared by the UI tests and ``benchmarks/bench_ui.py``: a small library, a live server, Chromium.

Servers run uvicorn in a thread on a free localhost port and can be stopped and started again on the
same library to check what survives a restart.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from assistant.planning.factory import make_planner
from index.clip_factory import create_embedder
from index.ingest import ingest
from tests import media_factory
from tests.media_factory import SHARED_MEDIA
from ui.app import create_app
from ui.services import Services

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync",
]
REAL_CLIP = SHARED_MEDIA / "kivy_cityCC0_skyscrapers.mpg"


def build_library(media_dir: Path, library_dir: Path) -> Path:
    """Two generated clips ("four_shots", "tone" with audio) and the real clip when present."""
    paths = [
        media_factory.hard_cuts(media_dir / "four_shots.mp4").path,
        media_factory.single_shot(media_dir / "tone.mp4", audio=True).path,
    ]
    if REAL_CLIP.is_file():
        paths.append(REAL_CLIP)
    failed = [r for r in ingest(paths, library_dir, create_embedder("tiny-random")) if r.error]
    if failed:
        raise RuntimeError(f"could not build the test library: {failed}")
    return library_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving ``create_app`` for one library, in a daemon thread."""

    def __init__(self, library_dir: Path, **services_options: Any) -> None:
        """``services_options`` go to ``Services`` (e.g. ``max_upload``)."""
        self.library_dir = library_dir
        self.services_options = services_options
        self.port = free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.services: Services | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        """A fresh Services and app each time, as a restarted process would build them."""
        self.services = Services(
            self.library_dir, make_planner("rules"), lambda: create_embedder("tiny-random"),
            **self.services_options,
        )
        config = uvicorn.Config(
            create_app(self.services), host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
            self._server = None


def http_request(
    server: LiveServer, method: str, path: str, body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """One raw request (the path goes out exactly as written); header names come back lower-case."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def gradio_call(server: LiveServer, api_name: str, data: list[Any]) -> tuple[str, str]:
    """POST ``/gradio_api/call/<api_name>`` as any client can, then read its SSE result: (event, data)."""
    status, _, body = http_request(
        server, "POST", f"/gradio_api/call/{api_name}", json.dumps({"data": data}).encode(),
        {"Content-Type": "application/json"},
    )
    if status != 200:
        raise RuntimeError(f"/gradio_api/call/{api_name} answered {status}: {body[:300]!r}")
    event_id = json.loads(body)["event_id"]
    _, _, stream = http_request(server, "GET", f"/gradio_api/call/{api_name}/{event_id}")
    events = [block for block in stream.decode().split("\n\n") if block.startswith("event: ")]
    last = events[-1].split("\n", 1)
    return last[0].removeprefix("event: "), last[1].removeprefix("data: ") if len(last) > 1 else ""
