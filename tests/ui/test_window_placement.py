"""Windows open whole on the screen (issue 14, item 9): 买家 and 短语管理 were sized in font
heights and opened partly off a small screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.widgets.placement import FRAME_GUESS, fit_on_screen
from assistant.ui.windows import AppWindows


@pytest.mark.parametrize("name", ["buyers", "phrases", "packs", "stats"])
def test_each_window_opens_inside_the_available_area(
    ctx: UiContext, qtbot: QtBot, name: str
) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    windows = AppWindows(ctx, holder.windowIcon(), holder)
    if name == "buyers":
        windows.buyers(None)
    else:
        getattr(windows, name)()
    window = windows.get(name)
    assert window is not None
    qtbot.addWidget(window)
    area = QGuiApplication.primaryScreen().availableGeometry()  # 800 x 800 offscreen
    assert window.x() >= area.left() and window.y() >= area.top()
    # Every window's layout fits a small screen: 买家 needed 854 px with its buttons beside
    # the search box, wider than this 800 px one.
    assert window.minimumSizeHint().width() <= area.width() * 0.92
    assert window.x() + window.width() <= area.right() + 1
    assert window.y() + window.height() + FRAME_GUESS <= area.bottom() + 1


def test_a_window_far_off_screen_is_brought_back(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(5000, 4000)
    window.move(-3000, 9000)
    fit_on_screen(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(window.geometry())
    assert window.width() < area.width() and window.height() + FRAME_GUESS <= area.height()
