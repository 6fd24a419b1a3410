"""A truncated video is named so whatever the cores: a decoder on one thread stops at the first bad packet
where threaded ones skip it, and that had made the error "decoding failed after 50 frames (Invalid data ...)"
on a 1-core machine instead of "the video is truncated"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.media_factory import truncated

ROOT = Path(__file__).resolve().parents[2]
_ON_ONE_CORE = """
import os, sys
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from index.decode import decode
from index.probe import MediaError, probe
path = Path(sys.argv[1])
info = probe(path)  # whole when probed; cut to half its bytes before the decode (damaged in between)
path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
try:
    decode(path, info)
except MediaError as exc:
    print(exc)
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_a_truncated_file_is_named_truncated_on_one_core(tmp_path: Path) -> None:
    path = truncated(tmp_path / "interrupted download.mp4", keep=1.0, faststart=True)  # whole, index first
    out = subprocess.run([sys.executable, "-c", _ON_ONE_CORE, str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith(f"{path}: the video is truncated (frames stop at"), out.stdout
