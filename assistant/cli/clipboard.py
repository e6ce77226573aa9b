"""The system clipboard for the command line, through pyperclip."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from assistant.core.errors import KefuError

_HINT_LINUX = "请安装 xclip、xsel（X11）或 wl-clipboard（Wayland），例如：sudo apt install xclip"


class ClipboardUnavailable(KefuError):
    pass


def copy_text(text: str) -> None:
    """Put text on the clipboard and check it arrived; raise ClipboardUnavailable if not."""
    import pyperclip

    try:
        with _quiet_children():
            pyperclip.copy(text)
            landed = pyperclip.paste()
    except pyperclip.PyperclipException as exc:
        raise ClipboardUnavailable(_message()) from exc
    except OSError as exc:
        raise ClipboardUnavailable(f"{_message()}（{exc}）") from exc
    if landed != text:
        raise ClipboardUnavailable(_message())


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
