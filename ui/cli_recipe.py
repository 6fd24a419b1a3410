"""``personalcut recipe export|apply``: share a cut as an edit list that plays on the viewer's own copy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from index.library_paths import LibraryPaths
from ui.cli_common import (
    add_library_arg,
    fail,
    library_dir,
    no_library,
    settings,
    terminal_json,
    terminal_text,
)

if TYPE_CHECKING:
    from assistant.export.recipe import AppliedRecipe


def register(subparsers: argparse._SubParsersAction) -> None:
    recipe = subparsers.add_parser("recipe", help="share a cut as a recipe (.pcut.json) and apply one")
    actions = recipe.add_subparsers(dest="recipe_action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a version's recipe: its edit list and fingerprints")
    export.add_argument("version", metavar="VERSION", help="the version id (printed by chat)")
    export.add_argument("--out", type=Path, required=True, help="the file to write (e.g. cut.pcut.json)")
    add_library_arg(export)
    export.set_defaults(handler=run_export)
    apply = actions.add_parser("apply", help="recreate a recipe's cut on your copy of the film")
    apply.add_argument("recipe", type=Path, metavar="RECIPE", help="a .pcut.json file")
    apply.add_argument("--video", action="append", default=None, metavar="V",
                       help="your copy: a file (ingested if new), video id or id prefix (repeatable; "
                            "default: look through every video of the library)")
    add_library_arg(apply)
    apply.add_argument("--clip-model", default=None,
                       help="CLIP model to ingest new --video files with (default: the library's model, else "
                            "ViT-B-32)")
    apply.add_argument("--json", action="store_true",
                       help="print the created version as JSON (as chat --json does, plus each clip's "
                            "confidence)")
    apply.set_defaults(handler=run_apply)


def run_export(args: argparse.Namespace) -> int:
    from assistant.export.recipe import RecipeError, build_recipe, write_recipe
    from assistant.sessions.store import UnknownVersion
    from index.probe import MediaError

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library():
        return fail(no_library(directory))
    try:
        recipe = build_recipe(directory, args.version)
        path = write_recipe(recipe, args.out)
    except (RecipeError, UnknownVersion, MediaError) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {args.out}: {exc.strerror or exc}", 1)
    print(f"wrote {terminal_text(path)} ({path.stat().st_size // 1024} KB, {len(recipe.cut.clips)} clips, "
          f"{len(recipe.history) - 1} turns)")
    return 0


def _copies(args: argparse.Namespace, directory: Path) -> list[str] | None:
    """Library ids of the ``--video`` copies, ingesting files that are new (None: every video)."""
    if not args.video:
        return None
    from index.ingest import ingest
    from index.library import Library, choose_embedder

    files = [Path(v).expanduser() for v in args.video if Path(v).expanduser().is_file()]
    ids = []
    if files:
        embedder = choose_embedder(directory, args.clip_model, None, settings(args).clip_weights)
        for result in ingest(files, directory, embedder, faces=False):
            if result.video is None:
                raise ValueError(result.error or f"cannot ingest {result.path}")
            ids.append(result.video.id)
    library = Library.open(directory, clip_weights=settings(args).clip_weights)
    try:
        ids += [library.video(ref).id for ref in args.video if not Path(ref).expanduser().is_file()]
    finally:
        library.close()
    return ids


def applied_json(applied: AppliedRecipe) -> dict:
    """The created version in the form ``chat --json`` prints, plus each clip's alignment confidence."""
    version = applied.version
    return {
        "session": applied.session_id,
        "version": version.id,
        "number": version.number,
        "parent": version.parent_id,
        "plan": version.plan.model_dump(mode="json") if version.plan is not None else None,
        "backend": "recipe",
        "message": f"recipe applied: {len(version.timeline.clips)} clips",
        "privacy_notes": list(applied.privacy_notes),
        "clips": [
            {"video": c.video_id, "start": float(c.start), "end": float(c.end), "in_frame": c.in_frame,
             "out_frame": c.out_frame, "reason": c.reason.describe(), "score": c.reason.score,
             "confidence": placed.confidence, "sure": placed.sure, "frames_off": placed.frames_off}
            for c, placed in zip(version.timeline.clips, applied.placements, strict=False)
        ],
        "placed": applied.summary(),
        "duration": float(version.timeline.duration),
        "sources": [m.to_json() for m in applied.matches],
    }


def run_apply(args: argparse.Namespace) -> int:
    from assistant.export.recipe import MissingSource, RecipeError, apply_recipe, read_recipe
    from index.embedder import EmbedderUnavailable
    from index.library import LibraryError
    from index.probe import MediaError

    directory = library_dir(args)
    if not LibraryPaths(directory).is_library() and not args.video:
        return fail(no_library(directory))
    try:
        recipe = read_recipe(args.recipe)
        applied = apply_recipe(directory, recipe, _copies(args, directory))
    except MissingSource as exc:
        copies = "copy" if len(exc.missing) == 1 else "copies"
        add = f"personalcut ingest FILE --library {terminal_text(directory)}"
        return fail(f"{exc}\n(add your {copies}: {add}, or name them with --video FILE; then apply again)")
    except (RecipeError, LibraryError, MediaError, EmbedderUnavailable, ValueError) as exc:
        return fail(str(exc))
    data = applied_json(applied)
    if args.json:
        print(terminal_json(data))
        return 0
    print(f"session {applied.session_id}, version {data['number']} [{data['version']}] — "
          f"{data['duration']:.1f} s (continue: personalcut chat --library {terminal_text(directory)} "
          f"--session {applied.session_id})")
    print(f"  {data['placed']}")
    for note in applied.privacy_notes:  # a blur that had to change: the viewer is told before sharing on
        print(f"  blur: {terminal_text(note)}")
    for source in data["sources"]:
        missing = ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in source["missing"]) or "nothing"
        print(f"  source {source['source'] + 1} -> {source['video']}: {source['alignment']}, offset "
              f"{source['offset']:+.3f} s, missing {missing}")
    for number, clip in enumerate(data["clips"], start=1):
        how = "sure" if clip["sure"] else "approximate"
        print(f"  {number:3d}. {clip['start']:8.2f}-{clip['end']:8.2f} s  "
              f"confidence {clip['confidence']:.2f} ({how})")
    return 0
