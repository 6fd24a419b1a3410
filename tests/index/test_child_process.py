"""Helper processes die with us and start safely from many threads at once (``index.child_process``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import child_process
from index.child_process import kill_group, spawn, tied

LINUX = sys.platform.startswith("linux")


def test_no_python_runs_in_the_forked_child() -> None:
    """A ``preexec_fn`` runs Python between fork and exec; forked from a process with other threads, a child
    can wait there for a lock one of them held (a render starting three ffmpegs at once hung for good)."""
    argv, kwargs = tied(["ffmpeg", "-version"])
    assert "preexec_fn" not in kwargs and kwargs["start_new_session"] is True
    assert argv[-2:] == ["ffmpeg", "-version"]


# Another thread holds a lock and keeps, in its thread-local storage, an object whose clean-up takes that
# lock (as a decoder's cached PyAV reformatter joins its slice threads). A child forked to run Python before
# exec clears the other threads' storage, so the clean-up waits for the lock forever: the render that started
# three ffmpegs at once hung so. The scenario runs in a process of its own, so a hang fails this test.
_FORK_WHILE_HELD = """
import sys, threading
from index.child_process import spawn
held, ready, done, local = threading.Lock(), threading.Event(), threading.Event(), threading.local()
class Owner:
    def __del__(self):
        with held:
            pass
def holder():
    local.owner = Owner()
    with held:
        ready.set()
        done.wait()
thread = threading.Thread(target=holder)
thread.start()
ready.wait()
print(spawn([sys.executable, "-c", "pass"]).wait(timeout=30))
done.set()
thread.join()
"""


def test_a_child_starts_while_another_thread_holds_a_lock_its_storage_needs() -> None:
    proc = subprocess.Popen([sys.executable, "-c", _FORK_WHILE_HELD], cwd=Path(__file__).resolve().parents[2],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the process and its stuck child
        proc.communicate()
        pytest.fail("starting a child hung: the forked child waited for a lock another thread held")
    assert proc.returncode == 0 and out.strip() == "0"


@pytest.mark.skipif(not LINUX or child_process._setpriv() is None, reason="needs util-linux setpriv (Linux)")
def test_a_child_dies_when_the_process_that_started_it_is_killed(tmp_path: Path) -> None:
    """The parent here is a Python process that spawns a long sleep, writes its pid and waits; SIGKILLed, it
    runs no cleanup, so only the death signal ends the sleep."""
    pid_file = tmp_path / "child.pid"
    script = (
        "import sys, time\n"
        "from index.child_process import spawn\n"
        "proc = spawn(['sleep', '300'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(proc.pid))\n"
        "proc.wait()\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2])
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        assert _running(child)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _running(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(child), "the child outlived its SIGKILLed parent"
    finally:
        if parent.poll() is None:
            parent.kill()


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie, or one reparented and reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_kill_group_ends_a_running_child() -> None:
    proc = spawn(["sleep", "300"])
    kill_group(proc)
    assert proc.wait(timeout=10) == -signal.SIGKILL
