"""An image on the system clipboard from the command line (Linux: xclip or wl-copy).

pyperclip carries text only. On Linux the image goes to ``xclip`` (X11) or ``wl-copy``
(Wayland) as ``image/png``, the type every chat client there reads; a stored JPEG or GIF is
converted for it. Elsewhere the command line cannot put an image on the clipboard: the app
can (Qt's clipboard), and the message says so.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time

from assistant.cli.clipboard import LAND_POLL_S, LAND_S, ClipboardUnavailable

PNG = "image/png"
_HINT = "复制图片需要 xclip（X11）或 wl-clipboard（Wayland），例如：sudo apt install xclip"


def as_png(data: bytes) -> bytes:
    """The image as PNG (the first frame of an animation)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    from PIL import Image

    with Image.open(io.BytesIO(data)) as opened:
        image: Image.Image = opened
        if image.mode not in ("1", "L", "LA", "I", "P", "RGB", "RGBA"):  # CMYK, YCbCr...
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()


def copy_image(data: bytes) -> None:
    """Put the image on the clipboard as image/png and check it is offered there."""
    if not sys.platform.startswith("linux"):
        raise ClipboardUnavailable("命令行只能在 Linux 上复制图片；请在快速查找里按 Enter 复制")
    png = as_png(data)
    wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    if wayland and shutil.which("wl-copy"):
        _run(["wl-copy", "--type", PNG], png)
        _check(["wl-paste", "--type", PNG], png)
    elif os.environ.get("DISPLAY") and shutil.which("xclip"):
        _run(["xclip", "-selection", "clipboard", "-t", PNG, "-i"], png)
        _check(["xclip", "-selection", "clipboard", "-t", PNG, "-o"], png)
    else:
        raise ClipboardUnavailable(f"无法复制图片：{_HINT}；并确认已在图形桌面中运行")


def _run(command: list[str], data: bytes) -> None:
    # The tool stays in the background to serve the clipboard: it must not hold our
    # stdout/stderr open, or `x=$(kefu copy ...)` would wait for it.
    try:
        done = subprocess.run(
            command,
            input=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ClipboardUnavailable(f"无法复制图片（{command[0]}：{exc}）") from exc
    if done.returncode != 0:
        raise ClipboardUnavailable(f"无法复制图片（{command[0]} 退出码 {done.returncode}）")


def _check(command: list[str], png: bytes) -> None:
    """Read the image back until it is this one (an image copied before would pass a check
    of the offered types; see clipboard.LAND_S)."""
    deadline = time.monotonic() + LAND_S
    while True:
        try:
            served = subprocess.run(command, capture_output=True, timeout=5, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            served = b""
        if served == png:
            return
        if time.monotonic() >= deadline:
            raise ClipboardUnavailable(f"无法复制图片：剪贴板里没有出现图片（{command[0]}）")
        time.sleep(LAND_POLL_S)  # the pace of reading back, not a guess at the delay
