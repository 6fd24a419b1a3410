"""``personalcut cast [VIDEO...]``: the library's characters by screen time, and ``cast name | merge |
forget | scan`` to name them, join two, delete a person, or find the people in videos already ingested."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from index.library_paths import LibraryPaths
from ui.cli_common import (
    add_library_arg,
    fail,
    library_dir,
    no_library,
    terminal_json,
    terminal_text,
    warn,
)

ACTIONS = {  # action -> (how many arguments, usage); a video that is named like an action needs its id
    "name": (2, "cast name ID NAME"), "merge": (2, "cast merge ID ID"), "forget": (1, "cast forget ID"),
    "scan": (-1, "cast scan [VIDEO...]"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    cast = subparsers.add_parser(
        "cast", help="list the people on screen (characters); name, merge, forget",
        description="List the characters by screen time, or: `cast name ID NAME` (kept through "
                    "re-clustering), `cast merge ID ID` (the first keeps its number and name), `cast forget "
                    "ID` (deletes that person's faces, face vectors, tracks and thumbnails), `cast scan "
                    "[VIDEO...]` (find the people in videos already in the library; default: those not "
                    "scanned yet).")
    cast.add_argument("words", nargs="*", metavar="VIDEO | ACTION ARG",
                      help="videos to list (id, prefix, path or title; default: all), or an action")
    add_library_arg(cast)
    cast.add_argument("--json", action="store_true", help="print the characters as a JSON list")
    cast.set_defaults(handler=run_cast)


def run_cast(args: argparse.Namespace) -> int:
    if not args.words or args.words[0] not in ACTIONS:
        return run_list(args, args.words)
    action, rest = args.words[0], args.words[1:]
    count, usage = ACTIONS[action]
    if action == "scan":
        return run_scan(args, rest)
    numbers = rest[:1] if action == "name" else rest
    if len(rest) != count or not all(word.isdigit() for word in numbers):
        return fail(f"usage: personalcut {usage} (IDs are the #numbers `personalcut cast` shows)")
    if action == "name":
        return run_name(args, int(rest[0]), rest[1])
    ids = [int(word) for word in rest]
    if action == "merge":
        return run_merge(args, ids[0], ids[1])
    return run_forget(args, ids[0])


def _directory(args: argparse.Namespace) -> Path:
    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        raise FileNotFoundError(no_library(directory))
    return directory


def _video_ids(directory: Path, refs: list[str]) -> list[str] | None:
    from index.library import Library

    if not refs:
        return None
    library = Library.open(directory)
    try:
        return [library.video(ref).id for ref in refs]
    finally:
        library.close()


def _line(member) -> str:
    """One character: its number first, the one the chat and ``cast name`` take ("number 11 is Celia").

    No rank column beside it: "1." before "#11" read as "number 1" to people naming someone from the chat."""
    name = terminal_text(member.name) if member.name else "unnamed"
    return (f"#{member.id:<4} {name:<20} {member.screen_time:7.1f} s  "
            f"{len(member.shots):>4} shots  {member.thumbnail or '-'}")


def run_list(args: argparse.Namespace, refs: list[str]) -> int:
    from index.cast import cast_list
    from index.library import LibraryError

    try:
        directory = _directory(args)
        members = cast_list(directory, _video_ids(directory, refs))
    except (FileNotFoundError, LibraryError) as exc:
        return fail(str(exc))
    if args.json:
        print(terminal_json([m.to_json() for m in members]))
    elif not members:
        print("no characters: no faces found yet (`personalcut cast scan` looks for them)")
    else:
        for member in members:  # by screen time, most first
            print(_line(member))
        unnamed = next((m for m in members if not m.name), None)
        if unnamed is not None:
            print(f"name someone: personalcut cast name {unnamed.id} \"Celia\", or in the chat: "
                  f"\"number {unnamed.id} is Celia\"")
    return 0


def _edit(args: argparse.Namespace, change) -> int:
    from index.cast import CastError

    try:
        member = change(_directory(args))
    except (FileNotFoundError, CastError) as exc:
        return fail(str(exc))
    print(_line(member))
    return 0


def run_name(args: argparse.Namespace, character: int, name: str) -> int:
    from assistant.retrieval.people import same_name
    from index.cast import cast_list, name_character

    code = _edit(args, lambda directory: name_character(directory, character, name))
    if code == 0:  # a name given twice: one person to a search; say how to merge, as the chat does
        cast = cast_list(_directory(args))
        member = next(m for m in cast if m.id == character)
        if twins := same_name(member, cast):
            others, said = ", ".join(f"#{m.id}" for m in twins), terminal_text(member.name)
            print(f"{others} also called \"{said}\": searches find both; if they are one person: "
                  f"personalcut cast merge {character} {twins[0].id}")
    return code


def run_merge(args: argparse.Namespace, keep: int, other: int) -> int:
    from index.cast import merge_characters

    return _edit(args, lambda directory: merge_characters(directory, keep, other))


def run_forget(args: argparse.Namespace, character: int) -> int:
    from index.cast import CastError, forget_character

    try:
        gone = forget_character(_directory(args), character)
    except (FileNotFoundError, CastError) as exc:
        return fail(str(exc))
    print(f"forgot character #{character}: deleted {gone.tracks} face tracks, {gone.faces} faces with "
          f"their vectors, {gone.thumbnails} thumbnails")
    return 0


def run_scan(args: argparse.Namespace, refs: list[str]) -> int:
    from index.cast import index_faces, needs_face_scan
    from index.face_embed import FaceModelUnavailable
    from index.library import Library, LibraryError
    from ui.cli_index import _StageBars

    try:
        directory = _directory(args)
        library = Library.open(directory)
        try:
            wanted = ([library.video(ref).id for ref in refs] if refs else
                      [v.id for v in library.videos() if needs_face_scan(directory, v.id)])
            todo = [(library.video(i), library.shots(i)) for i in wanted]
        finally:
            library.close()
    except (FileNotFoundError, LibraryError) as exc:
        return fail(str(exc))
    failed = 0
    for video, shots in todo:
        if not Path(video.path).is_file():
            warn(f"{terminal_text(video.path)} is gone: cannot look for faces in it")
            failed += 1
            continue
        bar = _StageBars(Path(video.path))
        try:
            report = index_faces(video, shots, directory, functools.partial(bar, "faces"))
        except FaceModelUnavailable as exc:
            return fail(str(exc))
        except Exception as exc:  # one bad file must not stop the others
            warn(f"{terminal_text(video.path)}: faces not indexed: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        finally:
            bar.close()
        seconds = sum(report.timings.values())
        speed = float(video.duration) / seconds if seconds else 0.0
        print(f"scanned {terminal_text(Path(video.path).name)} ({video.id}): {report.faces} faces in "
              f"{report.tracks} tracks, {report.characters} characters in the library  "
              f"({seconds:.1f}s; {speed:.1f}x real time)")
    if not todo:
        print("every video is already scanned for faces (name videos to scan them again)")
    return 1 if failed else 0
