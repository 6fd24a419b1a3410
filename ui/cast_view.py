"""The Cast panel: the people on screen in the ticked videos, most screen time first, each a button.

Each person shows their face, their name (or "unnamed #N", the number ``personalcut cast`` and the chat
use) and their screen time; a click picks them for the panel's actions (name, make hero, only their scenes,
blur or show their face, merge, forget), wired in ``ui/chat_view.py``. Faces are served by character
number from ``FACE_ROUTE`` (``ui/app.py``), never by a path from the page, and only from the library's
thumbnail folder; they are not copied into Gradio's cache, so forgetting a person leaves no copy of their
face behind.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from index.cast import CastMember
from index.library_paths import LibraryPaths

FACE_ROUTE = "/cast/face/{character_id}.jpg"
SCAN_HINT = "`personalcut cast scan` adds them"

# A click on a person tells the server whom, as a select event whose value is the character's number.
CAST_JS = """
element.addEventListener('click', (event) => {
  const person = event.target.closest('[data-person]');
  if (!person) return;
  element.querySelectorAll('[data-person]')
    .forEach(p => p.setAttribute('aria-pressed', String(p === person)));
  trigger('select', {index: Number(person.dataset.person), value: person.dataset.person});
});
"""

# The person pressed in the panel as the browser shows it (CAST_JS presses at once, before the server
# hears of the click): the person buttons' first input, sent in place of the panel's HTML. The picked
# person is server-side state, which Gradio reads when the event runs, so it cannot carry this.
PRESSED_PERSON_JS = """(panel, ...rest) => {
  const pressed = document.querySelector('#cast [data-person][aria-pressed="true"]');
  return [pressed ? pressed.dataset.person : null, ...rest];
}"""
CAST_EVENTS = "cast-panel"  # the Gradio concurrency group the panel's events share, so they keep order

CAST_CSS = """
#cast .cast-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
#cast .cast-person{display:flex;align-items:center;gap:8px;width:100%;box-sizing:border-box;padding:3px 6px;
  border:1px solid var(--border-color-primary);border-radius:6px;background:var(--background-fill-primary);
  color:var(--body-text-color);font:inherit;text-align:left;cursor:pointer}
#cast .cast-person:hover,#cast .cast-person[aria-pressed=true]{background:var(--primary-100);
  border-color:var(--primary-500)}
#cast .cast-person:focus-visible{outline:3px solid var(--color-accent);outline-offset:1px}
#cast .cast-face{width:40px;height:40px;flex:none;border-radius:50%;object-fit:cover;
  background:var(--neutral-300)}
#cast .cast-text{min-width:0;display:flex;flex-direction:column;line-height:1.2}
#cast .cast-name{font-weight:600;overflow-wrap:anywhere}
#cast .cast-time{font-size:.8rem}
#cast .cast-empty{margin:0;font-size:.9rem}
#forget-person:not(:disabled),#forget-yes:not(:disabled){background:#b42318;border-color:#b42318;color:#fff}
"""


def face_url(character_id: int) -> str:
    return FACE_ROUTE.format(character_id=int(character_id))


def face_file(library_dir: Path, thumbnail: str | None) -> Path | None:
    """The stored face picture ``thumbnail`` (relative to the library), only if it is a file inside the
    library's thumbnail folder once symlinks are followed; anything else is None (the route says 404)."""
    if not thumbnail:
        return None
    thumbs = LibraryPaths(library_dir).thumbs.resolve()
    path = (Path(library_dir) / thumbnail).resolve()
    return path if path.is_relative_to(thumbs) and path.is_file() else None


def person_label(member: CastMember) -> str:
    """"Celia" for a named character, "unnamed #3" for one not named yet."""
    return member.name or f"unnamed #{member.id}"


def person_ref(member: CastMember) -> str:
    """How the chat names this person ("Celia", or "#3" while unnamed): what a person would type."""
    return member.name or f"#{member.id}"


def _note(text: str) -> str:
    text = html.escape(text).replace("`personalcut cast scan`", "<code>personalcut cast scan</code>")
    return f"<p class='cast-empty'>{text}</p>"


def scan_note(unscanned: int) -> str:
    """Says that ``unscanned`` videos were added before faces were looked for, and what adds them."""
    if not unscanned:
        return ""
    videos = "1 video was" if unscanned == 1 else f"{unscanned} videos were"
    return f"{videos} added before faces were looked for: {SCAN_HINT}."


def cast_html(members: Sequence[CastMember], selected: int | None = None, unscanned: int = 0,
              hero: int | None = None) -> str:
    """The panel: one button per person (face, name, number and screen time); ``selected`` is pressed.

    ``unscanned``: how many of the videos were never scanned for faces (the panel says how to scan them);
    ``hero``: the person made "the hero" (else the hero is whoever has the most screen time).
    """
    note = scan_note(unscanned)
    if not members:
        return _note(f"No people found yet. {note}".strip())
    items = []
    for member in members:
        name = html.escape(person_label(member))
        seconds = f"{member.screen_time:.1f} s"
        detail = f"#{member.id} · {seconds}" if member.name else seconds
        detail += " on screen" + (" · the hero" if member.id == hero else "")
        pressed = "true" if member.id == selected else "false"
        items.append(
            f"<li><button type='button' class='cast-person' data-person='{member.id}' "
            f"aria-pressed='{pressed}'><img class='cast-face' src='{face_url(member.id)}' alt='' "
            "width='40' height='40' loading='lazy'>"
            f"<span class='cast-text'><span class='cast-name'>{name}</span>"
            f"<span class='cast-time'>{detail}</span></span></button></li>"
        )
    listed = f"<ul class='cast-list' aria-label='People on screen'>{''.join(items)}</ul>"
    return listed + (_note(note) if note else "")
