"""One signal for "the data changed", saying what changed: from this app's own edits
(``notify``) or from another process (read off the data folder).

Other processes replace data files atomically, which shows up as a change of the folder
that holds them; a short debounce turns a burst into one announcement. Views ``listen``
for what they show: a hidden window does not refresh, it refreshes once when shown again,
and a destroyed one stops listening.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from assistant.core.changes import Changed, changed_by, root_changes, root_files, watched_folders

DEBOUNCE_MS = 150


class ChangeNotifier(QObject):
    changed = Signal(object)  # a Changed: what changed since the last announcement

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._data_dir = data_dir
        self._root_files = root_files(data_dir)
        self._pending = Changed.NONE
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._announce)
        self._watcher.directoryChanged.connect(self._on_disk_change)
        self._watch()

    def _watch(self) -> None:
        watched = set(self._watcher.directories())
        missing = [str(f) for f in watched_folders(self._data_dir) if str(f) not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _on_disk_change(self, path: str) -> None:
        folder = Path(path)
        if folder == self._data_dir:
            self._watch()  # a collection folder may have been created since
            now = root_files(self._data_dir)
            what = root_changes(self._root_files, now)
            self._root_files = now
        else:
            what = changed_by(folder.name)
        self._add(what)

    def notify(self, what: Changed = Changed.ALL) -> None:
        """Call after an edit made in this app, saying what it changed."""
        self._add(what)

    def _add(self, what: Changed) -> None:
        if what:
            self._pending |= what
            self._debounce.start()

    def _announce(self) -> None:
        what, self._pending = self._pending, Changed.NONE
        if what:
            self.changed.emit(what)

    def listen(self, view: QWidget, what: Changed, refresh: Callable[[], None]) -> None:
        """Call ``refresh`` when something ``view`` shows changed, while it is visible."""
        _Listener(self, view, what, refresh)


class _Listener(QObject):
    """Lives as a child of its view: destroyed with it, which ends the connection."""

    def __init__(
        self, notifier: ChangeNotifier, view: QWidget, what: Changed, refresh: Callable[[], None]
    ) -> None:
        super().__init__(view)
        self._view = view
        self._what = what
        self._refresh = refresh
        self._stale = False
        notifier.changed.connect(self._on_changed)
        view.installEventFilter(self)

    def _on_changed(self, what: Changed) -> None:
        if not what & self._what:
            return
        if self._view.isVisible():
            self._refresh()
        else:
            self._stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self._stale:
            self._stale = False
            self._refresh()
        return False
