"""The desktop tests run the real app on a real X server with a window manager (Xvfb +
openbox), next to a stand-in chat window. They need the X tools that scripts/test installs;
where those are missing (a developer's machine without them) they are skipped, and say so.

When one fails, its report carries what the desktop looked like: whether each process it
started is still running, the end of each log (the app's own messages, openbox's), and the
windows on screen; a failure that happens one run in many is then explained by its own run."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.desktop.desktop import (
    ChatWindow,
    Desktop,
    desktop,
    missing_tools,
    open_chat_window,
    wait_for,
)

LOG_TAIL = 8000
STACKS_S = 5.0


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desktop]:
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/test installs them)")
    root = tmp_path / "desktop"
    root.mkdir()
    with desktop(root) as d:
        yield d


@pytest.fixture
def chat(desk: Desktop) -> ChatWindow:
    return open_chat_window(desk)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    desk = getattr(item, "funcargs", {}).get("desk")
    if report.failed and report.when == "call" and isinstance(desk, Desktop):
        report.sections.append(("what the desktop looked like", describe(desk)))
    return report


def ask_for_stacks(desk: Desktop, pid: int) -> None:
    """The app prints every thread's stack to its log on SIGUSR1 (assistant/ui/app.py)."""
    log = desk.root / "app.log"
    before = log.stat().st_size if log.exists() else 0
    os.kill(pid, signal.SIGUSR1)
    with contextlib.suppress(AssertionError):
        wait_for(
            "the app's stacks",
            lambda: log.exists() and log.stat().st_size > before,
            limit=STACKS_S,
        )


def describe(desk: Desktop) -> str:
    lines = []
    for proc in desk.procs:
        state = "running" if proc.poll() is None else f"exited {proc.returncode}"
        lines.append(f"{state}: {str(proc.args)[:200]}")
    lines.append("visible windows:")
    for window in desk.windows("."):
        lines.append(f"  {window}: {desk.window_name(window)!r}")
    lines.append(f"active: {desk.active_window()!r} (the window manager's)")
    focus = desk.run("xdotool", "getwindowfocus", check=False).strip()
    lines.append(f"keyboard focus: {focus!r} (the X server's; a child or frame of a window)")
    for proc in desk.procs:
        if proc.poll() is None and "assistant.ui.app" in map(str, proc.args):  # type: ignore[arg-type]
            ask_for_stacks(desk, proc.pid)
    for log in sorted(desk.root.glob("*.log")):
        text = log.read_text("utf-8", "replace")
        lines.append(f"--- {log.name} (last {LOG_TAIL} characters) ---")
        lines.append(text[-LOG_TAIL:])
    return "\n".join(lines)
