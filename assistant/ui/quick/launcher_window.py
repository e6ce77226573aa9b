"""The quick panel's behaviour as a window: a launcher's.

It opens near the pointer, whole on the screen (title bar included, taller on a tall
screen); it hides when another window takes the focus, as the agent clicks back into the
chat; and when it hides itself (Esc, a copy) it gives the focus back to the window it came
from (``restore_focus``, set by the owner). Shown again right after it hid, it takes back
the activation Qt may not give it (see x11_focus_in), or it would not hide later.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QWidget

from assistant.ui.system.x11_focus_in import watch_focus_in

TITLE_BAR_GUESS = 32  # px above the panel that a window manager's title bar may take
TALL_SHARE = 0.55  # of the screen's height the panel may take, for more rows on a tall screen


def panel_height(font_height: int, screen_height: int) -> int:
    """30 lines of text, or more of a tall screen; never more than the screen holds."""
    room = screen_height - TITLE_BAR_GUESS
    return min(max(font_height * 30, int(room * TALL_SHARE)), room)


class LauncherWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._showing = 0  # counts openings: a late decision about an earlier one is dropped
        self.restore_focus: Callable[[], None] = lambda: None
        self._focus_in = watch_focus_in(self, self._window_id, self._focus_came)

    def fit_height(self, point: QPoint) -> None:
        """Taller on a tall screen: more result rows, never more than the screen holds."""
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        height = panel_height(self.fontMetrics().height(), screen.availableGeometry().height())
        self.resize(self.width(), height)

    def place_near(self, point: QPoint) -> None:
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        # The window manager adds a title bar and borders around the panel: keep the whole
        # frame on the screen, so that the status line at the bottom is never cut off.
        frame = self.frameGeometry()
        top = max(frame.height() - self.height(), 0) if self.isVisible() else TITLE_BAR_GUESS
        width, height = max(frame.width(), self.width()), self.height() + top
        x = min(max(point.x() - width // 3, area.left()), area.right() - width)
        y = min(max(point.y() - 20, area.top()), area.bottom() - height)
        self.move(max(x, area.left()), max(y, area.top()))

    def hide_and_return(self) -> None:
        self.hide()
        # Once back in the event loop: the panel's unmap has gone out to the X server by
        # then, and a key handler inside the panel (Enter in a fill-in) has returned.
        # (QGuiApplication.sync() here, inside that handler, left the app hanging.)
        QTimer.singleShot(0, self, self.restore_focus)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and not self.isActiveWindow()
        ):
            # Another window took the focus (the agent clicked back into the chat): hide, as
            # a launcher does. Decided a moment later, once a popup of the panel's own (the
            # buyer completer) or a message box over it has settled — and only if the panel
            # was not hidden and opened again meanwhile.
            showing = self._showing
            QTimer.singleShot(0, self, lambda: self._hide_if_left(showing))

    def showEvent(self, event: QShowEvent) -> None:
        self._showing += 1
        if self._focus_in is not None:
            self._focus_in.start()  # before the map: its FocusIn comes after
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._focus_in is not None:
            self._focus_in.stop()
        super().hideEvent(event)

    def _window_id(self) -> int:
        handle = self.windowHandle()
        return int(handle.winId()) if handle is not None else 0

    def _focus_came(self) -> None:
        """The X server gave the panel the focus (x11_focus_in): once Qt has handled that,
        take back an activation that Qt did not give, hiding having taken it (and Qt still
        counting the panel as its focus window, for the FocusIn to change nothing)."""
        QTimer.singleShot(0, self, self._take_back_activation)

    def _take_back_activation(self) -> None:
        if not self.isVisible() or self.isActiveWindow():
            return
        focus, handle = QGuiApplication.focusWindow(), self.windowHandle()
        if focus is not None and handle is not None and focus.winId() == handle.winId():
            with warnings.catch_warnings():  # the one call that sets it (deprecated in 6.5)
                warnings.simplefilter("ignore", DeprecationWarning)
                QApplication.setActiveWindow(self)

    def opening(self) -> None:
        """The hotkey opens the panel again while it still shows: a hide decided for the
        focus it lost a moment ago (the agent clicked into the chat) is for the earlier one."""
        self._showing += 1

    def _hide_if_left(self, showing: int) -> None:
        if showing != self._showing or not self.isVisible() or self.isActiveWindow():
            return
        if QApplication.activePopupWidget() is not None or QApplication.activeModalWidget():
            return  # the buyer completer, or a message box over the panel
        self.hide()
