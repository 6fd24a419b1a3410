"""Uploads through the served app: kept in the library's ``media/``, limited in size, cleaned when refused.

Files go up the way the browser sends them (multipart POST to ``/gradio_api/upload``), then the upload
handler runs through the API, against a server on its own empty library.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import media_factory
from tests.ui.live_server import LiveServer, gradio_call, http_request
from ui.uploads import parse_size

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 2 * 1024**2


def upload(server: LiveServer, name: str, data: bytes) -> tuple[int, bytes]:
    """POST one file as Gradio's front end does; (status, body)."""
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    status, _, answer = http_request(
        server, "POST", "/gradio_api/upload", body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    return status, answer


def upload_and_ingest(server: LiveServer, name: str, data: bytes) -> tuple[Path, str, str]:
    """(the cache path Gradio gave the upload, the handler's event, the page updates it sent back).

    The inputs are the file, the chat so far and the ticked videos (none)."""
    status, answer = upload(server, name, data)
    assert status == 200, answer
    [cached] = json.loads(answer)
    event, payload = gradio_call(
        server, "on_upload",
        [{"path": cached, "orig_name": name, "meta": {"_type": "gradio.FileData"}}, [], []],
    )
    return Path(cached), event, payload


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[LiveServer]:
    """A server on an empty library with a small upload limit."""
    live = LiveServer(tmp_path / "lib", max_upload=LIMIT).start()
    yield live
    live.stop()


def test_an_upload_lives_in_the_library_and_survives_the_cache_being_wiped(
    fresh: LiveServer, tmp_path: Path
) -> None:
    data = media_factory.hard_cuts(tmp_path / "Night walk.mp4").path.read_bytes()
    cached, event, payload = upload_and_ingest(fresh, "Night walk.mp4", data)
    assert event == "complete", payload
    stored = fresh.library_dir / "media" / hashlib.sha256(data).hexdigest() / "Night walk.mp4"
    [video] = fresh.services.library.videos()
    assert Path(video.path) == stored and stored.read_bytes() == data
    assert video.title == "Night walk"  # the uploaded name, not the hash
    assert not cached.exists()  # moved, not copied
    assert str(fresh.services.upload_root) not in payload and "Added" in payload

    # Gradio's temp dir wiped (as the OS or a restart does); other servers in this process may be
    # writing into it meanwhile, hence ignore_errors
    shutil.rmtree(fresh.services.upload_root, ignore_errors=True)
    sid = fresh.services.start([video.id])
    fresh.services.run(sid, lambda s: s.turn("keep only clips 1 to 2"))
    timeline = fresh.services.run(sid, lambda s: s.current.timeline)
    assert fresh.services.preview(timeline).stat().st_size > 0

    # the same bytes again: the stored file is reused, the new cache copy goes, and it says so
    again, event, payload = upload_and_ingest(fresh, "copy.mp4", data)
    assert event == "complete" and not again.exists()
    assert "**Night walk** is already in the library (4 shots); ticked." in json.loads(payload)
    assert [p for p in files_under(fresh.library_dir / "media") if p.suffix == ".mp4"] == [stored]


def test_an_oversized_upload_is_refused_and_nothing_is_kept(fresh: LiveServer) -> None:
    before = set(files_under(fresh.services.upload_root))
    status, answer = upload(fresh, "big.mp4", b"\0" * (LIMIT + 1))
    assert status == 413 and b"maximum allowed size" in answer
    assert set(files_under(fresh.services.upload_root)) == before  # the partial upload is gone
    assert files_under(fresh.library_dir / "media") == []


def test_an_upload_over_the_limit_that_got_past_gradio_is_deleted(fresh: LiveServer) -> None:
    """Services checks the size itself (an upload route with another limit must not get around it)."""
    big = fresh.services.upload_root / "sneaky" / "big.mp4"
    big.parent.mkdir(parents=True)
    big.write_bytes(b"\0" * (LIMIT + 1))
    result = fresh.services.ingest(big)
    assert result.status == "failed" and result.error == "it is over this server's upload limit of 2 MB"
    assert not big.exists()


def test_a_file_that_is_not_a_video_is_deleted_and_the_message_names_no_folder(fresh: LiveServer) -> None:
    cached, event, payload = upload_and_ingest(fresh, "zeros.mp4", b"\0" * 300_000)
    assert event == "complete"
    reply = json.loads(payload)
    text = json.dumps(reply)
    assert "Could not add zeros.mp4" in text
    for folder in (fresh.library_dir, fresh.services.upload_root, Path("/tmp")):
        assert str(folder) not in text
    assert not cached.exists()
    assert files_under(fresh.library_dir / "media") == []
    assert fresh.services.library.videos() == []


@pytest.mark.parametrize(("text", "size"), [
    ("500M", 500 * 1024**2), ("2G", 2 * 1024**3), ("4GB", 4 * 1024**3), ("1.5g", 3 * 1024**3 // 2),
    ("1000", 1000),
])
def test_sizes_read_like_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_serve_rejects_a_nonsense_upload_limit(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.cli", "serve", "--library", str(tmp_path), "--max-upload", "lots"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 2 and "not a size: 'lots'" in proc.stderr
