"""``personalcut links [--json]`` and ``personalcut links revoke ID`` on a real small library."""

from __future__ import annotations

import json
from datetime import datetime

from assistant.sessions.share_links import ShareLinks
from assistant.sessions.store import SessionStore
from assistant.timeline.apply import source_timeline
from index.library import Library
from ui.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_links_are_listed_and_revoked_whichever_session_made_them(small_library_copy, capsys) -> None:
    library = str(small_library_copy.dir)
    store, links, videos = SessionStore(library), ShareLinks(library), Library.open(library)
    made = []
    for video in small_library_copy.video_ids:  # two sessions, as two closed pages would leave them
        sid = store.create_session([video], timeline=source_timeline([videos.video(video)]))
        made.append(links.create(store.session(sid).current_version_id, sid, f"cut of {video[:6]}"))
    older, newer = made

    code, out, err = run(capsys, "links", "--json", "--library", library)
    assert code == 0, err
    listed = json.loads(out)
    assert [row["id"] for row in listed] == [newer.id, older.id]  # newest first
    assert listed[1] == {
        "id": older.id, "version": older.version_id, "session": older.session_id, "title": older.title,
        "created": listed[1]["created"], "url_path": f"/v/{older.id}",
    }
    assert abs(datetime.fromisoformat(listed[1]["created"]).timestamp() - older.created_at) < 1

    code, out, _ = run(capsys, "links", "--library", library)
    assert code == 0 and out.splitlines()[0].startswith(f"/v/{newer.id}  ") and older.title in out

    # "--library" may come before or after "revoke ID".
    revoked = run(capsys, "links", "--library", library, "revoke", older.id)
    assert revoked == (0, f"revoked /v/{older.id}\n", "")
    assert links.get(older.id) is None and links.get(newer.id) is not None
    code, _, err = run(capsys, "links", "revoke", older.id, "--library", library)
    assert code == 2 and f"no active share link '{older.id}'" in err  # already revoked
    code, out, _ = run(capsys, "links", "--json", "--library", library)
    assert [row["id"] for row in json.loads(out)] == [newer.id]

    assert run(capsys, "links", "revoke", newer.id, "--library", library)[0] == 0
    assert run(capsys, "links", "--library", library) == (0, "no active share links\n", "")


def test_links_without_a_library_says_how_to_make_one(tmp_path, capsys) -> None:
    code, out, err = run(capsys, "links", "--library", str(tmp_path / "nothing"))
    assert code == 2 and out == "" and "run `personalcut ingest VIDEO" in err

