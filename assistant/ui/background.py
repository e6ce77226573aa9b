"""What the app does on its own while it runs: pulling subscribed phrase packs, the daily
backup, and Python's full garbage collections. The pulls work in a thread on objects of
their own over the same data folder, and the backup in a `kefu backup --daily` process, so
the storage locks keep them and the app apart as they keep two processes apart. The
collections run on the GUI thread while no window of the app is active (the agent works in
the chat program), never in the middle of a keystroke.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from assistant.core.memory import collect_and_set_aside, release_free_memory
from assistant.core.phrases.upkeep import backup_and_clean
from assistant.core.store import DataFolder
from assistant.core.store.backup import daily_backup_due
from assistant.core.workspace import Workspace
from assistant.ui.packs.sync_worker import SyncWorker
from assistant.ui.system.apart import made_apart

BACKUP_CHECK_MS = 60 * 60 * 1000
FIRST_BACKUP_MS = 10_000
BACKUP_TIMEOUT_S = 600  # a hang guard: a large library zips in seconds
COLLECT_CHECK_MS = 60_000  # a look each minute: is the app idle, is a collection due
COLLECT_EVERY_S = 600.0


def no_window_active() -> bool:
    """The agent works in another program: no window of the app has the keyboard."""
    return QApplication.activeWindow() is None and QApplication.activeModalWidget() is None


class IdleCollector(QObject):
    """Python's full collections, made while the app is idle (``core/memory.py``): the first
    at the first idle minute after the start (its indexes loaded by then), then one at most
    every ``every_s`` seconds."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        is_idle: Callable[[], bool] = no_window_active,
        check_ms: int = COLLECT_CHECK_MS,
        every_s: float = COLLECT_EVERY_S,
    ) -> None:
        super().__init__(parent)
        self.is_idle = is_idle
        self.every_s = every_s
        self.collections = 0
        self.set_aside = 0  # objects set aside by the last collection
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    def retime(self, check_ms: int, every_s: float) -> None:
        """Another clock (the soak bench compresses a day)."""
        self._timer.setInterval(check_ms)
        self.every_s = every_s

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> bool:
        """Collect if the app is idle and a collection is due; whether it collected."""
        now = time.monotonic()
        if self._last is not None and now - self._last < self.every_s:
            return False
        if not self.is_idle():
            return False
        self.set_aside = collect_and_set_aside()
        self.collections += 1
        self._last = time.monotonic()
        return True


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
        self.collector = IdleCollector(self)

    def start(self) -> None:
        self.sync.start()
        self._backup_timer.start()
        self._first_backup.start(FIRST_BACKUP_MS)
        self.collector.start()

    def stop(self) -> None:
        self.sync.stop()
        self._backup_timer.stop()
        self._first_backup.stop()
        self.collector.stop()

    def daily_backup(self) -> None:
        """Today's backup, in the background: a large library takes a few seconds to zip.
        Made by a `kefu backup --daily` process of its own (``core/phrases/upkeep.py``),
        here only when that process cannot run."""
        if not daily_backup_due(self.ws.folder):
            return
        path = self.ws.path

        def run() -> None:
            if made_apart(path, "backup", "--daily", timeout=BACKUP_TIMEOUT_S, what="daily backup"):
                return
            with contextlib.suppress(Exception):  # reported by the next manual backup instead
                backup_and_clean(DataFolder(path))  # its own objects: safe in a thread
            release_free_memory()

        threading.Thread(target=run, name="kefu-backup", daemon=True).start()
