"""The global hotkey, behind a small interface so tests can use a double.

The real backend uses pynput (X11, Windows, macOS). Registration with the OS cannot run in
the offscreen test platform, so tests use FakeHotkey and say so. Wayland has no global
hotkeys for ordinary apps: users bind a desktop shortcut to `kefu show` instead.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal


class Hotkey(Protocol):
    def register(self, sequence: str) -> str | None:
        """Start listening; return None on success, else a reason to show the user."""
        ...

    def unregister(self) -> None: ...


class HotkeySignal(QObject):
    pressed = Signal()


def to_pynput(sequence: str) -> str:
    """Qt's portable text ("Ctrl+Alt+Space") → pynput's ("<ctrl>+<alt>+<space>")."""
    names = {"ctrl": "<ctrl>", "alt": "<alt>", "shift": "<shift>", "meta": "<cmd>"}
    parts = []
    for raw in sequence.split("+"):
        key = raw.strip().lower()
        if not key:
            continue
        if key in names:
            parts.append(names[key])
        elif len(key) == 1:
            parts.append(key)
        else:
            parts.append(f"<{key}>")
    return "+".join(parts)


def wayland_session() -> bool:
    return bool(os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux")


class PynputHotkey:
    def __init__(self, signal: HotkeySignal) -> None:
        self._signal = signal
        self._listener: Any = None

    def register(self, sequence: str) -> str | None:
        self.unregister()
        if wayland_session():
            return "Wayland 下无法注册全局快捷键：请在系统设置中把快捷键绑定到命令 kefu show"
        try:
            from pynput import keyboard

            self._listener = keyboard.GlobalHotKeys(
                {to_pynput(sequence): self._signal.pressed.emit}
            )
            self._listener.daemon = True
            self._listener.start()
        except Exception as exc:  # no X display, bad key name, missing permission (macOS)
            self._listener = None
            return f"无法注册快捷键 {sequence}：{exc}"
        return None

    def unregister(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None


class FakeHotkey:
    """For tests: records the registration; press() stands in for the OS event."""

    def __init__(self, signal: HotkeySignal) -> None:
        self._signal = signal
        self.sequence: str | None = None

    def register(self, sequence: str) -> str | None:
        self.sequence = sequence
        return None

    def unregister(self) -> None:
        self.sequence = None

    def press(self) -> None:
        self._signal.pressed.emit()
