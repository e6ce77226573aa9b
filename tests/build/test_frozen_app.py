"""The standalone build (issue 17): `bash scripts/build` makes dist/kefu/, and the frozen
program works with no Python environment around it — the command line, the tray app under
Xvfb with openbox answering `kefu show`, and the hotkey → `cf` → Enter flow.

The build runs once per session (about two minutes: a venv of its own, then PyInstaller).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.core.workspace import open_workspace
from tests.desktop.desktop import ChatWindow, Desktop, wait_for
from tests.desktop.test_panel_on_a_desktop import PANEL

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist" / "kefu"
FROZEN = DIST / ("kefu.exe" if os.name == "nt" else "kefu")
CLEAN_PATH = "/usr/bin:/bin"  # no venv, no pip-installed kefu


@pytest.fixture(scope="session")
def frozen() -> Iterator[Path]:
    # With pytest-xdist each worker has this session fixture: one builds, the others of the
    # same run (one PYTEST_XDIST_TESTRUNUID) use that build.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    stamp = REPO / "dist" / ".built-for-run"
    with FileLock(str(REPO / ".kefu-build.lock")):
        if not (run and stamp.is_file() and stamp.read_text() == run):
            done = _build()
            assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
            stamp.write_text(run)
    assert FROZEN.is_file()
    yield FROZEN


def _build() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "build")],
        cwd=REPO,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=1800,
        check=False,
    )


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user's session has: no Python, no venv, no PYTHONPATH."""
    env = {"HOME": str(home), "PATH": CLEAN_PATH, "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def test_the_build_holds_one_program_and_what_it_ships(frozen: Path) -> None:
    internal = DIST / "_internal" / "assistant" / "_data"
    assert (internal / "phrases" / "basic.json").is_file()
    assert (internal / "resources" / "lint").is_dir()
    assert (internal / "resources" / "i18n" / "kefu_en.qm").is_file()  # compiled
    assert (internal / "resources" / "icons" / "kefu.svg").is_file()
    qt_zh = list((DIST / "_internal").rglob("qtbase_zh_CN.qm"))
    assert qt_zh, "Qt's own Chinese strings"
    assert not list(DIST.rglob("tests")) and not list(DIST.rglob("bench"))
    files = [p for p in DIST.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb <= 300, f"{size_mb:.0f} MB"


def test_the_frozen_command_line_searches_with_no_python_around(
    frozen: Path, tmp_path: Path
) -> None:
    env = clean_env(tmp_path)
    done = subprocess.run(
        [str(frozen), "--data-dir", str(tmp_path / "data"), "search", "催付"],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[催付]" in done.stdout
    assert (tmp_path / "data" / "phrases").is_dir()  # its own data folder, made on first use


def _start_frozen_app(desk: Desktop, frozen: Path, data: Path) -> subprocess.Popen[bytes]:
    open_workspace(data, builtins=False).settings.update(setup_done=True)  # no welcome window
    log = desk.root / "frozen-app.log"
    proc = desk.start(str(frozen), "--data-dir", str(data), log=log, PATH=CLEAN_PATH, PYTHONPATH="")
    wait_for(
        "the frozen app to start",
        lambda: "kefu: ready" in log.read_text("utf-8", "replace") or proc.poll() is not None,
    )
    assert proc.poll() is None, log.read_text("utf-8", "replace")
    return proc


def test_the_frozen_app_answers_kefu_show_and_does_the_hotkey_flow(
    frozen: Path, desk: Desktop, chat: ChatWindow, seeded_dir: Path
) -> None:
    _start_frozen_app(desk, frozen, seeded_dir)
    shown = subprocess.run(
        [str(frozen), "--data-dir", str(seeded_dir), "show"],
        env={**desk.env, "PATH": CLEAN_PATH, "PYTHONPATH": ""},
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    desk.wait_window(PANEL)
    desk.key("Escape")
    desk.wait_gone(PANEL)

    desk.activate(chat.window)
    desk.key("ctrl+alt+space")
    panel = desk.wait_window(PANEL)
    wait_for("the panel to take focus", lambda: desk.active_window() == panel)
    desk.type("cf")
    desk.key("Return")
    text = desk.wait_clipboard("亲")
    assert "付款" in text or "拍" in text
    desk.wait_gone(PANEL)
    wait_for("focus back in the chat window", lambda: desk.active_window() == chat.window)
