"""A session's versions as a tree: undo moves to the parent, redo to the most recent child."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.timeline.model import Version


class PlanError(ValueError):
    """A plan that cannot apply to this cut; the message is meant for the person chatting."""

    def __init__(self, message: str, unmatched: str | None = None) -> None:
        super().__init__(message)
        self.unmatched = unmatched


@dataclass(frozen=True)
class History:
    """A session's versions (any order) and the one being edited; enough to undo, redo and look back."""

    versions: tuple[Version, ...]
    current_id: str

    def get(self, version_id: str) -> Version:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(f"unknown version {version_id!r}")

    @property
    def current(self) -> Version:
        return self.get(self.current_id)

    def parent(self, version: Version) -> Version | None:
        return self.get(version.parent_id) if version.parent_id else None

    def latest_child(self, version: Version) -> Version | None:
        """Redo follows the most recently made child, so redo after undo returns where you were."""
        children = [v for v in self.versions if v.parent_id == version.id]
        return max(children, key=lambda v: v.number) if children else None


def undo_target(history: History, version: Version, steps: int = 1) -> Version:
    """``steps`` back, or as far back as the session goes ("undo twice" after one edit undoes it: the note
    says which version the cut is at); raises only when there is nothing to undo at all."""
    start = version
    for _ in range(steps):
        if (parent := history.parent(version)) is None:
            break
        version = parent
    if version is start:
        raise PlanError("Nothing to undo: this is the start of the session.")
    return version


def redo_target(history: History, version: Version, steps: int = 1) -> Version:
    """``steps`` forward along the latest edits, or as far as they go; raises only when there is none."""
    start = version
    for _ in range(steps):
        if (child := history.latest_child(version)) is None:
            break
        version = child
    if version is start:
        raise PlanError("Nothing to redo.")
    return version
