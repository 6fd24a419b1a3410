"""``/v/<id>``, ``/media/<id>.mp4`` and ``/poster/<id>.jpg`` against a live server: pages, link-preview
tags, video and poster bytes, 404s that tell nothing, no escapes.

Traversal attempts go through ``http.client`` so the raw path (``..``, ``%2e%2e``, ``%2f``) reaches the
server exactly as written; an HTTP library would normalise it away before sending.
"""

from __future__ import annotations

import http.client
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from assistant.timeline.model import Timeline
from index.library_paths import LibraryPaths
from tests.ui.live_server import LiveServer
from ui.share_page import format_seconds
from ui.share_routes import media_url, poster_url

SQLITE_MAGIC = b"SQLite format 3"


def raw_get(server: LiveServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class MetaTags(HTMLParser):
    """Every ``<meta property|name=... content=...>`` as the browser (or a link-preview bot) reads it."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and found.get("content") is not None:
            self.tags[key] = found["content"] or ""


@pytest.fixture(scope="module")
def shared(server: LiveServer) -> tuple[str, str]:
    """A two-turn session shared under a hostile title: (share id, session id)."""
    services = server.services
    videos = [v.id for v in services.library.videos()]
    sid = services.start(videos)
    services.run(sid, lambda s: s.turn("keep only clips 1 to 2"))
    services.run(sid, lambda s: s.turn("drop clip 2"))
    current = services.run(sid, lambda s: s.current)
    link = services.links.create(current.id, sid, title="<script>alert('x')</script> & friends")
    return link.id, sid


def test_share_page_shows_title_escaped_video_and_turns(server: LiveServer, shared: tuple[str, str]) -> None:
    share_id, _ = shared
    status, headers, body = raw_get(server, f"/v/{share_id}")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; friends" in page
    assert f"src='{media_url(share_id)}'" in page
    assert f"href='/?remix={share_id}'" in page
    turns = page.index("keep only clips 1 to 2"), page.index("drop clip 2")
    assert turns[0] < turns[1]  # oldest turn first


def test_media_is_a_playable_mp4_with_ranges(server: LiveServer, shared: tuple[str, str]) -> None:
    share_id, _ = shared
    status, headers, body = raw_get(server, media_url(share_id))
    assert status == 200 and headers["content-type"] == "video/mp4"
    assert body[4:8] == b"ftyp"
    status, headers, part = raw_get(server, media_url(share_id), {"Range": "bytes=0-99"})
    assert status == 206 and part == body[:100]


@pytest.mark.parametrize("path", [
    "/v/unknown", "/v/" + "A" * 32, "/media/" + "A" * 32 + ".mp4", "/v/", "/media/x",
    "/poster/" + "A" * 32 + ".jpg", "/poster/x", "/poster/",
])
def test_unknown_ids_are_plain_404(server: LiveServer, path: str) -> None:
    status, headers, body = raw_get(server, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b"does not exist or was revoked" in body


def test_no_path_reaches_files_outside(
    server: LiveServer, shared: tuple[str, str], outside_file: Path
) -> None:
    share_id, _ = shared
    db = server.library_dir / "library.db"
    attempts = [
        "/v/..", "/v/../library.db", "/v/%2e%2e/library.db", "/v/%2e%2e%2flibrary.db",
        "/v/..%2f..%2fetc%2fpasswd",
        f"/v/{share_id}/../../library.db", f"/v/{share_id}%2f..%2f..%2flibrary.db",
        "/media/..%2flibrary.db", "/media/%2e%2e%2f%2e%2e%2flibrary.db", "/media/../library.db",
        f"/media/{share_id}.mp4/../../library.db", f"/media/{share_id}%2f..%2flibrary.db.mp4",
        f"/media/{outside_file}", f"/media/%2f{str(outside_file).lstrip('/').replace('/', '%2f')}",
        f"/media//{outside_file}.mp4", f"/v/{outside_file}", f"/v//{outside_file}",
        f"/gradio_api/file={db}", f"/gradio_api/file={outside_file}", "/gradio_api/file=/etc/passwd",
    ]
    for path in attempts:
        status, _, body = raw_get(server, path)
        assert status in (400, 403, 404), (path, status)
        assert SQLITE_MAGIC not in body and b"TOP-SECRET" not in body and b"root:" not in body, path


def test_media_refuses_a_symlinked_render(
    server: LiveServer, shared: tuple[str, str], outside_file: Path
) -> None:
    """Even if the render cache were tampered with, the media route only serves files inside the library."""
    share_id, _ = shared
    services = server.services
    version = services.version(services.links.get(share_id).version_id)
    rendered = services.preview(version.timeline)
    saved = rendered.with_name(rendered.name + ".saved")
    rendered.rename(saved)
    try:
        rendered.symlink_to(outside_file)
        status, _, body = raw_get(server, media_url(share_id))
        assert b"TOP-SECRET" not in body
        assert status == 404 or body[4:8] == b"ftyp"  # refused, or re-rendered fresh over the link
    finally:
        rendered.unlink(missing_ok=True)
        saved.rename(rendered)


def test_revoked_link_is_404_page_and_media(server: LiveServer) -> None:
    services = server.services
    sid = services.start([services.library.videos()[0].id])
    current = services.run(sid, lambda s: s.current)
    link = services.links.create(current.id, sid, "soon gone")
    assert raw_get(server, f"/v/{link.id}")[0] == 200
    assert services.links.revoke(link.id, sid)
    for path in (f"/v/{link.id}", media_url(link.id), poster_url(link.id)):
        status, _, body = raw_get(server, path)
        assert status == 404 and b"does not exist or was revoked" in body
        assert b"soon gone" not in body and set(MetaTags(body.decode()).tags) == {"viewport"}  # no card


def test_unrenderable_version_is_404_not_a_crash(server: LiveServer) -> None:
    """A link to a cut that cannot be rendered (here: empty) answers 404, never a 500 with a traceback."""
    services = server.services
    sid = services.start([services.library.videos()[0].id])
    current = services.run(sid, lambda s: s.current)
    empty = services.store.add_version(sid, current.id, Timeline(), turn="drop everything")
    link = services.links.create(empty.id, sid, "empty")
    status, _, body = raw_get(server, media_url(link.id))
    assert status == 404 and b"Traceback" not in body


def test_a_cuts_address_opens_the_chat_page_on_it(server: LiveServer, shared: tuple[str, str]) -> None:
    _, sid = shared
    status, headers, _ = raw_get(server, f"/s/{sid}")
    assert status == 307 and headers["location"] == f"/?s={sid}"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    for bad in ("x" * 20, sid.upper(), sid + "0", "%2F%2Fevil.example"):
        status, headers, _ = raw_get(server, f"/s/{bad}")
        assert status == 404 and "location" not in headers, bad


def test_link_preview_tags_describe_the_cut_escaped(server: LiveServer, shared: tuple[str, str]) -> None:
    """What a messenger shows for a pasted link: title, what the cut is, a poster frame, absolute URLs."""
    share_id, _ = shared
    status, _, body = raw_get(server, f"/v/{share_id}")
    page = body.decode()
    assert status == 200 and "<script>alert" not in page
    tags = MetaTags(page).tags
    title = "<script>alert('x')</script> & friends · personalcut"  # escaped in the page, intact when read
    assert tags["og:title"] == tags["twitter:title"] == title
    assert tags["og:url"] == f"{server.url}/v/{share_id}"
    assert tags["og:image"] == tags["twitter:image"] == server.url + poster_url(share_id)
    assert tags["og:video"] == server.url + media_url(share_id) and tags["og:video:type"] == "video/mp4"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("640", "360")
    assert tags["twitter:card"] == "summary_large_image"
    version = server.services.version(server.services.links.get(share_id).version_id)
    names = {v.id: v.title or Path(v.path).stem for v in server.services.library.videos()}
    description = tags["og:description"]
    clips, seconds = len(version.timeline.clips), format_seconds(float(version.timeline.duration))
    assert f"{clips} clip{'s' if clips != 1 else ''}, {seconds}" in description
    assert all(names[c.video_id] in description for c in version.timeline.clips)
    assert f"poster='{poster_url(share_id)}'" in page
    assert "<button id='copy-link' type='button'>Copy link</button>" in page


def test_poster_is_a_jpeg_frame_of_the_player_size(server: LiveServer, shared: tuple[str, str]) -> None:
    share_id, _ = shared
    status, headers, body = raw_get(server, poster_url(share_id))
    assert status == 200 and headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(body))
    image.load()  # decodes every pixel: a truncated file fails here
    assert image.format == "JPEG" and image.size == (640, 360)
    assert max(image.convert("L").getextrema()) > 16  # a frame of the cut, not a black placeholder
    renders = LibraryPaths(server.library_dir).renders
    posters = [(p, p.stat().st_ino) for p in renders.glob("poster-*.jpg")]
    assert raw_get(server, poster_url(share_id))[2] == body  # made once, then served from the cache
    assert [(p, p.stat().st_ino) for p in renders.glob("poster-*.jpg")] == posters
