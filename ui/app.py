"""The web app: FastAPI with the share routes, and the Gradio chat UI mounted at ``/``.

Everything is served from this process and nothing phones home: analytics off, system fonts instead
of Google Fonts, no share tunnel, no server-side rendering node. Gradio may serve files only from
the library's thumbnail, render and export folders and its own cache; the database is blocked. Faces in
the Cast panel come from ``/cast/face/<number>.jpg``: looked up by character number, never by a path.
Client-supplied file payloads are checked by Gradio itself (see ``create_app``).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import gradio as gr
from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response

from assistant.render.preview import poster
from index.library_paths import LibraryPaths
from ui.cast_view import FACE_ROUTE, face_file
from ui.chat_view import CSS, build_blocks
from ui.services import Services
from ui.settings import disable_gradio_analytics
from ui.share_routes import names_from, share_router
from ui.web_security import allowed_host_names, harden

# Gradio's cache (uploads in flight, copies of what it shows) forgets files older than this.
CACHE_SWEEP_SECONDS = 600
CACHE_MAX_AGE_SECONDS = 3600
# Default look with local fonts only: the stock theme would fetch Inter from fonts.googleapis.com.
# Primary buttons one shade darker than Gradio's: white on orange-500 is 2.8:1, under WCAG AA's 4.5:1.
THEME = gr.themes.Default(
    primary_hue="orange", font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
).set(
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    button_primary_background_fill_dark="*primary_700",
    button_primary_background_fill_hover_dark="*primary_800",
    button_primary_text_color="white",
)
_process_cache: Path | None = None
_SESSION_ID = re.compile(r"[0-9a-f]{20}")  # SessionStore's ids: secrets.token_hex(10)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def gradio_cache_dir(paths: LibraryPaths) -> Path:
    """This process's Gradio cache, under the library (so uploads move into ``media/`` by rename).

    Gradio reads ``GRADIO_TEMP_DIR`` when it builds components and checks uploads, so it is set once
    per process; it is removed at exit, and folders of processes that died (killed) are swept here.
    """
    global _process_cache
    if _process_cache is None:
        root = paths.upload_cache
        root.mkdir(parents=True, exist_ok=True)
        for stale in root.iterdir():
            if stale.name.isdigit() and int(stale.name) != os.getpid() and not _pid_alive(int(stale.name)):
                shutil.rmtree(stale, ignore_errors=True)
        _process_cache = root / str(os.getpid())
        _process_cache.mkdir(exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(_process_cache)
        atexit.register(shutil.rmtree, _process_cache, ignore_errors=True)
    return _process_cache


def create_share_app(
    services: Services, host: str | None = None, allowed_hosts: Iterable[str] = (),
) -> FastAPI:
    """Only the share pages, their media, posters and recipes: what a viewer worker serves
    (``personalcut serve --workers``), and the base the full app adds the chat to."""
    app = FastAPI(title="personalcut", docs_url=None, redoc_url=None, openapi_url=None)
    harden(app, allowed_host_names(host, allowed_hosts))
    app.include_router(
        share_router(
            services.links, services.version, services.parent, lambda v: services.preview(v.timeline),
            services.library_dir, lambda v: poster(v.timeline, services.library, services.library_dir),
            names_from(services.library),
        )
    )
    return app


def create_app(
    services: Services, concurrency: int = 16, host: str | None = None, allowed_hosts: Iterable[str] = (),
) -> FastAPI:
    """One server: heavy objects in ``services`` are shared, each browser gets its own session.

    ``host`` (the bound address) and ``allowed_hosts`` are the names browsers may use besides localhost.
    """
    disable_gradio_analytics()  # also for apps built without the CLI (tests, embedding)
    paths = LibraryPaths(services.library_dir)
    services.upload_root = gradio_cache_dir(paths)
    app = create_share_app(services, host, allowed_hosts)

    @app.get("/s/{session_id}", include_in_schema=False)
    def open_session(session_id: str) -> Response:
        """A cut's own address: the chat page with that session (the page keeps it as ``?s=<id>``)."""
        if not _SESSION_ID.fullmatch(session_id):
            return PlainTextResponse("Not a cut's address.", status_code=404)
        return RedirectResponse(f"/?s={session_id}", status_code=307)

    @app.get(FACE_ROUTE.replace("{character_id}", "{character_id:int}"), include_in_schema=False)
    def face(character_id: int) -> Response:
        """A character's face for the Cast panel; never cached, so a forgotten face is gone at once."""
        path = face_file(services.library_dir, services.face_thumbnail(character_id))
        if path is None:
            return PlainTextResponse("No such face.", status_code=404)
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "no-store"})

    blocks = build_blocks(services)
    blocks.queue(default_concurrency_limit=concurrency)
    blocks.delete_cache = (CACHE_SWEEP_SECONDS, CACHE_MAX_AGE_SECONDS)  # also empties it on shutdown
    db = paths.db
    app = gr.mount_gradio_app(
        app, blocks, path="/", theme=THEME, css=CSS, ssr_mode=False, footer_links=[], pwa=False,
        mcp_server=False, enable_monitoring=False, max_file_size=services.max_upload,
        show_error=False,  # an unexpected exception's text (paths, SQL) stays in the server log
        allowed_paths=[str(d) for d in paths.served_dirs],
        blocked_paths=[str(db), *(f"{db}{suffix}" for suffix in ("-wal", "-shm", "-journal")),
                       str(paths.media)],
    )
    # launch() marks the Blocks as launched; mounting does not, and until then Gradio skips its check
    # that files named in a request were uploaded (so a chat history could name /etc/passwd).
    blocks.has_launched = True
    return app
