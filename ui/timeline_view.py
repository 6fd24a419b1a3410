"""The timeline under the player: one block per clip, as wide as its share of the output.

Widths come from the timeline's one output-time definition (speed, title card included), so what the
bar shows is what plays. Each clip is a button (Tab reaches it, Enter or a click selects it; dragged onto
another clip it takes that clip's place) showing the people the request named in it, whose details —
source video, in/out time, why it is in the cut, how confident the match was, who is on screen how long —
show on hover and keyboard focus (a picked clip's details are above its buttons). The HTML is built here;
``ui/chat_view.py`` wires its events.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from assistant.plan.schema import SOMEONE_REF
from assistant.timeline.apply import describe_blur
from assistant.timeline.model import Clip, FaceBlur, Privacy, Timeline
from ui.shot_strip import mmss, person_name

# A click (or Enter / Space on a focused clip) tells the server which clip was picked, as a select
# event with its 0-based index, the same event the shot strip sends. A clip dragged onto another sends a
# select event too, whose value says the move ("move:FROM:TO", 0-based): the handlers are on the element,
# so they outlive each new timeline the server sends.
TIMELINE_JS = """
element.addEventListener('click', (event) => {
  const clip = event.target.closest('[data-clip]');
  if (!clip) return;
  element.querySelectorAll('[data-clip]').forEach(c => c.setAttribute('aria-pressed', String(c === clip)));
  trigger('select', {index: Number(clip.dataset.clip), value: clip.dataset.clip});
});
let dragged = null;
const unmark = () => element.querySelectorAll('.tl-dragging,.tl-drop').forEach(
  c => c.classList.remove('tl-dragging', 'tl-drop'));
element.addEventListener('dragstart', (event) => {
  const clip = event.target.closest('[data-clip]');
  if (!clip) return;
  dragged = Number(clip.dataset.clip);
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', clip.dataset.clip);
  clip.classList.add('tl-dragging');
});
element.addEventListener('dragover', (event) => {
  const clip = event.target.closest('[data-clip]');
  if (!clip || dragged === null) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'move';
  element.querySelectorAll('.tl-drop').forEach(c => { if (c !== clip) c.classList.remove('tl-drop'); });
  if (Number(clip.dataset.clip) !== dragged) clip.classList.add('tl-drop');
});
element.addEventListener('drop', (event) => {
  const clip = event.target.closest('[data-clip]');
  const from = dragged;
  dragged = null;
  unmark();
  if (!clip || from === null) return;
  event.preventDefault();
  const to = Number(clip.dataset.clip);
  if (to !== from) trigger('select', {index: from, value: `move:${from}:${to}`});
});
element.addEventListener('dragend', () => { dragged = null; unmark(); });
"""

# The clip pressed in the timeline as the browser shows it, as a 1-based number (null when none is: a click
# in the shot strip unpresses the timeline, see PAGE_JS), sent in place of the timeline's HTML as the clip
# buttons' first input: a click on a clip may not have reached the server before "Drop this clip".
PRESSED_CLIP_JS = """(timeline, ...rest) => {
  const pressed = document.querySelector('#timeline [data-clip][aria-pressed="true"]');
  return [pressed ? Number(pressed.dataset.clip) + 1 : null, ...rest];
}"""

TIMELINE_CSS = """
#timeline .tl-track{display:flex;width:100%;height:54px;position:relative;border-radius:6px;
  background:var(--background-fill-secondary)}
#timeline .tl-title,#timeline .tl-clip{box-sizing:border-box;height:100%;flex:none;min-width:0;margin:0;
  border:1px solid var(--border-color-primary);font:inherit;font-size:.72rem;line-height:1.15;
  text-align:left;padding:3px 4px;overflow:hidden}
#timeline .tl-title{background:var(--neutral-200);color:var(--neutral-800)}
#timeline .tl-clip{background:var(--primary-100);color:var(--neutral-900);cursor:pointer}
#timeline .tl-clip:nth-child(even){background:var(--primary-200)}
#timeline .tl-clip:hover,#timeline .tl-clip[aria-pressed=true]{background:var(--primary-300)}
#timeline .tl-clip:focus-visible{outline:3px solid var(--color-accent);outline-offset:-3px}
#timeline .tl-clip.tl-dragging{opacity:.45}
#timeline .tl-clip.tl-drop{box-shadow:inset 4px 0 0 var(--color-accent),inset -4px 0 0 var(--color-accent)}
#timeline .tl-name,#timeline .tl-time,#timeline .tl-people{display:block;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis}
#timeline .tl-tip{display:none;position:absolute;left:0;right:0;top:58px;z-index:5;padding:4px 8px;
  border-radius:6px;background:var(--neutral-800);color:#fff;font-size:.8rem;white-space:normal;
  pointer-events:none}
#timeline .tl-wrap{position:relative}
#timeline .tl-clip:hover .tl-tip,#timeline .tl-clip:focus-visible .tl-tip{display:block}
#timeline .tl-wrap:has(.tl-clip:hover) .tl-clip:not(:hover) .tl-tip{display:none}
#timeline .tl-empty{font-size:.85rem;margin:0}
#timeline .tl-fade{position:absolute;top:0;bottom:0;pointer-events:none;z-index:1}
#timeline .tl-fade-in{left:0;background:linear-gradient(to right,rgba(0,0,0,.75),transparent)}
#timeline .tl-fade-out{right:0;background:linear-gradient(to left,rgba(0,0,0,.75),transparent)}
"""


_JOIN_WORDS = {"cut": "hard cut", "crossfade": "crossfade", "fade_black": "fade through black"}


def clip_details(number: int, clip: Clip, source: str, people_names: Mapping[str, str] | None = None) -> str:
    """Plain text: which clip, from which video, which part of it, why it is in the cut and who is on screen.

    ``people_names`` ("#3" -> "Celia") names people who were unnamed when the clip's reason was written.
    """
    reason = clip.reason
    where = f"Clip {number} · {source} {mmss(clip.start)}–{mmss(clip.end)}"
    if clip.join is not None and number > 1:  # a transition from the clip before of its own
        kind = _JOIN_WORDS[clip.join.kind]
        length = f" ({clip.join.seconds:g} s)" if clip.join.seconds else ""
        where += f" · {kind} from clip {number - 1}{length}"
    if clip.volume != 1.0:  # its sound level, as the chat set it
        where += " · sound muted" if clip.volume == 0 else f" · sound at {clip.volume * 100:g} %"
    if clip.blur is not None:  # its own blur ("blur the faces in clip 2")
        where += f" · {blur_words(clip.blur, people_names)} in this clip"
    if reason.signal == "source":
        return f"{where} · {reason.query + ' of the' if reason.query else 'the whole'} source video"
    why = f"{reason.signal} match"
    spoken = reason.spoken_lines
    if reason.signal == "people" and reason.query == SOMEONE_REF:  # who, below: the people it found
        why = "someone on screen"
    elif spoken:  # every line of dialogue: no words were searched for, no confidence to show
        why = "spoken lines"
    elif reason.query:
        why += f" for “{(people_names or {}).get(reason.query, reason.query)}”"
    if reason.score is not None and not spoken:
        why += f", confidence {reason.score:.2f}"
    if reason.line:
        why += f" — “{reason.line}”"
    for person in reason.people:
        why += f" — {person_name(person, people_names)} on screen {person.seconds:.1f} s of {person.of:.1f} s"
    return f"{where} · {why}"


def blur_words(blur: FaceBlur, people_names: Mapping[str, str] | None = None) -> str:
    """A clip's own blur in words ("faces blurred: everyone except Celia"); people by name where known."""
    names = {n: (people_names or {}).get(f"#{n}", f"#{n}") for n in blur.people}
    return describe_blur(Privacy(blur=blur.mode, people=blur.people), names)


def _blur_mark(blur: FaceBlur | None, people_names: Mapping[str, str] | None) -> str:
    """A mark after a clip's name when it blurs faces otherwise than the cut ("don't blur clip 2")."""
    if blur is None:
        return ""
    label = html.escape(blur_words(blur, people_names), quote=True)
    mark = "\N{FOGGY}" if blur.mode != "none" else "\N{BUST IN SILHOUETTE}"
    return f" <span class='tl-blur' title='{label}' aria-label='{label}'>{mark}</span>"


def _level_mark(volume: float) -> str:
    """A speaker mark after a clip's name when its sound is not as recorded (muted, or a level)."""
    if volume == 1.0:
        return ""
    label = "sound muted" if volume == 0 else f"sound at {volume * 100:g} %"
    mark = "\N{SPEAKER WITH CANCELLATION STROKE}" if volume == 0 else "\N{SPEAKER}"
    return f" <span class='tl-level' title='{label}' aria-label='{label}'>{mark}</span>"


def timeline_html(
    timeline: Timeline, names: Mapping[str, str], people_names: Mapping[str, str] | None = None,
    pressed: int | None = None,
) -> str:
    """The timeline bar; ``names`` maps video ids to the names shown (an unknown id shows its start);
    ``people_names`` as for ``clip_details``; ``pressed``: the 1-based clip drawn pressed (a clip just
    moved stays picked, so its buttons can move it again).

    Widths are shares of the frames each part fills (crossfade overlaps counted once per clip).
    """
    if not timeline.clips:
        return "<p class='tl-empty'>No clips yet: start a cut or ask for one.</p>"
    out = timeline.output_time()
    total = out.total_frames + sum(out.edge_overlap(i) for i in range(len(out.clip_frames) - 1))
    parts: list[str] = []
    if out.title_frames:
        width = 100 * out.title_frames / total
        title = html.escape(timeline.title or "")
        parts.append(f"<div class='tl-title' style='width:{width:.4f}%' title='Title card: {title}'>"
                     f"<span class='tl-name'>Title</span><span class='tl-time'>{title}</span></div>")
    for index, (clip, frames) in enumerate(zip(timeline.clips, out.clip_frames, strict=True)):
        source = names.get(clip.video_id, clip.video_id[:8])
        details = html.escape(clip_details(index + 1, clip, source, people_names), quote=True)
        people = ", ".join(person_name(p, people_names) for p in clip.reason.people)
        people_span = f"<span class='tl-people'>{html.escape(people)}</span>" if people else ""
        width = 100 * frames / total
        parts.append(
            f"<button type='button' class='tl-clip' data-clip='{index}' draggable='true' "
            f"aria-pressed='{'true' if index + 1 == pressed else 'false'}' "
            f"style='width:{width:.4f}%' aria-describedby='tl-tip-{index}' "
            f"data-seconds='{float(frames / out.fps):.4f}'>"
            f"<span class='tl-name'>{index + 1}. {html.escape(source)}{_level_mark(clip.volume)}"
            f"{_blur_mark(clip.blur, people_names)}</span>"
            f"<span class='tl-time'>{mmss(clip.start)}–{mmss(clip.end)}</span>{people_span}"
            f"<span class='tl-tip' role='tooltip' id='tl-tip-{index}'>{details}</span></button>"
        )
    # the cut's opening and closing fades, shaded over the frames they darken
    for kind, frames, seconds, words in (("in", out.open_frames, timeline.fade_in, "Fades in from black"),
                                         ("out", out.close_frames, timeline.fade_out, "Fades out to black")):
        if frames:
            parts.append(f"<div class='tl-fade tl-fade-{kind}' style='width:{100 * frames / total:.4f}%' "
                         f"title='{words} ({seconds:g} s)' aria-label='{words} ({seconds:g} s)'></div>")
    return (
        "<div class='tl-wrap'><div class='tl-track' role='group' aria-label='Timeline of the cut'>"
        + "".join(parts) + "</div></div>"
    )
