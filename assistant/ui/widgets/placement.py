"""Keeping a window whole on the screen: sizes chosen in font heights could exceed a small
laptop screen, and a window manager adds a title bar that Qt's geometry does not count."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_GUESS = 32  # px a title bar and borders may add before the window is first shown
SCREEN_SHARE = 0.92  # of the available area, at most


def fit_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to fit the screen under the pointer and move its frame inside it."""
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0) if window.isVisible() else 0
    extra_h = max(frame.height() - window.height(), 0) if window.isVisible() else FRAME_GUESS
    width = min(window.width(), int(area.width() * SCREEN_SHARE) - extra_w)
    height = min(window.height(), int(area.height() * SCREEN_SHARE) - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    outer = QRect(window.x(), window.y(), window.width() + extra_w, window.height() + extra_h)
    if not area.contains(outer):
        x = area.left() + max((area.width() - outer.width()) // 2, 0)
        y = area.top() + max((area.height() - outer.height()) // 2, 0)
        window.move(x, y)
