"""Small torch inferences (a render's face track, a chat query) run on one thread and leave torch's
setting as they found it, also when several threads ask at once."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from index.face_detect import Detection
from index.face_embed import FaceEmbedder
from index.torch_threads import SMALL_BATCH, one_thread


@pytest.fixture()
def two_threads():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


def test_one_thread_inside_and_the_setting_restored_after_even_on_error(two_threads) -> None:
    with one_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2
    with pytest.raises(RuntimeError), one_thread():
        raise RuntimeError("inference failed")
    assert torch.get_num_threads() == 2


def test_parallel_callers_never_restore_each_other_s_value(two_threads) -> None:
    seen: list[int] = []

    def call() -> None:
        for _ in range(50):
            with one_thread():
                seen.append(torch.get_num_threads())

    workers = [threading.Thread(target=call) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert seen == [1] * 200
    assert torch.get_num_threads() == 2


def test_a_few_faces_are_described_on_one_thread_a_big_batch_on_all(two_threads) -> None:
    embedder = FaceEmbedder()
    threads: list[int] = []
    network = embedder._resnet

    def counting(chips: np.ndarray) -> np.ndarray:
        threads.append(torch.get_num_threads())
        return network(chips)

    embedder._resnet = counting  # type: ignore[assignment]
    rng = np.random.default_rng(3)
    image = rng.integers(0, 255, (120, 120, 3), dtype=np.uint8)
    face = Detection((30.0, 30.0, 60.0, 60.0), np.array([[45, 50], [75, 50], [60, 65], [48, 80], [72, 80]],
                                                          np.float32), 0.9)
    few = embedder.embed([(image, face)] * 2)
    many = embedder.embed([(image, face)] * (SMALL_BATCH + 1))
    assert threads == [1, 2]
    assert few.shape == (2, 128) and many.shape == (SMALL_BATCH + 1, 128)
    assert np.allclose(few[0], many[0], atol=1e-4)  # the same descriptor either way
