"""What the app does on its own while it runs: pulling subscribed phrase packs, and the daily
backup. Both work in threads on their own objects over the same data folder, so the storage
locks keep them and the app apart as they keep two processes apart.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QTimer

from assistant.core.phrases.library import PhraseLibrary
from assistant.core.store import DataFolder
from assistant.core.store.backup import daily_backup, daily_backup_due
from assistant.core.workspace import Workspace
from assistant.ui.packs.sync_worker import SyncWorker

BACKUP_CHECK_MS = 60 * 60 * 1000
FIRST_BACKUP_MS = 10_000


class BackgroundJobs(QObject):
    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.sync = SyncWorker(ws.path, self)  # its finished signal carries the results
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.daily_backup)
        self._first_backup = QTimer(self)  # a child: it dies with the app (no stray callback)
        self._first_backup.setSingleShot(True)
        self._first_backup.timeout.connect(self.daily_backup)

    def start(self) -> None:
        self.sync.start()
        self._backup_timer.start()
        self._first_backup.start(FIRST_BACKUP_MS)

    def stop(self) -> None:
        self.sync.stop()
        self._backup_timer.stop()
        self._first_backup.stop()

    def daily_backup(self) -> None:
        """Today's backup, in the background: a large library takes a few seconds to zip."""
        if not daily_backup_due(self.ws.folder):
            return
        path = self.ws.path

        def run() -> None:
            with contextlib.suppress(Exception):  # reported by the next manual backup instead
                backup_and_clean(DataFolder(path))  # its own objects: safe in a thread

        threading.Thread(target=run, name="kefu-backup", daemon=True).start()


def backup_and_clean(folder: DataFolder) -> bool:
    """Today's backup if there is none yet, then (the backup holding today's images) the
    removal of images no phrase uses. True when a backup was made."""
    if daily_backup(folder) is None:
        return False
    PhraseLibrary(folder).remove_unused_images()
    return True
