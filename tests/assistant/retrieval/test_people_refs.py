"""Which character a ref names (``find_member``): names in any case, numbers, and a possessive typed without
its apostrophe ("blur Celias face", a user's session: "I don't know Celias")."""

from __future__ import annotations

from assistant.retrieval.people import find_member
from index.cast import CastMember


def _member(number: int, name: str | None) -> CastMember:
    return CastMember(number, name, 1.0, (), None, ())


CAST = [_member(1, "Celia"), _member(2, "Thom"), _member(3, None), _member(4, "Jess")]


def test_names_numbers_and_a_possessive_without_its_apostrophe() -> None:
    assert [find_member(ref, CAST).id for ref in ("celia", "THOM", "#3", "number 3", "3", "Celias", "Thoms",
                                                   "Jess")] == [1, 2, 3, 3, 3, 1, 2, 4]
    assert find_member("Xavier", CAST) is None and find_member("Xaviers", CAST) is None
    assert find_member("Jes", CAST) is None  # only a trailing "s" is taken off, never added
    sams = [_member(5, "Sam"), _member(6, "Sams")]
    assert find_member("Sams", sams).id == 6  # someone really called that comes first
