"""`kefu show` answers at once: it never waits for a busy app, and never starts a second app
while one is still starting.

Real processes: the app (offscreen, --fake-hotkey) and `kefu show` as the user runs it. An
app "still starting" is a real app waiting on its data folder, whose lock the test holds
(as a long `kefu pack import` would); an app "busy" is a socket that takes connections but
never answers, as an app whose GUI thread is stuck does.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.core.system.instance import (
    SHOW_REQUEST,
    instance_address,
    send_to_running,
)
from assistant.core.workspace import open_workspace
from tests.ui.system.test_single_instance import START_TIMEOUT, AppProcess, run_quick


@pytest.fixture
def launch() -> Iterator[Callable[[Path], AppProcess]]:
    started: list[AppProcess] = []

    def start(data_dir: Path) -> AppProcess:
        app = AppProcess(data_dir)
        started.append(app)
        return app

    try:
        yield start
    finally:
        for app in started:
            app.kill()


def wait_for_line(app: AppProcess, prefix: str) -> None:
    while True:
        line = app.lines.get(timeout=START_TIMEOUT)
        if line is None:
            pytest.fail(f"the app exited ({app.proc.wait()}):\n" + "".join(app.seen))
        app.seen.append(line)
        if line.startswith(prefix):
            return


def test_kefu_show_while_the_app_is_starting_starts_no_second_app(
    tmp_path: Path, launch: Callable[[Path], AppProcess], qtbot: QtBot
) -> None:
    data = tmp_path / "data"  # a first run: the app installs the built-in packs
    other_writer = open_workspace(data, builtins=False)
    with other_writer.folder.phrases.transaction():  # the starting app waits for this lock
        first = launch(data)
        wait_for_line(first, "kefu: starting")  # it holds the app lock, and does not listen yet

        shown = run_quick("-m", "assistant", "--data-dir", str(data), "show")

        assert shown.returncode == 0, shown.stderr
        assert "正在启动" in shown.stderr
        assert "kefu: starting" not in shown.stderr  # it did not try to be the app
        assert "kefu: ready" not in shown.stderr
        assert (data / SHOW_REQUEST).exists()  # for the starting app to read
        assert first.proc.poll() is None
    first.wait_ready()
    # The first app read the request once it listened (and opened the panel).
    qtbot.waitUntil(lambda: not (data / SHOW_REQUEST).exists(), timeout=START_TIMEOUT * 1000)
    assert send_to_running(data, "quit", timeout=10)
    assert first.proc.wait(timeout=START_TIMEOUT) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files only")
def test_kefu_show_says_the_app_is_busy_instead_of_starting_another(seeded_dir: Path) -> None:
    address = instance_address(seeded_dir)
    stuck = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stuck.bind(address)
    stuck.listen(8)  # takes connections, never answers: an app whose event loop is blocked
    try:
        shown = run_quick("-m", "assistant", "--data-dir", str(seeded_dir), "show")

        assert shown.returncode == 0, shown.stderr
        assert "正忙" in shown.stderr
        assert "kefu: ready" not in shown.stderr  # no second app
        stuck.settimeout(10)
        conn, _ = stuck.accept()  # the command waits for the app in the socket
        with conn:
            assert conn.recv(16) == b"show\n"
    finally:
        stuck.close()
        Path(address).unlink(missing_ok=True)
