"""The global hotkey on Windows: ``RegisterHotKey`` (user32, through ctypes).

Windows then posts WM_HOTKEY to this app and keeps the key press from the window that has
focus. ``RegisterHotKey`` without a window posts to the thread that called it, so one daemon
thread per registration registers the combination, runs a message loop (``GetMessageW``) and
unregisters when ``unregister`` posts WM_QUIT to it. MOD_NOREPEAT: holding the keys down
opens the panel once.

NOT RUN: this module was written without a Windows machine to try it on; only the key mapping
(pure Python) is tested. It imports on every system; ctypes.windll is touched only in the
thread, which runs on Windows alone.
"""

from __future__ import annotations

import ctypes
import sys
import threading

from PySide6.QtCore import QCoreApplication

from assistant.ui.system.hotkey import (
    HotkeySignal,
    KeyCombination,
    cannot_register,
    parse_sequence,
    taken_reason,
    unknown_key,
    unusable_reason,
)

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
MODIFIER_FLAGS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "meta": MOD_WIN}
WM_QUIT, WM_HOTKEY, PM_NOREMOVE = 0x0012, 0x0312, 0x0000
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
HOTKEY_ID = 1
VIRTUAL_KEYS = {  # Qt's portable key names → Windows virtual-key codes
    "space": 0x20,
    "tab": 0x09,
    "backspace": 0x08,
    "return": 0x0D,
    "enter": 0x0D,
    "esc": 0x1B,
    "ins": 0x2D,
    "del": 0x2E,
    "pause": 0x13,
    "print": 0x2C,
    "home": 0x24,
    "end": 0x23,
    "left": 0x25,
    "up": 0x26,
    "right": 0x27,
    "down": 0x28,
    "pgup": 0x21,
    "pgdown": 0x22,
    "menu": 0x5D,
    **{f"f{n}": 0x6F + n for n in range(1, 25)},  # VK_F1 is 0x70
}
START_S = 5.0  # hang guards: both answers come at once
JOIN_S = 5.0


def virtual_key(key: str) -> int | None:
    """A key's Qt portable name → its virtual-key code; None for a punctuation key, which
    depends on the keyboard layout (asked of Windows with VkKeyScanW)."""
    if len(key) == 1 and (key.isascii() and key.isalnum()):
        return ord(key.upper())  # VK_0..VK_9 and VK_A..VK_Z are the characters
    return VIRTUAL_KEYS.get(key.lower())


def modifier_flags(combo: KeyCombination) -> int:
    flags = MOD_NOREPEAT
    for name in combo.modifiers:
        flags |= MODIFIER_FLAGS[name]
    return flags


class WindowsHotkey:
    def __init__(self, signal: HotkeySignal) -> None:
        self._signal = signal
        self._thread: threading.Thread | None = None
        self._thread_id = 0

    def register(self, sequence: str) -> str | None:
        self.unregister()
        refused = unusable_reason(sequence)
        if refused:
            return refused
        combo = parse_sequence(sequence)
        started = threading.Event()
        outcome: list[str | None] = []
        self._thread = threading.Thread(
            target=self._run,
            args=(sequence, combo, started, outcome),
            name="kefu-hotkey",
            daemon=True,
        )
        self._thread.start()
        if not started.wait(START_S):
            return cannot_register(sequence, QCoreApplication.translate("Hotkey", "系统没有回应"))
        if outcome[0] is not None:
            self._thread.join(JOIN_S)
            self._thread = None
        return outcome[0]

    def unregister(self) -> None:
        if self._thread is None:
            return
        if sys.platform == "win32":
            ctypes.windll.user32.PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        self._thread.join(JOIN_S)
        self._thread = None

    def _run(
        self,
        sequence: str,
        combo: KeyCombination,
        started: threading.Event,
        outcome: list[str | None],
    ) -> None:
        if sys.platform != "win32":  # for mypy and for safety: never reached elsewhere
            outcome.append(
                QCoreApplication.translate("Hotkey", "RegisterHotKey 只在 Windows 上可用")
            )
            started.set()
            return
        from ctypes import wintypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32")
        user32.VkKeyScanW.restype = ctypes.c_short  # -1 when no key types the character
        msg = wintypes.MSG()
        # A first call that makes this thread's message queue, so WM_QUIT can be posted to it.
        user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, PM_NOREMOVE)
        self._thread_id = kernel32.GetCurrentThreadId()
        vk = virtual_key(combo.key)
        if vk is None and len(combo.key) == 1:
            scan = user32.VkKeyScanW(ord(combo.key))
            vk = scan & 0xFF if scan != -1 else None
        if vk is None:
            outcome.append(unknown_key(sequence, combo.key))
            started.set()
            return
        if not user32.RegisterHotKey(None, HOTKEY_ID, modifier_flags(combo), vk):
            code = ctypes.get_last_error()
            taken = code == ERROR_HOTKEY_ALREADY_REGISTERED
            outcome.append(
                taken_reason(sequence)
                if taken
                else cannot_register(
                    sequence, QCoreApplication.translate("Hotkey", "错误 {0}").format(code)
                )
            )
            started.set()
            return
        outcome.append(None)
        started.set()
        try:
            while user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
                if msg.message == WM_HOTKEY and msg.wParam == HOTKEY_ID:
                    self._signal.pressed.emit()
        finally:
            user32.UnregisterHotKey(None, HOTKEY_ID)
