"""The taste parts in headless Chromium: pick a profile, see suggestions, add one with a click, give 👎 and
see the strip change; the page stays accessible (axe-core)."""

from __future__ import annotations

import pytest

from tests.ui.axe import describe_violations, run_axe
from tests.ui.live_server import LiveServer
from tests.ui.test_browser_e2e import AppPage

pytestmark = pytest.mark.browser
CAPTIONS = "() => [...document.querySelectorAll('#suggested .caption-label')].map(e => e.innerText)"


def test_profile_suggestions_one_click_add_and_thumbs_down(server: LiveServer, browser) -> None:
    ctx = browser.new_context(viewport={"width": 1360, "height": 1000})
    app = AppPage(ctx, server.url).open()
    page = app.page
    box = page.locator("#profile input")
    box.fill("e2e-taster")
    box.press("Enter")
    chat_says = "() => document.querySelector('#chat').innerText.includes('cutting as e2e-taster')"
    page.wait_for_function(chat_says)

    src = app.start("four_shots")
    app.send("keep it under 2 seconds")  # the later shots are free to suggest
    src = app.wait_for_new_video(src)
    page.wait_for_function("() => document.querySelectorAll('#suggested .thumbnail-item').length >= 2")
    page.wait_for_url("**/?s=*")  # the address bar names the session
    owner = server.services.store.session(page.url.split("?s=", 1)[1])
    assert owner.user == "e2e-taster"
    before = page.evaluate(CAPTIONS)

    page.locator("#suggested .thumbnail-item").nth(0).click()
    src = app.wait_for_new_video(src)
    page.wait_for_function("() => document.querySelectorAll('#shot-strip .thumbnail-item').length === 2")
    assert "added the suggested scene" in app.bot_messages()[-1]
    page.wait_for_function(f"n => ({CAPTIONS})().length === n", arg=len(before) - 1)
    note = page.inner_text("#suggested-note")

    page.locator("#shot-strip .thumbnail-item").nth(1).click()  # the added scene (story order: after 0-2 s)
    page.wait_for_selector("#clip-actions", state="visible")
    page.click("#dislike-clip")
    page.wait_for_function("() => document.querySelector('#suggested-note')?.innerText.includes('2 things')")
    assert "from 1 thing " in note  # before: the add only
    assert "do not like clip" in app.bot_messages()[-1]
    kinds = [e.kind for e in server.services.taste.events("e2e-taster")]
    assert "keep" in kinds and "thumbs_down" in kinds
    # The whole page, with a chat long enough to scroll.
    assert describe_violations(run_axe(page)) == ""
    ctx.close()
