"""The app in headless Chromium: chat to a playable cut, share it, watch it, revoke it, restart.

Every page load records its requests; nothing may leave localhost (no CDN, fonts or analytics).
Screenshots of the chat and share pages land in test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import media_factory
from tests.ui.live_server import LiveServer

pytestmark = pytest.mark.browser
TIMEOUT_MS = 90_000
PAGE_STATE_JS = """() => { const v = document.querySelector('#cut-player video');
    return {video: v && {src: v.currentSrc, readyState: v.readyState, networkState: v.networkState,
                         error: v.error && v.error.message, hidden: v.offsetParent === null},
            replies: [...document.querySelectorAll('#chat [data-testid=bot]')].slice(-3)
                .map(e => e.innerText),
            ticked: [...document.querySelectorAll('#videos input:checked')]
                .map(e => e.parentElement.innerText),
            pending: document.querySelectorAll('.pending, .generating').length} }"""


class AppPage:
    """One browser tab on the chat app, with the few gestures the tests need."""

    def __init__(self, context, url: str) -> None:
        self.requests: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.url = url

    def open(self, path: str = "/") -> AppPage:
        self.page.goto(self.url + path)
        self.page.wait_for_selector("#videos input[type=checkbox]")
        # The greeting arrives after the first paint; counting replies before it lands would
        # take the greeting for the answer to the next action.
        self.page.wait_for_selector("#chat [data-testid=bot]")
        return self

    def start(self, *videos: str) -> str:
        for name in videos:
            self.page.locator("#videos label", has_text=name).locator("input").check()
        self.page.click("#start")
        return self.wait_for_new_video(None)

    def video_src(self) -> str | None:
        return self.page.evaluate("() => document.querySelector('#cut-player video')?.currentSrc || null")

    def wait_for_new_video(self, old_src: str | None) -> str:
        """Until the player holds a different source that has decoded a frame (readyState >= 2)."""
        with self.telling_state("a new cut in the player"):
            self.page.wait_for_function(
                """old => { const v = document.querySelector('#cut-player video');
                           return v && v.currentSrc && v.currentSrc !== old && v.readyState >= 2 }""",
                arg=old_src,
            )
        return self.video_src()

    @contextmanager
    def telling_state(self, awaited: str) -> Iterator[None]:
        """A wait that times out says what the page showed then: the player's state and the last replies."""
        from playwright.sync_api import TimeoutError as PageTimeout

        try:
            yield
        except PageTimeout as exc:
            state = self.page.evaluate(PAGE_STATE_JS)
            waited = f"waited {TIMEOUT_MS / 1000:.0f} s for {awaited}"
            raise TimeoutError(f"{waited}; the page showed {state}") from exc

    def bot_messages(self) -> list[str]:
        return self.page.locator("#chat [data-testid=bot]").all_inner_texts()

    def user_messages(self) -> list[str]:
        return self.page.locator("#chat [data-testid=user]").all_inner_texts()

    def send(self, text: str) -> str:
        """Type a request, press Enter, and return the assistant's reply to it."""
        before = len(self.bot_messages())
        box = self.page.locator("#chat-input textarea")
        box.fill(text)
        box.press("Enter")
        self.page.wait_for_function("() => !document.querySelector('#chat-input textarea').value")
        return self.wait_for_reply(before)

    def wait_for_reply(self, before: int) -> str:
        """Until the assistant has said something after its ``before``-th message; returns that."""
        with self.telling_state("a reply"):
            self.page.wait_for_function(
                "n => document.querySelectorAll('#chat [data-testid=bot]').length > n", arg=before
            )
        return self.bot_messages()[-1]

    def version_labels(self) -> list[str]:
        self.page.locator("#versions input").click()
        labels = self.page.get_by_role("option").all_inner_texts()
        self.page.keyboard.press("Escape")
        return labels

    def off_localhost(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.url, "data:", "blob:"))]


def play_advances(page, selector: str) -> None:
    """The element has a decoded frame and its clock moves after play() (muted: autoplay policy)."""
    page.wait_for_function(f"() => document.querySelector('{selector}')?.readyState >= 2")
    start = page.evaluate(
        f"async () => {{ const v = document.querySelector('{selector}'); v.muted = true;"
        " await v.play(); return v.currentTime }"
    )
    page.wait_for_function(
        f"t => document.querySelector('{selector}').currentTime > t + 0.2", arg=start
    )


def share_current(app: AppPage) -> str:
    link = app.page.locator("#share-link")
    old = link.get_attribute("href") if link.count() else None
    app.page.click("#share")
    app.page.wait_for_function(
        "old => { const a = document.querySelector('#share-link');"
        " return a && a.getAttribute('href') !== old }",
        arg=old,
    )
    return app.page.locator("#share-link").get_attribute("href")


def test_a_whole_video_split_at_its_shot_changes_from_its_clip_buttons(server: LiveServer, browser) -> None:
    """The first cut is each video whole: the picked clip's "Split at shot changes" makes its shots clips of
    their own (four_shots has four), so the next button press acts on one shot."""
    ctx = browser.new_context(viewport={"width": 1360, "height": 1000})
    app = AppPage(ctx, server.url).open()
    src = app.start("four_shots", "tone")
    strip = app.page.locator("#shot-strip .thumbnail-item")
    assert strip.count() == 2
    strip.nth(0).click()
    app.page.wait_for_selector("#clip-actions", state="visible")
    before = len(app.bot_messages())
    app.page.click("#split-clip")
    src = app.wait_for_new_video(src)
    assert "split 1 clip into shots (5 clips now)" in app.wait_for_reply(before)
    assert strip.count() == 5 and any("split clip 1 at its shot changes" in m for m in app.user_messages())
    strip.nth(1).click()  # the second shot of four_shots
    app.page.wait_for_function("() => document.querySelector('#clip-actions')?.innerText.includes('Clip 2 ')")
    app.page.click("#drop-clip")
    app.wait_for_new_video(src)
    assert strip.count() == 4
    ctx.close()


def test_chat_share_revoke_and_restart(server: LiveServer, browser, artifacts: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1360, "height": 1000})
    app = AppPage(ctx, server.url).open()
    src = app.start("four_shots", "tone")
    assert app.page.locator("#shot-strip .thumbnail-item").count() == 2

    # Select the second clip in the strip and drop it: a new version with one clip.
    app.page.locator("#shot-strip .thumbnail-item").nth(1).click()
    app.page.wait_for_selector("#clip-actions", state="visible")
    app.page.click("#drop-clip")
    src = app.wait_for_new_video(src)
    assert app.page.locator("#shot-strip .thumbnail-item").count() == 1

    reply = app.send("make it shorter")
    src = app.wait_for_new_video(src)
    assert reply.strip()
    assert "planner: rules" in app.page.inner_text("#what-changed")
    app.page.screenshot(path=str(artifacts / "chat.png"), full_page=True)
    assert any("make it shorter" in label for label in app.version_labels())

    app.page.click("#download-panel")
    app.page.click("#export")
    app.page.wait_for_function("() => document.querySelectorAll('#downloads a').length >= 4")
    names = app.page.inner_text("#downloads").replace("\n", "")
    for suffix in (".mp4", ".otio", ".edl", ".fcpxml"):
        assert f"personalcut-v2{suffix}" in names

    revoked_link = share_current(app)
    assert revoked_link.startswith("/v/")

    viewer = browser.new_context()
    watch = viewer.new_page()
    watch.set_default_timeout(TIMEOUT_MS)
    viewer_requests: list[str] = []
    viewer.on("request", lambda r: viewer_requests.append(r.url))
    assert watch.goto(server.url + revoked_link).status == 200
    assert "make it shorter" in watch.inner_text("#share-turns")
    play_advances(watch, "#share-video")
    watch.screenshot(path=str(artifacts / "share.png"), full_page=True)

    # "Remix" opens the chat on a new branch that starts at the shared version.
    watch.click("#remix")
    watch.wait_for_function(
        "() => [...document.querySelectorAll('#chat [data-testid=bot]')]"
        ".some(m => m.innerText.includes('Remix'))"
    )
    watch.wait_for_function("() => document.querySelector('#cut-player video')?.readyState >= 2")

    # Undo in the app, share the older version too; then revoke the first link.
    app.page.click("#undo")
    src = app.wait_for_new_video(src)
    kept_link = share_current(app)
    app.page.locator("#my-links input").click()
    app.page.get_by_role("option").filter(has_text=revoked_link.removeprefix("/v/")[:8]).click()
    app.page.click("#revoke")
    app.page.wait_for_function("() => document.querySelector('#share-out')?.innerText.includes('revoked')")
    assert watch.goto(server.url + revoked_link).status == 404
    assert "revoked" in watch.inner_text("body")

    # Jump back to the start through the version list: both videos again.
    app.page.locator("#versions input").click()
    app.page.get_by_role("option").filter(has_text="v0: start").click()
    src = app.wait_for_new_video(src)
    assert app.page.locator("#shot-strip .thumbnail-item").count() == 2

    assert app.off_localhost() == [] and [u for u in viewer_requests if not u.startswith(server.url)] == []
    ctx.close()

    server.stop()
    server.start()
    assert watch.goto(server.url + kept_link).status == 200
    play_advances(watch, "#share-video")
    assert watch.goto(server.url + revoked_link).status == 404
    viewer.close()


def test_two_browsers_keep_separate_cuts(server: LiveServer, browser) -> None:
    a = AppPage(browser.new_context(), server.url).open()
    b = AppPage(browser.new_context(), server.url).open()
    src_a, src_b = a.start("four_shots"), b.start("tone")
    # Both requests are in flight at once.
    for app, text in ((a, "make it shorter"), (b, "play it twice as fast")):
        box = app.page.locator("#chat-input textarea")
        box.fill(text)
        box.press("Enter")
    a.wait_for_new_video(src_a)
    b.wait_for_new_video(src_b)
    labels_a, labels_b = a.version_labels(), b.version_labels()
    assert any("make it shorter" in x for x in labels_a) and not any("twice" in x for x in labels_a)
    assert any("twice as fast" in x for x in labels_b) and not any("shorter" in x for x in labels_b)
    assert "twice as fast" not in " ".join(a.bot_messages())
    a.page.context.close()
    b.page.context.close()


def test_bad_upload_and_unmatched_request_answer_in_chat(server: LiveServer, browser, tmp_path: Path) -> None:
    app = AppPage(browser.new_context(), server.url).open()
    fake = tmp_path / "holiday.mp4"
    fake.write_text("this is not a video at all\n" * 20)
    before = len(app.bot_messages())
    app.page.set_input_files("#upload input[type=file]", str(fake))
    assert "Could not add holiday.mp4" in app.wait_for_reply(before)

    clip = media_factory.single_shot(tmp_path / "fresh_upload.mp4", frames=30).path
    before = len(app.bot_messages())
    app.page.set_input_files("#upload input[type=file]", str(clip))
    assert "Added fresh_upload" in app.wait_for_reply(before)
    assert app.page.locator("#videos label", has_text="fresh_upload").count() == 1

    src = app.start("four_shots")
    versions = app.version_labels()
    reply = app.send("drop clip 9")
    assert "9" in reply and app.version_labels() == versions  # nothing changed, and it says why
    assert app.video_src() == src
    assert app.page.locator(".toast-body.error").count() == 0
    app.page.context.close()


def test_a_question_is_answered_by_clicking_a_choice(server: LiveServer, browser) -> None:
    app = AppPage(browser.new_context(), server.url).open()
    first = app.start("four_shots", "tone")  # two clips, so dropping one leaves a cut
    reply = app.send("remove clip 12")  # past the end of the cut: asked, not guessed
    choices = app.page.locator("#answers label")
    choices.first.wait_for()
    assert choices.count() >= 2 and choices.first.inner_text() in reply
    assert app.video_src() == first  # no new version until answered
    picked = choices.first.inner_text()
    before = len(app.bot_messages())
    choices.first.click()
    app.wait_for_reply(before)
    app.wait_for_new_video(first)
    assert app.page.locator("#answers").is_hidden()
    assert any(picked in label for label in app.version_labels())
    app.page.context.close()


def test_a_video_named_in_the_chat_is_cut_and_the_videos_are_told(server: LiveServer, browser) -> None:
    """In the browser: "drop everything from tone" removes that video (before: a search for the word);
    "which videos are in this cut?" says where the cut comes from, with no new version."""
    app = AppPage(browser.new_context(), server.url).open()
    first = app.start("four_shots", "tone")
    reply = app.send("drop everything from tone")
    assert "removed the parts from tone" in reply
    cut = app.wait_for_new_video(first)
    versions = app.version_labels()
    told = app.send("which videos are in this cut?")
    assert told.startswith("The cut comes from four_shots (") and "Not in it: tone." in told
    assert app.version_labels() == versions and app.video_src() == cut
    app.page.context.close()


def test_a_picked_clip_moves_with_its_buttons_and_by_chat(server: LiveServer, browser) -> None:
    """ "Later ▶" moves the clip pressed in the timeline one place on and leaves it pressed; at the end of the
    cut it says so and makes nothing; "swap clips 1 and 2" typed in the chat puts them back; a clip dragged
    onto another takes its place."""
    app = AppPage(browser.new_context(viewport={"width": 1360, "height": 1000}), server.url).open()
    src = app.start("four_shots", "tone")
    names = "() => [...document.querySelectorAll('#timeline .tl-clip .tl-name')].map(e => e.textContent)"
    assert app.page.evaluate(names) == ["1. four_shots", "2. tone"]

    app.page.locator("#timeline .tl-clip").first.click()
    app.page.wait_for_selector("#clip-actions", state="visible")
    app.page.click("#clip-later")
    src = app.wait_for_new_video(src)
    app.page.wait_for_function(f"() => ({names})()[0] === '1. tone'")
    assert app.page.evaluate(names) == ["1. tone", "2. four_shots"]
    pressed = app.page.locator("#timeline .tl-clip[aria-pressed=true] .tl-name")
    assert pressed.inner_text() == "2. four_shots" and app.page.is_visible("#clip-later")

    before = len(app.bot_messages())
    app.page.click("#clip-later")  # the pressed clip is last now
    assert app.wait_for_reply(before) == "Clip 2 is already last."
    assert app.video_src() == src

    app.send("swap clips 1 and 2")
    app.wait_for_new_video(src)
    assert app.page.evaluate(names) == ["1. four_shots", "2. tone"]
    src = app.video_src()
    clips = app.page.locator("#timeline .tl-clip")
    clips.nth(1).drag_to(clips.nth(0))  # "tone" dragged onto the first clip takes its place
    src = app.wait_for_new_video(src)
    assert app.page.evaluate(names) == ["1. tone", "2. four_shots"]
    assert app.page.locator("#timeline .tl-clip[aria-pressed=true] .tl-name").inner_text() == "1. tone"
    labels = app.version_labels()
    assert any("move clip 1 later" in label for label in labels)
    assert any("swap clips 1 and 2" in label for label in labels)
    assert any("move clip 2 before clip 1" in label for label in labels)
    app.page.context.close()


def test_a_reload_restores_the_cut_and_your_cuts_reopens_it(server: LiveServer, browser, artifacts: Path):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    app = AppPage(ctx, server.url).open()
    assert app.page.is_disabled("#revoke")  # nothing picked: nothing to revoke
    src = app.start("four_shots", "tone")
    app.send("keep it under 4 seconds")
    src = app.wait_for_new_video(src)
    link = share_current(app)
    app.page.wait_for_function("() => new URLSearchParams(location.search).get('s')")
    sid = app.page.evaluate("() => new URLSearchParams(location.search).get('s')")
    seen = (app.version_labels(), app.user_messages(), app.page.inner_text("#what-changed"))

    app.page.reload()
    assert app.wait_for_new_video(None) == src
    assert (app.version_labels(), app.user_messages(), app.page.inner_text("#what-changed")) == seen
    assert app.bot_messages()[0].startswith("Back to your cut of four_shots, tone")
    app.page.screenshot(path=str(artifacts / "reloaded.png"), full_page=True)
    # The link made before the reload is still listed; picking it enables Revoke.
    app.page.locator("#my-links input").click()
    app.page.get_by_role("option").filter(has_text=link.removeprefix("/v/")[:8]).click()
    app.page.wait_for_function("() => !document.querySelector('#revoke').disabled")

    # A new tab: "Your cuts" reopens the session, and the address bar then names it.
    other = AppPage(ctx, server.url).open()
    other.page.locator("#my-cuts input").click()
    other.page.get_by_role("option").filter(has_text="keep it under 4 seconds · four_shots, tone").click()
    assert other.wait_for_new_video(None) == src
    assert (other.version_labels(), other.user_messages()) == seen[:2]
    other.page.wait_for_function("sid => location.search === '?s=' + sid", arg=sid)
    # The cut's own address opens it too.
    direct = AppPage(ctx, server.url).open(f"/s/{sid}")
    assert direct.wait_for_new_video(None) == src and direct.user_messages() == seen[1]
    assert app.off_localhost() == []
    ctx.close()


def test_end_fades_a_muted_clip_and_a_clips_blur_from_the_chat_show_on_the_timeline(server: LiveServer,
                                                                                    browser) -> None:
    """In the browser: "fade in and out", "mute clip 2" and "blur the faces in clip 1" each make a version
    whose preview plays, and the timeline bar shades the fades and marks the muted and the blurred clip."""
    app = AppPage(browser.new_context(), server.url).open()
    first = app.start("four_shots", "tone")
    reply = app.send("fade in and out, 1 second each")
    assert "fade in from black at the start and out to black at the end" in reply.lower()
    faded = app.wait_for_new_video(first)
    app.page.locator("#timeline .tl-fade-in").wait_for()
    assert app.page.locator("#timeline .tl-fade-out").count() == 1
    assert "Fades in from black (1 s)" in app.page.locator("#timeline .tl-fade-in").get_attribute("title")
    reply = app.send("mute clip 2")
    assert "muted 1 clip" in reply.lower()
    muted = app.wait_for_new_video(faded)
    mark = app.page.locator("#timeline [data-clip='1'] .tl-level")
    mark.wait_for()
    assert mark.get_attribute("title") == "sound muted"
    assert app.page.locator("#timeline .tl-level").count() == 1
    assert app.page.locator("#timeline .tl-fade-in").count() == 1  # the fades stay through the next edit
    reply = app.send("blur the faces in clip 1")
    assert "in clip 1, faces blurred: everyone" in reply.lower()
    app.wait_for_new_video(muted)
    blurred = app.page.locator("#timeline [data-clip='0'] .tl-blur")
    blurred.wait_for()
    assert blurred.get_attribute("title") == "faces blurred: everyone"
    assert app.page.locator("#timeline .tl-blur").count() == 1
    assert "in clip 1, faces blurred: everyone" in app.page.locator("#what-changed").inner_text().lower()
    play_advances(app.page, "#cut-player video")
    app.page.context.close()
