"""The folder a file dialog last used, per kind of file (phrase tables, order reports…).

Kept with the settings, in a document of its own: the agent's files are mostly in one or two
folders (下载, 桌面), and a dialog that opens there saves a walk through the disk each time.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.store import DataFolder

_DOC = "recent_folders"
MAX_PATH = 4096


class RecentFolders:
    def __init__(self, folder: DataFolder) -> None:
        self._settings = folder.settings

    def get(self, kind: str) -> Path | None:
        """The folder last used for ``kind``, if it still exists."""
        value = (self._settings.get(_DOC) or {}).get(kind)
        if not isinstance(value, str) or not value:
            return None
        path = Path(value)
        return path if path.is_absolute() and path.is_dir() else None

    def remember(self, kind: str, folder: Path) -> None:
        text = str(folder)
        if not folder.is_absolute() or len(text) > MAX_PATH or self.get(kind) == folder:
            return
        with self._settings.transaction():
            doc = dict(self._settings.get(_DOC) or {})
            doc[kind] = text
            self._settings.put(_DOC, doc)
