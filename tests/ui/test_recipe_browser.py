""""Open a recipe" in headless Chromium: a recipe made from a library video opens as a new session whose
cut plays and whose chat shows the history that made it; the page stays axe-clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from assistant.export.recipe import build_recipe, write_recipe
from index.ingest import ingest
from tests.recipe_media import CUT, film, make_cut
from tests.ui.axe import describe_violations, run_axe
from tests.ui.live_server import LiveServer
from tests.ui.test_browser_e2e import AppPage

pytestmark = pytest.mark.browser


def test_a_recipe_opens_in_the_editor_with_its_cut_and_history(server: LiveServer, browser, artifacts: Path,
                                                               tmp_path: Path, tiny_embedder) -> None:
    # Its own noise seed: content no other test puts into the shared library.
    [added] = ingest([film(tmp_path / "recipe_film.mp4", seed=1717)], server.library_dir, tiny_embedder,
                     faces=False)
    recipe = write_recipe(build_recipe(server.library_dir, make_cut(server.library_dir, added.video.id, CUT,
                                                                    "only the bars")),
                          tmp_path / "bars.pcut.json")
    app = AppPage(browser.new_context(viewport={"width": 1366, "height": 1000}), server.url).open()
    app.page.click("#recipe-panel")
    app.page.set_input_files("#recipe-upload input[type=file]", str(recipe))
    app.page.wait_for_function(
        "() => [...document.querySelectorAll('#chat [data-testid=bot]')]"
        ".some(m => m.innerText.includes('Recipe applied'))"
    )
    app.wait_for_new_video(None)
    assert app.page.locator("#shot-strip .thumbnail-item").count() == len(CUT)
    assert app.user_messages() == ["only the bars"]  # the turn that made the cut, as in the original
    assert app.bot_messages()[0] == "Opened the recipe “only the bars” on your copy: recipe_film."
    assert "3 clips placed, all sure." in app.bot_messages()[-1]
    expect(app.page.locator("#recipe-status")).to_have_text("3 clips placed, all sure.")  # overlay gone too
    assert any("only the bars" in label for label in app.version_labels())
    app.page.wait_for_function("() => new URLSearchParams(location.search).get('s')")  # a reload reopens it
    app.page.screenshot(path=str(artifacts / "recipe-opened.png"), full_page=True)
    assert describe_violations(run_axe(app.page)) == ""
    assert app.off_localhost() == []
    app.page.context.close()
