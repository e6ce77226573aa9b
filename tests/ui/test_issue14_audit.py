"""Issue 14, the points the other tests left without an assertion of their own: which hotkey
backend each system gets (item 2), the panel placed whole on the screen with the title
bar a window manager adds (item 9), and its height taken from the screen (item 14)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from assistant.ui.quick.launcher_window import TITLE_BAR_GUESS, panel_height
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.system.hotkey import HotkeySignal
from assistant.ui.system.hotkey_backends import system_hotkey
from assistant.ui.system.hotkey_macos import MacHotkey
from assistant.ui.system.hotkey_pynput import PynputHotkey
from assistant.ui.system.hotkey_windows import WindowsHotkey
from assistant.ui.system.hotkey_x11 import X11Hotkey


@pytest.mark.parametrize(
    ("platform", "backend"),
    [("linux", X11Hotkey), ("win32", WindowsHotkey), ("darwin", MacHotkey)],
)
def test_each_system_gets_the_backend_that_registers_with_it(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, platform: str, backend: type
) -> None:
    # X11 grabs the key, Windows and macOS register it, so the chat window never gets it.
    monkeypatch.setattr(sys, "platform", platform)
    signal = HotkeySignal()
    hotkey = system_hotkey(signal)  # made, not registered: nothing reaches the OS here
    assert type(hotkey) is backend


def test_pynput_only_when_asked_for_on_macos(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    # pynput only observes (the combination reaches the chat window too): a way out only.
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("KEFU_HOTKEY", "pynput")
    assert type(system_hotkey(HotkeySignal())) is PynputHotkey


@pytest.mark.parametrize("corner", ["bottom_right", "top_left", "bottom_left", "top_right"])
def test_the_panel_opens_whole_on_the_screen_title_bar_included(
    panel: QuickPanel, corner: str
) -> None:
    area = QGuiApplication.primaryScreen().availableGeometry()
    pointer = getattr(area, corner.replace("_l", "L").replace("_r", "R"))()
    panel.fit_height(pointer)
    panel.place_near(pointer)

    assert panel.x() >= area.left() and panel.y() >= area.top()
    assert panel.x() + panel.width() <= area.right() + 1
    # The status line at the bottom stays on the screen below the title bar.
    assert panel.y() + TITLE_BAR_GUESS + panel.height() <= area.bottom() + 1


def test_the_panel_opens_at_the_pointer_where_there_is_room(panel: QuickPanel) -> None:
    area = QGuiApplication.primaryScreen().availableGeometry()
    panel.resize(area.width() // 3, area.height() // 3)
    pointer = QPoint(area.left() + area.width() // 2, area.top() + area.height() // 4)
    panel.place_near(pointer)
    assert panel.geometry().contains(pointer) or panel.frameGeometry().contains(pointer)


def test_the_panel_takes_the_height_its_screen_allows_when_it_opens(panel: QuickPanel) -> None:
    # Item 14: more result rows on a tall screen; the rule itself is panel_height's.
    area = QGuiApplication.primaryScreen().availableGeometry()
    panel.resize(panel.width(), 100)
    panel.fit_height(area.center())
    assert panel.height() == panel_height(panel.fontMetrics().height(), area.height())
