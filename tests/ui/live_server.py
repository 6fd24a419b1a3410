"""Shared by the UI tests and ``benchmarks/bench_ui.py``: a small library, a live server, Chromium.

Servers run uvicorn in a thread on a free localhost port and can be stopped and started again on the
same library to check what survives a restart.
"""

from __future__ import annotations

import http.client
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass
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
    """Two generated clips ("four_shots", "tone" with audio) and the real clip, or a third generated one where
    the shared media are absent (a fresh clone): the app's tests see three videos either way."""
    paths = [
        media_factory.hard_cuts(media_dir / "four_shots.mp4").path,
        media_factory.single_shot(media_dir / "tone.mp4", audio=True).path,
        REAL_CLIP if REAL_CLIP.is_file() else media_factory.dissolve(media_dir / "dissolve.mp4").path,
    ]
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


@dataclass(frozen=True)
class GradioReply:
    messages: list[dict[str, Any]]  # every queue message of the event, the last being process_completed
    outputs: dict[str, Any]  # the new values of the outputs that have an elem_id, by elem_id

    @property
    def progress(self) -> list[str]:
        """The progress texts the page showed while the event ran ("Export queued: …", "Rendering")."""
        return [unit["desc"] for m in self.messages if m["msg"] == "progress" for unit in m["progress_data"]]

    @property
    def reply(self) -> str:
        """The chat's last message (the assistant's answer)."""
        return self.outputs["chat"][-1]["content"][0]["text"]


class GradioSession:
    """One browser tab speaking Gradio's own queue protocol (join, then its session's SSE stream), so the
    page's ``gr.State`` values (the session id) persist between calls, and queue and progress messages are
    seen. Works through ``personalcut serve --workers`` as well as against a ``LiveServer``."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.session_hash = secrets.token_hex(8)
        _, _, body = http_request(server, "GET", "/config")
        config = json.loads(body)
        self._components = {c["id"]: c for c in config["components"]}
        self._dependencies = config["dependencies"]
        self._events = {d["api_name"]: d for d in self._dependencies if d.get("api_name")}

    def call(self, api_name: str, values: list[Any]) -> GradioReply:
        """Run the event named ``api_name`` with ``values`` for its inputs other than ``gr.State`` (those the
        server keeps for this session). Raises when the event failed."""
        return self._run(self._events[api_name], values)

    def click(self, elem_id: str, values: list[Any]) -> GradioReply:
        """Run what a click on the button ``elem_id`` runs, with ``values`` as the page would send them (but
        without the page's own ``js``: what a hostile client sends instead)."""
        button = next(i for i, c in self._components.items() if c["props"].get("elem_id") == elem_id)
        event = next(d for d in self._dependencies if [button, "click"] in d["targets"])
        return self._run(event, values)

    def select(self, elem_id: str, values: list[Any], event_data: Any) -> GradioReply:
        """Run what a select on ``elem_id`` runs, with ``event_data`` as its ``gr.SelectData`` payload (what
        the page's script would send: {"index", "value"}; a hostile client sends anything)."""
        component = next(i for i, c in self._components.items() if c["props"].get("elem_id") == elem_id)
        event = next(d for d in self._dependencies if [component, "select"] in d["targets"])
        return self._run(event, values, event_data)

    def _run(self, event: dict[str, Any], values: list[Any], event_data: Any = None) -> GradioReply:
        given = iter(values)
        data = [None if self._components[i]["type"] == "state" else next(given) for i in event["inputs"]]
        payload = {"data": data, "fn_index": event["id"], "session_hash": self.session_hash,
                   "event_data": event_data, "trigger_id": None}
        status, _, body = http_request(self.server, "POST", "/gradio_api/queue/join",
                                       json.dumps(payload).encode(), {"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"queue/join for {event.get('api_name')} answered {status}: {body[:300]!r}")
        event_id = json.loads(body)["event_id"]
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=300)
        messages: list[dict[str, Any]] = []
        try:
            conn.request("GET", f"/gradio_api/queue/data?session_hash={self.session_hash}")
            stream = conn.getresponse()
            for line in stream:
                if not line.startswith(b"data: "):
                    continue
                message = json.loads(line[6:])
                if message.get("event_id") not in (None, event_id):
                    continue
                messages.append(message)
                if message.get("msg") == "process_completed":
                    break
        finally:
            conn.close()
        if not messages or messages[-1].get("msg") != "process_completed" or not messages[-1].get("success"):
            raise RuntimeError(f"{event.get('api_name')} failed: {messages[-1:]}")
        outputs = {}
        for component, value in zip(event["outputs"], messages[-1]["output"]["data"], strict=False):
            elem_id = self._components[component]["props"].get("elem_id")
            if elem_id:
                outputs[elem_id] = value
        return GradioReply(messages, outputs)
