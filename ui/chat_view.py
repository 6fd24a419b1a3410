"""The chat app's Gradio Blocks: library panel, chat, player, shot strip, versions, downloads, share.

The browser holds only a session id (``gr.State``); every callback looks the session up in the
server's ``Services`` and returns a fresh view of its current version, so what the page shows is
always derived from the stored Version, never patched piecemeal.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import gradio as gr

from assistant.chat import TurnResult
from assistant.render.ffmpeg import RenderError
from assistant.sessions.share_links import ShareLink
from assistant.timeline.model import Clip, Version
from index.dialogue import ASR_OFF
from index.ingest import IngestResult, ProgressFactory
from ui.services import Services
from ui.shot_strip import clip_caption, strip_items

CSS = """
#shot-strip .grid-container{grid-template-columns:repeat(auto-fill,minmax(150px,190px))!important}
#shot-strip .caption-label{white-space:normal;font-size:.75rem;line-height:1.2}
#what-changed{min-height:3em}
footer{display:none!important}
"""
WELCOME = (
    "Pick one or more videos on the left (or upload one), then tell me what you want: "
    "*only the scenes with the dragon*, *shorter*, *drop clip 2*, *undo*."
)


def _say(history: list[dict], user: str | None, reply: str) -> list[dict]:
    turn = [{"role": "user", "content": user}] if user else []
    return [*history, *turn, {"role": "assistant", "content": reply}]


def _version_label(v: Version) -> str:
    return f"v{v.number}: {v.turn or 'start'}"[:80]


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clip_label(number: int, clip: Clip) -> str:
    """Markdown for the selected clip: its caption in bold, the matched dialogue line quoted below."""
    line = f"\n\n> {clip.reason.line}" if clip.reason.line else ""
    return f"**Clip {clip_caption(number, clip)}**{line}"


def _dialogue_phrase(result: IngestResult) -> str:
    """What the upload gave for dialogue search; speech recognition being unavailable is said, not hidden."""
    if result.cues:
        source = {"asr": "speech recognition", "embedded": "its subtitles"}.get(result.dialogue_source,
                                                                               "subtitles")
        return f"{_plural(result.cues, 'line')} of dialogue from {source}"
    if any(w.startswith(ASR_OFF) for w in result.warnings):
        return "no dialogue: speech recognition is not available here"
    return "no dialogue found"


def _link_label(link: ShareLink) -> str:
    return f"{link.title or 'untitled'} · /v/{link.id[:8]}…"


def build_blocks(services: Services) -> gr.Blocks:
    """The whole chat UI; one Blocks per server, many browsers (each with its own gr.State)."""

    def video_choices() -> list[tuple[str, str]]:
        return [(v.title or Path(v.path).name, v.id) for v in services.library.videos()]

    with gr.Blocks(title="personalcut", analytics_enabled=False) as blocks:
        session_id = gr.State(None)
        selected_clip = gr.State(None)
        gr.Markdown("## personalcut — chat with a film, get your own cut")
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=260):
                with gr.Group():
                    videos = gr.CheckboxGroup(
                        label="Videos to cut from", choices=video_choices(), elem_id="videos"
                    )
                    start_btn = gr.Button("Start a new cut", variant="primary", elem_id="start")
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
                    revoke_btn = gr.Button("Revoke link", size="sm", variant="stop", elem_id="revoke")
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
                with gr.Row():
                    text = gr.Textbox(
                        show_label=False, placeholder="e.g. only the scenes in the snow, under 20 seconds",
                        scale=5, elem_id="chat-input", submit_btn=True,
                    )
        view_outputs = [player, changed, plan_json, strip, versions, undo_btn, redo_btn, clip_actions]

        # -- view -------------------------------------------------------------------------------
        def view(sid: str | None, result: TurnResult | None = None) -> dict:
            """Everything on the page that depends on the session's current version."""
            if sid is None:
                return {
                    player: None, changed: "", plan_json: "", strip: [], versions: gr.Dropdown(choices=[]),
                    undo_btn: gr.Button(interactive=False), redo_btn: gr.Button(interactive=False),
                    clip_actions: gr.Row(visible=False),
                }
            current, history = services.run(sid, lambda s: (s.current, s.versions()))
            timeline = current.timeline
            video = str(services.preview(timeline)) if timeline.clips else None
            what = current.note or "The whole source videos."
            backend = result.backend if result else current.backend
            summary = (
                f"**v{current.number}** · {_plural(len(timeline.clips), 'clip')} · "
                f"{float(timeline.duration):.1f} s"
                f"  \n{what}"
            )
            if backend:
                summary += f"  \n*planner: {backend}*"
            plan = current.plan if current.plan is not None else {}
            by_id = {v.id: v for v in history}
            return {
                player: video,
                changed: summary,
                plan_json: json.dumps(plan, indent=2),
                strip: strip_items(timeline, services.library.shots, services.library_dir),
                versions: gr.Dropdown(
                    choices=[(_version_label(v), v.id) for v in history], value=current.id
                ),
                undo_btn: gr.Button(interactive=current.parent_id in by_id),
                redo_btn: gr.Button(interactive=any(v.parent_id == current.id for v in history)),
                clip_actions: gr.Row(visible=False),
            }

        def links_view(sid: str | None) -> dict:
            links = services.links.for_session(sid) if sid else []
            return {my_links: gr.Dropdown(choices=[(_link_label(k), k.id) for k in links], value=None)}

        # -- callbacks --------------------------------------------------------------------------
        def unchanged() -> dict:
            """Nothing to update (an empty dict would read as one output value to Gradio)."""
            return {session_id: gr.skip()}

        def on_load(request: gr.Request) -> dict:
            out = {videos: gr.CheckboxGroup(choices=video_choices())}
            remix = request.query_params.get("remix")
            if not remix:
                return out | view(None)
            link = services.links.get(remix)
            if link is None:
                return out | view(None) | {chat: _say([], None, "That share link does not exist any more.")}
            sid = services.remix(link.version_id)
            reply = (
                f"Remixing “{link.title or 'a shared cut'}”. Your changes make a new branch; theirs stays."
            )
            return out | view(sid) | links_view(sid) | {session_id: sid, chat: _say([], None, reply)}

        def on_start(chosen: list[str], history: list[dict]) -> dict:
            if not chosen:
                return {chat: _say(history, None, "Tick at least one video first (or upload one).")}
            try:
                sid = services.start(chosen)
            except (ValueError, LookupError) as exc:  # e.g. a video removed since the page loaded
                return {chat: _say(history, None, f"Could not start: {exc}")}
            names = dict((vid, name) for name, vid in video_choices())
            picked = ", ".join(names.get(v, v[:8]) for v in chosen)
            reply = f"New cut from {picked}. What would you like to see?"
            return view(sid) | links_view(sid) | {session_id: sid, chat: _say(history, None, reply)}

        def ensure_session(sid: str | None, chosen: list[str]) -> str | None:
            if sid is not None:
                return sid
            everything = chosen or [vid for _, vid in video_choices()]
            return services.start(everything) if everything else None

        def on_message(message: str, history: list[dict], sid: str | None, chosen: list[str]) -> dict:
            message = (message or "").strip()
            if not message:
                return {text: ""}
            try:
                sid = ensure_session(sid, chosen)
            except (ValueError, LookupError) as exc:  # e.g. a video removed since the page loaded
                return {text: "", chat: _say(history, message, f"Could not start a cut: {exc}")}
            if sid is None:
                reply = "The library is empty — upload a video on the left first."
                return {text: "", chat: _say(history, message, reply)}
            result = services.run(sid, lambda s: s.turn(message))  # a turn answers, it never raises
            reply = result.message or result.note or "Done."
            return view(sid, result) | {text: "", session_id: sid, chat: _say(history, message, reply)}

        def on_history(action: str):
            def handler(sid: str | None, history: list[dict]) -> dict:
                if sid is None:
                    return unchanged()
                current = services.run(sid, lambda s: getattr(s, action)())
                return view(sid) | {chat: _say(history, None, f"{action.title()}: now at v{current.number}.")}

            return handler

        def on_goto(version_id: str | None, sid: str | None) -> dict:
            if sid is None or not version_id:
                return unchanged()
            current = services.run(sid, lambda s: s.current)
            if current.id == version_id:
                return unchanged()
            services.run(sid, lambda s: s.goto(version_id))
            return view(sid)

        def on_select(sid: str | None, evt: gr.SelectData) -> dict:
            if sid is None:
                return unchanged()
            clips = services.run(sid, lambda s: s.current.timeline.clips)
            number = evt.index + 1
            if number > len(clips):
                return unchanged()
            return {
                selected_clip: number, clip_actions: gr.Row(visible=True),
                clip_label: _clip_label(number, clips[number - 1]),
            }

        def clip_command(template: str):
            def handler(number: int | None, history: list[dict], sid: str | None, chosen: list[str]) -> dict:
                if number is None:
                    return unchanged()
                return on_message(template.format(n=number), history, sid, chosen) | {selected_clip: None}

            return handler

        def on_upload(path: str | None, history: list[dict], progress=gr.Progress()) -> dict:  # noqa: B008
            if not path:
                return unchanged()
            name = Path(path).name
            progress(0, desc=f"Indexing {name}")
            result = services.ingest(Path(path), progress_factory=_progress_factory(progress))
            if result.error or result.video is None:
                why = (result.error or "not a video file we can read").replace(f"{path}: ", "")
                reply = f"Could not add {name}: {why}"
                return {upload: None, chat: _say(history, None, reply)}
            title = result.video.title or name
            reply = (f"Added **{title}** ({_plural(result.shots, 'shot')}, {_dialogue_phrase(result)}). "
                     "Tick it and start a new cut.")
            return {
                upload: None, chat: _say(history, None, reply),
                videos: gr.CheckboxGroup(choices=video_choices()),
            }

        def on_export(sid: str | None, progress=gr.Progress()) -> dict:  # noqa: B008
            if sid is None:
                return unchanged()
            current = services.run(sid, lambda s: s.current)
            try:
                files = services.export_all(current, progress=lambda f: progress(f, desc="Rendering"))
            except RenderError as exc:
                raise gr.Error(f"Could not render this version: {exc}") from exc
            return {downloads: [str(p) for p in files]}

        def on_share(sid: str | None, request: gr.Request) -> dict:
            if sid is None:
                return {share_out: "<p>Start a cut first.</p>"}
            current = services.run(sid, lambda s: s.current)
            if not current.timeline.clips:
                return {share_out: "<p>This version has no clips: nothing to share yet.</p>"}
            names = services.run(sid, lambda s: [s.video_name(v) for v in s.video_ids])
            title = current.timeline.title or f"My cut of {', '.join(names)}"
            link = services.links.create(current.id, sid, title)
            url = html.escape(f"{str(request.base_url).rstrip('/')}/v/{link.id}")
            html_link = (
                f"<p>Anyone with this link can watch v{current.number}:<br>"
                f"<a id='share-link' href='/v/{link.id}' target='_blank'>{url}</a></p>"
            )
            return {share_out: html_link} | links_view(sid)

        def on_revoke(share_id: str | None, sid: str | None) -> dict:
            if sid is None or not share_id:
                return unchanged()
            ok = services.links.revoke(share_id, sid)
            note = "Link revoked: it now shows “not found”." if ok else "That link was not yours to revoke."
            note = f"<p>{note}</p>"
            return {share_out: note} | links_view(sid)

        # -- wiring -----------------------------------------------------------------------------
        everything = [session_id, chat, text, videos, upload, downloads, share_out, my_links, selected_clip,
                      clip_label, *view_outputs]
        # Spinners only where the person waits for something, not over the whole page.
        edit = {"show_progress_on": [player, chat]}
        blocks.load(on_load, None, everything, show_progress="hidden")
        start_btn.click(on_start, [videos, chat], everything, api_name="start", **edit)
        text.submit(on_message, [text, chat, session_id, videos], everything, api_name="message", **edit)
        undo_btn.click(on_history("undo"), [session_id, chat], everything, **edit)
        redo_btn.click(on_history("redo"), [session_id, chat], everything, **edit)
        versions.input(on_goto, [versions, session_id], everything, **edit)
        strip.select(on_select, [session_id], everything, show_progress="hidden")
        clip_inputs = [selected_clip, chat, session_id, videos]
        drop_btn.click(clip_command("drop clip {n}"), clip_inputs, everything, **edit)
        keep_btn.click(clip_command("keep only clip {n}"), clip_inputs, everything, **edit)
        upload.upload(on_upload, [upload, chat], everything, show_progress_on=[upload])
        export_btn.click(on_export, [session_id], everything, show_progress_on=[downloads])
        share_btn.click(on_share, [session_id], everything, show_progress_on=[share_out])
        revoke_btn.click(on_revoke, [my_links, session_id], everything, show_progress_on=[share_out])
    return blocks


def _progress_factory(progress: gr.Progress) -> ProgressFactory:
    """Ingest reports (stage, done, total) per file; the browser shows it as one bar per stage."""

    def for_file(path: Path):
        return lambda stage, done, total: progress(done / max(total, 1), desc=f"{path.name}: {stage}")

    return for_file
