"""The share page's "Download recipe": a link on the page and ``/recipe/<id>.pcut.json`` on a live server."""

from __future__ import annotations

import pytest

from assistant.export.recipe import parse_recipe
from tests.ui.live_server import LiveServer
from tests.ui.test_share_routes import raw_get
from ui.share_routes import recipe_url


@pytest.fixture(scope="module")
def shared_cut(server: LiveServer) -> tuple[str, int]:
    """A one-turn cut shared by link: (share id, clips in the cut)."""
    services = server.services
    sid = services.start([v.id for v in services.library.videos()])
    services.run(sid, lambda s: s.turn("keep only clips 1 to 2"))
    current = services.run(sid, lambda s: s.current)
    return services.links.create(current.id, sid, title="recipe test").id, len(current.timeline.clips)


def test_the_share_page_offers_the_recipe(server: LiveServer, shared_cut: tuple[str, int]) -> None:
    share_id, clips = shared_cut
    _, _, body = raw_get(server, f"/v/{share_id}")
    assert f"id='download-recipe' href='{recipe_url(share_id)}' download>Download recipe</a>" in body.decode()
    status, headers, recipe = raw_get(server, recipe_url(share_id))
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert headers["content-disposition"] == 'attachment; filename="cut.pcut.json"'
    parsed = parse_recipe(recipe)
    assert len(parsed.cut.clips) == clips and parsed.cut.turn == "keep only clips 1 to 2"


@pytest.mark.parametrize("path", ["/recipe/nosuchlink.pcut.json", "/recipe/../library.db",
                                  "/recipe/%2e%2e%2flibrary.db", "/recipe/a/b.pcut.json"])
def test_unknown_recipe_links_are_plain_404s(server: LiveServer, path: str) -> None:
    status, _, body = raw_get(server, path)
    assert status == 404 and b"SQLite" not in body
