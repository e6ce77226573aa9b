"""A timing trace of the quick panel, for the benchmark (bench/measure_panel.py).

With ``KEFU_TRACE_PANEL=FILE`` set, the panel appends one line per event to FILE, each with a
CLOCK_MONOTONIC timestamp in nanoseconds (``time.monotonic_ns``, the clock the benchmark and
the X server read too) and the CPU time the GUI thread has used (``time.thread_time_ns``):

    key MONO CPU X_MS KEY TEXT  a key press reaching the search box (X_MS: the X server's
                                time; TEXT: the character, "space", or "-" for none)
    results MONO CPU ROWS WHAT  the result list was replaced; WHAT: "answers" when the rows
                                answer the buyer's question on the clipboard, else "search"
    show MONO CPU               the panel is being shown
    paint MONO CPU              the result table starts painting
    frame MONO CPU              the event loop is back after a paint of the panel (the
                                window, its search box or its results): the frame went out

Unset (the normal case) nothing is installed: no filter, no connection, no cost per key.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

ENV = "KEFU_TRACE_PANEL"


class PanelTrace(QObject):
    def __init__(
        self,
        panel: QWidget,
        search: QWidget,
        table: QAbstractItemView,
        out: TextIO,
        answering: Callable[[], bool],
    ) -> None:
        super().__init__(panel)
        self._out = out
        self._frame_pending = False
        self._panel, self._search, self._viewport = panel, search, table.viewport()
        for watched in (panel, search, self._viewport):
            watched.installEventFilter(self)
        model: QAbstractItemModel = table.model()
        # A model that says when its rows were replaced (RowsModel.replaced), else a reset.
        replaced = getattr(model, "replaced", model.modelReset)
        # "answers": the rows answer the buyer's question (the panel opened with it).
        replaced.connect(
            lambda: self.write(
                "results", str(model.rowCount()), "answers" if answering() else "search"
            )
        )

    def write(self, kind: str, *fields: str) -> None:
        line = " ".join((kind, str(time.monotonic_ns()), str(time.thread_time_ns()), *fields))
        self._out.write(line + "\n")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._search and kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            self.write("key", str(event.timestamp()), str(event.key()), _shown(event.text()))
        elif kind == QEvent.Type.Paint:
            if watched is self._viewport:
                self.write("paint")
            if not self._frame_pending:
                # Posted now, run once the paint and the flush to the window system are done.
                self._frame_pending = True
                QTimer.singleShot(0, self._frame)
        elif watched is self._panel and kind == QEvent.Type.Show:
            self.write("show")
        return False

    def _frame(self) -> None:
        self._frame_pending = False
        self.write("frame")


def _shown(text: str) -> str:
    if text == " ":
        return "space"
    return text if text.isprintable() and text.strip() else "-"


def install(
    panel: QWidget,
    search: QWidget,
    table: QAbstractItemView,
    answering: Callable[[], bool] = lambda: False,
) -> PanelTrace | None:
    """The trace of ``panel`` when KEFU_TRACE_PANEL names a file; else nothing at all."""
    path = os.environ.get(ENV)
    if not path:
        return None
    out = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives with the panel
    return PanelTrace(panel, search, table, out, answering)
