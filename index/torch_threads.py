"""Small torch inferences on one thread.

A few faces or a sentence or two are too little work to split: thread hand-offs cost more than they save,
and on a busy machine torch's second thread mostly waits for a core. Measured on the dev box: a query
embedding took 400-950 ms median on 2 threads beside an ingest against 50 ms on one; dlib's face network
(``index.face_resnet``) took 255-355 ms of CPU per face on 2 threads beside a render's encoder and
detector, 14 ms on one.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager

SMALL_BATCH = 8  # up to this many inputs (a query's texts, a render track's faces) run on one thread
_LOCK = threading.Lock()  # one caller at a time changes the setting, so none restores another's value


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run the body's torch work on one intra-op thread, restoring the setting after."""
    import torch

    with _LOCK:
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(before)


def threads_for(batch: int) -> AbstractContextManager[None]:
    """``one_thread`` for a batch of at most ``SMALL_BATCH`` inputs; a bigger one keeps every thread."""
    return one_thread() if batch <= SMALL_BATCH else contextlib.nullcontext()
