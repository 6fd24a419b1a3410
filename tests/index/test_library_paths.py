"""The library layout is named once: ``LibraryPaths`` says where an ingest really writes, and no other
module spells a file or folder name of the layout."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from index.db import connect
from index.library import Library
from index.library_paths import LibraryPaths

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("index", "assistant", "ui")
LAYOUT_FILES = ("library.db", "faiss.index", "dialogue.faiss")
LAYOUT_FOLDERS = ("thumbs", "keyframes", "media", "proxies", "renders", "exports", "segments")


def test_an_ingest_writes_where_the_layout_says(small_library) -> None:
    paths = LibraryPaths(small_library.dir)
    assert paths.is_library()
    assert paths.db.is_file() and paths.faiss.is_file()
    library = Library.open(small_library.dir)
    try:
        for video_id in small_library.video_ids:
            for shot in library.shots(video_id):
                stored = LibraryPaths.relative().thumbnail(video_id, shot.index)
                assert shot.thumbnail == stored.as_posix()  # the database keeps the relative form
                assert paths.thumbnail(video_id, shot.index).is_file()
                for k in range(len(shot.keyframes)):
                    assert paths.keyframe_image(video_id, shot.index, k).is_file()
    finally:
        library.close()


def test_a_folder_is_a_library_once_its_database_exists(tmp_path: Path) -> None:
    paths = LibraryPaths(tmp_path / "lib")
    assert not paths.is_library()
    (tmp_path / "lib").mkdir()
    assert not paths.is_library()  # an empty folder is not a library yet
    connect(tmp_path / "lib").close()
    assert paths.is_library()


def test_paths_are_relative_to_the_root_and_expand_the_home(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    paths = LibraryPaths(Path("~/lib"))
    assert paths.root == tmp_path / "lib"
    assert paths.proxy("abc") == tmp_path / "lib" / "proxies" / "abc.mp4"
    assert paths.export_dir("v1").parent == paths.exports
    assert paths.render_segments.parent == paths.renders
    assert paths.db not in paths.served_dirs and all(d.parent == paths.root for d in paths.served_dirs)
    assert not LibraryPaths.relative().thumbnail("abc", 3).is_absolute()
    assert LibraryPaths(tmp_path) == LibraryPaths(str(tmp_path))  # frozen, compared by root


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (prose may name the files)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def layout_literals(source: str) -> list[str]:
    """String literals in ``source`` that spell a part of the library layout.

    A file name anywhere, ``"thumbs/..."`` style paths, and a folder name joined onto a path
    (``x / "renders"``); a bare ``"keyframes"`` elsewhere is a dict key or a stage name, not a path.
    """
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            value = node.value
            in_folder = "/" in value and value.split("/")[0] in LAYOUT_FOLDERS
            if in_folder or any(name in value for name in LAYOUT_FILES):
                hits.append(value)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            hits += [side.value for side in (node.left, node.right)
                     if isinstance(side, ast.Constant) and side.value in LAYOUT_FOLDERS]
    return hits


def test_the_layout_detector_sees_the_old_spellings() -> None:
    old = 'DB = "library.db"\np = root / "renders"\nq = "thumbs/_no_thumbnail.png"\nd = {"keyframes": 1}\n'
    assert sorted(layout_literals(old)) == ["library.db", "renders", "thumbs/_no_thumbnail.png"]


def test_no_module_but_library_paths_spells_the_layout() -> None:
    offenders = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "index" / "library_paths.py":
                continue
            hits = layout_literals(path.read_text())
            if hits:
                offenders[str(path.relative_to(ROOT))] = hits
    assert not offenders, f"use index.library_paths.LibraryPaths instead of: {offenders}"
