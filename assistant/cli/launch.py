"""Starting the tray app from the command line, without importing Qt here."""

from __future__ import annotations

from assistant.cli.output import warn
from assistant.core.instance import send_to_running
from assistant.core.paths import data_dir


def start_app(data: str | None, show: bool = False) -> int:
    """`kefu` alone starts the tray app; `kefu show` opens its quick panel.

    When the app already runs for this data folder it is asked to open the panel instead.
    """
    if send_to_running(data_dir(data), "show"):
        return 0
    try:
        from assistant.ui.app import run  # Qt is loaded only here, never by the command line
    except ImportError as exc:
        warn(f"错误：无法启动图形界面（{exc}）。命令行用法见 kefu --help")
        return 2
    return run(data, show=show)
