"""The system clipboard for the command line, through pyperclip."""

from __future__ import annotations

import sys

from assistant.core.errors import KefuError

_HINT_LINUX = "请安装 xclip、xsel（X11）或 wl-clipboard（Wayland），例如：sudo apt install xclip"


class ClipboardUnavailable(KefuError):
    pass


def copy_text(text: str) -> None:
    """Put text on the clipboard and check it arrived; raise ClipboardUnavailable if not."""
    import pyperclip

    try:
        pyperclip.copy(text)
        landed = pyperclip.paste()
    except pyperclip.PyperclipException as exc:
        raise ClipboardUnavailable(_message()) from exc
    except OSError as exc:
        raise ClipboardUnavailable(f"{_message()}（{exc}）") from exc
    if landed != text:
        raise ClipboardUnavailable(_message())


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
