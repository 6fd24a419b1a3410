"""The face sampler's looks run on a worker thread while the decode goes on: the same tracks as looks made
one at a time, a bounded queue, errors kept for ``tracks`` without stopping the decode, and nothing of the
worker left in a pickled sampler (a Ray worker hands its sampler to the library's writer)."""

from __future__ import annotations

import pickle
import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from index.decode import feature_image
from index.face_scan import LOOKS_AHEAD, FaceSampler
from index.probe import probe
from index.shot import Shot, VideoInfo
from tests.media_factory import FaceShot, face_shots


@pytest.fixture(scope="module")
def four_shots(tmp_path_factory) -> Path:
    """Four shots of two people, one face at a time."""
    shots = tuple(FaceShot(("collins", "hopper")[i % 2], seconds=1.2, pan=(i % 3) - 1) for i in range(4))
    return face_shots(tmp_path_factory.mktemp("worker") / "four_shots.mp4", shots).path


def _sample(path: Path, sampler: FaceSampler, one_at_a_time: bool = False) -> FaceSampler:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        time_base = Fraction(stream.time_base)
        for frame in container.decode(stream):
            sampler.offer(frame, float(frame.pts * time_base), feature_image(frame))
            if one_at_a_time:
                sampler.wait()
    sampler.offer_end()
    return sampler


def _whole(info: VideoInfo) -> list[Shot]:
    return [Shot(video_id=info.id, index=0, start_frame=0, end_frame=info.frame_count, start=Fraction(0),
                 end=info.duration, keyframes=(Fraction(0),), thumbnail="")]


def test_looks_on_the_worker_give_the_tracks_of_looks_made_one_at_a_time(four_shots) -> None:
    info = probe(four_shots)
    sampler = FaceSampler(info)
    threads: set[str] = set()
    detect = sampler.detector.detect

    def spied(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return detect(*args, **kwargs)

    sampler.detector.detect = spied  # type: ignore[method-assign]
    queued = _sample(four_shots, sampler)
    alone = _sample(four_shots, FaceSampler(info), one_at_a_time=True)
    assert queued.error is None and alone.error is None
    assert threads and all(name.startswith("faces") for name in threads)  # never on the decode's thread
    assert queued.busy_seconds > 0 and queued.looked_at == alone.looked_at and queued.faces == alone.faces > 0
    got, want = queued.tracks(_whole(info)), alone.tracks(_whole(info))
    assert len(got) == len(want) >= 4
    for a, b in zip(got, want, strict=True):
        assert [f.time for f in a.faces] == [f.time for f in b.faces]
        assert np.allclose(np.stack([f.descriptor for f in a.best]),  # type: ignore[misc]
                           np.stack([f.descriptor for f in b.best]), atol=1e-5)


def test_the_decode_waits_when_the_worker_falls_behind(four_shots) -> None:
    """At most LOOKS_AHEAD looks (each holding a decoded frame) wait for the worker."""
    info = probe(four_shots)
    sampler = FaceSampler(info)
    gate, queued_most = threading.Event(), [0]
    detect = sampler.detector.detect

    def slow(*args, **kwargs):
        gate.wait(5)
        return detect(*args, **kwargs)

    sampler.detector.detect = slow  # type: ignore[method-assign]
    offered = threading.Thread(target=_sample, args=(four_shots, sampler))
    offered.start()
    for _ in range(50):  # the decode stops once the queue is full
        queued_most[0] = max(queued_most[0], len(sampler.looked_at))
        offered.join(0.02)
    assert offered.is_alive() and queued_most[0] <= LOOKS_AHEAD + 1  # + the look the worker holds
    gate.set()
    offered.join(30)
    assert not offered.is_alive() and sampler.error is None and len(sampler.looked_at) > LOOKS_AHEAD + 1


def test_a_failing_look_is_kept_for_tracks_and_the_decode_goes_on(four_shots) -> None:
    info = probe(four_shots)
    sampler = FaceSampler(info)
    calls = [0]

    def broken(*args, **kwargs):
        calls[0] += 1
        raise RuntimeError("the detector broke")

    sampler.detector.detect = broken  # type: ignore[method-assign]
    _sample(four_shots, sampler)  # no exception reaches the decode
    assert isinstance(sampler.error, RuntimeError) and calls[0] == 1  # later looks do nothing
    with pytest.raises(RuntimeError, match="the detector broke"):
        sampler.tracks(_whole(info))


def test_a_pickled_sampler_carries_its_tracks_and_no_worker(four_shots) -> None:
    info = probe(four_shots)
    sampler = _sample(four_shots, FaceSampler(info))
    copy = pickle.loads(pickle.dumps(sampler))
    assert copy._worker is None and copy.error is None
    got, want = copy.tracks(_whole(info)), sampler.tracks(_whole(info))
    assert [t.faces[0].time for t in got] == [t.faces[0].time for t in want] and got
