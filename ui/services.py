"""The heavy objects one server shares between every browser, and the live chat sessions.

The Library, planner and embedder are loaded once per server. Browsers only hold a session id (in
``gr.State``); the ChatSession objects live here, one lock each, so one person's double click is
serialised while two people edit at the same time. The Library notices an ingest's commits by
itself, so uploads show up for everyone without reopening anything.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from assistant.chat import ChatSession
from assistant.export import EXPORTERS, export
from assistant.export.srt import write_library_cut_srt
from assistant.planning.base import Planner
from assistant.render.ffmpeg import ProgressFn
from assistant.render.mp4 import render
from assistant.render.preview import prepare_proxies, preview
from assistant.sessions.share_links import ShareLinks
from assistant.sessions.store import SessionStore, UnknownSession, UnknownVersion
from assistant.timeline.model import Timeline, Version
from index.asr import default_asr_model
from index.embedder import Embedder, EmbedderUnavailable
from index.ingest import IngestResult, ProgressFactory, ingest
from index.library import Library, LibraryError

EXPORTS_DIR = "exports"  # high-quality renders and edit lists, one folder per version
PREVIEW_LOCK_STRIPES = 64  # bounded: one lock per timeline-hash stripe, not one per timeline ever seen
T = TypeVar("T")
log = logging.getLogger(__name__)


class Services:
    def __init__(
        self, library_dir: Path | str, planner: Planner, embedder_factory: Callable[[], Embedder],
        asr_model: str | None = None, prepare_previews: bool = True,
    ) -> None:
        """``embedder_factory`` runs only on the first upload into an empty library, so a server starts
        without CLIP weights; afterwards uploads use the model the library was built with.
        ``asr_model`` transcribes uploads without subtitles (default ``$PERSONALCUT_ASR_MODEL`` or base)."""
        self.library_dir = Path(library_dir).expanduser().resolve()
        self.library = Library.open(self.library_dir)
        self.store = SessionStore(self.library_dir)
        self.links = ShareLinks(self.library_dir)
        self.planner = planner
        self._embedder_factory = embedder_factory
        self.asr_model = asr_model or default_asr_model()
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

    # -- library ---------------------------------------------------------------------------------
    def ingest(self, path: Path, progress_factory: ProgressFactory | None = None) -> IngestResult:
        """Ingest one uploaded file with the library's own model (the factory's only for an empty library)."""
        with self._ingest_lock:
            try:
                embedder = self.library.embedder if self.library.model else self._embedder_factory()
            except (LibraryError, EmbedderUnavailable) as exc:  # e.g. offline without CLIP weights
                return IngestResult(path, None, "failed", error=str(exc))
            result = ingest([path], self.library_dir, embedder, progress_factory=progress_factory,
                            asr_model=self.asr_model)[0]
        if result.video is not None and result.status != "failed":
            self._proxy_worker.submit(self._prepare_proxies, result.video.id)
        return result

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
        """The version as a high-quality MP4 plus OTIO/EDL/FCPXML; versions are immutable, so made once."""
        out_dir = self.library_dir / EXPORTS_DIR / version.id
        stem = f"personalcut-v{version.number}"
        mp4 = out_dir / f"{stem}.mp4"
        if not mp4.is_file():
            render(version.timeline, self.library, mp4, quality="high", progress=progress)
        edit_lists = [
            export(version.timeline, self.library, fmt, out_dir / f"{stem}{exporter.suffix}")  # type: ignore[arg-type]
            for fmt, exporter in EXPORTERS.items()
        ]
        srt = write_library_cut_srt(version.timeline, self.library_dir, out_dir / f"{stem}.srt")
        return [mp4, *edit_lists, *([srt] if srt else [])]

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

    def start(self, video_ids: list[str]) -> str:
        return self._register(ChatSession.start(self.library, self.store, self.planner, video_ids))

    def remix(self, version_id: str) -> str:
        """A new session starting at someone's shared version (a branch: theirs is untouched)."""
        return self._register(ChatSession.branch_from(self.library, self.store, self.planner, version_id))

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
