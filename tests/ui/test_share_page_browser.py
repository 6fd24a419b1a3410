"""Share pages in headless Chromium: the printed length, the player's length and the chat's agree; the
page passes axe-core; the player and the copy button work from the keyboard.

Cuts are made through the same session API the app's chat box calls, each turn's reply naming the
new length; each is then shared and opened as a visitor would. Screenshots go to pytest's tmp dir.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ui.axe import describe_violations, run_axe
from tests.ui.live_server import LiveServer

pytestmark = pytest.mark.browser
TIMEOUT_MS = 90_000
# Each turn edits the previous cut: plain, titled, crossfaded, slowed down, limited.
TURNS = ("keep only clips 1 to 2", "name it Night Run", "crossfade", "play the second clip in slow motion",
         "limit to 8 seconds")
REPLY_LENGTH = re.compile(r"(\d+(?:\.\d)?) s\b")


@pytest.fixture(scope="module")
def shared_cuts(server: LiveServer) -> list[tuple[str, str, float]]:
    """(share id, the chat's reply, the cut's exact length) for each turn's cut."""
    services = server.services
    sid = services.start([v.id for v in services.library.videos()])
    cuts = []
    for text in TURNS:
        turn = services.run(sid, lambda s, text=text: s.turn(text))
        assert turn.version.number > 0 and turn.matched, (text, turn.message)
        link = services.links.create(turn.version.id, sid, title=text)
        cuts.append((link.id, turn.message, float(turn.version.timeline.duration)))
    return cuts


@pytest.fixture
def page(browser, server: LiveServer):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    context.close()


def _open(page, server: LiveServer, share_id: str) -> float:
    """Open a share page and wait until its player knows the video's length; returns that length."""
    page.goto(f"{server.url}/v/{share_id}")
    page.wait_for_function("() => document.querySelector('#share-video').readyState >= 1")
    return page.evaluate("() => document.querySelector('#share-video').duration")


def test_printed_played_and_reported_durations_agree(
    page, server: LiveServer, shared_cuts: list[tuple[str, str, float]], tmp_path: Path
) -> None:
    for n, (share_id, reply, seconds) in enumerate(shared_cuts):
        played = _open(page, server, share_id)
        version = server.services.version(server.services.links.get(share_id).version_id)
        fps = float(version.timeline.output_fps)
        printed = page.locator("#share-duration")
        exact = float(printed.get_attribute("data-seconds"))
        said = [float(m) for m in REPLY_LENGTH.findall(reply)]
        assert said, reply
        assert abs(played - seconds) <= 1 / fps, (TURNS[n], played, seconds)
        assert abs(exact - seconds) <= 1 / fps
        assert printed.inner_text() == f"{seconds:.1f} s"
        assert said[-1] == pytest.approx(seconds, abs=0.05 + 1 / fps), (TURNS[n], reply)
        page.screenshot(path=str(tmp_path / f"share-{n}.png"), full_page=True)


def test_share_page_is_accessible_and_works_from_the_keyboard(
    page, server: LiveServer, shared_cuts: list[tuple[str, str, float]], tmp_path: Path
) -> None:
    share_id = shared_cuts[-1][0]
    _open(page, server, share_id)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    focused: list[str] = []  # Tab walks into the player's own controls (play, seek, volume) on the way
    while "copy-link" not in focused and len(focused) < 30:
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.id"))
    assert focused[0] == "share-video" and focused[-1] == "copy-link", focused
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#copy-link').textContent === 'Copied'")
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{server.url}/v/{share_id}"
    assert page.locator("#copy-status").inner_text() == "Copied"  # said to screen readers too
    page.screenshot(path=str(tmp_path / "share-copied.png"), full_page=True)
