"""What the chat app does when a person acts, as plain methods over ``Services``.

Each handler takes plain values (a session id, the chat so far, a clip number) and returns a
``PageUpdate``: the parts of the page to change, as data. ``ui/chat_view.py`` lays the page out and
maps an update onto its Gradio components, so everything here runs and is tested without a browser.
Every view of a cut is derived from the session's stored current Version, never patched piecemeal.
Buttons submit typed plans (``ChatSession.apply``); only typed text goes through the planner. The Cast
panel's buttons too: naming, the hero and "only scenes with this person" are typed ops; merging and
forgetting edit the library's cast (``Services``), not a cut.
"""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from assistant.chat import TurnResult
from assistant.plan.describe import plural
from assistant.plan.schema import (
    MAX_NAME_CHARS,
    Blur,
    ChooseHero,
    ClipRef,
    EditPlan,
    KeepClip,
    KeepOnly,
    MoveClip,
    NameCharacter,
    Query,
    Redo,
    RemoveClip,
    Split,
    Unblur,
    Undo,
)
from assistant.render.ffmpeg import RenderError
from assistant.render.smart_cut import reencode_reason
from assistant.sessions.share_links import ShareLink
from assistant.sessions.store import UnknownSession
from assistant.timeline.apply import describe_clip_blurs
from assistant.timeline.model import Clip, Timeline, Version
from index.cast import CastError, CastMember
from index.clip_factory import TINY_RANDOM
from index.ingest import IngestResult, ProgressFactory
from ui.cast_view import cast_html, person_label, person_ref
from ui.services import Services
from ui.shot_strip import strip_items
from ui.timeline_view import clip_details, timeline_html

WELCOME = (
    "Tick one or more videos under *Videos to cut from* (or upload one) and press *Start a new cut*, "
    "then tell me what you want: *only the scenes with the dragon*, *shorter*, *drop clip 2*, *undo*."
)
RANDOM_MODEL_BANNER = (
    "This library's visual search uses **{model}**, a random test model: visual matches and their "
    "confidence are meaningless. Index with a real CLIP model for real results."
)
ChatHistory = list[dict[str, Any]]  # Gradio's "messages" format: {"role": ..., "content": ...}
PersonOp = NameCharacter | ChooseHero | KeepOnly | Blur | Unblur  # what the Cast panel's buttons apply
Choices = list[tuple[str, str]]  # (label, value) pairs for a dropdown or checkbox group
StageProgress = Callable[[float, str], None]  # (fraction done, what is running) for a progress bar


class Unchanged(Enum):
    """Marks a part of the page a handler leaves as it is (``None`` is a value some parts take)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


@dataclass(frozen=True)
class CutView:
    """Everything on the page that depends on the session's current version."""

    video: str | None  # the preview MP4 to play
    summary: str  # markdown: version, clip count, length, what changed, which planner answered
    plan_json: str
    strip: Choices  # (thumbnail path, caption) per clip
    timeline: str  # the timeline bar's HTML (ui/timeline_view.py)
    versions: Choices  # (label, version id) for the "jump to version" list
    current_version: str | None
    can_undo: bool
    can_redo: bool


NO_CUT = CutView(None, "", "", [], timeline_html(Timeline(), {}), [], None, can_undo=False, can_redo=False)


@dataclass(frozen=True)
class ClipSelection:
    """A clip clicked in the strip: its number (1-based) and the markdown shown beside its buttons."""

    number: int
    label: str


@dataclass(frozen=True)
class ForgetQuestion:
    """"Forget this person…" pressed: who the yes will delete (fixed when asked, so a later click in the
    panel cannot change whom it deletes) and the question naming them."""

    character_id: int
    text: str


@dataclass(frozen=True)
class PersonSelection:
    """A person clicked in the Cast panel: their number, the markdown beside their buttons, the name in
    the name box, and the others in the panel they can be merged with ((label, number as text) pairs)."""

    character_id: int
    label: str
    name: str
    merge_choices: Choices


@dataclass(frozen=True)
class PageUpdate:
    """The parts of the page to change; the rest stay as they are.

    A new ``cut`` also hides the clip buttons and forgets the selected clip (its number was of the
    old cut).
    """

    session_id: str | Unchanged = UNCHANGED
    chat: ChatHistory | Unchanged = UNCHANGED
    cut: CutView | Unchanged = UNCHANGED
    selection: ClipSelection | Unchanged = UNCHANGED
    clear_input: bool = False  # empty the chat box (its text was sent and answered)
    videos: Choices | Unchanged = UNCHANGED  # the library's videos, refreshed after an upload
    ticked: list[str] | Unchanged = UNCHANGED  # which of them are ticked (an upload ticks its video)
    upload_status: str | Unchanged = UNCHANGED  # markdown shown at the upload box
    banner: str | Unchanged = UNCHANGED  # a warning over the page ("" hides it)
    clear_upload: bool = False
    downloads: list[str] | Unchanged = UNCHANGED
    share_html: str | Unchanged = UNCHANGED
    links: Choices | Unchanged = UNCHANGED  # every active share link of the library
    cuts: Choices | Unchanged = UNCHANGED  # "Your cuts": earlier sessions to reopen
    question: list[str] | None | Unchanged = UNCHANGED  # a pending question's choices; None hides them
    cast: str | Unchanged = UNCHANGED  # the Cast panel's HTML (ui/cast_view.py)
    person: PersonSelection | None | Unchanged = UNCHANGED  # the person picked there; None hides the actions
    confirm_forget: ForgetQuestion | None | Unchanged = UNCHANGED  # "forget them?"; None hides it
    error: str | None = None  # shown as an error notice; nothing else changes


def say(history: ChatHistory, user: str | None, reply: str) -> ChatHistory:
    """The chat with the person's message (if any) and the assistant's reply appended."""
    turn = [{"role": "user", "content": user}] if user else []
    return [*history, *turn, {"role": "assistant", "content": reply}]


class EditorHandlers:
    """One per server, shared by every browser: state lives in ``Services`` and the session store."""

    def __init__(self, services: Services) -> None:
        self.services = services

    # -- views ------------------------------------------------------------------------------------
    def video_choices(self) -> Choices:
        return [(v.title or Path(v.path).name, v.id) for v in self.services.library.videos()]

    def video_names(self) -> dict[str, str]:
        return {vid: name for name, vid in self.video_choices()}

    def model_banner(self) -> str:
        """A warning when the library's CLIP is the random smoke-test model ("" when it is a real one)."""
        model = self.services.library.model
        if model is None or not model.model_id.startswith(TINY_RANDOM):
            return ""
        return RANDOM_MODEL_BANNER.format(model=model.model_id)

    def numbering(self, sid: str, versions: Sequence[Version] | None = None) -> tuple[int, bool]:
        """What to add to a version's number to show it, and whether the session is a remix.

        A remix's versions go on from its origin's number (``ChatSession.branch_from``); only a remix saved
        before that, whose first version is 0, is shown with its origin's number added. ``versions``: the
        session's, when the caller has them already."""
        origin_id = self.services.store.session(sid).origin_version_id
        if origin_id is None:
            return 0, False
        origin = self.services.version(origin_id)
        first = min(v.number for v in (versions or self.services.store.versions(sid)))
        return (origin.number if origin is not None and first == 0 else 0), True

    def first_number(self, sid: str) -> int:
        return self.numbering(sid)[0]

    def cut_view(
        self, sid: str | None, result: TurnResult | None = None, pressed: int | None = None
    ) -> CutView:
        """The current version of session ``sid`` (``result``: the turn that just ran, if any; ``pressed``:
        the clip number the timeline shows picked)."""
        if sid is None:
            return NO_CUT
        current, history = self.services.run(sid, lambda s: (s.current, s.versions()))
        timeline = current.timeline
        video = str(self.services.preview(timeline)) if timeline.clips else None
        what = current.note or "The whole source videos."
        backend = result.backend if result else current.backend
        first, remix = self.numbering(sid, history)
        names = self.video_names()
        summary = (
            f"**v{first + current.number}** · {plural(len(timeline.clips), 'clip')} · "
            f"{float(timeline.duration):.1f} s · from {_sources(timeline, names)}"
            f"  \n{what}"
        )
        if timeline.effects_active:
            summary += f"  \n{self._effects_line(timeline)}"
        if backend:
            summary += f"  \n*planner: {backend}*"
        plan = current.plan.model_dump(mode="json") if current.plan is not None else {}
        ids = {v.id for v in history}
        people = self.people_names(timeline)
        return CutView(
            video=video,
            summary=summary,
            plan_json=json.dumps(plan, indent=2),
            strip=strip_items(timeline, self.services.library.shots, self.services.library_dir,
                              names if len({c.video_id for c in timeline.clips}) > 1 else None, people),
            timeline=timeline_html(timeline, names, people, pressed),
            versions=[(_version_label(v, first, remix), v.id) for v in history],
            current_version=current.id,
            can_undo=current.parent_id in ids,
            can_redo=any(v.parent_id == current.id for v in history),
        )

    def _effects_line(self, timeline: Timeline) -> str:
        """The cut's blur and frame shape in words, and that they make the export re-encode everything."""
        privacy = timeline.privacy
        people = {*privacy.people, *(n for c in timeline.clips if c.blur is not None for n in c.blur.people)}
        named = {m.id: m.name for m in self.services.cast() if m.name} if people else {}
        who = ", ".join(named.get(n, f"#{n}") for n in privacy.people)
        but = f"everyone but {who}"
        blurred = {"none": None, "all": "everyone", "all_but": but, "only": who}[privacy.blur]
        parts = [f"faces blurred: {blurred}"] if blurred else []
        if by_clip := describe_clip_blurs(timeline, named).removeprefix("; "):
            parts.append(by_clip)
        if privacy.aspect != "original":
            parts.append(f"frame {privacy.aspect}")
        reason = reencode_reason(timeline) or ""
        return f"*Effects: {'; '.join(parts)}. {reason[:1].upper()}{reason[1:]}.*"

    def people_names(self, timeline: Timeline) -> dict[str, str]:
        """"#3" -> "Celia" for the people a cut's reasons recorded before they were named (else empty)."""
        if not any(c.reason.people or c.blur is not None and c.blur.people for c in timeline.clips):
            return {}
        return {f"#{m.id}": m.name for m in self.services.cast() if m.name}

    def links(self) -> Choices:
        """Every active link of the library, wherever it was made: sessions are not per-person yet."""
        return [(_link_label(k), k.id) for k in self.services.links.active()]

    def cuts(self) -> Choices:
        """"Your cuts": the library's edited sessions, most recently changed first."""
        names = self.video_names()
        return [
            (_cut_label(s.first_turn or s.session.title or "remix", s.session.video_ids, names, s.updated_at),
             s.session.id)
            for s in self.services.store.recent_sessions()
        ]

    # -- sessions and turns -----------------------------------------------------------------------
    def load(self, remix: str | None, session: str | None = None, user: str | None = None) -> PageUpdate:
        """Page opened: ``?s=<session id>`` reopens that cut; ``?remix=<share id>`` branches a shared one
        into a session of ``user`` (the browser's profile; default: the server's)."""
        page = self.with_cast(PageUpdate(videos=self.video_choices(), cut=NO_CUT, links=self.links(),
                                         cuts=self.cuts(), banner=self.model_banner()), [])
        if session:
            opened = self.reopen(session)
            cut = page.cut if opened.cut is UNCHANGED else opened.cut  # an unknown id: an empty page
            return replace(opened, videos=page.videos, links=page.links, cuts=page.cuts, cut=cut,
                           banner=page.banner, cast=page.cast, person=None, confirm_forget=None)
        if not remix:
            return page
        link = self.services.links.get(remix)
        if link is None:
            return replace(page, chat=say([], None, "That share link does not exist any more."))
        sid = self.services.remix(link.version_id, user)
        reply = f"Remixing “{link.title or 'a shared cut'}”. Your changes make a new branch; theirs stays."
        return replace(
            page, cut=self.cut_view(sid), session_id=sid, chat=say([], None, reply), cuts=self.cuts()
        )

    def reopen(self, sid: str | None) -> PageUpdate:
        """An earlier session (a reload, a URL, a pick in "Your cuts"): its cut, versions and chat again.

        The chat is rebuilt from the stored versions along the current branch, each one's request and
        what it did; questions and unmatched requests made no version, so they are not shown again.
        """
        if not sid:
            return PageUpdate()
        store = self.services.store
        try:
            info = store.session(sid)
        except UnknownSession:
            return PageUpdate(chat=say([], None, "That cut is not in this library (is the link mistyped?)."))
        by_id = {v.id: v for v in store.versions(sid)}
        branch: list[Version] = []
        version = by_id.get(info.current_version_id)
        while version is not None:
            branch.append(version)
            version = by_id.get(version.parent_id or "")
        names = self.video_names()
        started = time.strftime("%d %b %Y %H:%M", time.localtime(info.created_at))
        chat = say([], None, f"Back to your cut of {_video_names(info.video_ids, names)}, started {started}.")
        for version in reversed(branch[:-1]):  # the root is the start: no request made it
            reply = version.note or "Done."
            if version.timeline.clips:  # as the turn said it: with the videos and match confidence
                reply += f"  \n{_provenance(version.timeline, names)}"
            chat = say(chat, version.turn or None, reply)
        return PageUpdate(session_id=sid, chat=chat, cut=self.cut_view(sid), question=None)

    def start(self, chosen: list[str], chat: ChatHistory, user: str | None = None) -> PageUpdate:
        """A new cut of the ticked videos, owned by ``user`` (the browser's profile)."""
        if not chosen:
            return PageUpdate(chat=say(chat, None, "Tick at least one video first (or upload one)."))
        try:
            sid = self.services.start(chosen, user)
        except (ValueError, LookupError) as exc:  # e.g. a video removed since the page loaded
            return PageUpdate(chat=say(chat, None, f"Could not start: {exc}"))
        reply = f"New cut from {_video_names(chosen, self.video_names())}. What would you like to see?"
        return PageUpdate(cut=self.cut_view(sid), session_id=sid, chat=say(chat, None, reply))

    def message(
        self, text: str, chat: ChatHistory, sid: str | None, chosen: list[str], user: str | None = None
    ) -> PageUpdate:
        """Typed text: the one path through the planner.

        Without a cut it starts one of the ticked videos (or the library's only video) and says so;
        with several videos and none ticked it asks which, and the typed text stays in the box.
        """
        text = (text or "").strip()
        if not text:
            return PageUpdate(clear_input=True)
        started = ""
        if sid is None:
            library = [vid for _, vid in self.video_choices()]
            if not library:
                reply = "The library is empty — upload a video first (*Add a video*)."
                return PageUpdate(chat=say(chat, text, reply))
            if not chosen and len(library) > 1:
                reply = ("Which videos should I cut from? Tick them under *Videos to cut from*, then press "
                         "Enter again: your request is still in the box.")
                return PageUpdate(chat=say(chat, text, reply))
            chosen = chosen or library
            try:
                sid = self.services.start(chosen, user)
            except (ValueError, LookupError) as exc:  # e.g. a video removed since the page loaded
                return PageUpdate(chat=say(chat, text, f"Could not start a cut: {exc}"))
            started = f"(New cut from {_video_names(chosen, self.video_names())}.) "
        result = self.services.run(sid, lambda s: s.turn(text))  # a turn answers, it never raises
        return replace(self._after_turn(sid, chat, text, result, started), clear_input=True)

    def _after_turn(
        self, sid: str, chat: ChatHistory, said: str, result: TurnResult, prefix: str = "",
        pressed: int | None = None,
    ) -> PageUpdate:
        """The reply to a turn; one that edited the cut also names its videos and match confidence (not one
        that only named someone: the cast ops are gone from ``result.plan``)."""
        reply = prefix + (result.message or result.note or "Done.")
        edited = result.matched and result.question is None and result.diff is None and bool(result.plan.ops)
        if edited and result.version.timeline.clips:
            reply += f"  \n{_provenance(result.version.timeline, self.video_names())}"
        choices = [c.label for c in result.question.choices] if result.question else None
        return PageUpdate(
            cut=self.cut_view(sid, result, pressed), session_id=sid, chat=say(chat, said, reply),
            question=choices, cuts=self.cuts(),
        )

    def answer(self, index: int | None, chat: ChatHistory, sid: str | None) -> PageUpdate:
        """A click on one of a question's choices: its typed plan is applied as it is (no planner)."""
        if sid is None or index is None:
            return PageUpdate(question=None)
        pending = self.services.run(sid, lambda s: s.pending_question())
        if pending is None or not 0 <= index < len(pending.choices):
            return PageUpdate(question=None, chat=say(chat, None, "That question was already answered."))
        choice = pending.choices[index]
        result = self.services.run(sid, lambda s: s.apply(choice.plan, choice.label))
        return self._after_turn(sid, chat, choice.label, result)

    # -- typed actions (buttons): no planner runs ---------------------------------------------------
    def history_move(self, action: Literal["undo", "redo"], sid: str | None, chat: ChatHistory) -> PageUpdate:
        """The Undo / Redo buttons; at either end of the history the cut stays put."""
        if sid is None:
            return PageUpdate()
        plan = EditPlan(ops=[Undo() if action == "undo" else Redo()])
        current = self.services.run(sid, lambda s: s.apply(plan)).version
        reply = f"{action.title()}: now at v{self.first_number(sid) + current.number}."
        return PageUpdate(cut=self.cut_view(sid), chat=say(chat, None, reply))

    def goto(self, version_id: str | None, sid: str | None, chat: ChatHistory) -> PageUpdate:
        """A pick in the "jump to version" list (which also fires when the list is refreshed)."""
        if sid is None or not version_id:
            return PageUpdate()
        if self.services.run(sid, lambda s: s.current.id) == version_id:
            return PageUpdate()
        current = self.services.run(sid, lambda s: s.goto(version_id))
        reply = f"Jumped to {_version_label(current, *self.numbering(sid))}."
        return PageUpdate(cut=self.cut_view(sid), chat=say(chat, None, reply))

    def select(self, sid: str | None, index: object) -> PageUpdate:
        """A click on the strip's ``index``-th thumbnail (0-based) offers its clip's buttons; an index that is
        not a whole number (a hostile client's select event) picks nothing."""
        if sid is None or not isinstance(index, int) or isinstance(index, bool):
            return PageUpdate()
        clips = self.services.run(sid, lambda s: s.current.timeline.clips)
        number = index + 1
        if not 1 <= number <= len(clips):
            return PageUpdate()
        return PageUpdate(selection=self._selection(number, clips[number - 1]))

    def _selection(self, number: int, clip: Clip) -> ClipSelection:
        """Clip ``number`` picked: its buttons show, under where it comes from."""
        source = self.video_names().get(clip.video_id, clip.video_id[:8])
        return ClipSelection(number, _clip_label(number, clip, source))

    def drop_clip(self, number: int | str | None, chat: ChatHistory, sid: str | None) -> PageUpdate:
        return self._clip_action(lambda ref: RemoveClip(ref=ref), "drop clip {number}", number, chat, sid)

    def keep_clip(self, number: int | str | None, chat: ChatHistory, sid: str | None) -> PageUpdate:
        return self._clip_action(lambda ref: KeepClip(ref=ref), "keep only clip {number}", number, chat, sid)

    def split_clip(self, number: int | str | None, chat: ChatHistory, sid: str | None) -> PageUpdate:
        """The picked clip cut where its video's shots change (a whole video becomes its shots)."""
        said = "split clip {number} at its shot changes"
        return self._clip_action(lambda ref: Split(target=ref), said, number, chat, sid)

    def move_clip(
        self, later: bool, clip: int | str | None, chat: ChatHistory, sid: str | None
    ) -> PageUpdate:
        """The "◀ Earlier" / "Later ▶" buttons: the picked clip swaps places with its neighbour, as a typed
        plan, and stays picked at its new number so the next click moves it on."""
        number = _number(clip)
        if number is None or number < 1 or sid is None:
            return PageUpdate()
        clips = self.services.run(sid, lambda s: s.current.timeline.clips)
        if number > len(clips):
            return PageUpdate()
        target = number + 1 if later else number - 1
        if not 1 <= target <= len(clips):
            where = "last" if later else "first"
            return PageUpdate(chat=say(chat, None, f"Clip {number} is already {where}."))
        said = f"move clip {number} {'later' if later else 'earlier'}"
        return self._move_to(sid, chat, clips, number, target, said)

    def drag_clip(self, moved: object, onto: object, chat: ChatHistory, sid: str | None) -> PageUpdate:
        """A clip dragged onto another in the timeline (1-based numbers, as the page sends them): it takes
        that clip's place, the ones between shift over, and it stays picked."""
        number, target = _number(moved), _number(onto)
        if number is None or target is None or sid is None or number == target or min(number, target) < 1:
            return PageUpdate()
        clips = self.services.run(sid, lambda s: s.current.timeline.clips)
        if max(number, target) > len(clips):
            return PageUpdate()
        side = "before" if target < number else "after"
        return self._move_to(sid, chat, clips, number, target, f"move clip {number} {side} clip {target}")

    def _move_to(
        self, sid: str, chat: ChatHistory, clips: Sequence[Clip], number: int, target: int, said: str
    ) -> PageUpdate:
        """Clip ``number`` moved to position ``target`` as a typed plan; picked there when it moved."""
        op = MoveClip.landing(ClipRef(indices=[number]), number, target)
        result = self.services.run(sid, lambda s: s.apply(EditPlan(ops=[op]), said))
        now = result.version.timeline.clips
        if len(now) != len(clips) or now[target - 1] != clips[number - 1]:
            return self._after_turn(sid, chat, said, result)  # it did not move: say why, pick nothing
        update = self._after_turn(sid, chat, said, result, pressed=target)
        return replace(update, selection=self._selection(target, now[target - 1]))

    def _clip_action(
        self, op: Callable[[ClipRef], RemoveClip | KeepClip | Split], words: str, clip: int | str | None,
        chat: ChatHistory, sid: str | None,
    ) -> PageUpdate:
        """Apply ``op`` to clip ``clip`` (1-based, as the page sends it) as a typed plan; the chat shows it
        in words, as if typed."""
        number = _number(clip)
        if number is None or number < 1 or sid is None:
            return PageUpdate()
        said = words.format(number=number)
        plan = EditPlan(ops=[op(ClipRef(indices=[number]))])
        result = self.services.run(sid, lambda s: s.apply(plan, said))
        return self._after_turn(sid, chat, said, result)

    # -- the cast ------------------------------------------------------------------------------------
    def with_cast(
        self, update: PageUpdate, chosen: Sequence[str], person: int | None = None, *, new_pick: bool = False,
        members: Sequence[CastMember] | None = None,
    ) -> PageUpdate:
        """``update`` plus the Cast panel of the ticked videos (all when none is; ``members``: that cast
        when the caller has just read it), ``person`` still picked if they are still in it (else the
        person's buttons hide). A forget question stays open while its person is still picked, so a panel
        redrawn in the background does not close it under the pointer; a ``new_pick`` closes it."""
        members = self.services.cast(chosen) if members is None else members
        picked = _find(members, person)
        panel = cast_html(members, picked.id if picked else None, len(self.services.unscanned(chosen)),
                          self.services.hero())
        closed = new_pick or picked is None
        return replace(update, cast=panel, person=_person_selection(picked, members) if picked else None,
                       confirm_forget=None if closed else update.confirm_forget)

    def refresh_cast(self, chosen: Sequence[str], person: int | None = None) -> PageUpdate:
        """Videos ticked or unticked, or a typed turn that may have named someone: the panel follows."""
        return self.with_cast(PageUpdate(), chosen, person)

    def pick_person(
        self, person: int | str | None, chosen: Sequence[str], asking_about: int | None = None
    ) -> PageUpdate:
        """A click on a face: that person's buttons (someone gone since it was drawn: a fresh panel).
        ``asking_about``: whom an open forget question names. A pick of that same person leaves it open:
        the browser may deliver the click after the "Forget…" that followed it."""
        number = _number(person)
        same = number is not None and number == _number(asking_about)
        return self.with_cast(PageUpdate(), chosen, number, new_pick=not same)

    def name_person(
        self, person: int | str | None, name: str | None, chat: ChatHistory, sid: str | None,
        chosen: list[str], user: str | None = None,
    ) -> PageUpdate:
        """The name box: a typed ``NameCharacter`` op through the session (no new version), as if typed
        "number 3 is Celia"."""
        member = self._member(person, chosen)
        if member is None:
            return self.with_cast(PageUpdate(), chosen)
        try:
            op = NameCharacter(character=member.id, name=name or "")
        except ValidationError:
            reply = f"Type a name for {person_label(member)} first (at most {MAX_NAME_CHARS} characters)."
            return PageUpdate(chat=say(chat, None, reply))
        return self._cast_op(op, f"number {member.id} is {op.name}", member, chat, sid, chosen, user)

    def make_hero(
        self, person: int | str | None, chat: ChatHistory, sid: str | None, chosen: list[str],
        user: str | None = None,
    ) -> PageUpdate:
        """"Make hero": "the hero" means this person from now on (a typed ``ChooseHero`` op)."""
        return self._person_op(person, chat, sid, chosen, user, lambda member: (
            ChooseHero(person=f"#{member.id}"), f"{person_ref(member)} is the hero"))

    def only_with(
        self, person: int | str | None, chat: ChatHistory, sid: str | None, chosen: list[str],
        user: str | None = None,
    ) -> PageUpdate:
        """"Only scenes with this person": ``KeepOnly(Query(people=("#N",)))`` applied as it is."""
        return self._person_op(person, chat, sid, chosen, user, lambda member: (
            KeepOnly(query=Query(people=(f"#{member.id}",))), f"only the scenes with {person_ref(member)}"))

    def blur_person(
        self, person: int | str | None, chat: ChatHistory, sid: str | None, chosen: list[str],
        user: str | None = None,
    ) -> PageUpdate:
        """"Blur this face": this person's face blurred in the whole cut, whoever else is blurred stays so
        (a typed ``Blur`` of them, as if typed "blur #3")."""
        return self._person_op(person, chat, sid, chosen, user, lambda member: (
            Blur(target="only", people=(f"#{member.id}",)), f"blur {person_ref(member)}"))

    def unblur_person(
        self, person: int | str | None, chat: ChatHistory, sid: str | None, chosen: list[str],
        user: str | None = None,
    ) -> PageUpdate:
        """"Show this face": no longer blurred anywhere in the cut (a typed ``Unblur``)."""
        return self._person_op(person, chat, sid, chosen, user, lambda member: (
            Unblur(people=(f"#{member.id}",)), f"unblur {person_ref(member)}"))

    def _person_op(
        self, person: int | str | None, chat: ChatHistory, sid: str | None, chosen: list[str],
        user: str | None, op_of: Callable[[CastMember], tuple[PersonOp, str]],
    ) -> PageUpdate:
        """A Cast panel button: ``op_of`` the person picked (the op and what the chat shows as typed), applied
        by ``_cast_op``; the panel redrawn alone when that person is gone."""
        member = self._member(person, chosen)
        if member is None:
            return self.with_cast(PageUpdate(), chosen)
        op, said = op_of(member)
        return self._cast_op(op, said, member, chat, sid, chosen, user)

    def _cast_op(
        self, op: PersonOp, said: str, member: CastMember, chat: ChatHistory,
        sid: str | None, chosen: list[str], user: str | None = None,
    ) -> PageUpdate:
        """Apply ``op`` in the session; without one, a new cut (of ``user``) of the ticked videos (or of the
        videos the person is in) starts first and the reply says so. The chat shows ``said`` as if typed."""
        started = ""
        if sid is None:
            seen_in = {a.video_id for a in member.appearances}
            videos = chosen or [vid for _, vid in self.video_choices() if vid in seen_in]
            try:
                sid = self.services.start(videos, user)
            except (ValueError, LookupError) as exc:  # e.g. a video removed since the page loaded
                return PageUpdate(chat=say(chat, said, f"Could not start a cut: {exc}"))
            started = f"(New cut from {_video_names(videos, self.video_names())}.) "
        result = self.services.run(sid, lambda s: s.apply(EditPlan(ops=[op]), said))
        return self.with_cast(self._after_turn(sid, chat, said, result, started), chosen, member.id)

    def merge_people(
        self, person: int | str | None, other: int | str | None, chat: ChatHistory, chosen: list[str]
    ) -> PageUpdate:
        """"Merge": the person picked in "Merge with" becomes part of the one picked in the panel, which
        keeps its number and name (a library edit: no cut changes, no session needed)."""
        member, other_id = self._member(person, chosen), _number(other)
        if member is None or other_id is None:
            return self.with_cast(PageUpdate(), chosen, member.id if member else None)
        try:
            merged = self.services.merge_characters(member.id, other_id)
        except CastError as exc:
            reply = f"Could not merge: {exc}."
        else:
            reply = (f"Merged #{other_id} into {_who(merged)}: now "
                     f"{merged.screen_time:.1f} s on screen in {plural(len(merged.shots), 'shot')}.")
        return self.with_cast(PageUpdate(chat=say(chat, None, reply)), chosen, member.id)

    def ask_forget(self, person: int | str | None, chosen: Sequence[str] = ()) -> PageUpdate:
        """"Forget this person…" (``person``: the one pressed in the panel as the browser shows it, which a
        busy server may not have heard of yet): the question names them; nothing is deleted before yes."""
        members = self.services.cast(chosen)
        member = _find(members, person)
        if member is None:
            return PageUpdate(confirm_forget=None)
        who = html.escape(_who(member))
        text = f"Delete **{who}**'s faces, face vectors and pictures from the library? This cannot be undone."
        question = PageUpdate(confirm_forget=ForgetQuestion(member.id, text))
        return self.with_cast(question, chosen, member.id, members=members)

    def cancel_forget(self) -> PageUpdate:
        return PageUpdate(confirm_forget=None)

    def forget_person(self, person: int | None, chat: ChatHistory, chosen: list[str]) -> PageUpdate:
        """The question's yes (``person``: the one it named): their faces, face vectors, tracks and
        thumbnails are deleted."""
        number = _number(person)
        if number is None:
            return PageUpdate(confirm_forget=None)
        member = self._member(number, [])
        who = _who(member) if member else f"#{number}"
        try:
            gone = self.services.forget_character(number)
        except CastError as exc:
            reply = f"Could not forget {who}: {exc}."
        else:
            reply = (f"Forgot {who}: deleted {plural(gone.tracks, 'face track')}, "
                     f"{plural(gone.faces, 'face')} with their face vectors and "
                     f"{plural(gone.thumbnails, 'thumbnail')}. Cuts already made keep their clips.")
        return self.with_cast(PageUpdate(chat=say(chat, None, reply)), chosen)

    def _member(self, person: int | str | None, chosen: Sequence[str]) -> CastMember | None:
        return _find(self.services.cast(chosen), person)

    # -- library, downloads, sharing ----------------------------------------------------------------
    def upload(
        self, path: str | None, chat: ChatHistory, progress: StageProgress, ticked: Sequence[str] = ()
    ) -> PageUpdate:
        """Index an uploaded file; what it gave (or why it failed) is said at the upload box and in the
        chat, and its video is ticked (``ticked``: the videos ticked before) ready for a new cut."""
        if not path:
            return PageUpdate()
        name = Path(path).name
        progress(0, f"Indexing {name}")
        result = self.services.ingest(Path(path), progress_factory=_progress_factory(progress))
        if result.error or result.video is None:
            why = result.error or "not a video file we can read"
            status = f"Could not add {name}: {why}"
            return PageUpdate(clear_upload=True, chat=say(chat, None, status), upload_status=status)
        title = result.video.title or name
        if result.status == "unchanged":
            status = f"**{title}** is already in the library ({plural(result.shots, 'shot')}); ticked."
        else:
            found = f"{plural(result.shots, 'shot')}, {_dialogue_phrase(result)}"
            status = f"Added **{title}** ({found}); ticked."
        reply = status + " Press *Start a new cut* to cut from it."
        now_ticked = [*(v for v in ticked if v != result.video.id), result.video.id]
        return self.with_cast(PageUpdate(
            clear_upload=True, chat=say(chat, None, reply), videos=self.video_choices(), upload_status=status,
            ticked=now_ticked,
        ), now_ticked)

    def export(self, sid: str | None, progress: Callable[[float], None] | None = None) -> PageUpdate:
        """The current version as a high-quality MP4 plus edit lists and subtitles, for download."""
        if sid is None:
            return PageUpdate()
        current = self.services.run(sid, lambda s: s.current)
        try:
            files = self.services.export_all(current, progress=progress)
        except RenderError as exc:
            return PageUpdate(error=f"Could not render this version: {exc}")
        self.services.taste.record_owner_version("download", current.id)  # what stays in a download is liked
        return PageUpdate(downloads=[str(p) for p in files])

    def share(self, sid: str | None, base_url: str) -> PageUpdate:
        """A new share link to the current version; ``base_url`` is how the browser reached us."""
        if sid is None:
            return PageUpdate(share_html="<p>Start a cut first.</p>")
        current = self.services.run(sid, lambda s: s.current)
        if not current.timeline.clips:
            return PageUpdate(share_html="<p>This version has no clips: nothing to share yet.</p>")
        names = self.services.run(sid, lambda s: [s.video_name(v) for v in s.video_ids])
        title = current.timeline.title or f"My cut of {', '.join(names)}"
        link = self.services.links.create(current.id, sid, title)
        self.services.taste.record_owner_version("share", current.id)  # and what stays in a shared cut
        url = html.escape(f"{base_url.rstrip('/')}/v/{link.id}")
        html_link = (
            f"<p>Anyone with this link can watch v{self.first_number(sid) + current.number}:<br>"
            f"<a id='share-link' href='/v/{link.id}' target='_blank'>{url}</a></p>"
        )
        return PageUpdate(share_html=html_link, links=self.links())

    def revoke(self, share_id: str | None) -> PageUpdate:
        """Revoke any link of the library (the list holds them all); one revoked elsewhere is said so."""
        if not share_id:
            return PageUpdate()
        ok = self.services.links.revoke(share_id)
        note = "Link revoked: it now shows “not found”." if ok else "That link was already revoked."
        return PageUpdate(share_html=f"<p>{note}</p>", links=self.links())


def _number(value: object) -> int | None:
    """A character or clip number from the page (an int, or its text from a select event or a dropdown);
    None for anything else a client may send in its place (a list, an object, "2.5")."""
    if not isinstance(value, int | str) or isinstance(value, bool):
        return None
    try:
        return int(value) if str(value).strip() else None
    except ValueError:
        return None


def _find(members: Sequence[CastMember], person: int | str | None) -> CastMember | None:
    """The member numbered ``person`` (an int, or its text from the page), if they are among ``members``."""
    number = _number(person)
    return next((m for m in members if m.id == number), None)


def _who(member: CastMember) -> str:
    """"Celia (#3)", or "#3" for someone unnamed: a reply about a library edit."""
    return f"{member.name} (#{member.id})" if member.name else f"#{member.id}"


def _person_selection(member: CastMember, members: Sequence[CastMember]) -> PersonSelection:
    seconds = f"{member.screen_time:.1f} s on screen"
    label = f"**{html.escape(person_label(member))}** · #{member.id} · {seconds}"
    others = [(f"{person_label(m)} (#{m.id})" if m.name else person_label(m), str(m.id))
              for m in members if m.id != member.id]
    return PersonSelection(member.id, label, member.name or "", others)


def _version_label(v: Version, first: int = 0, remix: bool = False) -> str:
    """``first``: what to add to the number (a remix saved before remixes kept their origin's numbers);
    ``remix``: the session is a remix, so its first version is called that."""
    what = v.turn or ("remix" if remix and v.parent_id is None else "start")
    return f"v{first + v.number}: {what}"[:80]


def _clip_label(number: int, clip: Clip, source: str) -> str:
    """Markdown for the selected clip: where it comes from and why it is in the cut."""
    return f"**{html.escape(clip_details(number, clip, source))}**"


def _sources(timeline: Timeline, names: dict[str, str]) -> str:
    """Which videos a cut came from, with how many clips each gave: "four_shots (2 clips), tone (1 clip)"."""
    counts: dict[str, int] = {}
    for clip in timeline.clips:
        counts[clip.video_id] = counts.get(clip.video_id, 0) + 1
    return ", ".join(f"{names.get(v, v[:8])} ({plural(n, 'clip')})" for v, n in counts.items()) or "nothing"


def _provenance(timeline: Timeline, names: dict[str, str]) -> str:
    """A reply's last line: the cut's videos and, for visual matches, how confident they were."""
    text = f"*From {_sources(timeline, names)}.*"
    scores = sorted(c.reason.score for c in timeline.clips
                    if c.reason.signal in ("visual", "fused") and c.reason.score is not None)
    if scores:
        span = f"{scores[0]:.2f}" if scores[0] == scores[-1] else f"{scores[0]:.2f}–{scores[-1]:.2f}"
        text += f" *Visual match confidence {span}.*"
    return text


def _dialogue_phrase(result: IngestResult) -> str:
    """What the upload gave for dialogue search; speech recognition being unavailable is said, not hidden."""
    if result.cues:
        source = {"asr": "speech recognition", "embedded": "its subtitles"}.get(result.dialogue_source,
                                                                               "subtitles")
        return f"{plural(result.cues, 'line')} of dialogue from {source}"
    if result.asr_unavailable:
        return "no dialogue: speech recognition is not available here"
    return "no dialogue found"


def _link_label(link: ShareLink) -> str:
    return f"{link.title or 'untitled'} · /v/{link.id[:8]}…"


def _video_names(video_ids: Sequence[str], names: dict[str, str]) -> str:
    """The videos' names; one removed from the library since shows as the start of its id."""
    return ", ".join(names.get(v, v[:8]) for v in video_ids)


def _cut_label(what: str, video_ids: Sequence[str], names: dict[str, str], when: float) -> str:
    """A "Your cuts" entry: what was first asked, from which videos, when it last changed."""
    stamp = time.strftime("%d %b %H:%M", time.localtime(when))
    return f"{what[:48]} · {_video_names(video_ids, names)[:60]} · {stamp}"


def _progress_factory(progress: StageProgress,
                      clock: Callable[[], float] = time.monotonic) -> ProgressFactory:
    """Ingest reports (stage, done, total) per file; the browser shows it as one bar per stage, with the
    time left once a stage has run long enough to tell (a feature film decodes for minutes)."""

    def for_file(path: Path) -> Callable[[str, int, int], None]:
        started: dict[str, float] = {}

        def report(stage: str, done: int, total: int) -> None:
            fraction = done / max(total, 1)
            now = clock()
            began = started.setdefault(stage, now)
            progress(fraction, f"{path.name}: {stage}{time_left(now - began, fraction)}")

        return report

    return for_file


def time_left(elapsed: float, fraction: float) -> str:
    """ " · about 3 min left" from the pace so far; empty until there is a pace worth reporting."""
    if elapsed < 5 or not 0.02 <= fraction < 1:
        return ""
    left = elapsed * (1 - fraction) / fraction
    return f" · about {round(left)} s left" if left < 90 else f" · about {round(left / 60)} min left"
