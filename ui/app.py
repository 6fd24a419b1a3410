"""The web app: FastAPI with the share routes, and the Gradio chat UI mounted at ``/``.

Everything is served from this process and nothing phones home: analytics off, system fonts instead
of Google Fonts, no share tunnel, no server-side rendering node. Gradio may serve files only from
the library's thumbnail, render and export folders (never the database) and its own cache.
"""

from __future__ import annotations

import os

import gradio as gr
from fastapi import FastAPI

from ui.chat_view import CSS, build_blocks
from ui.services import EXPORTS_DIR, Services
from ui.share_routes import share_router

SERVED_DIRS = ("thumbs", "renders", EXPORTS_DIR)
# Default look with local fonts only: the stock theme would fetch Inter from fonts.googleapis.com.
THEME = gr.themes.Default(
    primary_hue="orange", font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
)


def create_app(services: Services, concurrency: int = 16) -> FastAPI:
    """One server: heavy objects in ``services`` are shared, each browser gets its own session."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    app = FastAPI(title="personalcut", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(
        share_router(
            services.links, services.version, services.parent, lambda v: services.preview(v.timeline),
            services.library_dir,
        )
    )
    blocks = build_blocks(services)
    blocks.queue(default_concurrency_limit=concurrency)
    root = services.library_dir
    return gr.mount_gradio_app(
        app, blocks, path="/", theme=THEME, css=CSS, ssr_mode=False, footer_links=[], pwa=False,
        mcp_server=False, enable_monitoring=False,
        allowed_paths=[str(root / d) for d in SERVED_DIRS],
    )
