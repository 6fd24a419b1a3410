"""Share links: unguessable, persistent across reopen, revocable only by their creator."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.sessions.share_links import ShareLinks, is_share_id


def test_create_get_roundtrip_survives_reopen(tmp_path: Path) -> None:
    link = ShareLinks(tmp_path).create("v1", "s1", title="  My\x00 cut\n ")
    assert is_share_id(link.id) and len(link.id) == 32
    reopened = ShareLinks(tmp_path).get(link.id)
    assert reopened == link
    assert reopened.title == "My cut"


def test_ids_are_unique_and_unrelated(tmp_path: Path) -> None:
    links = ShareLinks(tmp_path)
    ids = {links.create("v1", "s1").id for _ in range(50)}
    assert len(ids) == 50


def test_an_id_never_starts_with_a_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``personalcut links revoke -abc...`` would read the id as an option: such tokens are drawn again
    (the CLI test failed in CI on one such random id)."""
    import secrets

    drawn = iter(["-" + "a" * 31, "_" + "b" * 31])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(drawn))
    assert ShareLinks(tmp_path).create("v1", "s1").id == "_" + "b" * 31


def test_revoke_only_by_creator_and_then_gone(tmp_path: Path) -> None:
    links = ShareLinks(tmp_path)
    mine, other = links.create("v1", "s1"), links.create("v2", "s1")
    assert not links.revoke(mine.id, "someone-else")
    assert links.get(mine.id) is not None
    assert links.revoke(mine.id, "s1")
    assert links.get(mine.id) is None
    assert not links.revoke(mine.id, "s1")  # already revoked
    assert [link.id for link in links.for_session("s1")] == [other.id]
    assert ShareLinks(tmp_path).get(other.id) is not None


@pytest.mark.parametrize(
    "bad", ["", "..", "../library.db", "%2e%2e", "a" * 31, "a" * 33, "a/" * 16, "a" * 31 + "."]
)
def test_malformed_ids_are_unknown(tmp_path: Path, bad: str) -> None:
    links = ShareLinks(tmp_path)
    assert not is_share_id(bad)
    assert links.get(bad) is None
    assert not links.revoke(bad, "s1")


def test_empty_version_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="version id"):
        ShareLinks(tmp_path).create("", "s1")
