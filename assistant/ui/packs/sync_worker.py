"""Pulls every subscription in the background: at start and every few minutes.

The worker opens its own workspace on the same data folder, so the storage locks keep it
and the app apart exactly as they keep two processes apart; the app sees the result
through the usual change signal.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from assistant.core.sync.service import PackSync, SyncResult
from assistant.core.workspace import open_workspace

INTERVAL_MS = 5 * 60 * 1000
FIRST_DELAY_MS = 3000


class SyncWorker(QObject):
    started = Signal()
    finished = Signal(list)  # list[SyncResult]

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        QTimer.singleShot(FIRST_DELAY_MS, self.sync_now)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def sync_now(self) -> None:
        if self._running:
            return
        self._running = True
        self.started.emit()
        threading.Thread(target=self._run, name="kefu-sync", daemon=True).start()

    def _run(self) -> None:
        try:
            ws = open_workspace(self._data_dir, builtins=False)
            sync = PackSync(ws.phrases)
            results = sync.sync_all() if sync.subscriptions() else []
        except Exception as exc:  # never let a sync problem take the app down
            results = [SyncResult("", "*", False, f"同步出错：{exc}")]
        self._running = False
        self.finished.emit(results)
