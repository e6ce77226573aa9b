"""Pulls every subscription in the background: at start and every few minutes.

Each sync is a process of its own (``kefu --json pack sync``), waited for by a thread: the
storage lock keeps it and the app apart as it keeps any two processes apart, and the app sees
the result through the usual change signal and the JSON the command prints. In the app's own
process a sync read the whole library into a workspace of its own: tens of MB at 20,000
phrases that the allocator kept, and seconds of Python work competing with the quick panel
for the interpreter's lock, about a hundred times a day. A process gives all of it back when
it ends. A sync still running when the app quits is killed: a killed writer leaves the
folder as it was before, or finished by the next one that opens it.

``KEFU_SYNC_INTERVAL_S`` sets the interval in seconds (tests and benchmarks: the soak bench
compresses a working day into minutes).
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from assistant.core.store import DataFolder
from assistant.core.sync.apply import ApplyReport
from assistant.core.sync.sources.base import SyncError
from assistant.core.sync.subscriptions import SyncResult, load_subscriptions
from assistant.core.system.command import kefu_command, quiet_child_flags

INTERVAL_MS = 5 * 60 * 1000
FIRST_DELAY_MS = 3000
ENV_INTERVAL = "KEFU_SYNC_INTERVAL_S"
SYNC_TIMEOUT_S = 30 * 60  # a sync that hangs this long is given up (and tried again later)


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
        self._child = _Child()

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        # A child timer, not QTimer.singleShot(callable): it dies with this worker, so a
        # worker deleted before its first sync never has a callback fire on its remains.
        self._child = _Child()  # stopped before: a new start syncs again
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.sync_now)
        self._first.start(min(FIRST_DELAY_MS, self._timer.interval()))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._first is not None:
            self._first.stop()
        self._child.kill()

    def sync_now(self) -> None:
        if self._running:
            return
        self._running = True
        self.started.emit()
        threading.Thread(target=self._run, name="kefu-sync", daemon=True).start()

    def _run(self) -> None:
        try:
            results = sync_once(self._data_dir, self._child)
        except Exception as exc:  # never let a sync problem take the app down
            message = QCoreApplication.translate("SyncNotice", "同步出错：{0}").format(exc)
            results = [SyncResult("", "*", False, message)]
        self._running = False
        self.runs += 1
        self.finished.emit(results)


class _Child:
    """The sync process running now, if any: killed when the app stops its jobs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._killed = False

    def run(self, command: list[str]) -> tuple[int, bytes, bytes]:
        with self._lock:
            if self._killed:
                raise SyncError("程序正在退出")
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                creationflags=quiet_child_flags(),
            )
        try:
            out, err = self._proc.communicate(timeout=SYNC_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            out, err = self._proc.communicate()
            raise SyncError(f"同步超过 {SYNC_TIMEOUT_S // 60} 分钟仍未完成，已停止") from None
        finally:
            with self._lock:
                code = self._proc.returncode
                self._proc = None
        return code, out, err

    def kill(self) -> None:
        with self._lock:
            self._killed = True
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()


def sync_once(data_dir: Path, child: _Child | None = None) -> list[SyncResult]:
    """One sync of every subscription, in a process of its own; nothing subscribed, none."""
    if not load_subscriptions(DataFolder(data_dir)):
        return []
    command = [*kefu_command(), "--data-dir", str(data_dir), "--json", "pack", "sync"]
    code, out, err = (child or _Child()).run(command)
    try:
        return [_result(item) for item in orjson.loads(out)]
    except (orjson.JSONDecodeError, TypeError, KeyError, ValueError):
        said = err.decode("utf-8", "replace").strip().splitlines()
        raise SyncError(said[-1] if said else f"同步进程异常退出（{code}）") from None


def _result(item: Any) -> SyncResult:
    report = item["report"]
    return SyncResult(
        source=str(item["source"]),
        pack_id=str(item["pack"]),
        ok=bool(item["ok"]),
        message=str(item["message"]),
        pack_name=str(item["name"] or ""),
        report=None if report is None else ApplyReport(**report),
    )
