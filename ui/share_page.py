"""The public page a share link opens: the cut, its title, and the chat turns that made it.

Plain server-rendered HTML with no scripts from anywhere else, so it works offline and loads fast; one
inline script copies the link. Open Graph and Twitter card tags (title, what the cut is, a poster frame)
let a messenger show a preview of a pasted link. Everything a person typed is untrusted text: control
sequences and bidi overrides are removed (they could make a title or turn display as something else),
then it is HTML-escaped.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.plan.describe import plural
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
a.remix{display:inline-block;margin:16px 0;padding:10px 18px;background:#c2410c;color:#fff;
border-radius:8px;text-decoration:none;font-weight:600}
.share{display:flex;gap:8px;margin:12px 0;flex-wrap:wrap}
.share input{flex:1;min-width:12rem;padding:8px;border-radius:6px;border:1px solid #6b7280;background:#1a1d24;
color:#e8e8ea;font:inherit}
.share button{padding:8px 16px;border-radius:6px;border:0;background:#e8e8ea;color:#0f1115;font:inherit;
font-weight:600;cursor:pointer}
a:focus-visible,button:focus-visible,input:focus-visible,video:focus-visible{outline:3px solid #fdba74;
outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
"""
# Copies the page's link. The Clipboard API needs a secure context (https or localhost), so a page opened
# over plain http on a LAN falls back to selecting the link field and the legacy copy command.
_COPY_SCRIPT = """
(function(){var b=document.getElementById('copy-link'),f=document.getElementById('share-url'),
s=document.getElementById('copy-status');
function done(ok){b.textContent=ok?'Copied':'Copy link';s.textContent=ok?'Copied':'Press Ctrl+C to copy';
if(ok)setTimeout(function(){b.textContent='Copy link';},2500);}
b.addEventListener('click',function(){if(navigator.clipboard&&window.isSecureContext){
navigator.clipboard.writeText(f.value).then(function(){done(true);},function(){f.select();done(false);});}
else{f.select();var ok=false;try{ok=document.execCommand('copy');}catch(e){}done(ok);}});})();
"""


# Reports how long the player played (seconds, counted while it plays) and how often it started, to
# /v/<id>/watch: every 15 s while playing and when it pauses, ends or the page is left. Only this page's
# own numbers go out; the browser id travels in its cookie.
_WATCH_SCRIPT = """
(function(){var v=document.getElementById('share-video');if(!v)return;var url=v.dataset.report,
seconds=0,plays=0,last=null,ended=true,sent=-1;
function send(){if(seconds===sent)return;sent=seconds;try{fetch(url,{method:'POST',keepalive:true,
credentials:'same-origin',headers:{'Content-Type':'application/json'},
body:JSON.stringify({seconds:Math.round(seconds*10)/10,plays:plays})});}catch(e){}}
v.addEventListener('play',function(){if(ended||v.currentTime<0.5)plays+=1;ended=false;last=v.currentTime;});
v.addEventListener('timeupdate',function(){var t=v.currentTime;if(!v.paused&&last!==null){var d=t-last;
if(d>0&&d<1.5)seconds+=d;}last=t;});
v.addEventListener('seeking',function(){last=null;});
v.addEventListener('pause',send);v.addEventListener('ended',function(){ended=true;send();});
document.addEventListener('visibilitychange',function(){if(document.visibilityState==='hidden')send();});
setInterval(function(){if(!v.paused)send();},15000);})();
"""


def watched_by(viewers: int) -> str:
    """"Watched by 3 people": how many browsers opened the link (counted anonymously)."""
    return f"Watched by {viewers} {'person' if viewers == 1 else 'people'}"


@dataclass(frozen=True)
class ShareUrls:
    """Where a shared cut's parts live. ``page``, ``media_abs`` and ``poster_abs`` are absolute, for link
    previews that fetch them from elsewhere; ``media`` and ``poster`` are what the page itself loads."""

    page: str
    media: str
    media_abs: str
    poster: str
    poster_abs: str
    recipe: str = ""  # the cut as a recipe (.pcut.json) to play on one's own copy; "" offers none
    watch: str = ""  # where the player reports the seconds watched; "" reports nothing


def _text(value: str) -> str:
    """Untrusted text as HTML: no control or bidi characters, escaped."""
    return html.escape(strip_unsafe(value))


def _attr(value: str) -> str:
    """Untrusted text for a quoted attribute value."""
    return html.escape(strip_unsafe(value), quote=True)


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(ts)) if ts else ""


def format_seconds(seconds: float) -> str:
    """A cut's length as people read it: the chat's wording (one decimal), so page and chat agree."""
    return f"{seconds:.1f} s"


def describe_cut(version: Version, video_names: Sequence[str]) -> str:
    """One sentence for a link preview: how many clips, how long, from which videos."""
    timeline = version.timeline
    clips, length = plural(len(timeline.clips), "clip"), format_seconds(float(timeline.duration))
    text = f"A personal cut: {clips}, {length}"
    if video_names:
        text += " from " + ", ".join(video_names)
    if timeline.title:
        text += f", titled “{timeline.title}”"
    return text + "."


def _card_tags(title: str, description: str, urls: ShareUrls, size: tuple[int, int]) -> str:
    """Open Graph and Twitter card tags: what a messenger shows for a pasted link."""
    width, height = str(size[0]), str(size[1])
    tags = (
        ("name", "description", description),
        ("property", "og:type", "video.other"), ("property", "og:site_name", "personalcut"),
        ("property", "og:title", title), ("property", "og:description", description),
        ("property", "og:url", urls.page),
        ("property", "og:image", urls.poster_abs), ("property", "og:image:type", "image/jpeg"),
        ("property", "og:image:width", width), ("property", "og:image:height", height),
        ("property", "og:image:alt", f"A frame from {title}"),
        ("property", "og:video", urls.media_abs), ("property", "og:video:type", "video/mp4"),
        ("property", "og:video:width", width), ("property", "og:video:height", height),
        ("name", "twitter:card", "summary_large_image"), ("name", "twitter:title", title),
        ("name", "twitter:description", description), ("name", "twitter:image", urls.poster_abs),
    )
    return "".join(f"<meta {kind}='{name}' content='{_attr(content)}'>" for kind, name, content in tags)


def _document(title: str, body: str, head: str = "", script: str = "") -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>{_text(title)}</title>{head}<style>{_STYLE}</style></head>"
        f"<body><main>{body}</main>{f'<script>{script}</script>' if script else ''}</body></html>"
    )


def share_page(
    share_id: str, title: str, chain: Sequence[Version], urls: ShareUrls, video_names: Sequence[str] = (),
    size: tuple[int, int] = (640, 360), viewers: int = 0,
) -> str:
    """HTML for a shared version; ``chain`` runs from the session's first version to the shared one.

    ``size`` is the frame of the player's video and poster, announced to link previews; ``viewers`` is
    how many browsers opened the link.
    """
    shared = chain[-1]
    turns = "".join(
        f"<li><span class='turn'>{_text(v.turn)}</span>"
        f"<span class='when'>{html.escape(_when(v.created_at))}</span>"
        + (f"<div class='note'>{_text(v.note)}</div>" if v.note else "")
        + "</li>"
        for v in chain
        if v.turn
    )
    seconds = float(shared.timeline.duration)
    body = (
        f"<h1 id='share-title'>{_text(title)}</h1>"
        f"<p class='meta'>Version {shared.number} · {plural(len(shared.timeline.clips), 'clip')} · "
        f"<span id='share-duration' data-seconds='{seconds:.6f}'>{format_seconds(seconds)}</span> · "
        f"made {html.escape(_when(shared.created_at))} · "
        f"<span id='share-viewers'>{watched_by(viewers)}</span></p>"
        f"<video id='share-video' controls preload='auto' playsinline aria-label='{_attr(title)}' "
        + (f"data-report='{html.escape(urls.watch, quote=True)}' " if urls.watch else "")
        + f"poster='{html.escape(urls.poster, quote=True)}' "
        f"src='{html.escape(urls.media, quote=True)}'></video>"
        "<div class='share'><label class='visually-hidden' for='share-url'>Link to this cut</label>"
        f"<input id='share-url' type='text' readonly value='{html.escape(urls.page, quote=True)}'>"
        "<button id='copy-link' type='button'>Copy link</button>"
        "<span id='copy-status' class='visually-hidden' role='status' aria-live='polite'></span></div>"
        f"<a class='remix' id='remix' href='/?remix={html.escape(share_id, quote=True)}'>"
        "Remix this cut</a>"
        + (f"<a class='remix' id='download-recipe' href='{html.escape(urls.recipe, quote=True)}' download>"
           "Download recipe</a>" if urls.recipe else "")
        + (f"<h2>How it was made</h2><ol id='share-turns'>{turns}</ol>" if turns else "")
    )
    page_title = f"{title} · personalcut"
    head = _card_tags(page_title, describe_cut(shared, video_names), urls, size)
    return _document(page_title, body, head, _COPY_SCRIPT + (_WATCH_SCRIPT if urls.watch else ""))


def not_found_page() -> str:
    """The same page for unknown, revoked and malformed links: nothing to tell them apart."""
    return _document(
        "Not found · personalcut",
        "<h1>404 — nothing here</h1><p class='meta'>This link does not exist or was revoked.</p>",
    )
