"""``personalcut recommend`` (scenes you would like, with reasons) and ``personalcut profile show|reset``."""

from __future__ import annotations

import argparse

from assistant.plan.describe import plural
from index.library_paths import LibraryPaths
from ui.cli_common import (
    add_library_arg,
    add_user_arg,
    fail,
    library_dir,
    no_library,
    settings,
    terminal_json,
    terminal_text,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    recommend = subparsers.add_parser("recommend", help="scenes you would like, each with the reason why")
    add_library_arg(recommend)
    add_user_arg(recommend)
    recommend.add_argument("--video", action="append", default=None, metavar="V",
                           help="video id, id prefix or path (repeatable; default: every video)")
    recommend.add_argument("-k", type=int, default=10, help="how many suggestions (default: 10)")
    recommend.add_argument("--json", action="store_true", help='print {"user", "suggestions": [...]} as JSON')
    recommend.set_defaults(handler=run_recommend)

    profile = subparsers.add_parser(
        "profile", help="see or erase what is kept about your taste (events, and what you said you like)")
    profile.add_argument("action", choices=("show", "reset"))
    add_library_arg(profile)
    add_user_arg(profile)
    profile.add_argument("--json", action="store_true", help="print the profile as JSON")
    profile.set_defaults(handler=run_profile)


def run_recommend(args: argparse.Namespace) -> int:
    from assistant.taste.events import TasteError, TasteStore, check_user
    from assistant.taste.recommend import suggest
    from index.library import Library, LibraryError

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    if args.k < 1:
        return fail("-k must be at least 1")
    user = settings(args).user
    try:
        check_user(user)
        library = Library.open(directory, clip_weights=settings(args).clip_weights)
        videos = [library.video(ref).id for ref in args.video] if args.video else None
        found = suggest(library, TasteStore(directory), user, videos, args.k)
    except (TasteError, LibraryError) as exc:
        return fail(exc)
    if args.json:
        print(terminal_json({"user": user, "suggestions": [s.to_json() for s in found]}))
        return 0
    for n, s in enumerate(found, 1):
        shot = s.shot
        print(terminal_text(f"{n}. {shot.video_id[:12]} {float(shot.start):.1f}-{float(shot.end):.1f} s"
                            f"  {s.score:+.2f}  {s.reason}"))
    return 0


def run_profile(args: argparse.Namespace) -> int:
    from assistant.taste.events import TasteError, TasteStore

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    user = settings(args).user
    try:
        store = TasteStore(directory)
        if args.action == "reset":
            forgotten = store.reset(user)
            data = {"user": user, "forgotten_events": forgotten}
            text = f"forgot {plural(forgotten, 'event')} of {user}"
        else:
            summary = store.summary(user)
            data = summary.to_json()
            counts = ", ".join(f"{n} {kind}" for kind, n in summary.events.items()) or "no events yet"
            text = (f"{user}: {counts}; {plural(len(summary.videos), 'video')}; "
                    f"{plural(summary.sessions, 'session')}")
            if summary.statements:
                text += "\nyou said: " + "; ".join(s.words().removeprefix("you ") for s in summary.statements)
    except TasteError as exc:
        return fail(exc)
    print(terminal_json(data) if args.json else terminal_text(text))
    return 0
