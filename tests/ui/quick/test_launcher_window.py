"""The quick panel as a launcher window: it hides when another window takes the focus,
also when it was shown again right after hiding, while Qt still counted it as its focus
window (seen under openbox: the panel reopened just after a copy stayed on top of the
chat). The offscreen platform keeps that state just as xcb does within its 100 ms wait;
the X server's FocusIn that then tells the panel is fed to its watch as the bytes xcb
hands Qt (there is no X server offscreen)."""

from __future__ import annotations

import ctypes

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from assistant.ui.quick.launcher_window import LauncherWindow
from assistant.ui.system.x11_focus_in import (
    DETAIL_POINTER,
    FOCUS_IN,
    FocusEvent,
    FocusInWatch,
    focus_in_window,
)


def make(qtbot: QtBot) -> tuple[LauncherWindow, QWidget]:
    chat = QWidget()  # stands in for the chat client (another window)
    chat.setWindowTitle("chat")
    qtbot.addWidget(chat)
    chat.show()
    launcher = LauncherWindow()
    QVBoxLayout(launcher).addWidget(QLineEdit())
    qtbot.addWidget(launcher)
    return launcher, chat


def x_event(kind: int, window: int, detail: int = 3) -> ctypes.Array[ctypes.c_char]:
    """An X event as xcb hands it to Qt: 32 bytes (detail 3: NotifyNonlinear)."""
    data = ctypes.create_string_buffer(32)
    ctypes.memmove(data, ctypes.addressof(FocusEvent(kind, detail, 7, window, 0)), 9)
    return data


def tell_focus_in(launcher: LauncherWindow) -> None:
    """What the X server sends as it gives the panel the focus, through the panel's watch."""
    watch = FocusInWatch(launcher._window_id, launcher._focus_came)
    event = x_event(FOCUS_IN, launcher._window_id())
    assert watch.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(event)) == (False, 0)


def open_it(qtbot: QtBot, launcher: LauncherWindow) -> None:
    launcher.show()
    launcher.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    qtbot.waitUntil(lambda: launcher.isActiveWindow())


def test_it_hides_when_the_chat_takes_the_focus(qtbot: QtBot) -> None:
    launcher, chat = make(qtbot)
    open_it(qtbot, launcher)
    chat.activateWindow()
    qtbot.waitUntil(lambda: not launcher.isVisible())


def test_shown_again_right_after_a_hide_it_still_hides_when_the_chat_takes_the_focus(
    qtbot: QtBot,
) -> None:
    launcher, chat = make(qtbot)
    open_it(qtbot, launcher)
    launcher.hide_and_return()  # a copy
    assert not launcher.isActiveWindow()
    launcher.show()  # the hotkey again at once
    launcher.activateWindow()
    # Qt still names it its focus window, so no activation comes by itself.
    focus = QGuiApplication.focusWindow()
    assert focus is not None and focus.winId() == launcher.windowHandle().winId()
    QApplication.processEvents()  # what the platform had to say about the showing
    assert not launcher.isActiveWindow()  # the state the panel stayed on top in
    tell_focus_in(launcher)
    qtbot.waitUntil(lambda: launcher.isActiveWindow())
    chat.activateWindow()
    qtbot.waitUntil(lambda: not launcher.isVisible())


def test_shown_again_it_gets_the_keyboard_back_for_its_field(qtbot: QtBot) -> None:
    launcher, _chat = make(qtbot)
    field = launcher.findChild(QLineEdit)
    open_it(qtbot, launcher)
    field.setFocus()
    launcher.hide_and_return()
    launcher.show()
    launcher.activateWindow()
    tell_focus_in(launcher)
    qtbot.waitUntil(lambda: field.hasFocus())


def test_only_a_focus_in_for_the_window_counts() -> None:
    def window_of(kind: int, window: int, detail: int = 3, kind_name: bytes = b"") -> int | None:
        event = x_event(kind, window, detail)
        return focus_in_window(kind_name or b"xcb_generic_event_t", ctypes.addressof(event))

    assert window_of(FOCUS_IN, 0x600012) == 0x600012
    assert window_of(FOCUS_IN | 0x80, 0x600012) == 0x600012  # sent by another client
    assert window_of(FOCUS_IN + 1, 0x600012) is None  # FocusOut
    assert window_of(FOCUS_IN, 0x600012, DETAIL_POINTER) is None
    assert window_of(FOCUS_IN, 0x600012, kind_name=b"windows_generic_MSG") is None
    assert focus_in_window(b"xcb_generic_event_t", 0) is None
