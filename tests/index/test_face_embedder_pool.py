"""dlib's models load once per process and thread: renders that blur by person and ingested videos borrow
a loaded embedder instead of paying 0.3-0.9 s each time."""

from __future__ import annotations

import threading

from index.face_embed import FaceEmbedder, FaceEmbedderPool


def test_a_returned_embedder_serves_the_next_caller_and_parallel_callers_get_their_own() -> None:
    pool = FaceEmbedderPool()
    with pool.borrowed() as first:
        assert isinstance(first, FaceEmbedder)
    with pool.borrowed() as again:
        assert again is first  # loaded once
    inside, release = threading.Event(), threading.Event()
    seen: list[FaceEmbedder] = []

    def hold() -> None:
        with pool.borrowed() as held:
            seen.append(held)
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    assert inside.wait(10)
    with pool.borrowed() as meanwhile:
        assert meanwhile is not seen[0]  # one embedder never serves two threads at once
    release.set()
    worker.join()
    with pool.borrowed() as a, pool.borrowed() as b:
        assert {id(a), id(b)} == {id(seen[0]), id(meanwhile)}  # both kept for later
