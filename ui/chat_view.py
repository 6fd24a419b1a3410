"""The chat app's Gradio Blocks: the page layout and which handler each event runs.

What an event does lives in ``ui/editor_handlers.py`` (plain methods returning a ``PageUpdate``);
this module only places the components and turns an update into Gradio's per-component values.
The browser holds only a session id (``gr.State``); every view is derived from the stored Version.
The address bar names the session (``/?s=<id>``, also reached as ``/s/<id>``), so a reload reopens it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr

from ui.editor_handlers import (
    UNCHANGED,
    WELCOME,
    ClipSelection,
    CutView,
    EditorHandlers,
    PageUpdate,
)
from ui.services import Services

CSS = """
#shot-strip .grid-container{grid-template-columns:repeat(auto-fill,minmax(150px,190px))!important}
#shot-strip .caption-label{white-space:normal;font-size:.75rem;line-height:1.2}
#what-changed{min-height:3em}
footer{display:none!important}
"""
# The page's URL names the session: ?s=<id> replaces ?remix=… (which would branch again on a reload).
SESSION_URL_JS = "(sid) => { if (sid) history.replaceState(null, '', '?s=' + encodeURIComponent(sid)); }"
Updates = dict[Any, Any]  # component -> new value, what a Gradio event handler returns


def build_blocks(services: Services) -> gr.Blocks:
    """The whole chat UI; one Blocks per server, many browsers (each with its own gr.State)."""
    handlers = EditorHandlers(services)
    with gr.Blocks(title="personalcut", analytics_enabled=False) as blocks:
        page = _layout(handlers.video_choices())
        _wire(blocks, page, handlers)
    return blocks


@dataclass(frozen=True)
class _Page:
    """The components an event reads or changes."""

    session_id: gr.State
    session_in_url: gr.Textbox  # the session id again, hidden: State never reaches the browser's JS
    selected_clip: gr.State
    my_cuts: gr.Dropdown
    videos: gr.CheckboxGroup
    start_btn: gr.Button
    upload: gr.File
    undo_btn: gr.Button
    redo_btn: gr.Button
    versions: gr.Dropdown
    export_btn: gr.Button
    downloads: gr.File
    share_btn: gr.Button
    share_out: gr.HTML
    my_links: gr.Dropdown
    revoke_btn: gr.Button
    player: gr.Video
    changed: gr.Markdown
    strip: gr.Gallery
    clip_actions: gr.Row
    clip_label: gr.Markdown
    drop_btn: gr.Button
    keep_btn: gr.Button
    plan_json: gr.Code
    chat: gr.Chatbot
    answers: gr.Radio
    text: gr.Textbox

    def outputs(self) -> list[Any]:
        """Every component a handler may change (Gradio needs them listed up front)."""
        return [
            self.session_id, self.session_in_url, self.chat, self.text, self.videos, self.upload,
            self.downloads, self.share_out, self.my_links, self.selected_clip, self.clip_label, self.player,
            self.changed, self.plan_json, self.strip, self.versions, self.undo_btn, self.redo_btn,
            self.clip_actions, self.answers, self.my_cuts, self.revoke_btn,
        ]

    def updates(self, update: PageUpdate) -> Updates:
        """``update`` as Gradio's component -> value map; an error becomes Gradio's error notice."""
        if update.error:
            raise gr.Error(update.error)
        out: Updates = {}
        if update.session_id is not UNCHANGED:
            out[self.session_id] = out[self.session_in_url] = update.session_id
        if update.chat is not UNCHANGED:
            out[self.chat] = update.chat
        if isinstance(update.cut, CutView):
            out |= self._cut(update.cut)
        if isinstance(update.selection, ClipSelection):
            out |= {
                self.selected_clip: update.selection.number, self.clip_actions: gr.Row(visible=True),
                self.clip_label: update.selection.label,
            }
        if update.clear_input:
            out[self.text] = ""
        if update.videos is not UNCHANGED:
            out[self.videos] = gr.CheckboxGroup(choices=update.videos)
        if update.clear_upload:
            out[self.upload] = None
        if update.downloads is not UNCHANGED:
            out[self.downloads] = update.downloads
        if update.share_html is not UNCHANGED:
            out[self.share_out] = update.share_html
        if update.links is not UNCHANGED:
            out[self.my_links] = gr.Dropdown(choices=update.links, value=None)
            out[self.revoke_btn] = gr.Button(interactive=False)  # until a link is picked again
        if update.cuts is not UNCHANGED:
            out[self.my_cuts] = gr.Dropdown(choices=update.cuts, value=None)
        if update.question is not UNCHANGED:
            labels = update.question or []
            out[self.answers] = gr.Radio(choices=labels, value=None, visible=bool(labels))
        # Nothing to update: an empty dict would read as one output value to Gradio.
        return out or {self.session_id: gr.skip()}

    def _cut(self, cut: CutView) -> Updates:
        return {
            self.player: cut.video,
            self.changed: cut.summary,
            self.plan_json: cut.plan_json,
            self.strip: cut.strip,
            self.versions: gr.Dropdown(choices=cut.versions, value=cut.current_version),
            self.undo_btn: gr.Button(interactive=cut.can_undo),
            self.redo_btn: gr.Button(interactive=cut.can_redo),
            self.clip_actions: gr.Row(visible=False),
            self.selected_clip: None,
        }


def _layout(video_choices: list[tuple[str, str]]) -> _Page:
    """Place the components (inside the caller's Blocks) and name them for the handlers."""
    session_id = gr.State(None)
    session_in_url = gr.Textbox(visible=False, elem_id="session-id")
    selected_clip = gr.State(None)
    gr.Markdown("## personalcut — chat with a film, get your own cut")
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=260):
            with gr.Group():
                videos = gr.CheckboxGroup(
                    label="Videos to cut from", choices=video_choices, elem_id="videos"
                )
                start_btn = gr.Button("Start a new cut", variant="primary", elem_id="start")
            my_cuts = gr.Dropdown(label="Your cuts", choices=[], elem_id="my-cuts")
            upload = gr.File(label="Add a video", file_types=["video"], elem_id="upload", height=140)
            with gr.Accordion("Versions", open=True):
                with gr.Row():
                    undo_btn = gr.Button("↶ Undo", size="sm", interactive=False, elem_id="undo")
                    redo_btn = gr.Button("↷ Redo", size="sm", interactive=False, elem_id="redo")
                versions = gr.Dropdown(label="Jump to version", choices=[], elem_id="versions")
            with gr.Accordion("Download", open=False, elem_id="download-panel"):
                export_btn = gr.Button("Render high quality + edit lists", elem_id="export")
                downloads = gr.File(
                    label="MP4, OTIO, EDL, FCPXML", file_count="multiple", interactive=False,
                    elem_id="downloads",
                )
            with gr.Accordion("Share", open=True):
                share_btn = gr.Button("Share this version", elem_id="share")
                share_out = gr.HTML(elem_id="share-out")
                my_links = gr.Dropdown(label="Your links", choices=[], elem_id="my-links")
                revoke_btn = gr.Button(
                    "Revoke link", size="sm", variant="stop", interactive=False, elem_id="revoke"
                )
        with gr.Column(scale=3):
            player = gr.Video(label="Your cut", interactive=False, elem_id="cut-player", height=360)
            changed = gr.Markdown(elem_id="what-changed")
            strip = gr.Gallery(
                label="Clips in this cut — click one to drop it or keep only it", columns=8, height=215,
                allow_preview=False, elem_id="shot-strip", object_fit="cover",
            )
            with gr.Row(visible=False, elem_id="clip-actions") as clip_actions:
                clip_label = gr.Markdown()
                drop_btn = gr.Button("Drop this clip", size="sm", variant="stop", elem_id="drop-clip")
                keep_btn = gr.Button("Keep only this clip", size="sm", elem_id="keep-clip")
            with gr.Accordion("Plan (JSON)", open=False):
                plan_json = gr.Code(language="json", elem_id="plan-json")
            chat = gr.Chatbot(
                value=[{"role": "assistant", "content": WELCOME}], label="Chat", elem_id="chat",
                height=300, feedback_options=None, buttons=[], group_consecutive_messages=False,
            )
            answers = gr.Radio(
                label="Which did you mean?", choices=[], type="index", visible=False, elem_id="answers"
            )
            with gr.Row():
                text = gr.Textbox(
                    show_label=False, placeholder="e.g. only the scenes in the snow, under 20 seconds",
                    scale=5, elem_id="chat-input", submit_btn=True,
                )
    return _Page(
        session_id=session_id, session_in_url=session_in_url, selected_clip=selected_clip, my_cuts=my_cuts,
        videos=videos, start_btn=start_btn, upload=upload, undo_btn=undo_btn, redo_btn=redo_btn,
        versions=versions, export_btn=export_btn, downloads=downloads, share_btn=share_btn,
        share_out=share_out, my_links=my_links, revoke_btn=revoke_btn, player=player, changed=changed,
        strip=strip, clip_actions=clip_actions, clip_label=clip_label, drop_btn=drop_btn, keep_btn=keep_btn,
        plan_json=plan_json, chat=chat, answers=answers, text=text,
    )


def _wire(blocks: gr.Blocks, page: _Page, handlers: EditorHandlers) -> None:
    """Which handler each event runs, with which inputs. Gradio finds ``gr.Request``, ``gr.SelectData``
    and ``gr.Progress`` by a parameter's annotation or default, so those events get a named function."""

    def plain(handler: Callable[..., PageUpdate]) -> Callable[..., Updates]:
        return lambda *inputs: page.updates(handler(*inputs))

    def on_load(request: gr.Request) -> Updates:
        query = request.query_params
        return page.updates(handlers.load(query.get("remix"), query.get("s")))

    def on_select(sid: str | None, evt: gr.SelectData) -> Updates:
        return page.updates(handlers.select(sid, evt.index))

    def on_upload(path: str | None, chat: list[dict], progress=gr.Progress()) -> Updates:  # noqa: B008
        return page.updates(handlers.upload(path, chat, lambda done, desc: progress(done, desc=desc)))

    def on_export(sid: str | None, progress=gr.Progress()) -> Updates:  # noqa: B008
        return page.updates(handlers.export(sid, lambda done: progress(done, desc="Rendering")))

    def on_share(sid: str | None, request: gr.Request) -> Updates:
        return page.updates(handlers.share(sid, str(request.base_url)))

    everything = page.outputs()
    # Spinners only where the person waits for something, not over the whole page.
    edit: dict[str, Any] = {"show_progress_on": [page.player, page.chat]}
    # Events that may start or switch the session; then the address bar names it (without a reload),
    # so reloading or bookmarking the page reopens the cut.
    session_events = [
        blocks.load(on_load, None, everything, show_progress="hidden"),
        page.start_btn.click(plain(handlers.start), [page.videos, page.chat], everything, api_name="start",
                             **edit),
        page.text.submit(
            plain(handlers.message), [page.text, page.chat, page.session_id, page.videos], everything,
            api_name="message", **edit,
        ),
        page.my_cuts.input(plain(handlers.reopen), [page.my_cuts], everything, **edit),
    ]
    for event in session_events:
        event.then(None, [page.session_in_url], None, js=SESSION_URL_JS, show_progress="hidden")
    history = [page.session_id, page.chat]
    page.undo_btn.click(plain(partial(handlers.history_move, "undo")), history, everything, **edit)
    page.redo_btn.click(plain(partial(handlers.history_move, "redo")), history, everything, **edit)
    page.versions.input(plain(handlers.goto), [page.versions, page.session_id], everything, **edit)
    page.strip.select(on_select, [page.session_id], everything, show_progress="hidden")
    clip = [page.selected_clip, page.chat, page.session_id]
    page.drop_btn.click(plain(handlers.drop_clip), clip, everything, **edit)
    page.keep_btn.click(plain(handlers.keep_clip), clip, everything, **edit)
    answer = [page.answers, page.chat, page.session_id]
    page.answers.input(plain(handlers.answer), answer, everything, api_name="answer", **edit)
    page.upload.upload(on_upload, [page.upload, page.chat], everything, show_progress_on=[page.upload])
    page.export_btn.click(on_export, [page.session_id], everything, show_progress_on=[page.downloads])
    page.share_btn.click(on_share, [page.session_id], everything, show_progress_on=[page.share_out])
    page.revoke_btn.click(
        plain(handlers.revoke), [page.my_links], everything, show_progress_on=[page.share_out]
    )
    page.my_links.change(
        lambda link: gr.Button(interactive=bool(link)), [page.my_links], [page.revoke_btn],
        show_progress="hidden",
    )
