"""Pulls every subscription in the background: at start and every few minutes.

Each sync runs in a thread on a workspace of its own over the same data folder, so the
storage lock keeps it and the app apart exactly as it keeps two processes apart; the app
sees the result through the usual change signal. The workspace is dropped when the sync
ends and must be freed then (tests/core/test_workspace_lifetime.py): at the 5-minute
interval that is about a hundred workspaces a day.

``KEFU_SYNC_INTERVAL_S`` sets the interval in seconds (tests and benchmarks: the soak bench
compresses a working day into minutes).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.system.memory import release_free_memory
from assistant.core.workspace import open_workspace

INTERVAL_MS = 5 * 60 * 1000
FIRST_DELAY_MS = 3000
ENV_INTERVAL = "KEFU_SYNC_INTERVAL_S"


def interval_ms() -> int:
    """The sync interval: 5 minutes, or KEFU_SYNC_INTERVAL_S seconds (at least 0.1 s)."""
    raw = os.environ.get(ENV_INTERVAL, "").strip()
    try:
        seconds = float(raw)
    except ValueError:
        return INTERVAL_MS
    if not seconds > 0 or seconds == float("inf"):
        return INTERVAL_MS
    return max(100, round(seconds * 1000))


class SyncWorker(QObject):
    started = Signal()
    finished = Signal(list)  # list[SyncResult]

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._running = False
        self.runs = 0  # syncs finished since the app started
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms())
        self._timer.timeout.connect(self.sync_now)
        self._first: QTimer | None = None

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        # A child timer, not QTimer.singleShot(callable): it dies with this worker, so a
        # worker deleted before its first sync never has a callback fire on its remains.
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.sync_now)
        self._first.start(min(FIRST_DELAY_MS, self._timer.interval()))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._first is not None:
            self._first.stop()

    def sync_now(self) -> None:
        if self._running:
            return
        self._running = True
        self.started.emit()
        threading.Thread(target=self._run, name="kefu-sync", daemon=True).start()

    def _run(self) -> None:
        try:
            results = sync_once(self._data_dir)
        except Exception as exc:  # never let a sync problem take the app down
            message = QCoreApplication.translate("SyncNotice", "同步出错：{0}").format(exc)
            results = [SyncResult("", "*", False, message)]
        release_free_memory()  # the workspace it read is gone: give its pages back
        self._running = False
        self.runs += 1
        self.finished.emit(results)


def sync_once(data_dir: Path) -> list[SyncResult]:
    """One sync on a workspace opened for it, dropped (and freed) when this returns."""
    ws = open_workspace(data_dir, builtins=False)
    sync = PackSync(ws.phrases)
    return sync.sync_all() if sync.subscriptions() else []
