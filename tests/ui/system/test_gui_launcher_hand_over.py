"""The app's own launcher (`kefu-gui`, `python -m assistant.ui.app`) started a second time:
with the first app busy or still starting it says so and exits at once, and never becomes
a second app. (`kefu show` is tested the same way in test_show_while_starting.py.)

Real processes: the app (offscreen, --fake-hotkey) and the launcher as a user starts it.
A busy app is a socket that takes connections and never answers.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.system.instance import SHOW_REQUEST, instance_address, send_to_running
from assistant.core.workspace import open_workspace
from assistant.ui.system.instance_server import BUSY, STARTING
from tests.ui.system.test_show_while_starting import wait_for_line
from tests.ui.system.test_single_instance import START_TIMEOUT, AppProcess, run_quick

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files only")


def launch_gui(data: Path) -> str:
    again = run_quick("-m", "assistant.ui.app", "--data-dir", str(data), "--fake-hotkey")
    assert again.returncode == 0, again.stderr
    assert "kefu: ready" not in again.stderr and "kefu: starting" not in again.stderr
    return again.stderr


@pytest.fixture
def stuck_app(seeded_dir: Path) -> Iterator[socket.socket]:
    address = instance_address(seeded_dir)
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(address)
    stuck.listen(8)
    try:
        yield stuck
    finally:
        stuck.close()
        Path(address).unlink(missing_ok=True)


@unix_only
def test_the_launcher_says_the_app_is_busy_and_leaves_the_command_waiting(
    seeded_dir: Path, stuck_app: socket.socket
) -> None:
    assert BUSY in launch_gui(seeded_dir)
    stuck_app.settimeout(10)
    conn, _ = stuck_app.accept()
    with conn:
        assert conn.recv(16) == b"show\n"  # the app reads it once its loop is free


def test_the_launcher_says_the_app_is_starting_and_the_app_opens_the_panel_later(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    writer = open_workspace(data, builtins=False)
    first = AppProcess(data)
    try:
        with writer.folder.phrases.transaction():  # the first app waits for this lock
            wait_for_line(first, "kefu: starting")  # it holds the app lock, not yet listening
            assert STARTING in launch_gui(data)
            assert (data / SHOW_REQUEST).exists()
        first.wait_ready()
        assert send_to_running(data, "quit", timeout=10)
        assert first.proc.wait(timeout=START_TIMEOUT) == 0
        assert not (data / SHOW_REQUEST).exists()  # read by the first app once it listened
    finally:
        first.kill()
