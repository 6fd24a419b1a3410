"""``personalcut diff A B``: what changed between two versions (ids, or numbers within --session)."""

from __future__ import annotations

import argparse
import json

from index.library_paths import LibraryPaths
from ui.cli_common import add_library_arg, fail, library_dir, no_library, terminal_text


def register(subparsers: argparse._SubParsersAction) -> None:
    diff = subparsers.add_parser("diff", help="show what changed between two versions of a cut")
    add_library_arg(diff)
    diff.add_argument("before", metavar="A", help="the earlier version: an id, or a number with --session")
    diff.add_argument("after", metavar="B", help="the later version: an id, or a number with --session")
    diff.add_argument("--session", metavar="S", help="session whose version numbers A and B are")
    diff.add_argument("--json", action="store_true", help="print the diff as JSON")
    diff.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from assistant.sessions.store import SessionStore, UnknownSession, UnknownVersion
    from assistant.timeline.diff import diff_timelines

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    store = SessionStore(directory)
    try:
        numbered = {v.number: v for v in store.versions(args.session)} if args.session else {}
        before, after = (
            numbered[int(ref)] if ref.isdigit() and args.session else store.version(ref)
            for ref in (args.before, args.after)
        )
    except KeyError as exc:
        return fail(f"session {args.session} has no version {exc.args[0]}")
    except (UnknownSession, UnknownVersion) as exc:
        return fail(f"{exc} (a version number needs --session)")
    changes = diff_timelines(before.timeline, after.timeline)
    if args.json:
        print(json.dumps({"before": before.id, "after": after.id, **changes.to_json()}))
    else:
        from index.library import Library

        library = Library.open(directory)
        try:
            names = {v.id: v.display_name for v in library.videos()}
        finally:
            library.close()
        print(f"version {before.number} [{before.id}] -> version {after.number} [{after.id}]")
        print(terminal_text(changes.describe(names), multiline=True))
    return 0
