"""The heavy objects one server shares between every browser, and the live chat sessions.

The Library, planner and embedder are loaded once per server. Browsers only hold a session id (in
``gr.State``); the ChatSession objects live here, one lock each, so one person's double click is
serialised while two people edit at the same time. The Library notices an ingest's commits by
itself, so uploads show up for everyone without reopening anything.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from assistant.chat import ChatSession
from assistant.export import EXPORTERS, export
from assistant.export.srt import write_library_cut_srt
from assistant.planning.base import Planner
from assistant.render.ffmpeg import ProgressFn
from assistant.render.mp4 import render
from assistant.render.preview import prepare_proxies, preview
from assistant.retrieval.people import chosen_hero
from assistant.retrieval.visual import VisualScorer
from assistant.sessions.share_links import ShareLinks
from assistant.sessions.store import DEFAULT_USER, SessionStore, UnknownSession, UnknownVersion
from assistant.taste.events import TasteStore, check_user
from assistant.taste.recommend import Suggestion
from assistant.taste.turns import add_suggestion, suggest_for_cut
from assistant.timeline.model import Timeline, Version
from index.asr import DEFAULT_ASR_MODEL
from index.atomic import atomic_write_text
from index.cast import CastMember, Forgotten, cast_list, forget_character, merge_characters, needs_face_scan
from index.dialogue import warm_dialogue_search
from index.embedder import Embedder, EmbedderUnavailable
from index.ingest import IngestResult, ProgressFactory, ingest
from index.library import Library, LibraryError
from index.library_paths import LibraryPaths
from ui.job_pools import JobPools
from ui.uploads import DEFAULT_MAX_UPLOAD, UploadRejected, discard, keep_upload, without_paths

# ui/app.py still imports this; it goes once app.py serves LibraryPaths(root).served_dirs.
PREVIEW_LOCK_STRIPES = 64  # bounded: one lock per timeline-hash stripe, not one per timeline ever seen
T = TypeVar("T")
log = logging.getLogger(__name__)


class Services:
    def __init__(
        self, library_dir: Path | str, planner: Planner, embedder_factory: Callable[[], Embedder],
        asr_model: str = DEFAULT_ASR_MODEL, prepare_previews: bool = True,
        max_upload: int = DEFAULT_MAX_UPLOAD, clip_weights: Path | None = None,
        default_user: str = DEFAULT_USER, jobs: JobPools | None = None,
    ) -> None:
        """``embedder_factory`` runs only on the first upload into an empty library, so a server starts
        without CLIP weights; afterwards uploads use the model the library was built with.
        ``asr_model`` transcribes uploads without subtitles; ``clip_weights`` is a local checkpoint for
        the library's model (offline).
        ``max_upload`` is the largest upload in bytes; ``default_user`` is the profile a browser that picked
        none works as ($PERSONALCUT_USER for ``personalcut serve``)."""
        self.library_dir = Path(library_dir).expanduser().resolve()
        self.library = Library.open(self.library_dir, clip_weights=clip_weights)
        self.store = SessionStore(self.library_dir)
        self.links = ShareLinks(self.library_dir)
        self.taste = TasteStore(self.library_dir)
        self.default_user = check_user(default_user)
        self.planner = planner
        self._embedder_factory = embedder_factory
        self.asr_model = asr_model
        self.max_upload = max_upload
        self.upload_root: Path | None = None  # set by the web app: uploads must come from its cache
        self.jobs = jobs or JobPools.sized()  # the web app's export and upload pools (ui/job_pools.py)
        self._ingest_lock = threading.Lock()
        self._sessions: dict[str, tuple[ChatSession, threading.Lock]] = {}
        self._registry_lock = threading.Lock()
        self._preview_locks = [threading.Lock() for _ in range(PREVIEW_LOCK_STRIPES)]
        # Preview proxies are prepared in the background, one video at a time, so the first cut of a
        # video plays within a second instead of waiting for its shots to be encoded.
        self._proxy_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="proxies")
        if prepare_previews:
            for video in self.library.videos():
                self._proxy_worker.submit(self._prepare_proxies, video.id)
        warm = getattr(planner, "warm", None)
        if callable(warm):  # the language model reads its fixed prompt while the page loads
            threading.Thread(target=warm, name="planner-warm-up", daemon=True).start()
        threading.Thread(target=self._warm_search, name="search-warm-up", daemon=True).start()

    def _warm_search(self) -> None:
        """Load CLIP's text side and the dialogue model while the page loads: the first request of the
        day otherwise pays seconds for them (measured: 6-21 s for the sentence model on a busy box)."""
        try:
            if self.library.model is not None:
                VisualScorer().warm(self.library)
            warm_dialogue_search(self.library_dir)
        except Exception:  # a warm-up only: the first request loads what is missing, and reports why
            log.debug("search warm-up failed", exc_info=True)

    # -- library ---------------------------------------------------------------------------------
    def ingest(self, path: Path, progress_factory: ProgressFactory | None = None) -> IngestResult:
        """Ingest one upload with the library's own model (the factory's only for an empty library).

        The upload is consumed: moved into ``media/`` first (see ``ui.uploads``), deleted when refused or
        when it is not a video we can read. Errors and warnings name the file, never a server folder.
        """
        path = Path(path)
        name = path.name
        try:
            stored = keep_upload(path, self.library_dir, self.max_upload, self.upload_root)
        except UploadRejected as exc:
            return IngestResult(path, None, "failed", error=str(exc))
        with self._ingest_lock:
            try:
                embedder = self.library.embedder if self.library.model else self._embedder_factory()
            except (LibraryError, EmbedderUnavailable) as exc:  # e.g. offline without CLIP weights
                result = IngestResult(stored, None, "failed", error=str(exc))
            else:
                result = ingest([stored], self.library_dir, embedder, progress_factory=progress_factory,
                                asr_model=self.asr_model)[0]
            if result.video is None or result.status == "failed":
                if not any(Path(v.path) == stored for v in self.library.videos()):
                    discard(stored)
        if result.video is not None and result.status != "failed":
            self._proxy_worker.submit(self._prepare_proxies, result.video.id)
        paths = (stored, path, self.library_dir)
        return replace(
            result, error=result.error and without_paths(result.error, paths, name),
            warnings=tuple(without_paths(w, paths, name) for w in result.warnings),
        )

    # -- cast (the people on screen; naming and the hero go through ChatSession.apply) ------------
    def cast(self, video_ids: Sequence[str] | None = None) -> list[CastMember]:
        """The characters of ``video_ids`` (default: the whole library), most screen time first."""
        return cast_list(self.library_dir, list(video_ids) if video_ids else None)

    def unscanned(self, video_ids: Sequence[str] | None = None) -> list[str]:
        """Those of ``video_ids`` (default: every video) never scanned for faces with the current models."""
        wanted = list(video_ids) if video_ids else [v.id for v in self.library.videos()]
        return [vid for vid in wanted if needs_face_scan(self.library_dir, vid)]

    def merge_characters(self, keep_id: int, other_id: int) -> CastMember:
        """``other_id`` joins ``keep_id`` (which keeps its number and name); CastError says why not.

        Kept through later re-clustering (an upload's), like names: no need to wait for ingests."""
        return merge_characters(self.library_dir, keep_id, other_id)

    def forget_character(self, character_id: int) -> Forgotten:
        """Delete a person's faces, face vectors, tracks and thumbnails; CastError for an unknown number."""
        return forget_character(self.library_dir, character_id)

    def hero(self) -> int | None:
        """The character made "the hero" with Make hero / "Celia is the hero", if any."""
        return chosen_hero(self.library_dir)

    def face_thumbnail(self, character_id: int) -> str | None:
        """The stored picture of a character (relative to the library), None for an unknown number."""
        member = next((m for m in self.cast() if m.id == character_id), None)
        return member.thumbnail if member else None

    def wait_for_previews(self) -> None:
        """Block until the queued proxy preparation is done (the worker runs jobs in order)."""
        self._proxy_worker.submit(lambda: None).result()

    def _prepare_proxies(self, video_id: str) -> None:
        try:
            video = self.library.video(video_id)
            prepare_proxies(video, self.library.shots(video_id), self.library_dir)
        except Exception:  # a warm-up only: preview() still renders what is missing, and says why
            log.exception("preparing preview proxies for %s failed", video_id)

    def preview(self, timeline: Timeline) -> Path:
        """The cut's preview MP4; one timeline asked for at once (many viewers of a link) renders once."""
        stripe = int(timeline.content_hash()[:8], 16) % len(self._preview_locks)
        with self._preview_locks[stripe]:
            return preview(timeline, self.library, self.library_dir)

    def export_all(self, version: Version, progress: ProgressFn | None = None) -> list[Path]:
        """The version as a high-quality MP4 plus every edit-list format and its .srt; made once per version.

        Each format is written on its own: one that fails is logged and explained in an
        ``…-export-errors.txt`` delivered with the rest, so it never costs the MP4 or the other files.
        """
        out_dir = LibraryPaths(self.library_dir).export_dir(version.id)
        stem = f"personalcut-v{version.number}"
        mp4 = out_dir / f"{stem}.mp4"
        if not mp4.is_file():
            render(version.timeline, self.library, mp4, quality="high", progress=progress)
        files, failures = [mp4], []
        for fmt, exporter in EXPORTERS.items():
            try:
                path = out_dir / f"{stem}{exporter.suffix}"
                files.append(export(version.timeline, self.library, fmt, path))
            except Exception as exc:  # any writer's bug must not lose the other formats
                log.exception("export of version %s as %s failed", version.id, fmt)
                failures.append(f"{exporter.description} ({fmt}): {type(exc).__name__}: {exc}")
        try:
            fps = self.library.video(version.timeline.clips[0].video_id).fps  # the MP4's rate
            srt = write_library_cut_srt(version.timeline, self.library_dir, out_dir / f"{stem}.srt", fps)
            files += [srt] if srt else []
        except Exception as exc:
            log.exception("subtitles of version %s failed", version.id)
            failures.append(f"SubRip subtitles (srt): {type(exc).__name__}: {exc}")
        report = out_dir / f"{stem}-export-errors.txt"
        if failures:
            atomic_write_text(report, "These formats could not be written:\n" + "\n".join(failures) + "\n")
            files.append(report)
        else:
            report.unlink(missing_ok=True)
        return files

    def version(self, version_id: str) -> Version | None:
        try:
            return self.store.version(version_id)
        except UnknownVersion:
            return None

    def parent(self, version: Version) -> Version | None:
        """The version this one was made from, across a remix into the remixer's own session."""
        if version.parent_id:
            return self.version(version.parent_id)
        try:
            origin = self.store.session(version.session_id).origin_version_id
        except UnknownSession:
            return None
        return self.version(origin) if origin else None

    # -- sessions --------------------------------------------------------------------------------
    def _register(self, session: ChatSession) -> str:
        with self._registry_lock:
            self._sessions[session.id] = (session, threading.Lock())
        return session.id

    def start(self, video_ids: list[str], user: str | None = None) -> str:
        """A new session of ``user`` (default: ``default_user``); ``TasteError`` for a bad profile name."""
        owner = check_user(user or self.default_user)
        session = ChatSession.start(self.library, self.store, self.planner, video_ids, user=owner)
        return self._register(session)

    def remix(self, version_id: str, user: str | None = None) -> str:
        """A new session of ``user`` starting at someone's shared version (a branch: theirs is untouched)."""
        owner = check_user(user or self.default_user)
        return self._register(ChatSession.branch_from(self.library, self.store, self.planner, version_id,
                                                      user=owner))

    # -- taste (the session owner's profile) -------------------------------------------------------
    def suggestions(self, session_id: str, k: int) -> list[Suggestion]:
        """The owner's ``k`` best scenes of the session's videos that the cut does not hold yet."""
        user, videos, timeline = self.run(session_id, lambda s: (s.user, s.video_ids, s.current.timeline))
        return suggest_for_cut(self.library, self.taste, user, videos, timeline, k)

    def add_suggestion(self, session_id: str, suggestion: Suggestion, turn: str) -> Version:
        """One click on a suggestion: a new version with its shot; ``PlanError`` when it is already in."""
        return self.run(session_id, lambda s: add_suggestion(self.store, self.taste, s.user, s.current,
                                                             suggestion, turn))

    def rate_cut(self, session_id: str, up: bool) -> Version:
        """👍 / 👎 on the whole current cut: one event per clip for the owner; the cut stays as it is."""
        def rate(session: ChatSession) -> Version:
            current = session.current
            self.taste.record_version(session.user, "thumbs_up" if up else "thumbs_down", current)
            return current

        return self.run(session_id, rate)

    def run(self, session_id: str, action: Callable[[ChatSession], T]) -> T:
        """Run ``action`` on the session, one call at a time per session; resumes sessions after a restart."""
        with self._registry_lock:
            entry = self._sessions.get(session_id)
            if entry is None:
                session = ChatSession.resume(self.library, self.store, self.planner, session_id)
                entry = self._sessions[session_id] = (session, threading.Lock())
        session, lock = entry
        with lock:
            return action(session)
