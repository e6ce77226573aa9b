"""One signal for "the data changed": from this app's own edits or from another process.

Other processes (the `kefu` command) replace data files atomically, which shows up as a
change of the folder that holds them; a short debounce turns a burst into one refresh.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class ChangeNotifier(QObject):
    changed = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._data_dir = data_dir
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(self._on_disk_change)
        self._watch()

    def _watch(self) -> None:
        folders = [self._data_dir] + [p for p in self._data_dir.iterdir() if p.is_dir()]
        missing = [str(f) for f in folders if str(f) not in self._watcher.directories()]
        if missing:
            self._watcher.addPaths(missing)

    def _on_disk_change(self, _path: str) -> None:
        self._watch()  # a collection folder may have been created since
        self._debounce.start()

    def notify(self) -> None:
        """Call after an edit made in this app."""
        self._debounce.start()
