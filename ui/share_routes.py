"""HTTP routes for share links: ``/v/<id>`` (the page) and ``/media/<id>.mp4`` (its video).

Media is served by id lookup only: the id names a share link, the link names a Version, the Version's
timeline names a rendered preview. No part of a URL is ever joined onto a filesystem path, and the
file that comes back must still resolve (symlinks followed) inside the library directory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

from assistant.render.ffmpeg import RenderError
from assistant.sessions.share_links import ShareLinks
from assistant.timeline.model import Version
from ui.share_page import not_found_page, share_page

VersionLookup = Callable[[str], Version | None]
ParentOf = Callable[[Version], Version | None]
MediaFor = Callable[[Version], Path]
MAX_CHAIN = 1000  # a parent chain longer than this is corrupt, not history


def media_url(share_id: str) -> str:
    return f"/media/{share_id}.mp4"


def version_chain(version: Version, parent_of: ParentOf) -> list[Version]:
    """The versions from the very first one down to ``version``: the turns that made it, in order."""
    chain = [version]
    while len(chain) < MAX_CHAIN and (parent := parent_of(chain[-1])) is not None:
        chain.append(parent)
    return chain[::-1]


def _not_found() -> HTMLResponse:
    return HTMLResponse(not_found_page(), status_code=404)


def share_router(
    links: ShareLinks, lookup: VersionLookup, parent_of: ParentOf, media_for: MediaFor, library_dir: Path
) -> APIRouter:
    """Routes for the share pages; ``media_for`` renders (or finds cached) a version's playable MP4."""
    router = APIRouter()
    root = Path(library_dir).resolve()

    def shared_version(share_id: str) -> tuple[str, Version] | None:
        link = links.get(share_id)
        version = lookup(link.version_id) if link else None
        return (link.title, version) if link and version else None

    @router.get("/v/{share_id}", response_class=HTMLResponse)
    def page(share_id: str) -> Response:
        found = shared_version(share_id)
        if found is None:
            return _not_found()
        title, version = found
        chain = version_chain(version, parent_of)
        return HTMLResponse(share_page(share_id, title or "A personal cut", chain, media_url(share_id)))

    @router.get("/media/{share_id}.mp4")
    def media(share_id: str) -> Response:
        found = shared_version(share_id)
        if found is None:
            return _not_found()
        try:
            path = media_for(found[1]).resolve()
        except RenderError:  # e.g. a source video was deleted since the link was made
            return _not_found()
        if not path.is_file() or not path.is_relative_to(root):
            return _not_found()
        return FileResponse(path, media_type="video/mp4", headers={"Cache-Control": "private, max-age=300"})

    # Anything else under these prefixes (extra segments, encoded slashes, dot-dot) is simply absent.
    @router.api_route("/v/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    @router.api_route("/media/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def anything_else(rest: str) -> Response:
        return _not_found()

    return router
