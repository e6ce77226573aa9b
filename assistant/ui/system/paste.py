"""Auto-paste: after copying, wait for the hotkey's modifiers to be released and a short
delay, then send Ctrl+V (Cmd+V on macOS) to the window that has focus again.

Key injection cannot run offscreen, so it sits behind KeySender; tests use a double.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from assistant.ui.system.focus import FocusKeeper, NoFocusKeeper
from assistant.ui.system.hotkey import wayland_session


class KeySender(Protocol):
    def send_paste(self) -> None: ...


class PynputKeySender:
    def send_paste(self) -> None:
        from pynput.keyboard import Controller, Key

        keyboard = Controller()
        modifier = Key.cmd if sys.platform == "darwin" else Key.ctrl
        with keyboard.pressed(modifier):
            keyboard.press("v")
            keyboard.release("v")


def auto_paste_unavailable() -> str | None:
    """Why auto-paste cannot work here, or None when it can."""
    if wayland_session() or QGuiApplication.platformName() == "wayland":
        return QCoreApplication.translate(
            "Hotkey",
            "Wayland 不允许程序向其他窗口发送按键，自动粘贴不可用；复制后请手动按 Ctrl+V",
        )
    return None


class AutoPaster(QObject):
    POLL_MS = 20
    MAX_WAIT_MS = 3000

    def __init__(
        self,
        sender: KeySender,
        parent: QObject | None = None,
        modifiers: Callable[[], Qt.KeyboardModifier] | None = None,
        focus: FocusKeeper | None = None,
    ) -> None:
        super().__init__(parent)
        self._sender = sender
        self.focus: FocusKeeper = focus or NoFocusKeeper()
        self._modifiers = modifiers or QGuiApplication.queryKeyboardModifiers
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._waited = 0
        self._delay = 150

    def paste_soon(self, delay_ms: int) -> None:
        self._delay = delay_ms
        self._waited = 0
        self._timer.start()

    def _poll(self) -> None:
        self._waited += self.POLL_MS
        held = self._modifiers() != Qt.KeyboardModifier.NoModifier
        if held and self._waited < self.MAX_WAIT_MS:
            return
        self._timer.stop()
        self.focus.restore()
        QTimer.singleShot(self._delay, self._sender.send_paste)
