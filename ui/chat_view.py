"""The chat app's Gradio Blocks: the page layout and which handler each event runs.

What an event does lives in ``ui/editor_handlers.py`` (plain methods returning a ``PageUpdate``);
this module only places the components and turns an update into Gradio's per-component values.
The page is laid out like an editor: library, cast and versions on the left, the player and the timeline
in the middle, the chat beside them on the right; each column scrolls on its own, so the player, the newest
reply and the input stay in view. On a phone the columns stack: player, input, reply, timeline.
The browser holds only a session id (``gr.State``); every view is derived from the stored Version.
The address bar names the session (``/?s=<id>``, also reached as ``/s/<id>``), so a reload reopens it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import gradio as gr

from ui.cast_view import CAST_CSS, CAST_EVENTS, CAST_JS, PRESSED_PERSON_JS
from ui.editor_handlers import (
    NO_CUT,
    UNCHANGED,
    WELCOME,
    ClipSelection,
    CutView,
    EditorHandlers,
    PageUpdate,
    PersonSelection,
)
from ui.recipe_view import RecipePanel, recipe_panel, wire_recipe
from ui.services import Services
from ui.taste_view import (
    TASTE_CSS,
    TasteHandlers,
    TastePanel,
    clip_rating_buttons,
    profile_picker,
    suggestion_panel,
    wire_taste,
)
from ui.timeline_view import PRESSED_CLIP_JS, TIMELINE_CSS, TIMELINE_JS

CLIP_PICKS = "clip-picks"  # the Gradio concurrency group of the strip's and the timeline's picks: click order

LAYOUT_CSS = """
footer{display:none!important}
.gradio-container{max-width:none!important}
#page-title h1{font-size:1.15rem;margin:0}
#page-title p{margin:0}
#upload .or,#recipe-upload .or{color:var(--body-text-color)}
#model-banner{background:#fff4d6;border:1px solid #b7791f;border-radius:6px;padding:2px 10px;color:#5c3d00;
  font-size:.85rem}
#model-banner p{margin:2px 0}
#videos label,#my-cuts,#versions,#my-links{min-width:0;max-width:100%}
#videos label span{overflow-wrap:anywhere}
#sidebar,#stage,#chat-panel{min-width:0}
#sidebar input,#sidebar .wrap-inner{min-width:0;text-overflow:ellipsis}
#cut-player video{max-height:var(--player-height);object-fit:contain}
#cut-player{--player-height:min(44vh,480px)}
#what-changed{min-height:2.5em}
#what-changed p{margin:0;overflow-wrap:anywhere}
#upload-status p{margin:0;overflow-wrap:anywhere}
#chat{flex:1 1 0!important;min-height:180px;height:auto!important}
#chat-panel{display:flex;flex-direction:column;gap:8px}
#sidebar>*,#stage>*,#chat-panel>:not(#chat){flex-shrink:0}
#shot-strip .grid-wrap{padding-top:30px}
#shot-strip .grid-container{grid-template-columns:repeat(auto-fill,minmax(100px,1fr))!important}
#shot-strip .thumbnail-item{display:flex;flex-direction:column;height:auto!important;
  aspect-ratio:auto!important}
#shot-strip .thumbnail-item img{aspect-ratio:16/9;height:auto!important;flex:none}
#shot-strip .caption-label{position:static!important;max-width:none!important;white-space:pre-line;
  font-size:.7rem;line-height:1.2;background:none!important;padding:2px 4px;text-align:left;
  overflow-wrap:anywhere}
#drop-clip:not(:disabled),#revoke:not(:disabled){background:#b42318;border-color:#b42318;color:#fff}
:focus-visible{outline:3px solid var(--color-accent)!important;outline-offset:2px}
@media (min-width:900px){
  #editor{height:calc(100vh - 32px);flex-wrap:nowrap!important;align-items:stretch}
  #sidebar,#stage,#chat-panel{height:100%;overflow-y:auto;overflow-x:hidden;flex-wrap:nowrap}
  #sidebar{flex:0 0 240px!important}
  #chat-panel{flex:0 0 min(28vw,460px)!important}
}
@media (max-width:899px){
  #editor{flex-direction:column!important;flex-wrap:nowrap!important}
  #stage,#chat-panel{display:contents!important}
  #stage>*{order:4}
  #stage>#cut-player,#stage>:has(#cut-player){order:1}
  #stage>#model-banner{order:0}
  #chat-panel>*{order:3}
  #chat-panel>#chat-input,#chat-panel>:has(#chat-input){order:2}
  #sidebar{order:5}
  #chat{min-height:120px!important;flex:none!important}
  #chat .bubble-wrap{max-height:32vh}
  #page-title p{display:none}
  #cut-player{--player-height:30vh}
}
"""
CSS = LAYOUT_CSS + TIMELINE_CSS + CAST_CSS + TASTE_CSS
# Space plays or pauses the cut, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) click Undo / Redo: never while the
# person types in a field, where those keys edit text, nor on a button or link, where Space presses it.
# Also fixes to Gradio's own markup that axe-core flags: an aria-label on a plain div (the empty player
# and strip get role=img), and an upload area and thumbnails whose spoken names differ from their text.
PAGE_JS = """() => {
  if (window.personalcutKeys) return;
  window.personalcutKeys = true;
  const fixAria = () => {
    document.querySelectorAll('.empty[aria-label]:not([role])').forEach(e => e.setAttribute('role', 'img'));
    document.querySelectorAll('#upload .upload-container, #recipe-upload .upload-container').forEach(e => {
      const text = e.innerText.replace(/\\s+/g, ' ').trim();
      if (text && e.getAttribute('aria-label') !== text) e.setAttribute('aria-label', text);
    });
    document.querySelectorAll('#shot-strip .thumbnail-item[aria-label]')
      .forEach(e => e.removeAttribute('aria-label'));
    // A long chat scrolls: keyboard users must be able to focus it to scroll (WCAG 2.1.1).
    document.querySelectorAll('.bubble-wrap:not([tabindex])').forEach(e => {
      e.setAttribute('tabindex', '0');
      if (!e.getAttribute('aria-label')) e.setAttribute('aria-label', 'Chat history');
    });
  };
  fixAria();
  new MutationObserver(fixAria).observe(document.body, {subtree: true, childList: true});
  // A clip picked in the shot strip: the timeline no longer shows another one pressed (PRESSED_CLIP_JS).
  document.addEventListener('click', (event) => {
    if (!event.target.closest || !event.target.closest('#shot-strip')) return;
    document.querySelectorAll('#timeline [data-clip]').forEach(c => c.setAttribute('aria-pressed', 'false'));
  }, true);
  const typing = (el) => !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (typing(target)) return;
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === ' ' && !mod && !event.altKey) {
      if (target.closest && target.closest('button, a, summary, video, [role=button], [role=option]')) return;
      const video = document.querySelector('#cut-player video');
      if (!video) return;
      event.preventDefault();
      if (video.paused) { video.play(); } else { video.pause(); }
    } else if (mod && (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y')) {
      const redo = event.shiftKey || event.key.toLowerCase() === 'y';
      const button = document.querySelector(redo ? '#redo' : '#undo');
      event.preventDefault();
      if (button && !button.disabled) button.click();
    }
  });
}"""
# The page's URL names the session: ?s=<id> replaces ?remix=… (which would branch again on a reload).
SESSION_URL_JS = "(sid) => { if (sid) history.replaceState(null, '', '?s=' + encodeURIComponent(sid)); }"
# A cut started or reopened from the library panel (below everything on a phone) brings the player into
# view; on a wide screen the player is already there and nothing moves.
SHOW_PLAYER_JS = "() => { document.querySelector('#cut-player')?.scrollIntoView({block: 'nearest'}); }"
Updates = dict[Any, Any]  # component -> new value, what a Gradio event handler returns


def build_blocks(services: Services) -> gr.Blocks:
    """The whole chat UI; one Blocks per server, many browsers (each with its own gr.State)."""
    handlers = EditorHandlers(services)
    with gr.Blocks(title="personalcut", analytics_enabled=False, fill_width=True) as blocks:
        page = _layout(handlers.video_choices(), services.default_user)
        _wire(blocks, page, handlers)
        wire_taste(blocks, page.taste, TasteHandlers(handlers), page.session_id, page.selected_clip,
                   page.chat, page.timeline, page.updates, page.outputs())
    return blocks


@dataclass(frozen=True)
class _Page:
    """The components an event reads or changes."""

    session_id: gr.State
    session_in_url: gr.Textbox  # the session id again, hidden: State never reaches the browser's JS
    selected_clip: gr.State
    banner: gr.Markdown
    my_cuts: gr.Dropdown
    videos: gr.CheckboxGroup
    cast: gr.HTML
    selected_person: gr.State
    person_actions: gr.Column
    person_label: gr.Markdown
    name_box: gr.Textbox
    name_btn: gr.Button
    only_btn: gr.Button
    hero_btn: gr.Button
    blur_btn: gr.Button
    unblur_btn: gr.Button
    merge_with: gr.Dropdown
    merge_btn: gr.Button
    forget_btn: gr.Button
    forget_confirm: gr.Column
    forget_question: gr.Markdown
    forget_target: gr.State  # whom the question's yes deletes
    forget_yes: gr.Button
    forget_no: gr.Button
    start_btn: gr.Button
    upload: gr.File
    upload_status: gr.Markdown
    recipe: RecipePanel
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
    timeline: gr.HTML
    strip: gr.Gallery
    clip_actions: gr.Column
    clip_label: gr.Markdown
    drop_btn: gr.Button
    split_btn: gr.Button
    earlier_btn: gr.Button
    later_btn: gr.Button
    keep_btn: gr.Button
    plan_json: gr.Code
    chat: gr.Chatbot
    answers: gr.Radio
    text: gr.Textbox
    taste: TastePanel  # profile picker, suggestions, 👍 / 👎 (ui/taste_view.py)

    def outputs(self) -> list[Any]:
        """Every component a handler may change (Gradio needs them listed up front)."""
        return [
            self.session_id, self.session_in_url, self.chat, self.text, self.videos, self.upload,
            self.downloads, self.share_out, self.my_links, self.selected_clip, self.clip_label, self.player,
            self.changed, self.plan_json, self.strip, self.versions, self.undo_btn, self.redo_btn,
            self.clip_actions, self.answers, self.my_cuts, self.revoke_btn, self.timeline, self.upload_status,
            self.banner, self.cast, self.selected_person, self.person_actions, self.person_label,
            self.name_box, self.merge_with, self.merge_btn, self.forget_confirm,
            self.forget_question, self.forget_target,
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
                self.selected_clip: update.selection.number, self.clip_actions: gr.Column(visible=True),
                self.clip_label: update.selection.label,
            }
        if update.clear_input:
            out[self.text] = ""
        # An update names only what it changes: choices (the library) and which are ticked, apart.
        if update.videos is not UNCHANGED and update.ticked is not UNCHANGED:
            out[self.videos] = gr.CheckboxGroup(choices=update.videos, value=update.ticked)
        elif update.videos is not UNCHANGED:
            out[self.videos] = gr.CheckboxGroup(choices=update.videos)
        elif update.ticked is not UNCHANGED:
            out[self.videos] = gr.CheckboxGroup(value=update.ticked)
        if update.clear_upload:
            out[self.upload] = None
        if update.upload_status is not UNCHANGED:
            out[self.upload_status] = update.upload_status
        if update.banner is not UNCHANGED:
            out[self.banner] = gr.Markdown(update.banner, visible=bool(update.banner))
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
        if update.cast is not UNCHANGED:
            out[self.cast] = update.cast
        if update.person is not UNCHANGED:
            out |= self._person(update.person)
        if update.confirm_forget is not UNCHANGED:
            question = update.confirm_forget
            out[self.forget_confirm] = gr.Column(visible=question is not None)
            out[self.forget_target] = question.character_id if question else None
            if question:
                out[self.forget_question] = question.text
        # Nothing to update: an empty dict would read as one output value to Gradio.
        return out or {self.session_id: gr.skip()}

    def _person(self, person: PersonSelection | None) -> Updates:
        """The picked person's buttons (hidden when nobody is picked); the merge list lists the others."""
        if person is None:
            return {self.selected_person: None, self.person_actions: gr.Column(visible=False)}
        return {
            self.selected_person: person.character_id, self.person_actions: gr.Column(visible=True),
            self.person_label: person.label, self.name_box: person.name,
            self.merge_with: gr.Dropdown(choices=person.merge_choices, value=None),
            self.merge_btn: gr.Button(interactive=False),  # until someone is picked to merge
        }

    def _cut(self, cut: CutView) -> Updates:
        return {
            self.player: cut.video,
            self.changed: cut.summary,
            self.timeline: cut.timeline,
            self.plan_json: cut.plan_json,
            self.strip: cut.strip,
            self.versions: gr.Dropdown(choices=cut.versions, value=cut.current_version),
            self.undo_btn: gr.Button(interactive=cut.can_undo),
            self.redo_btn: gr.Button(interactive=cut.can_redo),
            self.clip_actions: gr.Column(visible=False),
            self.selected_clip: None,
        }


def _layout(video_choices: list[tuple[str, str]], default_user: str) -> _Page:
    """Place the components (inside the caller's Blocks) and name them for the handlers."""
    session_id = gr.State(None)
    session_in_url = gr.Textbox(visible=False, elem_id="session-id")
    selected_clip = gr.State(None)
    selected_person = gr.State(None)
    forget_target = gr.State(None)
    with gr.Row(equal_height=False, elem_id="editor"):
        with gr.Column(scale=0, min_width=250, elem_id="sidebar"):
            gr.Markdown("# personalcut\nChat with a film, get your own cut.", elem_id="page-title")
            profile, profile_now, profile_pick = profile_picker(default_user)
            with gr.Group():
                videos = gr.CheckboxGroup(
                    label="Videos to cut from", choices=video_choices, elem_id="videos"
                )
                start_btn = gr.Button("Start a new cut", variant="primary", elem_id="start")
            upload = gr.File(label="Add a video", file_types=["video"], elem_id="upload", height=110)
            upload_status = gr.Markdown(elem_id="upload-status")
            recipe = recipe_panel()
            with gr.Accordion("Cast — people on screen", open=True, elem_id="cast-panel"):
                cast = gr.HTML(elem_id="cast", js_on_load=CAST_JS, padding=False)
                with gr.Column(visible=False, elem_id="person-actions") as person_actions:
                    person_label = gr.Markdown(elem_id="person-label")
                    name_box = gr.Textbox(label="Name", placeholder="e.g. Celia", max_lines=1,
                                          elem_id="person-name")
                    name_btn = gr.Button("Save name", size="sm", elem_id="name-person")
                    only_btn = gr.Button("Only scenes with this person", size="sm", elem_id="only-person")
                    hero_btn = gr.Button("Make hero", size="sm", elem_id="hero-person")
                    with gr.Row():
                        blur_btn = gr.Button("Blur this face", size="sm", elem_id="blur-person")
                        unblur_btn = gr.Button("Show this face", size="sm", elem_id="unblur-person")
                    merge_with = gr.Dropdown(label="Same person as (merge into this one)", choices=[],
                                             elem_id="merge-with")
                    merge_btn = gr.Button("Merge", size="sm", interactive=False, elem_id="merge-person")
                    forget_btn = gr.Button("Forget this person…", size="sm", variant="stop",
                                           elem_id="forget-person")
                    with gr.Column(visible=False, elem_id="forget-confirm") as forget_confirm:
                        forget_question = gr.Markdown(elem_id="forget-question")
                        forget_yes = gr.Button("Yes, forget", size="sm", variant="stop", elem_id="forget-yes")
                        forget_no = gr.Button("Cancel", size="sm", elem_id="forget-no")
            my_cuts = gr.Dropdown(label="Your cuts", choices=[], elem_id="my-cuts")
            with gr.Accordion("Versions", open=True):
                with gr.Row():
                    undo_btn = gr.Button("↶ Undo (Ctrl+Z)", size="sm", interactive=False, elem_id="undo")
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
        with gr.Column(scale=1, min_width=320, elem_id="stage"):
            banner = gr.Markdown(visible=False, elem_id="model-banner")
            player = gr.Video(
                label="Your cut (Space plays / pauses)", interactive=False, elem_id="cut-player"
            )
            changed = gr.Markdown(elem_id="what-changed")
            timeline = gr.HTML(
                NO_CUT.timeline, elem_id="timeline", js_on_load=TIMELINE_JS, label="Timeline",
            )
            # The picked clip: where it comes from on a line of its own, under it its buttons in pairs
            # (drop / keep, earlier / later, like / not), each pair one above the other at any width.
            with gr.Column(visible=False, elem_id="clip-actions") as clip_actions:
                clip_label = gr.Markdown()
                with gr.Row(elem_id="clip-buttons"):
                    with gr.Column(min_width=120):
                        drop_btn = gr.Button("Drop this clip", size="sm", variant="stop", elem_id="drop-clip")
                        keep_btn = gr.Button("Keep only this clip", size="sm", elem_id="keep-clip")
                    with gr.Column(min_width=120):
                        earlier_btn = gr.Button("◀ Earlier", size="sm", elem_id="clip-earlier")
                        later_btn = gr.Button("Later ▶", size="sm", elem_id="clip-later")
                    with gr.Column(min_width=120):
                        clip_up, clip_down = clip_rating_buttons()
                    with gr.Column(min_width=120):
                        split_btn = gr.Button("Split at shot changes", size="sm", elem_id="split-clip")
            strip = gr.Gallery(
                label="Clips in this cut — click one to drop, keep, move or split it", columns=8,
                height="auto", allow_preview=False, elem_id="shot-strip", object_fit="cover",
            )
            picks, suggested, suggested_note, cut_up, cut_down = suggestion_panel()
            with gr.Accordion("Plan (JSON)", open=False):
                plan_json = gr.Code(language="json", elem_id="plan-json")
        with gr.Column(scale=0, min_width=300, elem_id="chat-panel"):
            chat = gr.Chatbot(
                value=[{"role": "assistant", "content": WELCOME}], label="Chat", elem_id="chat",
                feedback_options=None, buttons=[], group_consecutive_messages=False, autoscroll=True,
            )
            answers = gr.Radio(
                label="Which did you mean?", choices=[], type="index", visible=False, elem_id="answers"
            )
            text = gr.Textbox(
                label="Ask for a cut (Enter sends)", elem_id="chat-input", submit_btn=True, lines=1,
                placeholder="e.g. only the scenes in the snow, under 20 s", max_lines=4,
            )
    return _Page(
        session_id=session_id, session_in_url=session_in_url, selected_clip=selected_clip, banner=banner,
        my_cuts=my_cuts, videos=videos, cast=cast, selected_person=selected_person,
        person_actions=person_actions, person_label=person_label, name_box=name_box, name_btn=name_btn,
        only_btn=only_btn, hero_btn=hero_btn, blur_btn=blur_btn, unblur_btn=unblur_btn,
        merge_with=merge_with, merge_btn=merge_btn,
        forget_btn=forget_btn, forget_confirm=forget_confirm, forget_question=forget_question,
        forget_target=forget_target, forget_yes=forget_yes, forget_no=forget_no,
        start_btn=start_btn, upload=upload, upload_status=upload_status, recipe=recipe,
        undo_btn=undo_btn, redo_btn=redo_btn, versions=versions, export_btn=export_btn, downloads=downloads,
        share_btn=share_btn, share_out=share_out, my_links=my_links, revoke_btn=revoke_btn, player=player,
        changed=changed, timeline=timeline, strip=strip, clip_actions=clip_actions, clip_label=clip_label,
        drop_btn=drop_btn, keep_btn=keep_btn, earlier_btn=earlier_btn, later_btn=later_btn,
        split_btn=split_btn, plan_json=plan_json, chat=chat, answers=answers, text=text,
        taste=TastePanel(profile, profile_now, profile_pick, clip_up, clip_down, picks, suggested,
                         suggested_note, cut_up, cut_down),
    )


def _wire(blocks: gr.Blocks, page: _Page, handlers: EditorHandlers) -> None:
    """Which handler each event runs, with which inputs. Gradio finds ``gr.Request``, ``gr.SelectData``
    and ``gr.Progress`` by a parameter's annotation or default, so those events get a named function."""

    def plain(handler: Callable[..., PageUpdate]) -> Callable[..., Updates]:
        return lambda *inputs: page.updates(handler(*inputs))

    def on_load(profile: str | None, request: gr.Request) -> Updates:
        query = request.query_params
        return page.updates(handlers.load(query.get("remix"), query.get("s"), profile))

    def on_select(sid: str | None, evt: gr.SelectData) -> Updates:
        return page.updates(handlers.select(sid, evt.index))

    def on_timeline(sid: str | None, chat: list[dict], evt: gr.SelectData) -> Updates:
        """A click picks a clip; a drop ("move:FROM:TO", 0-based, from TIMELINE_JS) moves one."""
        dropped = re.fullmatch(r"move:(\d{1,4}):(\d{1,4})", evt.value) if isinstance(evt.value, str) else None
        if dropped is None:
            return page.updates(handlers.select(sid, evt.index))
        return page.updates(handlers.drag_clip(int(dropped[1]) + 1, int(dropped[2]) + 1, chat, sid))

    def on_pick_person(chosen: list[str] | None, asking_about: int | None, evt: gr.SelectData) -> Updates:
        return page.updates(handlers.pick_person(evt.value, chosen or [], asking_about))

    # Uploads and exports wait in their own pools (ui/job_pools.py), never in the chat's way.
    jobs = handlers.services.jobs

    async def on_upload(
        path: str | None, chat: list[dict], ticked: list[str] | None, progress=gr.Progress()  # noqa: B008
    ) -> Updates:
        report = lambda done, desc: progress(done, desc=desc)  # noqa: E731
        return await jobs.ingest.run("Upload", lambda desc: progress(0, desc=desc),
                                     lambda: page.updates(handlers.upload(path, chat, report, ticked or [])))

    async def on_export(sid: str | None, progress=gr.Progress()) -> Updates:  # noqa: B008
        rendering = lambda done: progress(done, desc="Rendering")  # noqa: E731
        return await jobs.renders.run("Export", lambda desc: progress(0, desc=desc),
                                      lambda: page.updates(handlers.export(sid, rendering)))

    def on_share(sid: str | None, request: gr.Request) -> Updates:
        return page.updates(handlers.share(sid, str(request.base_url)))

    everything = page.outputs()
    # Spinners only where the person waits for something, not over the whole page.
    edit: dict[str, Any] = {"show_progress_on": [page.player, page.chat]}
    # Events that may start or switch the session; then the address bar names it (without a reload),
    # so reloading or bookmarking the page reopens the cut.
    blocks.load(None, js=PAGE_JS)
    from_library_panel = [
        page.start_btn.click(plain(handlers.start), [page.videos, page.chat, page.taste.current], everything,
                             api_name="start", **edit),
        page.my_cuts.input(plain(handlers.reopen), [page.my_cuts], everything, **edit),
        *wire_recipe(page.recipe, handlers, page.chat, everything, page.updates),
    ]
    typed = page.text.submit(
        plain(handlers.message), [page.text, page.chat, page.session_id, page.videos, page.taste.current],
        everything,
        api_name="message", **edit,
    )
    # A typed turn may name someone ("number 2 is Celia"): the Cast panel is drawn again after it.
    typed.then(plain(handlers.refresh_cast), [page.videos, page.selected_person], everything,
               show_progress="hidden")
    session_events = [
        blocks.load(on_load, [page.taste.profile], everything, show_progress="hidden"),
        typed,
        *from_library_panel,
        *_wire_cast(page, handlers, plain, edit),
    ]
    page.cast.select(on_pick_person, [page.videos, page.forget_target], everything, show_progress="hidden",
                     concurrency_id=CAST_EVENTS, concurrency_limit=1)
    for event in session_events:
        event.then(None, [page.session_in_url], None, js=SESSION_URL_JS, show_progress="hidden")
    for event in from_library_panel:
        event.then(None, js=SHOW_PLAYER_JS, show_progress="hidden")
    history = [page.session_id, page.chat]
    page.undo_btn.click(plain(partial(handlers.history_move, "undo")), history, everything, **edit)
    page.redo_btn.click(plain(partial(handlers.history_move, "redo")), history, everything, **edit)
    page.versions.input(plain(handlers.goto), [page.versions, page.session_id, page.chat], everything, **edit)
    # A pick in the strip and one in the timeline take turns, in click order: run side by side, a slow
    # timeline pick answered after a quicker strip pick pressed its clip again, and "Drop this clip" then
    # dropped the clip picked first (seen on a busy machine).
    picks: dict[str, Any] = {"show_progress": "hidden", "concurrency_id": CLIP_PICKS, "concurrency_limit": 1}
    page.strip.select(on_select, [page.session_id], everything, **picks)
    page.timeline.select(on_timeline, [page.session_id, page.chat], everything, **picks)
    # The clip as the timeline shows it pressed (PRESSED_CLIP_JS), else the one the server last heard of.
    clip = [page.timeline, page.selected_clip, page.chat, page.session_id]

    page.drop_btn.click(_pressed(page, handlers.drop_clip), clip, everything, js=PRESSED_CLIP_JS, **edit)
    page.keep_btn.click(_pressed(page, handlers.keep_clip), clip, everything, js=PRESSED_CLIP_JS, **edit)
    page.split_btn.click(_pressed(page, handlers.split_clip), clip, everything, js=PRESSED_CLIP_JS, **edit)
    for button, later in ((page.earlier_btn, False), (page.later_btn, True)):
        button.click(_pressed(page, partial(handlers.move_clip, later)), clip, everything, js=PRESSED_CLIP_JS,
                     **edit)
    answer = [page.answers, page.chat, page.session_id]
    page.answers.input(plain(handlers.answer), answer, everything, api_name="answer", **edit)
    unqueued: dict[str, Any] = {"concurrency_limit": None}  # the job pools queue them (and say so)
    page.upload.upload(
        on_upload, [page.upload, page.chat, page.videos], everything, show_progress_on=[page.upload],
        **unqueued,
    )
    page.export_btn.click(on_export, [page.session_id], everything, show_progress_on=[page.downloads],
                          api_name="export", **unqueued)
    page.share_btn.click(on_share, [page.session_id], everything, show_progress_on=[page.share_out])
    page.revoke_btn.click(
        plain(handlers.revoke), [page.my_links], everything, show_progress_on=[page.share_out]
    )
    page.my_links.change(
        lambda link: gr.Button(interactive=bool(link)), [page.my_links], [page.revoke_btn],
        show_progress="hidden",
    )


Plain = Callable[[Callable[..., PageUpdate]], Callable[..., Updates]]  # a handler as a Gradio event function


def _pressed(page: _Page, handler: Callable[..., PageUpdate]) -> Callable[..., Updates]:
    """``handler`` of what the page shows pressed (the first input, from PRESSED_CLIP_JS or
    PRESSED_PERSON_JS), else of what the server last heard was picked (the second, server state)."""
    return lambda shown, picked, *rest: page.updates(handler(shown or picked, *rest))


def _wire_cast(page: _Page, handlers: EditorHandlers, plain: Plain, edit: dict[str, Any]) -> list[Any]:
    """The Cast panel's events; returns those that may start a session (naming, the hero, only-with)."""
    everything = page.outputs()
    quiet: dict[str, Any] = {"show_progress": "hidden"}
    # The panel's own events take turns, in the order they were clicked: a pick answered after the
    # "Forget…" that followed it would close the question it opened.
    panel: dict[str, Any] = {**quiet, "concurrency_id": CAST_EVENTS, "concurrency_limit": 1}
    # The person buttons act on the person the page shows pressed (PRESSED_PERSON_JS, sent in place of
    # the panel's HTML): a click there may not have reached the server yet. The picked person (server
    # state) stands in when nobody is pressed. The browser's profile last: a cut these start belongs to it.
    shown = [page.cast, page.selected_person]
    person = [*shown, page.chat, page.session_id, page.videos, page.taste.current]
    naming = [*shown, page.name_box, *person[2:]]
    pressed: dict[str, Any] = {"js": PRESSED_PERSON_JS}
    on_pressed = partial(_pressed, page)

    page.videos.input(plain(handlers.refresh_cast), [page.videos, page.selected_person], everything, **quiet)
    page.merge_with.input(
        lambda other: gr.Button(interactive=bool(other)), [page.merge_with], [page.merge_btn], **quiet
    )
    page.merge_btn.click(on_pressed(handlers.merge_people), [*shown, page.merge_with, page.chat, page.videos],
                         everything, **pressed, **panel)
    page.forget_btn.click(on_pressed(handlers.ask_forget), [*shown, page.videos], everything,
                          **pressed, **panel)
    page.forget_no.click(plain(handlers.cancel_forget), None, everything, **panel)
    page.forget_yes.click(plain(handlers.forget_person), [page.forget_target, page.chat, page.videos],
                          everything, **panel)
    return [
        page.name_btn.click(on_pressed(handlers.name_person), naming, everything, **pressed, **edit),
        page.name_box.submit(on_pressed(handlers.name_person), naming, everything, **pressed, **edit),
        page.hero_btn.click(on_pressed(handlers.make_hero), person, everything, **pressed, **edit),
        page.only_btn.click(on_pressed(handlers.only_with), person, everything, **pressed, **edit),
        page.blur_btn.click(on_pressed(handlers.blur_person), person, everything, **pressed, **edit),
        page.unblur_btn.click(on_pressed(handlers.unblur_person), person, everything, **pressed, **edit),
    ]
