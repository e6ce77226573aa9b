"""Helpers for the Qt tests: the key-injection double and a way to drive modal dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

CHANGE_TIMEOUT_MS = 10_000  # generous: a file watcher on a loaded CI machine


class RecordingKeySender:
    """Test double for key injection: sending Ctrl+V to another window cannot run offscreen."""

    def __init__(self) -> None:
        self.pastes = 0

    def send_paste(self) -> None:
        self.pastes += 1


def when_modal(callback: Callable[[QWidget], None], attempts: int = 500) -> None:
    """Act on the next modal dialog once it is up: exec() would otherwise block the test."""

    def attempt(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            callback(widget)
        elif left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(attempts))


def exposed(widget: QWidget) -> bool:
    """Whether a window already shown (by the app, not the test) is, or soon becomes, on screen.

    For a window the test itself shows, use ``with qtbot.waitExposed(w): w.show()``; called
    without ``with``, qtbot.waitExposed waits for nothing and checks nothing.
    """
    return QTest.qWaitForWindowExposed(widget, 5000)


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def type_via_ime(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method does: a commit, not key presses (QTest is ASCII-only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
