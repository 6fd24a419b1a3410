"""The editor page in headless Chromium as a person sees it: what is on screen, the keyboard, uploads, axe.

One server for the module, on its own copy of the test library (uploads here must not change what the
other browser tests see). Screenshots land in test-artifacts/editor-*.png (gitignored) for a person to
look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import media_factory
from tests.ui.axe import describe_violations, run_axe
from tests.ui.live_server import LiveServer
from tests.ui.test_browser_e2e import AppPage

pytestmark = pytest.mark.browser
VIEWPORTS = {"laptop": (1366, 900), "desktop": (1920, 1080), "phone": (390, 844)}
TURNS = ("only the scenes with red", "make it shorter", "play it twice as fast")

# Where the player, the chat box and the newest reply are, against the viewport; the reply counts as
# seen when its end is inside the chat's scrolling area (a long one may start above it).
IN_VIEW_JS = """() => {
  const view = {top: 0, left: 0, bottom: innerHeight, right: innerWidth};
  const inside = (r, c) => !!r && r.width > 0 && r.height > 0 && r.top >= c.top - 1
      && r.bottom <= c.bottom + 1 && r.left >= c.left - 1 && r.right <= c.right + 1;
  const rect = (sel) => document.querySelector(sel)?.getBoundingClientRect();
  const bots = document.querySelectorAll('#chat [data-testid=bot]');
  const reply = bots[bots.length - 1].getBoundingClientRect();
  const log = rect('#chat .bubble-wrap');
  const bottom = Math.min(log.bottom, view.bottom);
  return {
    player: inside(rect('#cut-player video'), view),
    input: inside(rect('#chat-input textarea'), view),
    reply: reply.bottom <= bottom + 1 && reply.bottom > Math.max(log.top, 0) + 8,
    fitsWidth: document.documentElement.scrollWidth <= innerWidth,
  };
}"""


@pytest.fixture(scope="module")
def editor_server(library_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    copy = tmp_path_factory.mktemp("editor-library") / "library"
    shutil.copytree(library_dir, copy)
    live = LiveServer(copy).start()
    yield live
    live.stop()


def open_editor(browser, server: LiveServer, viewport: tuple[int, int]) -> AppPage:
    width, height = viewport
    return AppPage(browser.new_context(viewport={"width": width, "height": height}), server.url).open()


def assert_in_view(app: AppPage, when: str) -> None:
    """Player, input and newest reply on screen (waiting out the chat's own scrolling), no sideways scroll."""
    check = f"() => Object.values(({IN_VIEW_JS})()).every(Boolean)"
    try:
        app.page.wait_for_function(check, timeout=10_000)
    except Exception:  # noqa: BLE001 - the assertion below says what is off screen
        pass
    seen = app.page.evaluate(IN_VIEW_JS)
    assert all(seen.values()), f"{when}: {seen}"


def assert_widths_follow_lengths(app: AppPage) -> None:
    """Each timeline clip's width is its share of the cut's length, to within 2 px (once it has rendered)."""
    measure = """() => [...document.querySelectorAll('#timeline .tl-clip')]
                    .map(e => [e.getBoundingClientRect().width, Number(e.dataset.seconds)])"""
    proportional = f"""() => {{ const clips = ({measure})();
        const track = clips.reduce((a, c) => a + c[0], 0), total = clips.reduce((a, c) => a + c[1], 0);
        return clips.length > 0 && clips.every(([w, s]) => Math.abs(w - track * s / total) <= 2) }}"""
    try:
        app.page.wait_for_function(proportional, timeout=5_000)
    except Exception:  # noqa: BLE001 - the assertion below shows the widths
        pass
    clips = app.page.evaluate(measure)
    assert clips, "no clips in the timeline"
    track = sum(w for w, _ in clips)
    total = sum(s for _, s in clips)
    for width, seconds in clips:
        assert abs(width - track * seconds / total) <= 2, clips


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_player_input_and_newest_reply_stay_in_view(editor_server, browser, artifacts, viewport) -> None:
    app = open_editor(browser, editor_server, VIEWPORTS[viewport])
    src = app.start("four_shots", "tone")
    assert_in_view(app, "after start")
    assert_widths_follow_lengths(app)
    for number, text in enumerate(TURNS, start=1):
        app.send(text)
        src = app.wait_for_new_video(src)
        assert_in_view(app, f"after {text!r}")
        assert_widths_follow_lengths(app)
        app.page.screenshot(path=str(artifacts / f"editor-{viewport}-turn{number}.png"))
    app.page.context.close()


def test_keyboard_plays_undoes_redoes_and_reaches_every_control(editor_server, browser, artifacts) -> None:
    app = open_editor(browser, editor_server, VIEWPORTS["laptop"])
    first = app.start("four_shots", "tone")
    app.send("only the scenes with red")
    edited = app.wait_for_new_video(first)
    page = app.page

    # Space plays and pauses when the focus is not in a text field.
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector('#cut-player video').paused")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('#cut-player video').paused")

    # In the chat box Ctrl+Z edits the text, not the cut.
    box = page.locator("#chat-input textarea")
    box.fill("draft")
    box.press("Control+z")
    page.wait_for_timeout(500)
    assert app.video_src() == edited and "Undo" not in app.bot_messages()[-1]
    box.fill("")

    # Elsewhere Ctrl+Z / Ctrl+Shift+Z run Undo / Redo (the buttons' typed ops).
    page.evaluate("() => document.activeElement.blur()")
    before = len(app.bot_messages())
    page.keyboard.press("Control+z")
    assert app.wait_for_reply(before) == "Undo: now at v0."
    assert app.wait_for_new_video(edited) == first
    before = len(app.bot_messages())
    page.keyboard.press("Control+Shift+z")
    assert app.wait_for_reply(before) == "Redo: now at v1."
    app.wait_for_new_video(first)

    # Tab reaches the controls, each with a visible focus ring; a focused clip shows its details.
    page.evaluate("() => document.activeElement.blur()")
    reached: dict[str, bool] = {}
    for _ in range(150):
        page.keyboard.press("Tab")
        key, ring = page.evaluate(
            """() => { const el = document.activeElement;
                       const name = el.closest('.tl-clip') ? 'tl-clip'
                         : (el.id || el.closest('[id]')?.id || el.tagName);
                       const style = getComputedStyle(el);
                       return [name, style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                                     || style.boxShadow !== 'none'] }"""
        )
        reached[key] = reached.get(key, False) or ring
        if key == "tl-clip":
            tip = page.locator("#timeline .tl-clip:focus .tl-tip")
            assert tip.is_visible() and "confidence 0." in tip.inner_text()
            page.screenshot(path=str(artifacts / "editor-timeline-focus.png"))
    for control in ("start", "undo", "tl-clip", "chat-input", "share", "shot-strip"):
        assert reached.get(control), f"{control} not reached by Tab with a visible focus: {reached}"

    # Enter on a focused clip selects it: the clip buttons appear with where it comes from.
    page.locator("#timeline .tl-clip").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#clip-actions", state="visible")
    assert page.locator("#timeline .tl-clip").first.get_attribute("aria-pressed") == "true"
    assert "visual match for “red”" in page.inner_text("#clip-actions")
    page.context.close()


def wait_for_upload_status(page, word: str) -> None:
    """Wait for the upload status to say `word` with Gradio's "processing | 0.3s" overlay gone: the new
    text can arrive a frame before the overlay leaves, and reading it then gets both."""
    page.wait_for_function(
        "w => { const t = document.querySelector('#upload-status')?.innerText ?? '';"
        " return t.includes(w) && !t.includes('processing') }",
        arg=word,
    )


def test_upload_feedback_is_shown_at_the_upload_box(editor_server, browser, artifacts, tmp_path) -> None:
    app = open_editor(browser, editor_server, VIEWPORTS["laptop"])
    page = app.page
    status = page.locator("#upload-status")

    fake = tmp_path / "not_a_film.mp4"
    fake.write_text("this is not a video at all\n" * 20)
    page.set_input_files("#upload input[type=file]", str(fake))
    wait_for_upload_status(page, "Could not")
    assert status.inner_text().startswith("Could not add not_a_film.mp4: ")

    name = "a_holiday_film_with_a_really_quite_remarkably_long_name_that_goes_on_and_on"
    # 33 frames: content no other test uploads (test_browser_e2e puts a 30-frame clip into the shared
    # library this server copies, and the same content would rightly be "already in the library").
    clip = media_factory.single_shot(tmp_path / f"{name}.mp4", frames=33).path
    page.set_input_files("#upload input[type=file]", str(clip))
    wait_for_upload_status(page, "Added")
    assert status.inner_text() == f"Added {name} (1 shot, no dialogue found); ticked."
    label = page.locator("#videos label", has_text=name)
    assert label.locator("input").is_checked()
    # A long name wraps inside its panel instead of running out of it.
    overflow = page.evaluate(
        """() => { const side = document.querySelector('#sidebar').getBoundingClientRect();
                   return [...document.querySelectorAll('#sidebar label, #upload-status')]
                     .some(e => e.getBoundingClientRect().right > side.right + 1) }"""
    )
    assert overflow is False
    page.screenshot(path=str(artifacts / "editor-upload.png"))

    again = tmp_path / "again"
    again.mkdir()
    copy = again / "the_same_film.mp4"
    copy.write_bytes(clip.read_bytes())
    label.locator("input").uncheck()
    page.set_input_files("#upload input[type=file]", str(copy))
    wait_for_upload_status(page, "already")
    assert status.inner_text() == f"{name} is already in the library (1 shot); ticked."
    assert label.locator("input").is_checked() and page.locator("#videos label", has_text=name).count() == 1
    page.context.close()


def test_random_model_banner_and_no_serious_accessibility_violations(editor_server, browser, artifacts):
    app = open_editor(browser, editor_server, VIEWPORTS["laptop"])
    banner = app.page.locator("#model-banner")
    banner.wait_for(state="visible")  # the page's load event fills it in
    assert "tiny-random-seed0, a random test model" in banner.inner_text()
    assert describe_violations(run_axe(app.page)) == ""  # the empty page
    app.start("four_shots", "tone")
    app.send("only the scenes with red")
    app.page.locator("#timeline .tl-clip").first.click()
    app.page.wait_for_selector("#clip-actions", state="visible")
    assert describe_violations(run_axe(app.page)) == ""  # a cut, its timeline and a selected clip
    app.page.screenshot(path=str(artifacts / "editor-axe.png"))
    app.page.context.close()


def test_drop_acts_on_the_clip_the_timeline_shows_pressed(editor_server, browser):
    """A quick "Drop this clip" right after a click on another clip in the timeline, on a connection that
    delivers that click late (held here): the clip dropped is the one pressed, not the one picked before."""
    app = open_editor(browser, editor_server, VIEWPORTS["laptop"])
    src = app.start("four_shots", "tone")
    clips = app.page.locator("#timeline .tl-clip")
    assert clips.count() == 2
    first, second = (clips.nth(i).locator(".tl-time").inner_text() for i in (0, 1))
    clips.nth(1).click()
    app.page.wait_for_selector("#clip-actions", state="visible")  # the server now has clip 2 picked
    # The pressed clip's tooltip lies over what is below the timeline (the clip's own buttons): clicks pass
    # through it (a drive on real dialogue could not press "Drop this clip" under a two-line tooltip).
    assert app.page.evaluate("""() => {
      const tip = document.querySelector('#timeline .tl-clip[aria-pressed="true"] .tl-tip');
      const r = tip.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return r.height > 0 && !tip.contains(hit);
    }""")
    held: list = []
    joins = "**/gradio_api/queue/join*"
    app.page.route(joins, lambda route: held.append(route) if not held else route.fallback())
    clips.nth(0).click()
    while not held:
        app.page.wait_for_timeout(50)
    app.page.click("#drop-clip")
    src = app.wait_for_new_video(src)
    assert [t.inner_text() for t in app.page.locator("#timeline .tl-clip .tl-time").all()] == [second], first
    held[0].fallback()
    app.page.unroute(joins)
    # A pick in the shot strip unpresses the timeline: the strip's clip is the one acted on.
    app.send("undo")
    src = app.wait_for_new_video(src)
    clips.nth(1).click()
    app.page.locator("#shot-strip .thumbnail-item").nth(0).click()
    app.page.wait_for_function("() => ![...document.querySelectorAll('#timeline [data-clip]')]"
                               ".some(c => c.getAttribute('aria-pressed') === 'true')")
    app.page.wait_for_function("() => document.querySelector('#clip-actions')?.innerText.includes('Clip 1 ')")
    app.page.click("#drop-clip")
    app.wait_for_new_video(src)
    assert [t.inner_text() for t in app.page.locator("#timeline .tl-clip .tl-time").all()] == [second], first
    app.page.context.close()
