"""One chat conversation about a cut: each turn is plan -> retrieve -> apply -> persist.

``ChatSession`` is the only place these stages meet; each stage stays pure or owns its I/O. A text turn
plans and then takes the same path as a typed ``apply`` (the app's buttons), so there is one way a cut
changes. Neither raises on what a person or a model wrote: problems come back as a message and the cut
stays as it was.
State lives in the ``SessionStore``, so a session can be resumed by id from another process.
"""

from __future__ import annotations

import logging
import re
import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from assistant.cut_questions import (
    HELP,
    PRAISED,
    SAVED,
    SHARE,
    THANKS,
    CutQuestion,
    cut_question,
    export_answer,
)
from assistant.plan.describe import describe_plan, plural
from assistant.plan.language import ENGLISH, has_messages
from assistant.plan.language import message as phrase
from assistant.plan.schema import (
    CAST_OPS,
    EFFECT_OPS,
    NAMED_REF,
    TASTE_OPS,
    Best,
    ChooseHero,
    ClipRef,
    EditPlan,
    KeepClip,
    KeepLines,
    KeepOnly,
    Like,
    LimitDuration,
    NameCharacter,
    Operation,
    Query,
    Redo,
    Remove,
    RemoveClip,
    RemoveLine,
    Split,
    Suggest,
    Undo,
    strip_unsafe,
)
from assistant.planning.base import CastEntry, Planner, PlannerContext, PlanResult, VideoEntry
from assistant.planning.factory import plan_turn
from assistant.planning.rules.clip_refs import parse_ref, pointed_clip
from assistant.planning.rules.number_words import words_to_digits
from assistant.planning.rules.parser import (
    KEEP_IT_AFTER_ALL,
    REFUSAL_BLUR_WHO,
    REFUSAL_WHO,
    WANT_IT_BACK,
    RulesPlanner,
)
from assistant.planning.video_refs import named_videos, spoken_name
from assistant.retrieval.dialogue import film_languages, with_dialogue
from assistant.retrieval.highlights import Highlight, find_highlights
from assistant.retrieval.people import (
    UnknownPeople,
    cast_line,
    choose_hero,
    chosen_hero,
    display_name,
    find_member,
    ranked_cast,
    resolve_people,
    same_name,
    unknown_people_message,
)
from assistant.retrieval.search import default_scorers, find_scenes
from assistant.retrieval.types import ShotLibrary, ShotScorer
from assistant.sessions.store import DEFAULT_USER, SessionStore
from assistant.taste.events import TasteStore
from assistant.taste.turns import TasteContext, taste_step
from assistant.timeline.apply import (
    ApplyResult,
    Characters,
    ShotStarts,
    apply_plan,
    describe_blur,
    describe_clip_blurs,
    source_timeline,
)
from assistant.timeline.diff import TimelineDiff, diff_timelines
from assistant.timeline.history import History, PlanError
from assistant.timeline.lines import Cues, CutLine, OnScreen, chosen_lines, cut_lines, said_in, said_while
from assistant.timeline.model import Clip, Privacy, Timeline, Version
from assistant.timeline.questions import Choice, Question, ambiguity, video_or_words, which_line
from index.cast import CastError, CastMember, cast_list, name_characters
from index.dialogue import cues_for

log = logging.getLogger(__name__)
MAX_LINES_TOLD = 12  # lines of a clip an answer quotes
MAX_VERSIONS_TOLD = 15  # the latest versions "what versions do I have?" lists
RECENT_TURNS = 4
MAX_TURN_CHARS = 2000  # what a version keeps of the request that made it


@dataclass
class TurnResult:
    version: Version  # the session's current version after the turn (unchanged if nothing applied)
    plan: EditPlan
    backend: str  # which planner answered; "" for a typed plan (no planner ran)
    description: str  # the plan in words
    note: str  # what changed, in words
    message: str  # the reply to show the person
    matched: bool  # False when a query found nothing (the cut is then unchanged)
    question: Question | None = None  # asked instead of editing; answer with one choice's plan
    diff: TimelineDiff | None = None  # for "what changed?": the versions compared, no edit made





def _numbers_as_names(plan: EditPlan, cast: Sequence[CastEntry]) -> EditPlan:
    """"#3" becomes "Celia" when #3 has a name no other character shares, so the reply and the clips'
    reasons say who (the app's buttons send numbers: names may repeat)."""
    counts = Counter(entry.name.casefold() for entry in cast if entry.name)
    names = {f"#{e.number}": e.name for e in cast if e.name and counts[e.name.casefold()] == 1}

    def named(query: Query) -> Query:
        return query.model_copy(update={"people": tuple(names.get(p, p) for p in query.people)})

    ops = [op.model_copy(update={"query": named(q)}) if isinstance(q := getattr(op, "query", None), Query)
           else op for op in plan.ops]
    return plan.model_copy(update={"ops": ops})


def _listed(cast: Sequence[CastMember]) -> str:
    """The first dozen characters, as the chat names them when it asks whom a request means."""
    return ", ".join(cast_line(m) for m in cast[:12])


def _sets_an_effect(plan: EditPlan, before: Timeline, after: Timeline) -> bool:
    """Whether the turn turned on or changed a blur or a reframe: the preview and export then re-encode."""
    def effects(t: Timeline) -> tuple:
        return t.privacy, tuple(c.blur for c in t.clips)
    return (any(isinstance(op, EFFECT_OPS) for op in plan.ops) and after.effects_active
            and effects(after) != effects(before))


class ChatSession:
    """A conversation bound to a library, a store and a planner; create with start/resume/branch_from."""

    def __init__(
        self, library: ShotLibrary, store: SessionStore, planner: Planner, session_id: str,
        scorers: Sequence[ShotScorer] | None = None,
    ) -> None:
        self.library = library
        self.store = store
        self.planner = planner
        self.id = session_id
        self.scorers = list(scorers) if scorers else default_scorers()  # kept: they cache per-model data
        info = store.session(session_id)
        self.video_ids = info.video_ids
        self.user = info.user  # whose taste the session learns from and serves
        self.taste = TasteStore(store.library_dir)
        self._names: dict[str, str] = {}
        self._points_at: int | None = None  # the one clip an answer to a question names, if it names one

    @classmethod
    def start(
        cls, library: ShotLibrary, store: SessionStore, planner: Planner,
        video_ids: Sequence[str] | None = None, scorers: Sequence[ShotScorer] | None = None,
        user: str = DEFAULT_USER,
    ) -> ChatSession:
        """A new session of ``user`` on the given videos (default: all, in ingest order); version 0 = them
        whole."""
        videos = [library.video(ref) for ref in video_ids] if video_ids else list(library.videos())
        if not videos:
            raise ValueError("the library has no videos yet: ingest some first (personalcut ingest FILE...)")
        unique = list({v.id: v for v in videos}.values())
        session_id = store.create_session(
            [v.id for v in unique], timeline=source_timeline(unique), note="the whole videos", user=user,
        )
        return cls(library, store, planner, session_id, scorers)

    @classmethod
    def resume(
        cls, library: ShotLibrary, store: SessionStore, planner: Planner, session_id: str,
        scorers: Sequence[ShotScorer] | None = None,
    ) -> ChatSession:
        return cls(library, store, planner, session_id, scorers)

    @classmethod
    def branch_from(
        cls, library: ShotLibrary, store: SessionStore, planner: Planner, version_id: str,
        scorers: Sequence[ShotScorer] | None = None, user: str = DEFAULT_USER,
    ) -> ChatSession:
        """A remix by ``user``: a new session whose first version is a copy of ``version_id`` (which never
        changes) and goes by its number; what the remixed cut keeps counts toward ``user``'s taste."""
        origin = store.version(version_id)
        source = store.session(origin.session_id)
        session_id = store.create_session(
            source.video_ids, title=source.title, timeline=origin.timeline,
            note=f"remix of version {origin.number}", origin_version_id=origin.id, user=user,
            first_number=origin.number,
        )
        TasteStore(store.library_dir).record_version(user, "remix", origin)
        return cls(library, store, planner, session_id, scorers)

    # --- state ---------------------------------------------------------------------------------

    @property
    def current(self) -> Version:
        return self.store.version(self.store.session(self.id).current_version_id)

    def versions(self) -> list[Version]:
        return self.store.versions(self.id)

    def _history(self) -> History:
        return History(tuple(self.versions()), self.store.session(self.id).current_version_id)

    def source(self) -> Timeline:
        """The selected videos whole: what Reset goes back to."""
        return source_timeline([self.library.video(v) for v in self.video_ids])

    def video_name(self, video_id: str) -> str:
        if video_id not in self._names:
            info = self.library.video(video_id)
            self._names[video_id] = info.display_name
        return self._names[video_id]

    def numbered_clips(self) -> list[str]:
        """The cut as the planner sees it: '1. 0:12.0-0:18.5 sintel_trailer "fight" (visual, score 0.31)'."""
        clips = self.current.timeline.clips
        names = self._cast_names() if any(c.blur is not None and c.blur.people for c in clips) else {}
        return [f"{i}. {self._clip_line(c, names)}" for i, c in enumerate(clips, 1)]

    def _clip_line(self, clip: Clip, names: dict[int, str] | None = None) -> str:
        """One clip as the chat shows it: its span, its video, why it was chosen, its speed."""
        speed = f" at {clip.speed:g}x" if clip.speed != 1 else ""
        sound = "" if clip.volume == 1 else " muted" if clip.volume == 0 else \
            f" sound at {clip.volume * 100:g} %"
        joined = "" if clip.join is None else f" ({clip.join.kind.replace('_', ' ')} from the clip before)"
        blur = ""
        if clip.blur is not None:
            own = Privacy(clip.blur.mode, clip.blur.people)
            blur = f" ({describe_blur(own, self._named(names, clip))} in this clip)"
        return (f"{_clock(float(clip.start))}-{_clock(float(clip.end))} {self.video_name(clip.video_id)} "
                f"{clip.reason.describe()}{speed}{sound}{joined}{blur}")

    def _clip_extras(self, clip: Clip) -> str:
        """A clip's played length and who is on screen in it, longest first ("who is in clip 2?")."""
        played = f" — {float(clip.output_duration):.1f} s"
        seen = []
        cast = cast_list(self.library.dir, [clip.video_id])
        for member in cast:
            seconds = sum(max(0.0, min(a.end, float(clip.end)) - max(a.start, float(clip.start)))
                          for a in member.appearances if a.video_id == clip.video_id)
            if seconds >= 0.3:
                seen.append((seconds, _numbered(member)))
        if not seen:
            return played + "; no one of the cast on screen." if cast else played
        people = ", ".join(f"{who} {seconds:.1f} s" for seconds, who in sorted(seen, reverse=True))
        return f"{played}; on screen: {people}."

    def _named(self, names: dict[int, str] | None, clip: Clip) -> dict[int, str]:
        """``names`` when given, else the cast's names when the clip's blur names people."""
        if names is not None:
            return names
        return self._cast_names() if clip.blur is not None and clip.blur.people else {}

    def _cast_names(self) -> dict[int, str]:
        """The named characters of this session's videos by number."""
        return {m.id: m.name for m in cast_list(self.library.dir, self.video_ids) if m.name}

    def video_entries(self) -> tuple[VideoEntry, ...]:
        """This session's videos by the names a request may call them (title and file name)."""
        infos = [self.library.video(video_id) for video_id in dict.fromkeys(self.video_ids)]
        return tuple(VideoEntry(v.id, v.display_name, PurePath(v.path).stem) for v in infos)

    def cast(self) -> tuple[CastEntry, ...]:
        """The characters of this session's videos, most screen time first, as the planner sees them."""
        members = cast_list(self.library.dir, self.video_ids)
        return tuple(CastEntry(m.id, m.name, m.screen_time) for m in members)

    def film_languages(self) -> tuple[str, ...]:
        """The languages this session's videos speak (ISO 639-1), in video order, each once."""
        found = film_languages(self.library.dir, self.video_ids).values()
        return tuple(dict.fromkeys(language for language in found if language))

    def _recent_turns(self) -> tuple[str, ...]:
        history = self._history()
        chain: list[Version] = []
        version: Version | None = history.current
        while version is not None and len(chain) < RECENT_TURNS:
            if version.turn:
                chain.append(version)
            version = history.parent(version)
        return tuple(f"user: {v.turn} -> {v.note}" for v in reversed(chain))

    # --- turns and history moves ---------------------------------------------------------------

    def turn(self, text: str) -> TurnResult:
        """Plan ``text``, then ``apply`` the plan; the planner's caveat, if any, ends the message.

        A number answers a pending question; "what changed?" answers with a diff; a request that was
        only partly understood, or whose clip reference is ambiguous, gets a question and no version.
        """
        pending = self.pending_question()
        if pending and text.strip().isdigit() and 1 <= int(text) <= len(pending.choices):
            choice = pending.choices[int(text) - 1]
            return self.apply(choice.plan, choice.label)
        pointed = pending.points_at if pending is not None and not pending.choices else None
        self._set_pending(None)
        entries = self.cast()  # read once: the questions' names and the planner's context
        if asked := cut_question(text, [entry.name for entry in entries if entry.name]):
            return self._cut_answer(asked)
        put_back = bool(_PUT_BACK.fullmatch(text.strip()) or WANT_IT_BACK.fullmatch(text))
        if put_back or KEEP_IT_AFTER_ALL.fullmatch(text):  # or "no, keep that": the removal taken back
            made = self.current.plan
            if made is not None and made.ops and all(isinstance(op, Remove | RemoveClip) for op in made.ops):
                # "add it back" right after a removal: what that turn took out, exactly (its parent version)
                result = self.apply(EditPlan(ops=[Undo()]), text, backend="rules")
                return replace(result, message=f"Put back what the last turn removed: {result.message}")
            if not put_back:  # "wait, keep those" after an undo: they are in the cut already
                return self._unchanged(self.current, EditPlan(), "rules",
                                       "The last change removed nothing, so nothing needs keeping; say what "
                                       "to add (\"add the dog back\"), or \"undo\".")
            if self._history().latest_child(self.current) is not None:
                # "put it back" right after an undo: the change that was undone
                result = self.apply(EditPlan(ops=[Redo()]), text, backend="rules")
                return replace(result, message=f"Put back the change you undid: {result.message}")
            return self._unchanged(self.current, EditPlan(), "rules", "The last change removed nothing to "
                                   "put back; say what to add (\"add the dog back\"), or \"undo\".")
        if (again := _SAME_AGAIN.fullmatch(text.strip())) is not None:
            return self._same_again(text, again.group("ref"))
        said, meant = text, ""
        if pointed is not None and pointed <= len(self.current.timeline.clips) and (
                restated := pointed_clip(text, pointed)):
            said, meant = restated, f"clip {pointed} is the clip just named"  # "put it first" after "clip 3"
        try:
            context = PlannerContext(clips=tuple(self.numbered_clips()), recent_turns=self._recent_turns(),
                                     cast=entries, film_languages=self.film_languages(),
                                     videos=self.video_entries())
            planned = plan_turn(said, context, self.planner)
        except Exception as exc:  # noqa: BLE001 - a turn must answer, whatever a backend does
            log.exception("planner failed")
            # the detail (a validation error can run to many lines) goes to the log, not the chat
            return self._unchanged(self.current, EditPlan(), "none",
                                   f"The planner failed on that request ({type(exc).__name__}); nothing "
                                   "changed. Please say it another way.")
        if unknown := self._unknown_people(planned.plan):
            return TurnResult(self.current, planned.plan, planned.backend, describe_plan(planned.plan),
                              unknown, unknown, matched=False)
        question = self._question_for(planned, text)
        if question:
            return self._ask(question, planned.plan, planned.backend)
        result = self.apply(planned.plan, text, backend=planned.backend, language=planned.language)
        if planned.plan.refusal in (REFUSAL_BLUR_WHO, REFUSAL_WHO) and (
                cast := cast_list(self.library.dir, self.video_ids)):
            # whom "my son" or "her" may be, to name
            result = replace(result, message=f"{result.message} The characters: {_listed(cast)}.")
        if notes := "; ".join(filter(None, (meant, planned.note))):
            result = replace(result, message=f"{result.message} ({notes})")
        return result

    def _same_again(self, text: str, said: str | None) -> TurnResult:
        """The edit that made the current version, again ("same again"), or done to other clips ("do the
        same for clip 4": each op that points at clips points at those instead)."""
        made = self.current.plan
        ops: list[Operation] = [op for op in (made.ops if made is not None else ())
                                if not isinstance(op, Undo | Redo)]
        if not ops:
            return self._unchanged(self.current, EditPlan(), "rules", "There is no edit to repeat yet: say "
                                   "what to change.")
        if said is None:
            result = self.apply(EditPlan(ops=ops), text, backend="rules")
            return replace(result, message=f"Did the same again ({describe_plan(EditPlan(ops=ops))}): "
                                           f"{result.message}")
        ref = parse_ref(words_to_digits(" ".join(said.lower().split())))
        if ref is None or ref.span is None and not ref.indices:
            return self._unchanged(self.current, EditPlan(), "rules", f'Which clips are "{said}"? Say e.g. '
                                   '"do the same for clip 4" or "for the last two clips".')
        moved: list[Operation] = []
        for op in ops:
            field = next((f for f in _REF_FIELDS if isinstance(getattr(op, f, None), ClipRef)), None)
            if field is not None:
                moved.append(op.model_copy(update={field: ref}))
        if not moved:
            last = describe_plan(EditPlan(ops=ops))
            return self._unchanged(self.current, EditPlan(), "rules", f"The last edit ({last}) is not one "
                                   f"done to clips, so it can't be done to {said}: say what to do.")
        plan = EditPlan(ops=moved)
        result = self.apply(plan, text, backend="rules")
        return replace(result, message=f"Did the same for {said} ({describe_plan(plan)}): {result.message}")

    def apply(
        self, plan: EditPlan, turn: str | None = None, *, backend: str = "", language: str = ENGLISH,
    ) -> TurnResult:
        """Find the scenes ``plan`` asks for, apply it and save the new version; no planner runs.

        The app's buttons call this with typed ops, so a click never reaches a language model.
        ``turn`` labels the new version (default: the plan in words); ``backend`` names the planner
        that wrote ``plan``, if one did; ``language`` is the one the reply is written in.
        """
        self._set_pending(None)
        base = self.current
        cast_notes: list[str] = []
        if any(isinstance(op, CAST_OPS) for op in plan.ops):
            try:
                cast_notes = self._edit_cast([op for op in plan.ops if isinstance(op, CAST_OPS)])
            except (CastError, UnknownPeople) as exc:
                return self._unchanged(base, plan, backend, str(exc).removesuffix(" The cut is unchanged."))
            plan = plan.model_copy(update={"ops": [op for op in plan.ops if not isinstance(op, CAST_OPS)]})
        if any(isinstance(op, TASTE_OPS) for op in plan.ops):
            return self._apply_taste(plan, turn, backend, language)
        plan = _numbers_as_names(plan, self.cast()) if plan.people() else plan
        if cast_notes:
            if not plan.ops:
                message = "; ".join(cast_notes)
                message = f"{message[0].upper()}{message[1:]}. The cut is unchanged."
                return TurnResult(base, plan, backend, describe_plan(plan), message, message, matched=True)
        if unknown := self._unknown_people(plan):
            return TurnResult(base, plan, backend, describe_plan(plan), unknown, unknown, matched=False)
        try:
            resolved = {
                q: find_scenes(self.library, q, self.video_ids, self.scorers) for q in plan.queries()
            }
            highlights = self._highlights(plan)
        except UnknownPeople as exc:  # known in the session's videos, not in those the request named
            scoped = next((q for q in plan.queries() if q.videos and set(exc.names) & set(q.people)), None)
            if scoped is None:
                return self._unchanged(base, plan, backend, str(exc).removesuffix(" The cut is unchanged."))
            who = " and ".join(exc.names)
            where = " or ".join(video.name for video in scoped.videos)
            return self._unchanged(base, plan, backend, f"{who} {'is' if len(exc.names) == 1 else 'are'} "
                                   f"not on screen in {where}.")
        except Exception as exc:  # noqa: BLE001 - e.g. a library whose model cannot load
            log.exception("search failed")
            return self._unchanged(base, plan, backend, f"Searching the videos failed ({exc}).")
        applied = apply_plan(plan, self._history(), resolved, self.source(), highlights,
                             self._characters(plan), self._shot_starts(plan), self._cues(plan),
                             self._on_screen(plan))
        if applied.timeline is not None:
            label = describe_plan(plan) if turn is None else turn
            version = self.store.add_version(
                self.id, applied.base_id, applied.timeline, turn=strip_unsafe(label)[:MAX_TURN_CHARS],
                plan=plan, backend=backend, note=applied.note,
            )
        elif applied.base_id != base.id:
            self.store.set_current(self.id, applied.base_id)
            version = self.store.version(applied.base_id)
        else:
            version = base
        if version.id != base.id and applied.timeline is not None:
            self._record_clip_choices(plan, base.timeline, applied.timeline)
        message = self._reply(plan, applied, version, base, language)
        if applied.timeline is not None and _sets_an_effect(plan, base.timeline, applied.timeline):
            end = "" if message.endswith((".", "!", "?", "。")) else "."
            message = f"{message}{end} {phrase('reencode', language)}"
        if cast_notes:
            message = "; ".join(cast_notes) + "; " + message
        return TurnResult(
            version=version, plan=plan, backend=backend, description=describe_plan(plan),
            note=applied.note, message=message, matched=not applied.unmatched,
        )

    def _apply_taste(self, plan: EditPlan, turn: str | None, backend: str, language: str) -> TurnResult:
        """The taste ops first (one new version, if the cut changed), then the plan's other ops."""
        base = self.current
        context = TasteContext(self.library, self.taste, self.user, self.video_ids, base, self._history())
        ops = [op for op in plan.ops if isinstance(op, TASTE_OPS)]
        taste_plan = plan.model_copy(update={"ops": ops})
        timeline, notes = base.timeline, []
        try:
            for op in ops:
                timeline, note = taste_step(op, timeline, context)
                notes.append(note)
        except PlanError as exc:
            return self._unchanged(base, taste_plan, backend, str(exc))
        version = base
        if timeline != base.timeline:
            label = describe_plan(taste_plan) if turn is None else turn
            version = self.store.add_version(self.id, base.id, timeline,
                                             turn=strip_unsafe(label)[:MAX_TURN_CHARS], plan=taste_plan,
                                             backend=backend, note="; ".join(notes))
        message = "; ".join(notes)
        result = TurnResult(version, taste_plan, backend, describe_plan(taste_plan), message, message, True)
        rest = [op for op in plan.ops if not isinstance(op, TASTE_OPS)]
        if not rest:
            return result
        then = self.apply(plan.model_copy(update={"ops": rest}), turn, backend=backend, language=language)
        return replace(then, plan=plan, description=describe_plan(plan), message=f"{message}; {then.message}")

    def _record_clip_choices(self, plan: EditPlan, before: Timeline, after: Timeline) -> None:
        """Keep/drop by clip number are explicit taste signals: dropped clips and the ones kept."""
        spans = [(c.video_id, float(c.start), float(c.end)) for c in before.clips]
        if any(isinstance(op, RemoveClip) for op in plan.ops):
            gone = [span for clip, span in zip(before.clips, spans, strict=True) if clip not in after.clips]
            self.taste.record_clips(self.user, "drop", gone)
        if any(isinstance(op, KeepClip) for op in plan.ops):
            kept = [span for clip, span in zip(before.clips, spans, strict=True) if clip in after.clips]
            self.taste.record_clips(self.user, "keep", kept)

    def rate(self, clip_number: int, up: bool) -> None:
        """👍 or 👎 on a clip of the current cut (1-based), for the app's buttons; the cut stays as it is."""
        clips = self.current.timeline.clips
        if not 1 <= clip_number <= len(clips):
            raise ValueError(f"there is no clip {clip_number}: the cut has {len(clips)}")
        clip = clips[clip_number - 1]
        kind = "thumbs_up" if up else "thumbs_down"
        self.taste.record_clips(self.user, kind, [(clip.video_id, float(clip.start), float(clip.end))],
                                self.current.id)

    def _unknown_people(self, plan: EditPlan) -> str | None:
        """The reply for people no character matches (it lists the cast and how to name one), or None.

        Naming ops of the same plan count: "number 2 is Celia, only the scenes with Celia" is fine.
        """
        names = {op.name.lower() for op in plan.ops if isinstance(op, NameCharacter)}
        asked = [name for name in (*plan.people(), *plan.blur_people())
                 if name.lower() not in names and name != NAMED_REF]
        try:
            resolve_people(self.library.dir, asked, self.video_ids)
        except UnknownPeople as exc:
            return str(exc)
        if NAMED_REF in plan.blur_people() and not names:
            cast = cast_list(self.library.dir, self.video_ids)
            if not cast:
                return ("No characters were found in these videos (no faces yet; `personalcut cast scan` "
                        "looks for them), so I can't tell the extras from anyone. The cut is unchanged.")
            if not any(member.name for member in cast):
                return ("Nobody in these videos has a name yet, so I can't tell the extras from the "
                        f"characters to keep: name them first, e.g. \"number {cast[0].id} is Celia\". "
                        f"The characters: {_listed(cast)}. The cut is unchanged.")
        return None

    def _characters(self, plan: EditPlan) -> Characters:
        """The blur ops' people as character numbers of these videos (roles as ``resolve_people`` reads
        them; "named" = every named character), and every character's name for the notes."""
        if not plan.blur_people():  # "blur all faces", "no blur": no one to look up
            return Characters()
        cast = cast_list(self.library.dir, self.video_ids)
        numbers = {
            ref: tuple(m.id for m in cast if m.name) if ref == NAMED_REF
            else tuple(p.character_id for p in resolve_people(self.library.dir, [ref], self.video_ids))
            for ref in plan.blur_people()
        }
        return Characters(numbers, {m.id: display_name(m) for m in cast})

    def _edit_cast(self, ops: Sequence[NameCharacter | ChooseHero]) -> list[str]:
        """Name characters and choose the hero, in the library (kept for every session); what was done, in
        order. All or nothing: an unknown number or person changes none of them ("Dad is number 1 and Mum
        is number 4" with no #4 must not name Dad behind an error). A hero may be a name given in the same
        turn ("number 3 is Lily and she's the hero")."""
        cast = cast_list(self.library.dir)
        names = [(op.character, op.name) for op in ops if isinstance(op, NameCharacter)]
        given = {" ".join(name.lower().split()): number for number, name in names}
        heroes: list[int] = []
        for op in ops:
            if isinstance(op, ChooseHero):
                number = given.get(" ".join(op.person.lower().split()))
                hero = find_member(op.person if number is None else f"#{number}", cast)
                if hero is None:
                    raise UnknownPeople([op.person], cast_list(self.library.dir, self.video_ids))
                heroes.append(hero.id)
        named = iter(name_characters(self.library.dir, names) if names else [])
        for hero_id in heroes:
            choose_hero(self.library.dir, hero_id)
        # the heroes as they are now (a hero may have been named in this turn); no read without one
        now = {member.id: member for member in cast_list(self.library.dir)} if heroes else {}
        chosen = iter(now[hero_id] for hero_id in heroes)
        notes = []
        everyone = cast_list(self.library.dir) if names else []
        for op in ops:
            if isinstance(op, NameCharacter):
                member = next(named)
                on_screen = f"{member.screen_time:.1f} s on screen"
                notes.append(f"named character #{member.id} “{member.name}” ({on_screen})")
                if twins := same_name(member, everyone):  # a name given twice: one person to a search
                    others, name = ", ".join(f"#{m.id}" for m in twins), member.name
                    notes.append(f"{others} {'is' if len(twins) == 1 else 'are'} also called “{name}”, so "
                                 f"“{name}” finds both; if they are one person say “merge {member.id} and "
                                 f"{twins[0].id}”, else give one of them another name")
            else:
                hero = next(chosen)
                notes.append(f"made {hero.name or f'#{hero.id}'} the hero")
        return notes

    def _shot_starts(self, plan: EditPlan) -> ShotStarts:
        """Where each video's shots after the first begin, for a ``split`` (read only when one is planned)."""
        if not any(isinstance(op, Split) for op in plan.ops):
            return {}
        return {vid: [(s.start_frame, s.start) for s in self.library.shots(vid)[1:]]
                for vid in dict.fromkeys(self.video_ids)}

    def _cues(self, plan: EditPlan) -> Cues:
        """Each video's lines of dialogue, for a ``remove_line`` or ``keep_lines`` (read only if planned)."""
        if not any(isinstance(op, RemoveLine | KeepLines) for op in plan.ops):
            return {}
        return {vid: cues_for(self.library.dir, vid) for vid in dict.fromkeys(self.video_ids)}

    def _on_screen(self, plan: EditPlan) -> OnScreen:
        """When each person a line op names is on screen, per video ("Celia's last line")."""
        named = (p for op in plan.ops if isinstance(op, RemoveLine | KeepLines) for p in op.people)
        return self._on_screen_of(list(dict.fromkeys(named)))

    def _on_screen_of(self, refs: Sequence[str]) -> OnScreen:
        """When each of ``refs`` is on screen, per video; raises ``UnknownPeople``."""
        if not refs:
            return {}
        people = resolve_people(self.library.dir, refs, self.video_ids)
        ranges: dict[str, dict[str, list[tuple[float, float]]]] = {ref: {} for ref in refs}
        for vid in dict.fromkeys(self.video_ids):
            seen = {member.id: member.appearances for member in cast_list(self.library.dir, [vid])}
            for person in people:
                spans = [(a.start, a.end) for a in seen.get(person.character_id, ())]
                ranges[person.ref].setdefault(vid, []).extend(spans)
        return ranges

    def _highlights(self, plan: EditPlan) -> list[Highlight]:
        """The shots ranked without a query, for a ``best`` with none ("just the good parts") or a length
        asked of the whole videos ("make it 2 minutes": their best shots, not their first minutes).

        Only read when such an op is planned; ``apply_plan`` uses them only if the cut it ranks has no
        scores (the whole videos), since scored clips rank by the scores they were chosen with.
        """
        whole = all(c.reason.score is None for c in self.current.timeline.clips)
        if not any(isinstance(op, Best) and op.query is None or isinstance(op, LimitDuration) and whole
                   for op in plan.ops):
            return []
        return find_highlights(self.library, self.video_ids)

    # --- questions and diffs ----------------------------------------------------------------------

    def pending_question(self) -> Question | None:
        """The question the last turn asked, until it is answered or another turn is made."""
        data = self.store.pending_question(self.id)
        if data is None:
            return None
        try:
            return Question.from_json(data)
        except (ValueError, KeyError, TypeError):  # e.g. a plan today's schema no longer accepts
            log.warning("ignoring an unreadable pending question of session %s", self.id)
            return None

    def _set_pending(self, question: Question | None) -> None:
        self.store.set_pending_question(self.id, question.to_json() if question is not None else None)

    def _question_for(self, planned: PlanResult, text: str = "") -> Question | None:
        """Ask before acting on a partial or guessed reading, on an edit read from a question ("what's the
        best part?" became "keep the better half"), or on a reference with several meanings."""
        plan = planned.plan
        if plan.refusal or not plan.ops:
            return None
        if _INFO_QUESTION.match(text) and not all(isinstance(op, _NO_CUT_EDIT) for op in plan.ops):
            understood = describe_plan(plan)
            return Question(f"You asked a question; should I edit the cut? I read it as: {understood}.",
                            (Choice(f"Yes: {understood}", plan),))
        if planned.to_confirm:
            understood = describe_plan(plan)
            why = f" ({planned.note})" if planned.note else ""
            if planned.unparsed:
                missing = ", ".join(f'"{u}"' for u in planned.unparsed)
                text = (f"I understood: {understood}. I did not understand {missing}{why}. "
                        "Should I do just what I understood? Otherwise, please rephrase.")
            else:
                text = f"Did you mean: {understood}?{why} Otherwise, please rephrase."
            choices: tuple[Choice, ...] = (Choice(f"Yes: {understood}", plan),)
            if planned.as_videos is not None:  # "people in tears" may be all of Tears of Steel
                choices += video_or_words(plan, planned.as_videos).choices[:1]
            return Question(text, choices)
        if planned.as_videos is not None:
            return video_or_words(plan, planned.as_videos)
        cut = self.current.timeline
        return ambiguity(plan, cut) or which_line(plan, cut, self._cues(plan))

    def _ask(self, question: Question, plan: EditPlan, backend: str) -> TurnResult:
        self._set_pending(question)
        options = "\n".join(f"{i}. {c.label}" for i, c in enumerate(question.choices, 1))
        message = f"{question.text}\n{options}"
        return TurnResult(self.current, plan, backend, describe_plan(plan), "", message, matched=True,
                          question=question)

    def version_by_number(self, number: int) -> Version:
        for version in self.versions():
            if version.number == number:
                return version
        raise LookupError(f"this session has no version {number}")

    def _diff_answer(self, number: int | None, other: int | None = None) -> TurnResult:
        """Compare the current version (or version ``other``) with version ``number`` (default: the one it
        was made from). The cut stays where it is."""
        current = self.current
        history = self._history()
        try:
            before = self.version_by_number(number) if number is not None else history.parent(current)
            after = self.version_by_number(other) if other is not None else current
        except LookupError as exc:
            return self._unchanged(current, EditPlan(), "", f"{str(exc).capitalize()}.")
        if before is None:
            message = "Nothing has changed yet: this is the start of the session."
            return TurnResult(current, EditPlan(), "", "", "", message, matched=True)
        changes = diff_timelines(before.timeline, after.timeline)
        videos = {c.video_id for c in (*before.timeline.clips, *after.timeline.clips)}
        names = {video: self.video_name(video) for video in videos}
        people = self._cast_names() if any("blur" in line for line in changes.settings) else None
        message = (f"From version {before.number} to version {after.number}:\n"
                   f"{changes.describe(names, people)}")
        return TurnResult(current, EditPlan(), "", "", "", message, matched=True, diff=changes)

    def _cut_answer(self, asked: CutQuestion) -> TurnResult:
        """Answer a question about the cut from the session; only "back to version N" moves (and makes
        no new version)."""
        current, clips = self.current, self.current.timeline.clips
        length = f"{plural(len(clips), 'clip')}, {float(current.timeline.duration):.1f} s"
        self._points_at = None
        if asked.kind == "diff":
            return self._diff_answer(asked.number, asked.other)
        if asked.kind == "rate":
            return self._rate_answer(asked.number or 0, asked.fmt == "up")
        if asked.kind == "version":
            try:
                version = self.goto(self.version_by_number(asked.number or 0).id)
            except LookupError as exc:  # answered like the other questions: no plan line, the cut as it is
                message = f"{str(exc).capitalize()}. The cut is unchanged."
                return TurnResult(current, EditPlan(), "", "", message, message, matched=False)
            total = version.timeline
            message = (f"Back to version {version.number} ({plural(len(total.clips), 'clip')}, "
                       f"{float(total.duration):.1f} s); the later versions are kept.")
            return TurnResult(version, EditPlan(), "", "", message, message, matched=True)
        if asked.kind == "clip":
            if not 1 <= (asked.number or 0) <= len(clips):
                message = f"The cut has {length}: there is no clip {asked.number}."
            else:
                clip = clips[(asked.number or 1) - 1]
                message = f"Clip {asked.number}: {self._clip_line(clip)}{self._clip_extras(clip)}"
                self._points_at = asked.number
        elif asked.kind == "versions":
            message = self._versions_answer()
        elif asked.kind == "delete_version":
            stays = f"; version {asked.number} stays" if asked.number is not None else ""
            message = (f"Versions are kept for good, so undo, \"what changed?\" and share links keep working"
                       f"{stays}. This is version {current.number}; say \"go back to version N\" to carry on "
                       "from another one.")
        elif asked.kind == "name_version":
            titled = (f" To put \"{asked.who}\" on the picture as a title, say 'title it \"{asked.who}\"'."
                      if asked.who and len(asked.who) <= 60 else "")
            message = (f"Versions go by number, and every one is saved as you go: this is version "
                       f"{current.number}. Going back to one (\"go back to version 2\") and editing it "
                       f"makes a new branch; the others stay.{titled}")
        elif asked.kind == "lines" and asked.number is not None:
            message = self._lines_answer(asked.number)
        elif asked.kind == "lines":
            message = self._cut_lines_answer(asked.fmt, asked.who)
        elif asked.kind == "line" and asked.number is not None:
            message = self._line_answer(asked.number, asked.other, asked.who)
        elif asked.kind == "list":
            timeline = current.timeline
            fades = ", ".join(f"{word} {seconds:g} s" for word, seconds in (
                ("fades in", timeline.fade_in), ("fades out", timeline.fade_out)) if seconds)
            message = (f"Version {current.number}, {length}{f' ({fades})' if fades else ''}:\n"
                       + "\n".join(self.numbered_clips()))
        elif asked.kind == "save":
            message = SAVED.format(number=current.number)
        elif asked.kind == "praise":
            self.taste.record_version(self.user, "thumbs_up", current)
            message = PRAISED.format(number=current.number)
        elif asked.kind == "thanks":
            message = THANKS
        elif asked.kind in ("help", "hello"):
            message = HELP if asked.kind == "help" else f"Hello! {HELP}"
        elif asked.kind == "cast":
            message = self._cast_answer()
        elif asked.kind == "present":
            message = self._present_answer(asked.who or "", asked.part, most=asked.fmt == "most")
        elif asked.kind == "screen":
            message = self._present_answer(asked.who or "", how_long=True)
        elif asked.kind == "effects":
            message = self._effects_answer()
        elif asked.kind in ("forget", "merge"):
            message = self._cast_change_answer(asked)
        elif asked.kind == "find":
            message = self._find_answer(asked.who or "")
        elif asked.kind == "sources":
            message = self._sources_answer()
        elif asked.kind == "part_length":
            message = self._part_length_answer(asked.who or "")
        elif asked.kind == "extreme" and clips:
            durations = [c.output_duration for c in clips]
            pick = max if asked.fmt == "longest" else min
            number = durations.index(pick(durations)) + 1
            message = (f"The {asked.fmt} is clip {number} ({float(durations[number - 1]):.1f} s): "
                       f"{self._clip_line(clips[number - 1])}")
            self._points_at = number
        elif asked.kind == "extreme":
            message = "The cut has no clips."
        elif asked.kind == "export":
            message = export_answer(current.number, current.id, asked.fmt, self._library_flag())
        else:
            message = {"length": f"The cut is {length}.", "count": f"The cut has {length}.",
                       "share": SHARE}[asked.kind]
        if self._points_at is not None:  # "put it first" next means that clip
            self._set_pending(Question("", (), points_at=self._points_at))
        return TurnResult(current, EditPlan(), "", "", "", message, matched=True)

    def _lines_answer(self, number: int) -> str:
        """What is said in clip ``number``: its lines with their times in the source (subtitles or speech
        recognition say what is said, not who says it)."""
        clips = self.current.timeline.clips
        if not 1 <= number <= len(clips):
            return f"The cut has {plural(len(clips), 'clip')}: there is no clip {number}."
        clip = clips[number - 1]
        span = f"{_clock(float(clip.start))}-{_clock(float(clip.end))}"
        where = f"clip {number} ({self.video_name(clip.video_id)} {span})"
        lines = said_in(clip, cues_for(self.library.dir, clip.video_id))
        if not lines:
            spoken = with_dialogue(self.library, [clip.video_id])
            return (f"Nothing is said in {where}." if spoken else f"Nothing is said in {where}: its video "
                    "has no subtitles, and no speech was recognised in it.")
        shown = "\n".join(f"  {_clock(float(cue.start))} \"{' '.join(cue.text.split())}\""
                           for cue in lines[:MAX_LINES_TOLD])
        more = f"\n  and {len(lines) - MAX_LINES_TOLD} more" if len(lines) > MAX_LINES_TOLD else ""
        return f"{plural(len(lines), 'line').capitalize()} in {where}:\n{shown}{more}"

    def _rate_answer(self, number: int, up: bool) -> TurnResult:
        """"I like clip 2" / "I hate clip 1": the clip rated for the taste profile, as the app's 👍/👎, and no
        edit; a clip disliked is offered for removal (a choice, never done unasked)."""
        current = self.current
        try:
            self.rate(number, up)
        except ValueError as exc:  # answered like the other questions: no plan line
            message = f"{str(exc).capitalize()}. The cut is unchanged."
            return TurnResult(current, EditPlan(), "", "", message, message, matched=False)
        line = self._clip_line(current.timeline.clips[number - 1])
        if up:
            message = (f"Noted: you like clip {number} ({line}); it counts toward your taste. Say \"more "
                       f"like clip {number}\" to add scenes like it.")
            return TurnResult(current, EditPlan(), "", "", "", message, matched=True)
        remove = EditPlan(ops=[RemoveClip(ref=ClipRef(indices=[number]))])
        question = Question(f"Noted: you don't like clip {number} ({line}); it counts toward your taste. "
                            "Remove it?", (Choice(f"Remove clip {number}", remove),))
        self._set_pending(question)
        return TurnResult(current, EditPlan(), "", "", "", f"{question.text}\n1. Remove clip {number}",
                          matched=True, question=question)

    def _versions_answer(self) -> str:
        """The session's versions in order, each with its length and the request that made it; the
        current one marked."""
        versions = self.versions()
        rows = []
        for version in versions[-MAX_VERSIONS_TOLD:]:
            made = f'"{" ".join(version.turn.split())[:80]}"' if version.turn else (
                "the whole videos" if version.number == 0 else "a change in the app")
            mark = "  ← now" if version.id == self.current.id else ""
            rows.append(f"  v{version.number}: {made} — {plural(len(version.timeline.clips), 'clip')}, "
                        f"{float(version.timeline.duration):.1f} s{mark}")
        earlier = (f"  ({len(versions) - MAX_VERSIONS_TOLD} earlier not shown)\n"
                   if len(versions) > MAX_VERSIONS_TOLD else "")
        return (f"{plural(len(versions), 'version')} in this session:\n{earlier}" + "\n".join(rows)
                + "\nSay \"go back to version N\" to return to one, or \"compare version 1 and 3\".")

    def _said_lines(self, who: str | None = None) -> tuple[list[CutLine], str | None]:
        """The lines the cut plays, in its order (those said while ``who`` is on screen), or no lines and the
        answer saying why."""
        clips = self.current.timeline.clips
        videos = list(dict.fromkeys(clip.video_id for clip in clips))
        said = cut_lines(clips, {vid: cues_for(self.library.dir, vid) for vid in videos})
        if not said:
            spoken = with_dialogue(self.library, videos)
            return [], ("Nothing is said in the cut." if spoken else "Nothing is said in the cut: its videos "
                        "have no subtitles, and no speech was recognised in them.")
        if who is not None:
            try:
                on_screen = self._on_screen_of([who])
            except UnknownPeople as exc:
                return [], str(exc).removesuffix(" The cut is unchanged.")
            said = said_while(said, clips, [who], on_screen)
            if not said:
                return [], f"No line of the cut is spoken while {who} is on screen."
        return said, None

    def _cut_lines_answer(self, edge: str | None, who: str | None = None) -> str:
        """The lines the cut holds, numbered in the order it plays them (each with its clip), as "drop line
        3" counts them; only its first or last line (``edge``); or those said while ``who`` is on screen."""
        said, why_not = self._said_lines(who)
        if why_not is not None:
            return why_not

        def told(line: CutLine) -> str:
            text = " ".join(line.cue.text.split())
            return f'clip {line.clip + 1} at {_clock(float(line.cue.start))}: "{text}"'
        if edge is not None:
            return f"The {edge} line of the cut is in {told(said[0] if edge == 'first' else said[-1])}"
        shown = "\n".join(f"  {n}. {told(line)}" for n, line in enumerate(said[:MAX_LINES_TOLD], 1))
        more = f"\n  and {len(said) - MAX_LINES_TOLD} more" if len(said) > MAX_LINES_TOLD else ""
        if who is not None:
            verb = "is" if len(said) == 1 else "are"
            return (f"{plural(len(said), 'line').capitalize()} of the cut {verb} said while {who} is on "
                    "screen (subtitles say what is said, not who says it):\n"
                    f"{shown}{more}\nSay \"drop {who}'s line 2\" to cut one out.")
        return (f"The cut holds {plural(len(said), 'line')} of dialogue:\n{shown}{more}\n"
                "Say \"drop line 2\" (or \"drop the last line of clip 3\") to cut a line out.")

    def _line_answer(self, number: int, clip: int | None, who: str | None) -> str:
        """One line by its place ("what is line 3?", "the last thing Thom says", "line 2 of clip 1")."""
        clips = self.current.timeline.clips
        videos = list(dict.fromkeys(c.video_id for c in clips))
        op = RemoveLine(lines=[number], clip=clip, people=(who,) if who else ())
        try:
            on_screen = self._on_screen_of([who] if who else [])
            (line,) = chosen_lines(op, clips, {vid: cues_for(self.library.dir, vid) for vid in videos},
                                   on_screen)
        except (PlanError, UnknownPeople) as exc:
            return str(exc).removesuffix(" The cut is unchanged.")
        text = " ".join(line.cue.text.split())
        which = describe_plan(EditPlan(ops=[op])).removeprefix("Removed ") + ("," if who else "")
        when = _clock(float(line.cue.start))
        return f'{which[0].upper()}{which[1:]} is in clip {line.clip + 1} at {when}: "{text}"'

    def _library_flag(self) -> str:
        """This library's directory as a shell word, for the commands an answer shows."""
        return shlex.quote(str(self.library.dir))

    def _sources_answer(self) -> str:
        """Which videos the cut comes from (clips and seconds of each), and the names a request may use."""
        used: dict[str, list[Clip]] = {}
        for clip in self.current.timeline.clips:
            used.setdefault(clip.video_id, []).append(clip)
        parts = [f"{self.video_name(video)} ({plural(len(mine), 'clip')}, "
                 f"{float(sum(c.output_duration for c in mine)):.1f} s)" for video, mine in used.items()]
        message = f"The cut comes from {'; '.join(parts)}." if parts else "The cut has no clips."
        unused = [self.video_name(v) for v in dict.fromkeys(self.video_ids) if v not in used]
        if unused:
            message += f" Not in it: {', '.join(unused)}."
        if len(set(self.video_ids)) > 1:
            said = spoken_name(self.video_name(self.video_ids[0]))
            message += (f' Name a video to edit it: "drop everything from {said}", "only the fights from '
                        f'{said}".')
        return message

    def _part_length_answer(self, words: str) -> str:
        """How much of the cut comes from the video ``words`` names ("how long is the sintel part?")."""
        timeline = self.current.timeline
        videos = named_videos(words, self.video_entries())
        if not videos:  # "the fight part": the clips chosen for those words
            chosen = [c for c in timeline.clips if c.chosen_for(words)]
            if chosen:
                seconds = float(sum(c.output_duration for c in chosen))
                return (f"The \"{words}\" clips: {plural(len(chosen), 'clip')}, {seconds:.1f} s (of "
                        f"{float(timeline.duration):.1f} s in all).")
            # "how much of Thom is in the cut?": a person, not a video
            if find_member(words, cast_list(self.library.dir, self.video_ids)):
                return self._present_answer(words, how_long=True)
            names = ", ".join(self.video_name(v) for v in dict.fromkeys(self.video_ids))
            return (f"No video or clip of this cut is \"{words}\" (the videos: {names}). The whole cut is "
                    f"{float(timeline.duration):.1f} s.")
        parts = []
        for video in videos:
            mine = [c for c in timeline.clips if c.video_id == video.id]
            seconds = float(sum(c.output_duration for c in mine))
            parts.append(f"{video.name}: {plural(len(mine), 'clip')}, {seconds:.1f} s" if mine
                         else f"{video.name}: not in the cut")
        return f"{'; '.join(parts)} (of {float(timeline.duration):.1f} s in all)."

    def _cast_answer(self) -> str:
        """Who is on screen in this session's videos, most screen time first, and how to name someone."""
        cast = cast_list(self.library.dir, self.video_ids)
        if not cast:
            return ("No one was found on screen in these videos (no faces yet; `personalcut cast scan` looks "
                    "for them).")
        listed = "; ".join(cast_line(m) for m in cast[:12])
        more = f" and {plural(len(cast) - 12, 'more')}" if len(cast) > 12 else ""
        chosen = chosen_hero(self.library.dir)
        ranked = ranked_cast(cast, chosen)  # as "the hero" and "the leads" in a request resolve
        hero = ranked[0]
        other = next((m for m in cast if m.id != hero.id), None)
        why = ("you chose them" if hero.id == chosen or other is None
               else f"most screen time; say \"make {other.name or f'number {other.id}'} the hero\" to choose "
                    "another")
        listed += f". The hero: #{hero.id} {hero.name or 'unnamed'} ({why})"
        if len(ranked) > 1:
            listed += (f"; the two leads: #{hero.id} {hero.name or 'unnamed'} and #{ranked[1].id} "
                       f"{ranked[1].name or 'unnamed'}")
        unnamed = next((m for m in cast if not m.name), None)
        taken = {m.name.casefold() for m in cast if m.name}
        example = next((n for n in ("Celia", "Sam", "Alex", "Maya") if n.casefold() not in taken), "Robin")
        hint = (f' Name someone with "number {unnamed.id} is {example}", then ask for "only the scenes with '
                f'{example}".' if unnamed else ' Ask for "only the scenes with" any of them.')
        held = sorted(((self._seen_in_cut(m), m) for m in cast), key=lambda x: -x[0][0])
        in_cut = "; ".join(f"#{m.id} {m.name or 'unnamed'} {seconds:.1f} s" for (seconds, _), m in held[:8]
                           if seconds > 0)
        cut = f" In the cut as it is: {in_cut}." if in_cut else " None of them is in the cut as it is."
        return f"On screen in these videos, most screen time first: {listed}{more}.{cut}{hint}"

    def _present_in_videos(self, member: CastMember, videos: set[str], names: str) -> str:
        """``member``'s time on screen in ``videos`` and in the cut's clips from them."""
        name = _numbered(member)
        seconds = sum(seen.end - seen.start for seen in member.appearances if seen.video_id in videos)
        if seconds <= 0:
            return f"No: {name} is not on screen in {names}."
        in_cut, holding = self._seen_in_cut(member, videos)
        said = f"Yes: {name} is on screen {seconds:.1f} s in {names}"
        if not holding:
            return f"{said}, none of it in the cut as it is."
        which = ", ".join(str(n) for n in sorted(holding))
        return f"{said}, {in_cut:.1f} s of it in the cut (clip{'s' if len(holding) > 1 else ''} {which})."

    def _seen_in_cut(self, member: CastMember, videos: set[str] | None = None) -> tuple[float, set[int]]:
        """How long ``member`` is on screen in the cut as it is (in its clips from ``videos``, if given), and
        in which clips (numbered from 1)."""
        by_clip = self._seen_by_clip(member, videos)
        return sum(by_clip.values()), set(by_clip)

    def _seen_by_clip(self, member: CastMember, videos: set[str] | None = None) -> dict[int, float]:
        """Seconds of source time ``member`` is on screen in each clip of the cut that shows them."""
        seen_in: dict[int, float] = {}
        for n, clip in enumerate(self.current.timeline.clips, 1):
            if videos is not None and clip.video_id not in videos:
                continue
            for seen in member.appearances:
                if seen.video_id == clip.video_id:
                    overlap = min(seen.end, float(clip.end)) - max(seen.start, float(clip.start))
                    if overlap > 0:
                        seen_in[n] = seen_in.get(n, 0.0) + overlap
        return seen_in

    def _find_answer(self, what: str) -> str:
        """Where ``what`` is in the videos (a search whose matches are told, not cut to), and how much of it
        the cut holds; a capitalised name of the cast is a person ("where is Thom?")."""
        if what[:1].isupper() and find_member(what, cast_list(self.library.dir, self.video_ids)):
            return self._present_answer(what)
        query = self._asked_query(what)
        try:
            scenes = find_scenes(self.library, query, self.video_ids, self.scorers)
        except Exception as exc:  # noqa: BLE001 - e.g. a library whose model cannot load: say so, change nothing
            log.exception("search failed")
            return f"Searching the videos failed ({exc})."
        words = what if query == Query(text=what) else _third_person(what)
        if not scenes:
            return (f"Nothing matches \"{words}\" with confidence in these videos. Describe what is on "
                    "screen another way, or quote a line of dialogue.")
        clips = self.current.timeline.clips
        in_cut = sum(1 for scene in scenes if any(
            c.video_id == scene.video_id and c.start < scene.end and scene.start < c.end for c in clips))
        spans = [(sc.video_id, f"{_clock(float(sc.start))}-{_clock(float(sc.end))}") for sc in scenes[:6]]
        if len({video for video, _ in spans}) == 1:  # one video: named once
            shown = f"in {self.video_name(spans[0][0])} at " + ", ".join(span for _, span in spans)
        else:
            shown = "; ".join(f"{self.video_name(video)} {span}" for video, span in spans)
        more = f" and {len(scenes) - 6} more" if len(scenes) > 6 else ""
        numbers = [i for i, c in enumerate(clips, 1) if any(
            c.video_id == sc.video_id and c.start < sc.end and sc.start < c.end for sc in scenes)]
        where = f": {_clip_numbers(numbers)}" if numbers else ""  # "which clip has the jerk line?"
        held = (f"all of them are in the cut{where}" if in_cut == len(scenes) else
                f"{in_cut} of them in the cut{where}" if in_cut else "none of them in the cut")
        said = f"the {what}" if words == what else f"the scenes where {words}"
        return (f"{plural(len(scenes), 'scene')} match \"{words}\": {shown}{more} ({held}). Say "
                f"\"only {said}\" to cut to them, or \"add {said}\".")

    def _asked_query(self, what: str) -> Query:
        """The search "where does Thom talk about space?" asks for, read as the rules read "only <what>" (the
        people it names on screen, what they talk about in the lines); its plain words when that reading is
        not a sure single search."""
        context = PlannerContext(cast=self.cast(), videos=self.video_entries())
        try:
            planned = plan_turn(f"only {what}", context, _RULES)
        except Exception:  # noqa: BLE001 - a reading that fails falls back to the words
            log.exception("reading a question's search failed")
            return Query(text=what)
        ops = planned.plan.ops
        if (len(ops) == 1 and isinstance(ops[0], KeepOnly) and not planned.unparsed and not planned.guessed
                and (ops[0].query.people or ops[0].query.kind == "dialogue")):
            return ops[0].query
        return Query(text=what)

    def _cast_change_answer(self, asked: CutQuestion) -> str:
        """How to forget a person or merge two (the Cast panel or ``personalcut cast``): a chat line never
        deletes or merges anyone, and says so."""
        cast = cast_list(self.library.dir, self.video_ids)
        said = [who for who in (asked.who, asked.part) if who]
        members = [find_member(who, cast) for who in said]
        if unknown := [who for who, member in zip(said, members, strict=True) if member is None]:
            return unknown_people_message(unknown, cast).removesuffix(" The cut is unchanged.")
        found = [m for m in members if m is not None]
        library = self._library_flag()
        if asked.kind == "forget":
            [member] = found
            shown = f"#{member.id} {member.name or 'this person'}"
            return (f"To delete {shown}'s faces, face vectors and pictures from the library for good "
                    "(every video, every cut), click the face in the Cast panel and press \"Forget this "
                    f"person…\", or run `personalcut cast forget {member.id} --library {library}`. Nothing "
                    "was deleted. To take them out of this cut only, say \"remove the scenes with "
                    f"{member.name or f'#{member.id}'}\".")
        first, second = found
        if first.id == second.id:
            return f"That is one person already (#{first.id}): nothing to merge."
        keep, other = (second, first) if second.name and not first.name else (first, second)
        return (f"To make #{other.id} the same person as {_numbered(keep)}, click #{other.id}'s face in the "
                f"app's Cast panel, pick #{keep.id} in \"Same person as\" and press Merge, or run "
                f"`personalcut cast merge {keep.id} {other.id} --library {library}` (#{keep.id} keeps its "
                "number and name). Nothing was merged yet.")

    def _effects_answer(self) -> str:
        """The cut's blur (who, by name) and frame shape, and how to change them ("what did you blur?")."""
        privacy = self.current.timeline.privacy
        names = self._cast_names()
        by_clip = describe_clip_blurs(self.current.timeline, names)
        blur = by_clip.removeprefix("; ") if privacy.blur == "none" and by_clip else \
            describe_blur(privacy, names) + by_clip
        aspect = privacy.aspect
        shape = ("the frame is the videos' own shape" if aspect == "original"
                 else f"the frame is reframed to {aspect} ({phrase(f'shape_{aspect}', ENGLISH)})")
        blurs = privacy.blur != "none" or self.current.timeline.blurs_by_clip
        undo = [said for said, on in (('"unblur everyone"', blurs),
                                      ('"back to the original shape"', aspect != "original")) if on]
        hint = (f" Say {' or '.join(undo)} to undo {'them' if len(undo) > 1 else 'it'}." if undo else
                ' Say "blur everyone except Celia" or "make it vertical for my phone" to add them.')
        return f"{blur[0].upper()}{blur[1:]}; {shape}.{hint}"

    def _present_answer(self, who: str, part: str | None = None, how_long: bool = False,
                        most: bool = False) -> str:
        """Whether someone ("Thom", "#3") is on screen: how long in these videos and in the cut as it is; with
        ``part`` naming a video ("is Charlie in the sintel part?"), in that video and its clips of the cut.
        ``how_long``: asked how long, not whether ("how long is Thom on screen?"): no "Yes:" before it.
        ``most``: which clip shows them longest ("which clip has the most Celia?"): "it" next means it."""
        try:
            people = resolve_people(self.library.dir, [who], self.video_ids)
        except UnknownPeople as exc:
            return str(exc).removesuffix(" The cut is unchanged.")
        cast = cast_list(self.library.dir, self.video_ids)
        if len(people) > 1:  # "the leads": each of them
            return " ".join(self._present_answer(f"#{p.character_id}", part, how_long) for p in people)
        member = next(m for m in cast if m.id == people[0].character_id)
        videos = named_videos(part, self.video_entries()) if part else ()
        if videos:
            names = " and ".join(v.name for v in videos)
            return self._present_in_videos(member, {v.id for v in videos}, names)
        by_clip = self._seen_by_clip(member)  # read once: the total, the clips, and the one showing them most
        in_cut, holding = sum(by_clip.values()), set(by_clip)
        name = _numbered(member)
        said = f"{name} is on screen {member.screen_time:.1f} s in these videos"
        if not holding:
            if not member.name:
                return (f"{said}, but not in the cut as it is: name them first (\"number {member.id} is "
                        "Sam\"), then say \"add the scenes with Sam\".")
            return (f"{said}, but not in the cut as it is: say \"add the scenes with {member.name}\" or "
                    f"\"only the scenes with {member.name}\".")
        numbers = ", ".join(str(n) for n in sorted(holding))
        which = f"clip{'s' if len(holding) > 1 else ''} {numbers}"
        if most:
            top = max(sorted(by_clip), key=lambda n: by_clip[n])
            clip = self.current.timeline.clips[top - 1]
            self._points_at = top
            also = sorted(n for n in by_clip if n != top)
            others = (f"; also in clip{'s' if len(also) > 1 else ''} "
                      + ", ".join(f"{n} ({by_clip[n]:.1f} s)" for n in also)) if also else ""
            return (f"Clip {top} shows {name} longest: {by_clip[top]:.1f} s of its "
                    f"{float(clip.end - clip.start):.1f} s{others}.")
        if len(holding) == 1:
            self._points_at = next(iter(holding))
        return f"{'' if how_long else 'Yes: '}{said}, {in_cut:.1f} s of it in the cut ({which})."

    def _reply(
        self, plan: EditPlan, applied: ApplyResult, version: Version, base: Version, language: str,
    ) -> str:
        """What the turn did: the apply note in English; in a language the message catalog speaks, the
        plan in words and the new length (a refusal is already in the words the planner chose)."""
        if language == ENGLISH or not has_messages(language) or plan.refusal:
            hint = f" {self._no_match_hint(plan, applied.unmatched, ENGLISH)}" if applied.unmatched else ""
            return applied.note + hint
        if applied.unmatched:
            queries = ", ".join(phrase("query_auto", language, text=text) for text in applied.unmatched)
            hint = self._no_match_hint(plan, applied.unmatched, language)
            return f"{phrase('no_match', language, queries=queries)} {hint}"
        if version.id == base.id:  # nothing applied (e.g. it would leave no clips): say why, in English
            return f"{phrase('unchanged', language)} ({applied.note})"
        clips, seconds = len(version.timeline.clips), f"{float(version.timeline.duration):.1f}"
        length = phrase("length_one" if clips == 1 else "length", language, clips=clips, seconds=seconds)
        return f"{describe_plan(plan, language)} — {length}"

    def _no_match_hint(self, plan: EditPlan, unmatched: Sequence[str], language: str) -> str:
        if {q.kind for q in plan.queries() if q.label in unmatched} != {"dialogue"}:
            return phrase("hint_no_match", language)
        dialogue = with_dialogue(self.library, self.video_ids)
        return phrase("hint_dialogue" if dialogue else "hint_no_dialogue", language)

    def _unchanged(self, base: Version, plan: EditPlan, backend: str, problem: str) -> TurnResult:
        message = f"{problem} The cut is unchanged."
        return TurnResult(base, plan, backend, describe_plan(plan), message, message, matched=False)

    def undo(self) -> Version:
        """Move to the parent version (stays put at the start of the session)."""
        return self.apply(EditPlan(ops=[Undo()])).version

    def redo(self) -> Version:
        """Move to the most recently made child (stays put when there is none)."""
        return self.apply(EditPlan(ops=[Redo()])).version

    def goto(self, version_id: str) -> Version:
        """Make any version of this session the current one (raises UnknownVersion for others)."""
        self.store.set_current(self.id, version_id)
        return self.store.version(version_id)


_RULES = RulesPlanner()
# "Thom talk about space" (after "where does"): the verb as a request says it, "Thom talks about space"
_BARE_VERB = re.compile(r"^(?P<who>(?:[A-Z][\w'-]*|the\s+\w+|anyone|anybody|someone|somebody|he|she))\s+"
                        r"(?P<verb>talk|speak|mention|explain|discuss|describe|complain|joke|shout|yell|argue|fight|dance|sing|laugh|cry|run|walk|appear|"
                        r"say|do|go)\b")


def _clip_numbers(numbers: Sequence[int]) -> str:
    """"clip 3", "clips 1, 2 and 5"."""
    if len(numbers) == 1:
        return f"clip {numbers[0]}"
    return f"clips {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _third_person(what: str) -> str:
    """"Thom talks about space" for the "Thom talk about space" of "where does Thom talk about space?"."""
    def verb(m: re.Match[str]) -> str:
        said = m.group("verb")
        ending = "es" if said in ("do", "go") else "s"
        return f"{m.group('who')} {said}{ending}"
    return _BARE_VERB.sub(verb, what, count=1)


# "same again", "do that again", "do the same for clip 4", "repeat that on the last two clips": the last
# turn's edit once more, or the same edit done to other clips (neither was read before part 41)
_SAME_AGAIN = re.compile(
    r"(?:(?:ok(?:ay)?|now|and|great|nice|cool|good|perfect)[\s,]+)*(?:"
    r"(?:(?:do|apply|make)\s+)?(?:the\s+)?same(?:\s+(?:thing|change|edit))?(?:\s+again)?|"
    r"(?:repeat|do(?=\s+\S+(?:\s+\S+){0,2}\s+(?:again|once|one\s+more|for|to|with|on|in)\b))\s+(?:that|it|this|"
    r"the\s+last\s+(?:change|edit|step))(?:\s+(?:again|once\s+more|one\s+more\s+time))?|again|once\s+more|"
    r"one\s+more\s+time)"
    r"(?:\s+(?:for|to|with|on|in)\s+(?P<ref>[\w' ,&#-]+?))?(?:[\s,]+(?:too|as\s+well|please|pls|again))*"
    r"[.!]?",
    re.IGNORECASE)
_REF_FIELDS = ("target", "ref", "clips")


# "ok now add it back", "bring them back please": what the turn before took out
_PUT_BACK = re.compile(r"(?:(?:ok(?:ay)?|now|actually|hmm+|wait|please|pls|so|no)[\s,]+)*(?:add|bring|put)\s+"
                       r"(?:it|them|that|those|this|these)\s+back(?:\s+in)?(?:[\s,]+(?:again|please|pls|now))*[.!]?",
                       re.IGNORECASE)
# A question asking for information, not a polite request ("can you make it shorter?" is an edit): an edit
# read from one is asked about first ("what's the best part?" had kept the better half of the cut)
_INFO_QUESTION = re.compile(r"^\s*(?!(?:how|what)\s+about\b|why\s+not\b|what\s+if\b|is\s+it\s+possible\b|"
                            r"is\s+there\s+a\s+way\b)(?:what|what's|whats|which|who|who's|"
                            r"where|where's|when|why|how|is|are|was|were|does|did|has|have|isn't|aren't|doesn't)\b"
                            r"[^?]*\?\s*$", re.IGNORECASE)


_NO_CUT_EDIT = (Undo, Redo, Suggest, Like, NameCharacter, ChooseHero)  # questions may ask these


def _numbered(member: CastMember) -> str:
    """A character as answers name them: "#2 Celia", or "#2" without a name."""
    return f"#{member.id} {member.name}" if member.name else f"#{member.id}"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes)}:{secs:04.1f}"
