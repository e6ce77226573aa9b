"""The system clipboard for the command line, through pyperclip."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator

from assistant.core.errors import KefuError

_HINT_LINUX = "请安装 xclip、xsel（X11）或 wl-clipboard（Wayland），例如：sudo apt install xclip"

# xclip (0.13) takes the selection and forks, but its claim reaches the X server only when the
# forked child first waits for events: on a busy machine a read right after the copy can
# still get what was there before. So the copy is read back until it is there, for so long.
LAND_S = 2.0
LAND_POLL_S = 0.02


class ClipboardUnavailable(KefuError):
    pass


def copy_text(text: str) -> None:
    """Put text on the clipboard and check it arrived; raise ClipboardUnavailable if not."""
    import pyperclip

    try:
        with _quiet_children():
            pyperclip.copy(text)
            landed = _lands(pyperclip.paste, text)
    except pyperclip.PyperclipException as exc:
        raise ClipboardUnavailable(_message()) from exc
    except OSError as exc:
        raise ClipboardUnavailable(f"{_message()}（{exc}）") from exc
    if not landed:
        raise ClipboardUnavailable(_message())


def _lands(paste: Callable[[], str], text: str) -> bool:
    """Whether the clipboard reads back ``text`` within LAND_S."""
    deadline = time.monotonic() + LAND_S
    while paste() != text:
        if time.monotonic() >= deadline:
            return False
        time.sleep(LAND_POLL_S)  # the pace of reading back, not a guess at the delay
    return True


@contextlib.contextmanager
def _quiet_children() -> Iterator[None]:
    """xclip stays in the background to serve the clipboard; it must not inherit our
    stdout/stderr, or `x=$(kefu copy ...)` would wait for it forever."""
    saved = []
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            saved.append((fd, os.dup(fd)))
            os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass  # no real file descriptors (embedded use): nothing to protect
    try:
        yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)


def read_text() -> str:
    import pyperclip

    try:
        return str(pyperclip.paste())
    except (pyperclip.PyperclipException, OSError):
        return ""


def _message() -> str:
    if sys.platform.startswith("linux"):
        return "无法使用系统剪贴板：" + _HINT_LINUX + "；并确认已在图形桌面中运行"
    return "无法使用系统剪贴板"
