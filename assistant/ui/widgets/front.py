"""Bringing a new top-level window to the front once it is on the screen.

``activateWindow()`` on a window that is not mapped yet is kept by Qt and sent when the map
arrives, which on a busy start can be a tenth of a second later: after the agent (or a window
manager's own focus-on-map) has moved on, so the window takes the focus back by surprise.
Asked once the window is exposed, the request goes out at once, and ``shown`` is called after
it has left for the X server (a timer runs only once the event batch, flushed, is done).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FrontWhenExposed(QObject):
    def __init__(self, window: QWidget, shown: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.shown = shown

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handle = self.window.windowHandle()
        if event.type() == QEvent.Type.Expose and handle is not None and handle.isExposed():
            watched.removeEventFilter(self)
            self.window.raise_()
            self.window.activateWindow()
            QTimer.singleShot(0, self.window, self.shown)
            self.deleteLater()
        return False


def show_in_front(window: QWidget, shown: Callable[[], None] = lambda: None) -> None:
    """Show ``window`` and give it the focus once it is on the screen; then call ``shown``."""
    window.show()
    handle = window.windowHandle()
    if handle is None or handle.isExposed():  # already on the screen: nothing to wait for
        window.raise_()
        window.activateWindow()
        QTimer.singleShot(0, window, shown)
        return
    handle.installEventFilter(_FrontWhenExposed(window, shown))
