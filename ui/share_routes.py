"""HTTP routes for share links: ``/v/<id>`` (the page), ``/media/<id>.mp4`` (its video) and
``/poster/<id>.jpg`` (a frame of it, for the player and for link previews in messengers) and
``/recipe/<id>.pcut.json`` (the cut as a recipe to play on one's own copy of the film).

Media is served by id lookup only: the id names a share link, the link names a Version, the Version's
timeline names a rendered preview. No part of a URL is ever joined onto a filesystem path, and the
file that comes back must still resolve (symlinks followed) inside the library directory. Unknown,
revoked and unrenderable links all get the same 404 page, which names nothing of any cut.

Views are counted per anonymous browser: the page sets a random id cookie (``VIEWER_COOKIE``, 32 hex
digits, HttpOnly) and its player POSTs the seconds watched to ``/v/<id>/watch``; nothing else about a
viewer (no IP address, no user agent) is stored (``assistant/taste/share_views.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from assistant.export.recipe import RecipeError, build_recipe, recipe_json
from assistant.render.ffmpeg import RenderError
from assistant.render.graph import MediaSource
from assistant.render.preview import PREVIEW_HEIGHT, PREVIEW_WIDTH
from assistant.sessions.share_links import ShareLinks
from assistant.taste.share_views import BROWSER_ID, ReportRefused, ShareViews, new_browser_id
from assistant.timeline.model import Version
from index.probe import MediaError
from ui.share_page import ShareUrls, not_found_page, share_page

VersionLookup = Callable[[str], Version | None]
ParentOf = Callable[[Version], Version | None]
MediaFor = Callable[[Version], Path]
VideoNames = Callable[[Version], list[str]]
PLAYER_SIZE = (PREVIEW_WIDTH, PREVIEW_HEIGHT)  # the shared video is the preview render
MAX_CHAIN = 1000  # a parent chain longer than this is corrupt, not history
VIEWER_COOKIE = "pc_viewer"
VIEWER_COOKIE_AGE = 365 * 24 * 3600
MAX_REPORT_BYTES = 256  # a watch report is {"seconds": 12.3, "plays": 1}


def media_url(share_id: str) -> str:
    return f"/media/{share_id}.mp4"


def poster_url(share_id: str) -> str:
    return f"/poster/{share_id}.jpg"


def recipe_url(share_id: str) -> str:
    return f"/recipe/{share_id}.pcut.json"


def share_urls(share_id: str, request: Request) -> ShareUrls:
    """The page's own address and its parts', absolute from the request (its Host was checked against
    the allow-list by the security middleware before any route ran)."""
    base = str(request.base_url).rstrip("/")
    media, poster = media_url(share_id), poster_url(share_id)
    return ShareUrls(page=f"{base}/v/{share_id}", media=media, media_abs=base + media, poster=poster,
                     poster_abs=base + poster, recipe=recipe_url(share_id), watch=f"/v/{share_id}/watch")


def version_chain(version: Version, parent_of: ParentOf) -> list[Version]:
    """The versions from the very first one down to ``version``: the turns that made it, in order."""
    chain = [version]
    while len(chain) < MAX_CHAIN and (parent := parent_of(chain[-1])) is not None:
        chain.append(parent)
    return chain[::-1]


def _not_found() -> HTMLResponse:
    return HTMLResponse(not_found_page(), status_code=404)


def names_from(source: MediaSource) -> VideoNames:
    """Which videos a version's clips come from, by title (file stem when untitled), in cut order."""

    def names(version: Version) -> list[str]:
        found: dict[str, str] = {}
        for clip in version.timeline.clips:
            if clip.video_id not in found:
                try:
                    video = source.video(clip.video_id)
                except KeyError:  # removed from the library since: the card just names fewer videos
                    continue
                found[clip.video_id] = video.display_name
        return list(found.values())

    return names


def share_router(
    links: ShareLinks, lookup: VersionLookup, parent_of: ParentOf, media_for: MediaFor, library_dir: Path,
    poster_for: MediaFor, video_names: VideoNames,
) -> APIRouter:
    """Routes for the share pages; ``media_for`` renders (or finds cached) a version's playable MP4,
    ``poster_for`` its poster JPEG; ``video_names`` says which videos a version's clips come from."""
    router = APIRouter()
    root = Path(library_dir).resolve()
    views = ShareViews(root)

    def library_file(make: MediaFor, version: Version) -> Path | None:
        """The rendered file, only if it could be made and lies inside the library."""
        try:
            path = make(version).resolve()
        except RenderError:  # e.g. a source video was deleted since the link was made
            return None
        return path if path.is_file() and path.is_relative_to(root) else None

    def shared_version(share_id: str) -> tuple[str, Version] | None:
        link = links.get(share_id)
        version = lookup(link.version_id) if link else None
        return (link.title, version) if link and version else None

    @router.get("/v/{share_id}", response_class=HTMLResponse)
    def page(share_id: str, request: Request) -> Response:
        found = shared_version(share_id)
        if found is None:
            return _not_found()
        title, version = found
        chain = version_chain(version, parent_of)
        urls = share_urls(share_id, request)
        browser = request.cookies.get(VIEWER_COOKIE, "")
        known = bool(BROWSER_ID.fullmatch(browser))
        browser = browser if known else new_browser_id()
        views.record_view(share_id, browser)
        response = HTMLResponse(share_page(share_id, title or "A personal cut", chain, urls,
                                           video_names(version), PLAYER_SIZE, views.viewers(share_id)))
        if not known:
            response.set_cookie(VIEWER_COOKIE, browser, max_age=VIEWER_COOKIE_AGE, httponly=True,
                                samesite="strict")
        return response

    @router.post("/v/{share_id}/watch")
    async def watch(share_id: str, request: Request) -> Response:
        """The page's player says how long it played: counted per browser id, capped and rate-limited."""
        found = shared_version(share_id)
        if found is None:
            return _not_found()
        body = await request.body()
        if len(body) > MAX_REPORT_BYTES:
            return PlainTextResponse("report too large", status_code=413)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return PlainTextResponse("a report is JSON", status_code=400)
        try:
            views.report(share_id, request.cookies.get(VIEWER_COOKIE, ""), found[1], data)
        except ReportRefused as exc:
            return PlainTextResponse(str(exc), status_code=exc.status)
        return Response(status_code=204)

    @router.get("/media/{share_id}.mp4")
    def media(share_id: str) -> Response:
        found = shared_version(share_id)
        path = library_file(media_for, found[1]) if found else None
        if path is None:
            return _not_found()
        return FileResponse(path, media_type="video/mp4", headers={"Cache-Control": "private, max-age=300"})

    @router.get("/poster/{share_id}.jpg")
    def poster(share_id: str) -> Response:
        found = shared_version(share_id)
        path = library_file(poster_for, found[1]) if found else None
        if path is None:
            return _not_found()
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=300"})

    @router.get("/recipe/{share_id}.pcut.json")
    def recipe(share_id: str) -> Response:
        """The shared cut as a recipe: its edit list and the sources' fingerprints, no media."""
        found = shared_version(share_id)
        if found is None:
            return _not_found()
        try:
            text = recipe_json(build_recipe(root, found[1].id))
        except (RecipeError, MediaError):  # e.g. a source video was deleted since the link was made
            return _not_found()
        return Response(text, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="cut.pcut.json"',
                                 "Cache-Control": "private, max-age=300"})

    # Anything else under these prefixes (extra segments, encoded slashes, dot-dot) is simply absent.
    @router.api_route("/v/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    @router.api_route("/media/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    @router.api_route("/poster/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    @router.api_route("/recipe/{rest:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def anything_else(rest: str) -> Response:
        return _not_found()

    return router
