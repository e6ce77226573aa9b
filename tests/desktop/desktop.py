"""A real desktop for the end-to-end GUI tests: a private Xvfb display with the openbox window
manager, a stand-in chat window, the real app process, and the X tools a user's desktop has
(xdotool presses keys, xclip reads the clipboard as another client sees it, ImageMagick's
``import`` takes screenshots).

Nothing here is a double. Waiting is for a condition (a window that exists, a file that holds
a text), with a generous limit that only guards against a hang.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

PYTHON = sys.executable
HANG_GUARD_S = 60.0  # a hang guard only: conditions take a fraction of it, even on a loaded machine
POLL_S = 0.05
TOOLS = ("Xvfb", "openbox", "xdotool", "xclip", "xprop")
T = TypeVar("T")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_for(what: str, probe: Callable[[], T | None], limit: float = HANG_GUARD_S) -> T:
    """Poll ``probe`` until it returns something truthy; fail naming ``what`` at ``limit``."""
    end = time.monotonic() + limit
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what} after {limit:g} s")
        time.sleep(POLL_S)  # the poll's pace, not a guess at how long something takes


@dataclass
class Desktop:
    display: str
    root: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", XDG_SESSION_TYPE="x11")
        env.pop("KEFU_DATA_DIR", None)
        return env

    def run(self, *args: str, check: bool = True, stdin: bytes | None = None) -> str:
        done = subprocess.run(
            list(args),
            env=self.env,
            input=stdin,
            capture_output=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"{args[0]} failed ({done.returncode}): {done.stderr.decode()}")
        return done.stdout.decode("utf-8", "replace")

    def start(self, *args: str, log: Path | None = None, **env: str) -> subprocess.Popen[bytes]:
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - lives with the process
        proc = subprocess.Popen(
            list(args),
            env={**self.env, **env},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    # -- what a user sees and does ------------------------------------------------------------

    def key(self, *keys: str) -> None:
        """Press keys as the keyboard would, into whatever window has focus."""
        self.run("xdotool", "key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "30", text)

    def windows(self, name: str, visible: bool = True) -> list[str]:
        args = ["xdotool", "search"]
        if visible:
            args.append("--onlyvisible")
        out = self.run(*args, "--name", name, check=False)
        return out.split()

    def wait_window(self, name: str, visible: bool = True) -> str:
        def first() -> str | None:
            found = self.windows(name, visible)
            return found[0] if found else None

        return wait_for(f"a window named {name!r}", first)

    def wait_gone(self, name: str) -> None:
        wait_for(f"the window {name!r} to hide", lambda: not self.windows(name))

    def active_window(self) -> str:
        return self.run("xdotool", "getactivewindow", check=False).strip()

    def window_name(self, window: str) -> str:
        return self.run("xdotool", "getwindowname", window, check=False).strip()

    def activate(self, window: str) -> None:
        self.run("xdotool", "windowactivate", "--sync", window)

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width, height of a window's inside on the screen."""
        out = self.run("xdotool", "getwindowgeometry", "--shell", window)
        got = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(got["X"]), int(got["Y"]), int(got["WIDTH"]), int(got["HEIGHT"])

    def click_into(self, window: str, avoiding: str) -> None:
        """A real click of the first button into ``window``, where ``avoiding`` (a window
        over it: the panel, which opens at the pointer) is not, 40 px clear of it."""
        x, y, w, h = self.geometry(window)
        ax, ay, aw, ah = self.geometry(avoiding)
        spots = [(x + w // 2, y + h // 2)] + [
            (px, py) for px in range(x + 10, x + w - 10, 30) for py in range(y + 10, y + h - 10, 30)
        ]
        for px, py in spots:
            if not (ax - 40 <= px <= ax + aw + 40 and ay - 70 <= py <= ay + ah + 40):
                self.run("xdotool", "mousemove", str(px), str(py), "click", "1")
                return
        raise AssertionError(f"no spot of {window} outside {avoiding}")

    def stacking(self) -> list[str]:
        """Managed windows from bottom to top, as the window manager stacks them (hex ids)."""
        out = self.run("xprop", "-root", "_NET_CLIENT_LIST_STACKING")
        return [w.strip().lower() for w in out.split("#", 1)[-1].split(",") if w.strip()]

    def is_above(self, upper: str, lower: str) -> bool:
        order = self.stacking()
        up, low = _hex(upper), _hex(lower)
        return up in order and low in order and order.index(up) > order.index(low)

    def topmost_of(self, windows: list[str]) -> str | None:
        order = self.stacking()
        ranked = [w for w in windows if _hex(w) in order]
        return max(ranked, key=lambda w: order.index(_hex(w))) if ranked else None

    def clipboard(self, target: str = "UTF8_STRING") -> bytes:
        done = subprocess.run(
            ["xclip", "-selection", "clipboard", "-o", "-t", target],
            env=self.env,
            capture_output=True,
            timeout=HANG_GUARD_S,
            check=False,
        )
        return done.stdout if done.returncode == 0 else b""

    def wait_clipboard(self, expected: str) -> str:
        def holds() -> str | None:
            text = self.clipboard().decode("utf-8", "replace")
            return text if expected in text else None

        return wait_for(f"{expected!r} on the clipboard", holds)

    def set_clipboard(self, text: str) -> None:
        """Another client owns the clipboard with ``text`` (xclip serves it until replaced)."""
        proc = subprocess.Popen(
            ["xclip", "-selection", "clipboard", "-i"],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert proc.stdin is not None
        proc.stdin.write(text.encode())
        proc.stdin.close()
        self.procs.append(proc)
        wait_for("the clipboard to change", lambda: self.clipboard().decode() == text)

    def screenshot(self, path: Path) -> Path | None:
        if shutil.which("import") is None:
            return None
        self.run("import", "-window", "root", str(path), check=False)
        return path if path.exists() else None

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        for proc in reversed(self.procs):
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)


def _hex(window: str) -> str:
    return hex(int(window))


@contextlib.contextmanager
def desktop(root: Path, size: str = "1280x800x24") -> Iterator[Desktop]:
    """Xvfb on a free display number, openbox managing it."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        # -noreset: by default the server resets when its last client leaves, and a client that
        # connects during the reset (openbox, right after an xprop probe) is refused and exits.
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            size,
            "-nolisten",
            "tcp",
            "-ac",
            "-noreset",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    desk = Desktop(display=f":{number}", root=root, procs=[xvfb])
    try:
        _start_window_manager(desk)
        yield desk
    finally:
        desk.stop()


def _start_window_manager(desk: Desktop) -> None:
    """Start openbox and wait until it manages the screen; if it exits first (a display it
    could not open), start it again, and fail with its own words when it never comes up."""
    log = desk.root / "openbox.log"
    for _attempt in range(3):
        wm = desk.start("openbox", "--sm-disable", log=log)

        def up_or_gone(wm: subprocess.Popen[bytes] = wm) -> str | None:
            if _wm_running(desk):
                return "up"
            return "gone" if wm.poll() is not None else None

        if wait_for("openbox to manage the screen", up_or_gone) == "up":
            return
    said = log.read_text("utf-8", "replace") if log.exists() else ""
    raise AssertionError(f"openbox exited three times without managing the screen: {said[-2000:]}")


def _wm_running(desk: Desktop) -> bool:
    out = desk.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False)
    return "window id" in out


STANDIN = r"""
import pathlib, sys
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from PySide6.QtCore import QEvent, QObject

app = QApplication(sys.argv[:1])
log = pathlib.Path(sys.argv[1])
keys = pathlib.Path(sys.argv[2])
edit = QPlainTextEdit()
edit.setWindowTitle("chat-standin")
edit.resize(640, 480)
edit.move(40, 40)

class Keys(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.KeyPress:
            with keys.open("a", encoding="utf-8") as f:
                f.write(f"{event.key()} {int(event.modifiers().value)}\n")
        return False

spy = Keys()
edit.installEventFilter(spy)
edit.textChanged.connect(lambda: log.write_text(edit.toPlainText(), "utf-8"))
edit.show()
print("standin ready", flush=True)
app.exec()
"""


@dataclass
class ChatWindow:
    """The stand-in for 千牛/咚咚: a text box that records what is typed or pasted into it and
    every key press it receives."""

    window: str
    text_file: Path
    keys_file: Path

    def text(self) -> str:
        return self.text_file.read_text("utf-8") if self.text_file.exists() else ""

    def key_presses(self) -> list[tuple[int, int]]:
        if not self.keys_file.exists():
            return []
        rows = self.keys_file.read_text("utf-8").split()
        return [(int(rows[i]), int(rows[i + 1])) for i in range(0, len(rows) - 1, 2)]


def open_chat_window(desk: Desktop) -> ChatWindow:
    script = desk.root / "standin.py"
    script.write_text(STANDIN, "utf-8")
    text_file, keys_file = desk.root / "chat.txt", desk.root / "chat-keys.txt"
    desk.start(PYTHON, str(script), str(text_file), str(keys_file), log=desk.root / "standin.log")
    window = desk.wait_window("chat-standin")
    desk.activate(window)
    return ChatWindow(window, text_file, keys_file)


@dataclass
class App:
    proc: subprocess.Popen[bytes]
    data: Path
    log: Path

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace") if self.log.exists() else ""


def start_app(desk: Desktop, data: Path, *args: str, welcome: bool = False, **env: str) -> App:
    """The real app on this desktop. Unless ``welcome``, as for an agent who answered the
    first-run window before: that window activates itself once mapped, which on a loaded machine
    can come after a test has activated the chat window and take the focus from it."""
    if not welcome:
        from assistant.core.workspace import open_workspace

        open_workspace(data, builtins=False).settings.update(setup_done=True)
    log = desk.root / "app.log"
    proc = desk.start(
        PYTHON, "-m", "assistant.ui.app", "--data-dir", str(data), *args, log=log, **env
    )
    app = App(proc, data, log)
    wait_for("the app to start", lambda: "kefu: ready" in app.output() or proc.poll() is not None)
    assert proc.poll() is None, app.output()
    return app


def kefu(desk: Desktop, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, on this desktop (``kefu show`` reaches the running app)."""
    return subprocess.run(
        [PYTHON, "-m", "assistant", "--data-dir", str(data), *args],
        env=desk.env,
        capture_output=True,
        encoding="utf-8",
        timeout=HANG_GUARD_S * 4,
        check=False,
    )


def open_panel(desk: Desktop, chat: ChatWindow, title: str = "快速查找") -> str:
    """The hotkey pressed in the chat window; the panel's window once it has the focus."""
    desk.activate(chat.window)
    desk.key("ctrl+alt+space")
    panel = desk.wait_window(title)
    wait_for("the panel to have the focus", lambda: desk.active_window() == panel)
    return panel
