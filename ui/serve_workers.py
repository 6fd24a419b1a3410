"""``personalcut serve --workers N``: N app processes behind one port, on one library.

Who does what:
- The front (the ``serve`` process itself) listens on the port and only forwards requests, by path.
- Worker 0, the *editor*, runs the whole app: the chat (Gradio), uploads (ingest), exports, and share
  pages too. It is the only process that writes sessions, versions, share links, the cast and the
  index (ingest's one writer).
- Workers 1..N-1, the *viewers*, serve share pages, their videos, posters and recipes (``/v/``,
  ``/media/``, ``/poster/``, ``/recipe/``). They read the library; they write only render-cache files
  (atomically: two processes making one preview cost a duplicate encode, never a torn file) and the
  share pages' short view-count transactions.
Share requests go to all N workers in turn; everything else goes to the editor. Every process opens
SQLite in WAL mode with a 30 s busy timeout (``index/db.py``): readers never wait for the writer, and
writers queue for the lock instead of failing.

Why the chat stays in one process: Gradio keeps each browser's state (``gr.State``, the queue's event
streams, uploaded files in its cache) in process memory, and one browser's requests (join, then the
event stream; upload, then the event naming the file) arrive on separate connections, which
SO_REUSEPORT would spread across processes. Sticky routing would keep a browser on one worker, but
not a cut: the same session opened in two tabs would live in two processes (each with stale versions),
and two processes ingesting at once would both write the FAISS index. A chat turn's heavy work runs in
ffmpeg children and the job pools anyway, so one editor uses every core; what many people open at once,
a share page, is what scales out.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI, Request, Response
from starlette.background import BackgroundTask
from starlette.responses import PlainTextResponse, StreamingResponse

from index.child_process import kill_group, spawn

SHARE_PREFIXES = ("/v/", "/media/", "/poster/", "/recipe/")
WORKER_HEADER = "X-Personalcut-Worker"  # which worker answered (0: the editor)
# Hop-by-hop headers (RFC 9110 7.6.1) end at each hop; the front sets its own.
HOP_HEADERS = frozenset({b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
                         b"trailer", b"transfer-encoding", b"upgrade"})
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Worker:
    index: int
    socket: Path
    client: httpx.AsyncClient

    @property
    def role(self) -> str:
        return "editor" if self.index == 0 else "viewer"


def is_share_path(path: str) -> bool:
    return path.startswith(SHARE_PREFIXES)


def front_app(workers: Sequence[Worker]) -> FastAPI:
    """Forward share requests to the workers in turn and everything else to the editor, streaming both
    ways (uploads in, videos and Gradio's event streams out)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    turns = itertools.cycle(workers)

    @app.api_route("/{rest:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                   include_in_schema=False)
    async def forward(request: Request) -> Response:
        worker = next(turns) if is_share_path(request.url.path) else workers[0]
        target = request.scope["raw_path"].decode("latin-1")
        if request.scope["query_string"]:
            target += "?" + request.scope["query_string"].decode("latin-1")
        headers = [(k, v) for k, v in request.headers.raw if k.lower() not in HOP_HEADERS]
        upstream = worker.client.build_request(request.method, "http://worker" + target, headers=headers,
                                               content=request.stream())
        try:
            answer = await worker.client.send(upstream, stream=True)
        except httpx.TransportError:
            return PlainTextResponse(f"The {worker.role} process is not answering.", status_code=502)
        response = StreamingResponse(answer.aiter_raw(), status_code=answer.status_code,
                                     background=BackgroundTask(answer.aclose))
        response.raw_headers = [(k, v) for k, v in answer.headers.raw if k.lower() not in HOP_HEADERS]
        return response

    return app


def tag_worker(app: FastAPI, index: int) -> None:
    """Every answer of worker ``index`` names it (``X-Personalcut-Worker``), for logs and tests."""

    @app.middleware("http")
    async def name_worker(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers[WORKER_HEADER] = str(index)
        return response


def worker_command(args: argparse.Namespace, library: Path, index: int, socket_path: Path) -> list[str]:
    """The ``personalcut serve`` command line of one worker: this serve's settings, on a Unix socket."""
    command = [sys.executable, "-m", "ui.cli", "serve", "--library", str(library),
               "--host", args.host, "--max-upload", str(args.max_upload), "--backend", args.backend,
               "--clip-model", args.clip_model, "--clip-pretrained", args.clip_pretrained,
               "--worker-socket", str(socket_path), "--worker-index", str(index)]
    for flag, value in (("--model", args.model), ("--base-url", args.base_url),
                        ("--clip-weights", args.clip_weights), ("--asr-model", args.asr_model),
                        ("--render-jobs", args.render_jobs), ("--ingest-jobs", args.ingest_jobs)):
        if value is not None:
            command += [flag, str(value)]
    for name in args.allowed_host:
        command += ["--allowed-host", name]
    return command


def _answers(socket_path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(socket_path))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def started_workers(args: argparse.Namespace, library: Path, count: int) -> Iterator[list[Worker]]:
    """``count`` worker processes, each answering on its own Unix socket in a private folder; all are
    stopped (with anything they started) when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="personalcut-workers-"))  # mode 0700: only we can connect
    processes = []
    try:
        sockets = [folder / f"worker-{index}.sock" for index in range(count)]
        for index, path in enumerate(sockets):
            processes.append(spawn(worker_command(args, library, index, path)))
        deadline = time.monotonic() + START_TIMEOUT_S
        for index, (process, path) in enumerate(zip(processes, sockets, strict=True)):
            while not _answers(path):
                if process.poll() is not None:
                    raise RuntimeError(f"worker {index} stopped (status {process.returncode}) while starting")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"worker {index} did not start within {START_TIMEOUT_S:.0f} s")
                time.sleep(0.1)
        timeout = httpx.Timeout(10.0, read=None)  # Gradio's event streams stay open as long as a turn runs
        yield [Worker(index, path, httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=str(path)),
                                                     timeout=timeout))
               for index, path in enumerate(sockets)]
    finally:
        for process in processes:  # SIGTERM: each finishes its requests and cleans its cache folder
            process.terminate()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
            kill_group(process)  # what is left of it, and its ffmpeg children
        shutil.rmtree(folder, ignore_errors=True)
