"""Starting the tray app from the command line, without importing Qt here."""

from __future__ import annotations

import os
import sys

from assistant.cli.output import warn
from assistant.core.paths import data_dir
from assistant.core.system.instance import Start, start_or_hand_over


def start_app(data: str | None, show: bool = False) -> int:
    """`kefu` alone starts the tray app; `kefu show` opens its quick panel.

    When the app already runs for this data folder it is asked to open the panel instead;
    when it is busy or still starting, this says so and returns at once (within about a
    second) rather than waiting, and never starts a second app.
    """
    start = start_or_hand_over(data_dir(data), "show")
    if start is Start.HANDED_OVER:
        return 0
    if start is Start.BUSY:
        warn("客服快捷助手正忙，空下来就会打开快速查找")
        return 0
    if start is Start.STARTING:
        warn("客服快捷助手正在启动，启动后会打开快速查找")
        return 0
    if _no_display():
        warn(
            "错误：没有图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法启动托盘程序。"
            "命令行用法见 kefu --help"
        )
        return 2
    try:
        from assistant.ui.app import run  # Qt is loaded only here, never by the command line
    except ImportError as exc:
        warn(f"错误：无法启动图形界面（{exc}）。命令行用法见 kefu --help")
        return 2
    return run(data, show=show)


def _no_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
