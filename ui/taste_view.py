"""The app's taste parts: the profile picker, the "Suggested for you" strip and the 👍 / 👎 buttons.

The profile a browser cuts as is remembered in that browser (``gr.BrowserState``, in its localStorage); a
browser that picked none works as the server's default profile ($PERSONALCUT_USER, else "default").
Sessions started from the page belong to that profile; suggestions and ratings are for the profile that
owns the open cut. What each action does is a plain method of ``TasteHandlers`` returning the editor's
``PageUpdate`` and this module's ``SuggestionStrip``; ``TastePanel`` maps both onto Gradio components.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.plan.describe import plural
from assistant.taste.events import TasteError, check_user
from assistant.taste.recommend import Suggestion
from assistant.timeline.history import PlanError
from ui.editor_handlers import UNCHANGED, ChatHistory, Choices, EditorHandlers, PageUpdate, say
from ui.shot_strip import mmss, placeholder
from ui.timeline_view import PRESSED_CLIP_JS

SUGGESTION_COUNT = 6
PROFILE_STORAGE_KEY = "personalcut-profile"
# BrowserState encrypts what it stores; a profile name is no secret, and a fixed key keeps a browser's
# choice across server restarts.
PROFILE_STORAGE_SECRET = "personalcut-profile-v1"
NO_CUT_NOTE = "Start a cut to see scenes picked for you."
EMPTY_NOTE = "Nothing to suggest: every scene of these videos is in the cut or was turned down."
FOLLOW_NOTE = "The suggestions follow your taste."
STRIP_LABEL = "Suggested for you — click one to add it to the cut"
# Gallery thumbnails carry an aria-label that differs from their caption (axe: label-content-name-mismatch);
# the caption alone names them, as in the shot strip (PAGE_JS in ui/chat_view.py).
SUGGESTIONS_JS = """() => {
  const fix = () => document.querySelectorAll('#suggested .thumbnail-item[aria-label]')
    .forEach(e => e.removeAttribute('aria-label'));
  fix();
  new MutationObserver(fix).observe(document.body, {subtree: true, childList: true});
}"""
TASTE_CSS = """
#suggested .grid-wrap{padding-top:30px}
#suggested .grid-container{grid-template-columns:repeat(auto-fill,minmax(120px,1fr))!important}
#suggested .thumbnail-item{display:flex;flex-direction:column;height:auto!important;
  aspect-ratio:auto!important}
#suggested .thumbnail-item img{aspect-ratio:16/9;height:auto!important;flex:none}
#suggested .caption-label{position:static!important;max-width:none!important;white-space:pre-line;
  font-size:.7rem;line-height:1.2;background:none!important;padding:2px 4px;text-align:left;
  overflow-wrap:anywhere}
#suggested-note p{margin:0}
"""


@dataclass(frozen=True)
class SuggestionStrip:
    """What the strip shows: (thumbnail, caption) per suggestion, the shots behind them (kept in the
    browser's ``gr.State`` so a click adds exactly what was shown) and a line of markdown over it."""

    items: Choices
    picks: list[dict[str, Any]]  # {"video", "shot", "reason", "score"} per item
    note: str


NO_STRIP = SuggestionStrip([], [], NO_CUT_NOTE)


@dataclass(frozen=True)
class ProfileView:
    """The picked profile (what the browser stores) and the profiles to choose from."""

    name: str
    choices: list[str]


class TasteHandlers:
    """One per server, beside ``EditorHandlers``; every method takes the page's plain values."""

    def __init__(self, editor: EditorHandlers) -> None:
        self.editor = editor
        self.services = editor.services

    # -- profiles -----------------------------------------------------------------------------------
    def profiles(self, *also: str) -> list[str]:
        """Every profile of the library, the server's default and ``also`` (a name just typed)."""
        return sorted({*self.services.taste.users(), self.services.default_user, *also})

    def open_profile(self, stored: str | None) -> ProfileView:
        """The page opened: the profile this browser picked before (still a valid name), else the default."""
        try:
            name = check_user(stored) if stored else self.services.default_user
        except TasteError:
            name = self.services.default_user
        return ProfileView(name, self.profiles(name))

    def pick_profile(self, name: str | None, current: str | None, chat: ChatHistory, sid: str | None
                     ) -> tuple[PageUpdate, ProfileView]:
        """A pick (or a new name typed) in the profile list; a bad name keeps the current profile."""
        keep = ProfileView(current or self.services.default_user, self.profiles(current or ""))
        name = (name or "").strip()
        if not name or name == keep.name:
            return PageUpdate(), keep
        try:
            self.services.taste.ensure_user(name)
        except TasteError as exc:
            return PageUpdate(chat=say(chat, None, f"Could not switch profile: {exc}.")), keep
        reply = f"You are cutting as **{name}** now: new cuts are {name}'s and learn {name}'s taste."
        if sid is not None:
            owner = self.services.run(sid, lambda s: s.user)
            if owner != name:
                reply += f" The open cut stays {owner}'s."
        return PageUpdate(chat=say(chat, None, reply)), ProfileView(name, self.profiles(name))

    # -- suggestions --------------------------------------------------------------------------------
    def strip(self, sid: str | None) -> SuggestionStrip:
        """The open cut owner's best scenes that the cut does not hold yet (the empty state says why)."""
        if sid is None:
            return NO_STRIP
        found = self.services.suggestions(sid, SUGGESTION_COUNT)
        owner = self.services.run(sid, lambda s: s.user)
        if not found:
            return SuggestionStrip([], [], EMPTY_NOTE)
        names = self.editor.video_names() if len({s.shot.video_id for s in found}) > 1 else None
        items = [(self._thumbnail(s), _caption(s, names)) for s in found]
        picks = [{"video": s.shot.video_id, "shot": s.shot.index, "reason": s.reason, "score": s.score}
                 for s in found]
        signals = plural(len(self.services.taste.events(owner)), "thing")
        note = f"Suggested for **{owner}**, from {signals} {owner} kept, rated or shared, and others' cuts."
        return SuggestionStrip(items, picks, note)

    def _thumbnail(self, suggestion: Suggestion) -> str:
        library_dir = self.services.library_dir
        thumb = library_dir / suggestion.shot.thumbnail if suggestion.shot.thumbnail else None
        return str(thumb if thumb is not None and thumb.is_file() else placeholder(library_dir))

    def add(self, index: int | None, picks: list[dict[str, Any]] | None, sid: str | None, chat: ChatHistory
            ) -> tuple[PageUpdate, SuggestionStrip]:
        """A click on the strip's ``index``-th suggestion: a new version with that scene, said in the chat."""
        if sid is None or index is None or not picks or not 0 <= index < len(picks):
            return PageUpdate(), self.strip(sid)
        suggestion = self._suggestion(picks[index])
        if suggestion is None:  # the video left the library since the strip was drawn
            gone = "That scene is not in the library any more."
            return PageUpdate(chat=say(chat, None, gone)), self.strip(sid)
        shot = suggestion.shot
        said = f"add the suggested scene {mmss(shot.start)}–{mmss(shot.end)}"
        try:
            version = self.services.add_suggestion(sid, suggestion, said)
        except PlanError as exc:
            return PageUpdate(chat=say(chat, said, str(exc))), self.strip(sid)
        update = PageUpdate(cut=self.editor.cut_view(sid), chat=say(chat, said, version.note),
                            cuts=self.editor.cuts())
        return update, self.strip(sid)

    def _suggestion(self, pick: dict[str, Any]) -> Suggestion | None:
        try:
            shots = self.services.library.shots(str(pick["video"]))
        except (KeyError, LookupError, ValueError):
            return None
        shot = next((s for s in shots if s.index == pick.get("shot")), None)
        return Suggestion(shot, float(pick.get("score", 0.0)), str(pick.get("reason", ""))) if shot else None

    # -- ratings ------------------------------------------------------------------------------------
    def rate_clip(self, up: bool, number: int | None, sid: str | None, chat: ChatHistory
                  ) -> tuple[PageUpdate, SuggestionStrip]:
        """👍 / 👎 on the clip selected in the cut: remembered for the cut's owner; the cut stays."""
        if sid is None or number is None:
            return PageUpdate(), self.strip(sid)
        try:
            self.services.run(sid, lambda s: s.rate(number, up))
        except ValueError as exc:
            return PageUpdate(chat=say(chat, None, f"Could not rate: {exc}.")), self.strip(sid)
        said = f"{'👍' if up else '👎'} clip {number}"
        reply = f"Noted: you {'like' if up else 'do not like'} clip {number}. {FOLLOW_NOTE}"
        return PageUpdate(chat=say(chat, said, reply)), self.strip(sid)

    def rate_cut(self, up: bool, sid: str | None, chat: ChatHistory) -> tuple[PageUpdate, SuggestionStrip]:
        """👍 / 👎 on the whole cut: every clip of it counts, for the cut's owner; the cut stays."""
        if sid is None:
            return PageUpdate(chat=say(chat, None, "Start a cut first, then rate it.")), NO_STRIP
        current = self.services.rate_cut(sid, up)
        said = f"{'👍' if up else '👎'} this cut"
        clips = plural(len(current.timeline.clips), "clip")
        reply = f"Noted: you {'like' if up else 'do not like'} this cut ({clips}). {FOLLOW_NOTE}"
        return PageUpdate(chat=say(chat, said, reply)), self.strip(sid)


def _caption(suggestion: Suggestion, names: dict[str, str] | None) -> str:
    """Where the scene is (its video's name when the strip mixes videos), and why it is suggested."""
    shot = suggestion.shot
    head = f"{names.get(shot.video_id, shot.video_id[:8])}\n" if names is not None else ""
    return f"{head}{mmss(shot.start)}–{mmss(shot.end)} · {suggestion.reason}"


# -- Gradio components ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TastePanel:
    """The components; placed by ``ui/chat_view.py``'s layout with the functions below."""

    profile: gr.BrowserState  # the profile name this browser cuts as, kept in its localStorage
    current: gr.State  # the same, for this page's events (a State is no part of the HTTP API)
    profile_pick: gr.Dropdown
    clip_up: gr.Button
    clip_down: gr.Button
    picks: gr.State
    strip: gr.Gallery
    note: gr.Markdown
    cut_up: gr.Button
    cut_down: gr.Button

    def outputs(self) -> list[Any]:
        return [self.profile, self.current, self.profile_pick, self.picks, self.strip, self.note]

    def strip_updates(self, strip: SuggestionStrip) -> dict[Any, Any]:
        return {self.picks: strip.picks, self.strip: gr.Gallery(value=strip.items, visible=bool(strip.items)),
                self.note: strip.note}

    def profile_updates(self, view: ProfileView) -> dict[Any, Any]:
        pick = gr.Dropdown(choices=view.choices, value=view.name)
        return {self.profile: view.name, self.current: view.name, self.profile_pick: pick}


def profile_picker(default_user: str) -> tuple[gr.BrowserState, gr.State, gr.Dropdown]:
    """Who is cutting: a list of the profiles where a new name can be typed (and where it is kept)."""
    profile = gr.BrowserState(default_user, storage_key=PROFILE_STORAGE_KEY, secret=PROFILE_STORAGE_SECRET)
    current = gr.State(None)  # None until the page has read the browser's choice: the server's default
    pick = gr.Dropdown(label="Profile (whose taste to learn; type a new name to add one)",
                       choices=[default_user], value=default_user, allow_custom_value=True, elem_id="profile")
    return profile, current, pick


def clip_rating_buttons() -> tuple[gr.Button, gr.Button]:
    """👍 / 👎 for the selected clip (placed beside its Drop / Keep buttons)."""
    return (gr.Button("👍 Like this clip", size="sm", elem_id="like-clip"),
            gr.Button("👎 Not this clip", size="sm", elem_id="dislike-clip"))


def suggestion_panel() -> tuple[gr.State, gr.Gallery, gr.Markdown, gr.Button, gr.Button]:
    """The "Suggested for you" strip, its note (or empty state) and 👍 / 👎 for the whole cut."""
    with gr.Row(elem_id="rate-cut"):
        cut_up = gr.Button("👍 I like this cut", size="sm", elem_id="like-cut")
        cut_down = gr.Button("👎 Not for me", size="sm", elem_id="dislike-cut")
    note = gr.Markdown(NO_CUT_NOTE, elem_id="suggested-note")
    strip = gr.Gallery(label=STRIP_LABEL, columns=6, height="auto", allow_preview=False, elem_id="suggested",
                       object_fit="cover", visible=False)
    return gr.State([]), strip, note, cut_up, cut_down


Updates = dict[Any, Any]


def wire_taste(blocks: gr.Blocks, panel: TastePanel, handlers: TasteHandlers, session_id: gr.State,
               selected_clip: gr.State, chat: gr.Chatbot, timeline: gr.HTML,
               page_updates: Any, page_outputs: list[Any]) -> None:
    """The taste events. The strip is drawn again whenever the cut's timeline changes (a turn, undo, a
    new or reopened session) and after every rating; ``page_updates`` maps a ``PageUpdate`` for the editor.
    """
    everything = [*page_outputs, *panel.outputs()]
    quiet: dict[str, Any] = {"show_progress": "hidden"}

    def both(update: PageUpdate, strip: SuggestionStrip) -> Updates:
        return page_updates(update) | panel.strip_updates(strip)

    def on_load(stored: str | None) -> Updates:
        return panel.profile_updates(handlers.open_profile(stored))

    def on_pick(name: str | None, current: str | None, history: ChatHistory, sid: str | None) -> Updates:
        update, view = handlers.pick_profile(name, current, history, sid)
        out = panel.profile_updates(view)
        return out | (page_updates(update) if update.chat is not UNCHANGED else {})

    def on_add(picks: list[dict[str, Any]], sid: str | None, history: ChatHistory, evt: gr.SelectData
               ) -> Updates:
        return both(*handlers.add(evt.index, picks, sid, history))

    blocks.load(None, js=SUGGESTIONS_JS)
    blocks.load(on_load, [panel.profile], [panel.profile, panel.current, panel.profile_pick], **quiet)
    picked = [panel.profile_pick, panel.current, chat, session_id]
    panel.profile_pick.input(on_pick, picked, everything, **quiet)
    redraw = lambda sid: panel.strip_updates(handlers.strip(sid))  # noqa: E731
    timeline.change(redraw, [session_id], panel.outputs(), **quiet)
    panel.strip.select(on_add, [panel.picks, session_id, chat], everything, show_progress_on=[panel.strip])
    def rated(up: bool) -> Any:
        """👍 / 👎 on the clip the timeline shows pressed (``PRESSED_CLIP_JS``), else the one picked last."""
        def rate(shown: object, picked: int | None, sid: str | None, history: ChatHistory) -> Updates:
            valid = isinstance(shown, int) and not isinstance(shown, bool) and shown >= 1
            number = shown if valid and isinstance(shown, int) else picked
            return both(*handlers.rate_clip(up, number, sid, history))
        return rate

    for button, up in ((panel.clip_up, True), (panel.clip_down, False)):
        button.click(rated(up), [timeline, selected_clip, session_id, chat], everything, js=PRESSED_CLIP_JS,
                     **quiet)
    for button, up in ((panel.cut_up, True), (panel.cut_down, False)):
        button.click(lambda sid, history, up=up: both(*handlers.rate_cut(up, sid, history)),
                     [session_id, chat], everything, **quiet)
