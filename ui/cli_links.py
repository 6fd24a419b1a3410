"""``personalcut links [--json]`` and ``personalcut links revoke ID``: the library's share links.

Links made on any page, closed or not, are listed and revoked here, like under "Your links" in the app.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from index.library_paths import LibraryPaths
from ui.cli_common import add_library_arg, fail, library_dir, no_library, terminal_json, terminal_text


def register(subparsers: argparse._SubParsersAction) -> None:
    links = subparsers.add_parser("links", help="list the library's share links, or revoke one")
    add_library_arg(links)
    links.add_argument("--json", action="store_true", help="print the links as a JSON list")
    links.set_defaults(handler=run_list)
    actions = links.add_subparsers(dest="links_action", metavar="ACTION")
    revoke = actions.add_parser("revoke", help="revoke a share link: its page then shows “not found”")
    # Also accepted after ID; SUPPRESS keeps a --library given before "revoke" (no default overwrites it).
    revoke.add_argument("--library", type=Path, default=argparse.SUPPRESS, help="library directory")
    revoke.add_argument("share_id", metavar="ID", help="the link's id (the part after /v/)")
    revoke.set_defaults(handler=run_revoke)


def run_list(args: argparse.Namespace) -> int:
    from assistant.sessions.share_links import ShareLinks

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    rows = [
        {
            "id": link.id, "version": link.version_id, "session": link.session_id, "title": link.title,
            "created": datetime.fromtimestamp(link.created_at, UTC).isoformat(timespec="seconds"),
            "url_path": f"/v/{link.id}",
        }
        for link in ShareLinks(directory).active()
    ]
    if args.json:
        print(terminal_json(rows))
    elif not rows:
        print("no active share links")
    else:
        for row in rows:
            print(f"{row['url_path']}  {row['created']}  {terminal_text(row['title'] or 'untitled')}")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from assistant.sessions.share_links import ShareLinks

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    if not ShareLinks(directory).revoke(args.share_id):
        return fail(f"no active share link {args.share_id!r} (see `personalcut links`)")
    print(f"revoked /v/{args.share_id}")
    return 0
