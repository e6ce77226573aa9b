"""Long work off the GUI thread: subscribing, publishing, syncing, imports, exports.

A ``BackgroundTask`` runs one core call in a thread, on a workspace of its own over the same
data folder (the storage lock keeps it and the app apart, as it keeps two processes apart;
the app's own objects are never touched from two threads). Its progress, result or error
comes back to the GUI thread as a signal, so the windows stay usable and the tray app keeps
answering `kefu show` while a server takes its time.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from assistant.core.changes import Changed
from assistant.core.errors import KefuError
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.context import UiContext

Progress = Callable[[int, int], None]
Job = Callable[[Workspace, Progress], Any]

_running: set[BackgroundTask] = set()  # a task outlives the window that started it


class BackgroundTask(QObject):
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # what the job returned
    failed = Signal(str)  # one line for the user
    finished = Signal()  # after succeeded or failed

    def __init__(self, data_dir: Path, job: Job, name: str = "kefu-task") -> None:
        super().__init__()
        self._data_dir = data_dir
        self._job = job
        self._name = name
        self._last_step = -1
        self.running = False

    def start(self) -> BackgroundTask:
        self.running = True
        _running.add(self)
        self.finished.connect(self._forget)
        threading.Thread(target=self._run, name=self._name, daemon=True).start()
        return self

    def _forget(self) -> None:
        self.running = False
        _running.discard(self)

    def _progress(self, done: int, total: int) -> None:
        # Hundreds of thousands of rows: one signal per percent, not one per row.
        step = done * 100 // total if total > 0 else 100
        if step != self._last_step:
            self._last_step = step
            self.progressed.emit(done, total)

    def _run(self) -> None:
        try:
            ws = open_workspace(self._data_dir, builtins=False)
            result = self._job(ws, self._progress)
        except KefuError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug must not take the app down with it: say so
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(QCoreApplication.translate("BackgroundTask", "出错：{0}").format(exc))
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


def run_in_background(
    ctx: UiContext,
    parent: QWidget | None,
    job: Job,
    *,
    changes: Changed = Changed.ALL,
    done: Callable[[Any], object] | None = None,
    failed: Callable[[str], object] | None = None,
    progress: Progress | None = None,
    after: Callable[[], object] | None = None,
    title: str | None = None,
) -> BackgroundTask:
    """``UiContext.run`` for long work: on success announce the change, then ``done``; on
    refusal ``failed`` (by default a message box over ``parent``); ``after`` either way.
    Everything is connected before the thread starts: a quick job cannot finish unheard."""
    task = BackgroundTask(ctx.ws.path, job)

    def on_success(result: Any) -> None:
        if changes != Changed.NONE:
            ctx.changes.notify(changes)
        if done is not None and (parent is None or isValid(parent)):
            done(result)

    def on_failure(message: str) -> None:
        if failed is not None:
            failed(message)
        elif parent is None or isValid(parent):
            shown = title or QCoreApplication.translate("KefuApp", "客服快捷助手")
            QMessageBox.warning(parent, shown, message)

    task.succeeded.connect(on_success)
    task.failed.connect(on_failure)
    if progress is not None:
        task.progressed.connect(progress)
    if after is not None:
        task.finished.connect(after)
    return task.start()
