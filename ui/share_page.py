"""The public page a share link opens: the cut, its title, and the chat turns that made it.

Plain server-rendered HTML with no scripts from anywhere else, so it works offline and loads fast.
Everything a person typed is untrusted text: control sequences and bidi overrides are removed (they could
make a title or turn display as something else), then it is HTML-escaped.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence

from assistant.plan.schema import strip_unsafe
from assistant.timeline.model import Version

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0;background:#0f1115;color:#e8e8ea}
main{max-width:900px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}
.meta{color:#9aa0aa;margin:0 0 16px;font-size:.9rem}
video{width:100%;max-height:70vh;background:#000;border-radius:8px}
ol{padding-left:1.4rem}li{margin:6px 0}
.turn{color:#fff}.when{color:#9aa0aa;font-size:.85rem;margin-left:8px}.note{color:#b9bec7;font-size:.9rem}
a.remix{display:inline-block;margin:16px 0;padding:10px 18px;background:#f97316;color:#fff;
border-radius:8px;text-decoration:none;font-weight:600}
"""


def _text(value: str) -> str:
    """Untrusted text as HTML: no control or bidi characters, escaped."""
    return html.escape(strip_unsafe(value))


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(ts)) if ts else ""


def _document(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{_text(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def share_page(share_id: str, title: str, chain: Sequence[Version], media_url: str) -> str:
    """HTML for a shared version; ``chain`` runs from the session's first version to the shared one."""
    shared = chain[-1]
    turns = "".join(
        f"<li><span class='turn'>{_text(v.turn)}</span>"
        f"<span class='when'>{html.escape(_when(v.created_at))}</span>"
        + (f"<div class='note'>{_text(v.note)}</div>" if v.note else "")
        + "</li>"
        for v in chain
        if v.turn
    )
    clips = len(shared.timeline.clips)
    seconds = float(shared.timeline.duration)
    body = (
        f"<h1 id='share-title'>{_text(title)}</h1>"
        f"<p class='meta'>Version {shared.number} · {clips} clip{'s' if clips != 1 else ''} · "
        f"{seconds:.1f} s · made {html.escape(_when(shared.created_at))}</p>"
        f"<video id='share-video' controls preload='auto' playsinline "
        f"src='{html.escape(media_url, quote=True)}'></video>"
        f"<a class='remix' id='remix' href='/?remix={html.escape(share_id, quote=True)}'>"
        "Remix this cut</a>"
        + (f"<h2>How it was made</h2><ol id='share-turns'>{turns}</ol>" if turns else "")
    )
    return _document(f"{title} · personalcut", body)


def not_found_page() -> str:
    """The same page for unknown, revoked and malformed links: nothing to tell them apart."""
    return _document(
        "Not found · personalcut",
        "<h1>404 — nothing here</h1><p class='meta'>This link does not exist or was revoked.</p>",
    )
