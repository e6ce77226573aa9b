"""Open and save dialogs that start where the agent's files are, not in the program's folder.

A dialog given no folder opens in the current directory, which for an installed app is the
program's own folder. Here it opens in the folder last used for this kind of file (kept in
the data folder's settings), else in 下载 (Downloads) if there is one, else in the home
folder. Every file dialog of the app goes through these two functions.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from assistant.core.errors import KefuError
from assistant.core.recent_folders import RecentFolders
from assistant.core.workspace import Workspace

# The kinds of file a dialog asks for: each remembers its own folder.
PHRASE_FILES = "phrases"
STATS_FILES = "stats"
ORDER_REPORTS = "orders"


def default_folder() -> Path:
    """Downloads if it exists (where a 千牛 export or a report from the back office lands),
    else the home folder."""
    location = QStandardPaths.StandardLocation
    downloads = QStandardPaths.writableLocation(location.DownloadLocation)
    if downloads and Path(downloads).is_dir():
        return Path(downloads)
    return Path(QStandardPaths.writableLocation(location.HomeLocation) or Path.home())


def start_folder(ws: Workspace, kind: str) -> Path:
    try:
        remembered = RecentFolders(ws.folder).get(kind)
    except (KefuError, OSError):  # unreadable settings: the dialog still opens
        remembered = None
    return remembered or default_folder()


def _remember(ws: Workspace, kind: str, chosen: Path) -> None:
    # Only a convenience: when it cannot be kept, the next dialog opens in Downloads.
    with contextlib.suppress(KefuError, OSError):
        RecentFolders(ws.folder).remember(kind, chosen.parent)


def open_file(parent: QWidget, ws: Workspace, kind: str, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(ws, kind)), filters)
    if not name:
        return None
    _remember(ws, kind, Path(name))
    return Path(name)


def save_file(
    parent: QWidget, ws: Workspace, kind: str, title: str, suggested: str, filters: str
) -> Path | None:
    start = start_folder(ws, kind) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not name:
        return None
    _remember(ws, kind, Path(name))
    return Path(name)
