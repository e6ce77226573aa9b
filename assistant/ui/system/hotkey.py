"""The global hotkey, behind a small interface so tests can use a double.

``hotkey_backends.system_hotkey`` picks the backend for this system. Each registers the key
combination with
the operating system, so the key press is taken out of the keyboard stream and never reaches
the window that has focus (a chat client's send button must not be pressed a second time):

- X11: ``XGrabKey`` on the root window (python-xlib), ``hotkey_x11``;
- Windows: ``RegisterHotKey`` (user32 through ctypes), ``hotkey_windows``;
- macOS: ``RegisterEventHotKey`` (Carbon through ctypes), ``hotkey_macos``; pynput
  (``hotkey_pynput``), which only observes keys, where that cannot be loaded.

Wayland has no global hotkeys for ordinary apps: users bind a desktop shortcut to
``kefu show`` instead. Offscreen widget tests use FakeHotkey and say so.

The reasons a hotkey cannot be used are shown in 设置 and in a message box: they are looked
up under the context "Hotkey", in every backend.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QKeySequence

MODIFIERS = ("ctrl", "alt", "shift", "meta")


class Hotkey(Protocol):
    def register(self, sequence: str) -> str | None:
        """Start listening; return None on success, else a reason to show the user."""
        ...

    def unregister(self) -> None: ...


class HotkeySignal(QObject):
    """``pressed`` may be emitted from a backend's own thread: Qt queues it to the GUI."""

    pressed = Signal()


@dataclass(frozen=True)
class KeyCombination:
    modifiers: frozenset[str]  # of MODIFIERS
    key: str  # Qt's portable name: "Space", "F1", "K", "1", ","


def parse_sequence(sequence: str) -> KeyCombination:
    """Qt's portable text ("Ctrl+Alt+Space", "Ctrl++") → modifiers and key; ValueError if it
    is not one key with modifiers."""
    text = sequence.strip()
    if text.endswith("++"):  # the "+" key itself
        head, key = text[:-2], "+"
    elif text == "+":
        head, key = "", "+"
    else:
        head, _, key = text.rpartition("+")
    key = key.strip()
    modifiers = {part.strip().lower() for part in head.split("+") if part.strip()}
    if not key or key.lower() in MODIFIERS or not modifiers <= set(MODIFIERS):
        raise ValueError(sequence)
    return KeyCombination(frozenset(modifiers), key)


def hotkey_label(sequence: str) -> str:
    """The hotkey as this system writes it ("" stays ""): settings keep Qt's portable text,
    where macOS's ⌃⌥Space is "Meta+Alt+Space"; Windows and Linux show "Ctrl+Alt+Space"."""
    if not sequence:
        return ""
    native = QKeySequence(sequence, QKeySequence.SequenceFormat.PortableText).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    return native or sequence


def unusable_reason(sequence: str) -> str | None:
    """Why this combination cannot be the global hotkey, or None when it can.

    A global hotkey is taken from every program, so it needs Ctrl, Alt or Meta: a plain key,
    Shift+key or a function key alone (F5 refreshes, F1 is help in most programs) would be
    lost to them all. Esc closes and cancels everywhere, with any modifier.
    """
    try:
        combo = parse_sequence(sequence)
    except ValueError:
        return QCoreApplication.translate(
            "Hotkey", "无法识别快捷键“{0}”，请重新按一次组合键"
        ).format(sequence)
    if combo.key.lower() in ("esc", "escape"):
        return QCoreApplication.translate("Hotkey", "Esc 用来关闭窗口和取消，不能用作全局快捷键")
    if not combo.modifiers & {"ctrl", "alt", "meta"}:
        return QCoreApplication.translate(
            "Hotkey",
            "“{0}”没有 Ctrl、Alt 或 Meta 键，用作全局快捷键后所有程序都收不到这个键；"
            "请按组合键，例如 Ctrl+Alt+Space",
        ).format(sequence)
    return None


def taken_reason(sequence: str) -> str:
    return QCoreApplication.translate(
        "Hotkey", "快捷键 {0} 已被其他程序占用，请在设置里换一个"
    ).format(sequence)


def wayland_reason() -> str:
    return QCoreApplication.translate(
        "Hotkey", "Wayland 下无法注册全局快捷键：请在系统设置中把快捷键绑定到命令 kefu show"
    )


def cannot_register(sequence: str, problem: str) -> str:
    """Registration failed for a reason of the system's (its own words, or an error code)."""
    return QCoreApplication.translate("Hotkey", "无法注册快捷键 {0}：{1}").format(sequence, problem)


def unknown_key(sequence: str, key: str) -> str:
    return QCoreApplication.translate("Hotkey", "无法识别快捷键 {0} 中的按键 {1}").format(
        sequence, key
    )


def wayland_session() -> bool:
    return bool(os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux")


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
