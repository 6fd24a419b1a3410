"""The one place that names the files and folders inside a library directory.

Every module asks ``LibraryPaths(root)`` for a path instead of spelling ``"library.db"`` or
``"renders"`` itself, so the layout can be read (and changed) here alone. ``LibraryPaths.relative()``
gives the same layout relative to the root, the form the database stores (e.g. thumbnails).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LibraryPaths:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root).expanduser())

    @classmethod
    def relative(cls) -> LibraryPaths:
        """The layout relative to the library root: for paths stored in the database."""
        return cls(Path())

    def is_library(self) -> bool:
        """Whether a library was ever created here (its database exists)."""
        return self.db.is_file()

    # -- the source of truth and its derived indexes -----------------------------------------------
    @property
    def db(self) -> Path:
        """SQLite (WAL): videos, shots, vectors, dialogue, sessions, versions, share links."""
        return self.root / "library.db"

    @property
    def faiss(self) -> Path:
        """The CLIP keyframe vectors' FAISS index, rebuilt from SQLite when missing or stale."""
        return self.root / "faiss.index"

    @property
    def dialogue_faiss(self) -> Path:
        """The dialogue lines' sentence-embedding index (derived, like ``faiss``)."""
        return self.root / "dialogue.faiss"

    @property
    def dialogue_faiss_meta(self) -> Path:
        """The dialogue index's model id and checksum, so a torn or other-model index is rebuilt."""
        return self.root / "dialogue.faiss.json"

    @property
    def dialogue_faiss_lock(self) -> Path:
        """Serialises read-modify-write of the dialogue index between processes."""
        return self.root / "dialogue.faiss.lock"

    # -- uploads ----------------------------------------------------------------------------------
    @property
    def ingest_lock(self) -> Path:
        """Held shared by every ingest, so a sweep never removes images of an ingest still running."""
        return self.root / ".ingest.lock"

    @property
    def media(self) -> Path:
        """Videos uploaded through the web app, one folder per content hash (sha256), under their own name."""
        return self.root / "media"

    @property
    def upload_cache(self) -> Path:
        """The web server's upload and Gradio cache folders, one per server process, removed on exit."""
        return self.root / "upload-cache"

    # -- images kept per shot -----------------------------------------------------------------------
    @property
    def thumbs(self) -> Path:
        return self.root / "thumbs"

    def thumbnail(self, video_id: str, shot_index: int) -> Path:
        return self.thumbs / video_id / f"{shot_index:05d}.jpg"

    def face_thumbnail(self, video_id: str, scan: str, shot_index: int, track: int) -> Path:
        """The best face of one face track (a character's picture is its best track's); ``scan`` names the
        face scan that wrote it, so a new scan never overwrites the pictures the stored tracks show."""
        return self.thumbs / "faces" / video_id / f"{scan}_{shot_index:05d}_{track:02d}.jpg"

    @property
    def placeholder_thumbnail(self) -> Path:
        """The grey frame shown for clips whose shot has no thumbnail."""
        return self.thumbs / "_no_thumbnail.png"

    @property
    def keyframes(self) -> Path:
        """Kept CLIP inputs, so a model switch re-embeds without decoding the videos again."""
        return self.root / "keyframes"

    def keyframe_image(self, video_id: str, shot_index: int, keyframe: int) -> Path:
        return self.keyframes / video_id / f"{shot_index:05d}_{keyframe:02d}.jpg"

    # -- size-bounded caches and outputs -------------------------------------------------------------
    @property
    def proxies(self) -> Path:
        """Low-resolution per-video proxies that previews are cut from."""
        return self.root / "proxies"

    def proxy(self, video_id: str) -> Path:
        return self.proxies / f"{video_id}.mp4"

    @property
    def renders(self) -> Path:
        """Cached previews (evicted oldest first)."""
        return self.root / "renders"

    @property
    def render_segments(self) -> Path:
        """Encoded pieces previews are joined from, shared between previews."""
        return self.renders / "segments"

    @property
    def exports(self) -> Path:
        """High-quality renders and edit lists, one folder per version."""
        return self.root / "exports"

    def export_dir(self, version_id: str) -> Path:
        return self.exports / version_id

    @property
    def served_dirs(self) -> tuple[Path, ...]:
        """The only folders the web app may serve files from (never the database)."""
        return (self.thumbs, self.renders, self.exports)
