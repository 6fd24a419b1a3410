"""The app's "Open a recipe" panel: a shared ``.pcut.json`` recreated on the viewer's own copy of the film.

The file is read and validated by the same code as ``personalcut recipe apply`` (``parse_recipe``: size cap,
strict schema), then deleted. Its sources are looked for in the library and aligned; the new session opens
in the editor with its chat history and a line on how surely each clip was placed. When the library has no
copy of the film, the panel says which film (its title, length and frame rate), keeps the recipe, and a
*Try again* button applies it once the person has added their copy with *Add a video*. Any refusal
creates nothing. The handlers return data (``RecipeUpdate``) and run without a browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.export.recipe import (
    AppliedRecipe,
    MissingSource,
    Recipe,
    RecipeError,
    RecipeSource,
    SourceMatch,
    apply_recipe,
    read_recipe,
)
from ui.editor_handlers import (
    UNCHANGED,
    ChatHistory,
    EditorHandlers,
    PageUpdate,
    StageProgress,
    Unchanged,
    say,
)
from ui.uploads import discard, without_paths

Updates = dict[Any, Any]  # component -> new value, what a Gradio event handler returns


@dataclass(frozen=True)
class RecipeUpdate:
    """A page update plus the panel's own parts: its status line and the recipe waiting for a copy."""

    page: PageUpdate
    status: str | Unchanged = UNCHANGED  # markdown under the file box
    pending: Recipe | None | Unchanged = UNCHANGED  # kept until the person adds their copy; None: forgotten
    clear_file: bool = False


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def film_needed(source: RecipeSource) -> str:
    """How a person recognises the film a recipe needs: "“Sintel” (14:48, 24 fps)"."""
    rate = float(source.fps)
    fps = f"{rate:.0f}" if rate.is_integer() else f"{rate:.3f}".rstrip("0")
    return f"“{source.title or 'untitled'}” ({_clock(source.duration)}, {fps} fps)"


def _alignment_line(match: SourceMatch, name: str) -> str:
    """"Your copy film: same speed, starts 3.50 s later, nothing missing." for each source."""
    data = match.to_json()
    offset = data["offset"] or 0.0
    later = "later" if offset > 0 else "earlier"
    where = "in step" if abs(offset) < 0.005 else f"starts {abs(offset):.2f} s {later}"
    missing = ", ".join(f"{a:.1f}–{b:.1f} s" for a, b in data["missing"]) or "nothing"
    return f"*{name}: {data['alignment']}, {where}; missing {missing}.*"


class RecipeHandlers:
    """What the panel's events do, over the editor's handlers (for the cut view and the chat history)."""

    def __init__(self, editor: EditorHandlers) -> None:
        self.editor = editor

    def open(self, path: str | None, chat: ChatHistory, progress: StageProgress) -> RecipeUpdate:
        """A recipe file dropped on the panel: validated (then deleted), then applied."""
        if not path:
            return RecipeUpdate(PageUpdate())
        name = Path(path).name
        try:
            recipe = self._read(Path(path))
        except RecipeError as exc:
            status = f"Could not open {name}: {exc}. Nothing was created."
            return RecipeUpdate(PageUpdate(chat=say(chat, None, status)), status, None, clear_file=True)
        return replace(self._apply(recipe, chat, progress), clear_file=True)

    def retry(self, recipe: Recipe | None, chat: ChatHistory, progress: StageProgress) -> RecipeUpdate:
        """*Try again*: the kept recipe, now that the person may have added their copy."""
        if recipe is None:
            return RecipeUpdate(PageUpdate(), status="", pending=None)
        return self._apply(recipe, chat, progress)

    def _read(self, path: Path) -> Recipe:
        """``read_recipe`` on an upload of this server, deleted afterwards (it was only a carrier)."""
        root = self.editor.services.upload_root
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            raise RecipeError("it was not uploaded to this server")  # not ours: left alone
        try:
            return read_recipe(path)
        except RecipeError as exc:
            raise RecipeError(without_paths(str(exc), (path,), path.name)) from exc
        finally:
            discard(path)

    def _apply(self, recipe: Recipe, chat: ChatHistory, progress: StageProgress) -> RecipeUpdate:
        names = self.editor.video_names()
        try:
            applied = apply_recipe(self.editor.services.library_dir, recipe, progress=progress)
        except MissingSource as exc:
            why = str(exc)
            for video_id, name in names.items():
                why = why.replace(video_id, name)
            if len(exc.missing) == 1:
                status = (f"This recipe needs your copy of {film_needed(exc.source)}; no video in your "
                          f"library is that film ({why}). Add your copy with *Add a video*, then press *Try "
                          "again*.")
            else:
                films = ", ".join(film_needed(source) for _, source in exc.missing[:-1])
                status = (f"This recipe needs your copies of {films} and {film_needed(exc.missing[-1][1])}; "
                          f"no video in your library is one of them ({why}). Add your copies with *Add a "
                          "video*, then press *Try again*.")
            return RecipeUpdate(PageUpdate(chat=say(chat, None, status)), status, recipe)
        except RecipeError as exc:
            status = f"Could not open the recipe: {exc}. Nothing was created."
            return RecipeUpdate(PageUpdate(chat=say(chat, None, status)), status, None)
        return self._opened(recipe, applied, names)

    def _opened(self, recipe: Recipe, applied: AppliedRecipe, names: dict[str, str]) -> RecipeUpdate:
        """The new session in the editor: its history as the chat, then how the clips were placed."""
        opened = self.editor.reopen(applied.session_id)
        history = opened.chat if opened.chat is not UNCHANGED else []
        copies = {m.video.id: names.get(m.video.id, m.video.id[:8]) for m in applied.matches}
        title = f" “{recipe.title}”" if recipe.title else ""
        head = say([], None, f"Opened the recipe{title} on your copy: {', '.join(copies.values())}.")
        lines = [_alignment_line(m, copies[m.video.id]) for m in applied.matches]
        placed = applied.summary()
        blurs = [f"**Blur:** {note}." for note in applied.privacy_notes]
        chat = say([*head, *history[1:]], None, "  \n".join([f"Recipe applied: {placed}", *blurs, *lines]))
        return RecipeUpdate(replace(opened, chat=chat, cuts=self.editor.cuts()), placed, None)


@dataclass(frozen=True)
class RecipePanel:
    """The panel's components (placed by ``recipe_panel`` inside the editor's sidebar)."""

    file: gr.File
    status: gr.Markdown
    retry: gr.Button
    pending: gr.State

    def components(self) -> list[Any]:
        return [self.file, self.status, self.retry, self.pending]

    def updates(self, update: RecipeUpdate, page_updates: Callable[[PageUpdate], Updates]) -> Updates:
        out = page_updates(update.page)
        if update.status is not UNCHANGED:
            out[self.status] = update.status
        if update.pending is not UNCHANGED:
            out[self.pending] = update.pending
            out[self.retry] = gr.Button(visible=update.pending is not None)
        if update.clear_file:
            out[self.file] = None
        return out


def recipe_panel() -> RecipePanel:
    """Place the panel (inside the caller's layout)."""
    with gr.Accordion("Open a recipe", open=False, elem_id="recipe-panel"):
        file = gr.File(label="Recipe file (.pcut.json) — recreates a shared cut on your copy of the film",
                       file_types=[".json"], elem_id="recipe-upload", height=110)
        status = gr.Markdown(elem_id="recipe-status")
        retry = gr.Button("Try again", size="sm", visible=False, elem_id="recipe-retry")
    return RecipePanel(file, status, retry, gr.State(None))


def wire_recipe(panel: RecipePanel, editor: EditorHandlers, chat: gr.Chatbot, outputs: list[Any],
                page_updates: Callable[[PageUpdate], Updates]) -> list[Any]:
    """The panel's events (``outputs``: every component a page update may change); returns them, as they
    may open a session."""
    handlers = RecipeHandlers(editor)
    everything = [*outputs, *panel.components()]

    def on_open(path: str | None, history: ChatHistory, progress=gr.Progress()) -> Updates:  # noqa: B008
        return panel.updates(handlers.open(path, history, lambda done, what: progress(done, desc=what)),
                             page_updates)

    def on_retry(recipe: Recipe | None, history: ChatHistory, progress=gr.Progress()) -> Updates:  # noqa: B008
        return panel.updates(handlers.retry(recipe, history, lambda done, what: progress(done, desc=what)),
                             page_updates)

    return [
        panel.file.upload(on_open, [panel.file, chat], everything, show_progress_on=[panel.file]),
        panel.retry.click(on_retry, [panel.pending, chat], everything, show_progress_on=[panel.status]),
    ]
