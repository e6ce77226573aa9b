"""One running app per data folder: a second start hands over and exits; a stale socket left
by a crash does not block the next start.

The app runs in its own process with --fake-hotkey: registering a global hotkey with the OS
cannot run offscreen. Everything else (the local socket, the hand-over) is real. Offscreen has
no system tray, so the app runs with its small main window, and "quit" must end it anyway.
"""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.core.system.instance import instance_address, send_to_running
from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.system.instance_server import InstanceServer

START_TIMEOUT = 60  # seconds: a cold Python + Qt start on a loaded CI machine
HAND_OVER_TIMEOUT = 30  # a hand-over that fails starts a second app, which never exits


def app_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("KEFU_DATA_DIR", None)
    return env


class AppProcess:
    """The real app in a subprocess, with its stderr read on a thread (no polling sleeps)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assistant.ui.app",
                "--data-dir",
                str(data_dir),
                "--fake-hotkey",
            ],
            env=app_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put(None)  # end of output: the process exited

    def wait_ready(self) -> None:
        while True:
            try:
                line = self.lines.get(timeout=START_TIMEOUT)
            except queue.Empty:
                pytest.fail("the app did not report ready:\n" + "".join(self.seen))
            if line is None:
                pytest.fail(f"the app exited ({self.proc.wait()}):\n" + "".join(self.seen))
            self.seen.append(line)
            if line.startswith("kefu: ready"):
                return

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
            # a killed app leaves its socket file behind: do not leave it in the temp folder
            address = instance_address(self.data_dir)
            if sys.platform != "win32" and os.path.exists(address):
                os.unlink(address)
        self.proc.wait(timeout=30)
        if self.proc.stderr is not None:
            self.proc.stderr.close()


@pytest.fixture
def start_app() -> Iterator[Callable[[Path], AppProcess]]:
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


def run_quick(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=app_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        timeout=HAND_OVER_TIMEOUT,
        check=False,
    )


def test_a_second_start_hands_over_to_the_running_app(seeded_dir: Path, start_app) -> None:
    first = start_app(seeded_dir)
    first.wait_ready()

    shown = run_quick("-m", "assistant", "--data-dir", str(seeded_dir), "show")
    assert shown.returncode == 0, shown.stderr
    assert "kefu: ready" not in shown.stderr  # no second app started
    assert first.proc.poll() is None  # the first keeps running

    again = run_quick("-m", "assistant.ui.app", "--data-dir", str(seeded_dir), "--fake-hotkey")
    assert again.returncode == 0, again.stderr
    assert "kefu: ready" not in again.stderr
    assert first.proc.poll() is None

    assert send_to_running(seeded_dir, "quit")
    assert first.proc.wait(timeout=START_TIMEOUT) == 0
    assert not send_to_running(seeded_dir, "show")  # nobody listens any more


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files only")
def test_a_stale_socket_file_does_not_block_a_new_start(seeded_dir: Path, start_app) -> None:
    address = instance_address(seeded_dir)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        leftover.bind(address)  # what a crashed app leaves behind: a file nobody listens on
    finally:
        leftover.close()
    try:
        assert os.path.exists(address)
        assert not send_to_running(seeded_dir, "show")

        app = start_app(seeded_dir)
        app.wait_ready()
        assert send_to_running(seeded_dir, "quit")
        assert app.proc.wait(timeout=START_TIMEOUT) == 0
    finally:
        if os.path.exists(address):
            os.unlink(address)


def send_in_thread(data_dir: Path, command: str) -> tuple[threading.Thread, list[bool]]:
    """The client blocks for the answer, and the server answers from this thread's event loop."""
    answers: list[bool] = []
    thread = threading.Thread(
        target=lambda: answers.append(send_to_running(data_dir, command, timeout=10)),
        daemon=True,
    )
    thread.start()
    return thread, answers


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files only")
def test_the_server_takes_over_a_stale_socket_in_process(seeded_dir: Path, qtbot: QtBot) -> None:
    address = instance_address(seeded_dir)
    leftover = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    leftover.bind(address)
    leftover.close()
    server = InstanceServer(seeded_dir)
    try:
        assert server.listen()
        with qtbot.waitSignal(server.command, timeout=10_000) as received:
            thread, answers = send_in_thread(seeded_dir, "show")
        assert received.args == ["show"]
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
        assert answers == [True]
    finally:
        server.close()
        if os.path.exists(address):
            os.unlink(address)


def test_show_from_another_process_opens_the_panel(
    ws: Workspace, make_app: Callable[..., KefuApp], qtbot: QtBot
) -> None:
    app = make_app(ws)
    assert not app.panel.isVisible()
    thread, answers = send_in_thread(ws.path, "show")
    qtbot.waitUntil(app.panel.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
    assert answers == [True]
