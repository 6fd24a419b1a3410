"""``personalcut chat`` (one turn or a REPL, resumable by session id) and ``personalcut eval scenes|cast``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from index.library_paths import LibraryPaths
from ui.cli_common import (
    add_library_arg,
    add_user_arg,
    fail,
    library_dir,
    no_library,
    settings,
    terminal_text,
)

if TYPE_CHECKING:
    from assistant.chat import ChatSession, TurnResult
    from assistant.timeline.model import Version

REPL_HELP = (
    "Type an edit (\"only the fights, under a minute\"), \"what changed?\", a number to answer a question, "
    "or :undo :redo :versions :goto ID :quit (or quit, exit)"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    chat = subparsers.add_parser("chat", help="chat with your videos to make a cut (REPL or one --message)")
    add_library_arg(chat)
    chat.add_argument("--video", action="append", default=None, metavar="V",
                      help="video id, id prefix or path to cut from (repeatable; default: every video)")
    chat.add_argument("--session", metavar="S", help="continue this session (printed by earlier runs)")
    chat.add_argument("--message", "-m", metavar="TEXT", help="one turn, then exit (no REPL)")
    chat.add_argument("--backend", default="auto",
                      help="planner: auto (rules, then $PERSONALCUT_LLM if set), rules, transformers, "
                           "llamacpp, openai (default: auto)")
    chat.add_argument("--model", help="planner model: a .gguf path or a transformers model name/path")
    chat.add_argument("--base-url", help="OpenAI-compatible server URL for --backend openai")
    chat.add_argument("--json", action="store_true", help="print the turn's result as JSON")
    add_user_arg(chat)
    chat.set_defaults(handler=run_chat)

    evaluate = subparsers.add_parser("eval", help="measure quality against annotations")
    kinds = evaluate.add_subparsers(dest="eval_kind", required=True, metavar="KIND")
    scenes = kinds.add_parser("scenes", help='"only the scenes with <query>" vs annotated time ranges')
    _add_eval_args(scenes, "YAML in the format of shared/eval/dev_scenes.yaml")
    scenes.set_defaults(handler=run_eval_scenes)
    cast = kinds.add_parser("cast", help="characters found at ingest vs annotated face-on-screen ranges")
    _add_eval_args(cast, "YAML in the format of benchmarks/cast_dev.yaml")
    cast.set_defaults(handler=run_eval_cast)


def _add_eval_args(parser: argparse.ArgumentParser, annotations_help: str) -> None:
    """What every eval kind takes: annotated media files by name, ingested into a library if missing."""
    parser.add_argument("--annotations", type=Path, required=True, help=annotations_help)
    parser.add_argument("--media-dir", type=Path, required=True, help="folder holding the annotated files")
    add_library_arg(parser)
    parser.add_argument("--clip-model", default=None,
                        help="CLIP model to ingest with (e.g. ViT-B-32, tiny-random; default: the "
                             "library's model, else ViT-B-32)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


# --- chat ------------------------------------------------------------------------------------


def run_chat(args: argparse.Namespace) -> int:
    from assistant.chat import ChatSession
    from assistant.planning.base import PlannerError
    from assistant.sessions.store import SessionStore, UnknownSession
    from index.library import Library, LibraryError

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    if args.session and args.video:
        return fail("--video chooses the videos of a new session; leave it out with --session")
    try:
        planner = settings(args).planner(args.backend, args.model, args.base_url)
    except PlannerError as exc:
        return fail(str(exc))
    library = Library.open(directory, clip_weights=settings(args).clip_weights)
    store = SessionStore(directory)
    try:
        if args.session:
            session = ChatSession.resume(library, store, planner, args.session)
        else:
            session = ChatSession.start(library, store, planner, args.video, user=settings(args).user)
    except (UnknownSession, LibraryError, ValueError) as exc:
        return fail(str(exc))
    hint = (f"session {session.id} (continue: personalcut chat --library {terminal_text(directory)} "
            f"--session {session.id})")
    print(hint, file=sys.stderr if args.json else sys.stdout)
    if args.message is not None:
        _show(session, session.turn(args.message), args.json)
        return 0
    return _repl(session, args.json)


_LEAVE = frozenset({"quit", "q", "exit", "bye", "goodbye"})


def _leaving(text: str) -> bool:
    """``:quit`` and its kin, and the words people type to leave a prompt without reading its help ("quit",
    "exit.", "Bye!"): none of them is an edit, and reading one as a search asked "keep only scenes matching
    'quit'?" instead of leaving."""
    word = text.lower().rstrip(".!").strip()
    return word.removeprefix(":") in _LEAVE if word.startswith(":") else word in _LEAVE


def _repl(session: ChatSession, as_json: bool) -> int:
    print(REPL_HELP)
    _print_cut(session)
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            return 0
        if not text:
            continue
        if _leaving(text):
            return 0
        if text in (":undo", ":redo"):
            (session.undo if text == ":undo" else session.redo)()
            _print_cut(session)
        elif text == ":versions":
            _print_versions(session)
        elif text.startswith(":goto "):
            from assistant.sessions.store import UnknownVersion

            try:
                session.goto(text.split(maxsplit=1)[1])
            except UnknownVersion as exc:
                print(f"error: {terminal_text(exc)}")
            _print_cut(session)
        else:
            _show(session, session.turn(text), as_json)


def turn_json(session: ChatSession, result: TurnResult) -> dict:
    """The machine-readable answer to one turn (the version is the session's current one)."""
    version = result.version
    return {
        "session": session.id,
        "version": version.id,
        "number": version.number,
        "parent": version.parent_id,
        "plan": result.plan.model_dump(mode="json"),
        "backend": result.backend,
        "message": result.message,
        "matched": result.matched,
        "clips": [
            {
                "video": c.video_id, "start": float(c.start), "end": float(c.end),
                "reason": c.reason.describe(), "score": c.reason.score,
            }
            for c in version.timeline.clips
        ],
        "duration": float(version.timeline.duration),
        "question": result.question.to_json() if result.question else None,  # answer: its choice's number
        "diff": result.diff.to_json() if result.diff else None,
    }


def _show(session: ChatSession, result: TurnResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(turn_json(session, result)))
        return
    if result.description:
        print(f"plan ({result.backend}): {terminal_text(result.description, multiline=True)}")
    print(terminal_text(result.message, multiline=True))
    _print_cut(session, result.version)


def _print_cut(session: ChatSession, version: Version | None = None) -> None:
    version = version or session.current
    timeline = version.timeline
    print(f"version {version.number} [{version.id}] — {float(timeline.duration):.1f} s")
    for line in session.numbered_clips():
        print(f"  {terminal_text(line)}")  # reasons quote subtitle lines: text from files


def _print_versions(session: ChatSession) -> None:
    current = session.current.id
    for v in session.versions():
        mark = "*" if v.id == current else " "
        parent = f"<- {v.parent_id}" if v.parent_id else "(start)"
        print(f"{mark} {v.number:3d} {v.id} {parent} {v.turn!r}")


# --- eval scenes -----------------------------------------------------------------------------


def run_eval_scenes(args: argparse.Namespace) -> int:
    from assistant.evaluate import AnnotationError, evaluate, load_annotations, prepare_library

    try:
        annotations = load_annotations(args.annotations)
    except AnnotationError as exc:
        return fail(str(exc))
    missing = [a.file for a in annotations if not (args.media_dir / a.file).is_file()]
    if missing:
        return fail(f"not in {args.media_dir}: {', '.join(missing)}")
    try:
        library, video_ids = prepare_library([a.file for a in annotations], args.media_dir, library_dir(args),
                                             args.clip_model, settings(args).clip_weights)
    except Exception as exc:  # noqa: BLE001 - ingest/model errors are reported, not tracebacks
        return fail(f"cannot prepare the library: {exc}")
    report = evaluate(library, annotations, video_ids)
    text = json.dumps(report.to_json(), indent=2) if args.json else report.to_text()
    print(terminal_text(text, multiline=True))
    return 0


# --- eval cast -------------------------------------------------------------------------------


def run_eval_cast(args: argparse.Namespace) -> int:
    from assistant.evaluate import prepare_library
    from index.cast import cast_list
    from index.cast_eval import CastAnnotationError, check_media, evaluate_cast, load_cast_annotations

    try:
        annotations = load_cast_annotations(args.annotations)
        check_media(annotations, args.media_dir)
    except CastAnnotationError as exc:
        return fail(str(exc))
    directory = library_dir(args)
    try:  # ingest runs the face stage too, and scans videos ingested before it existed
        library, video_ids = prepare_library(annotations.files, args.media_dir, directory, args.clip_model,
                                             settings(args).clip_weights)
    except Exception as exc:  # noqa: BLE001 - ingest/model errors are reported, not tracebacks
        return fail(f"cannot prepare the library: {exc}")
    library.close()
    cast = [member.to_json() for member in cast_list(directory, list(video_ids.values()))]
    report = evaluate_cast(annotations, cast, video_ids)
    text = json.dumps(report.to_json(), indent=2) if args.json else report.to_text()
    print(terminal_text(text, multiline=True))
    return 0
