"""The global hotkey on macOS: the system hot-key API (Carbon ``RegisterEventHotKey``, through
ctypes).

macOS then sends this app a hot-key event and keeps the key press from the window that has
focus, as ``RegisterHotKey`` does on Windows; unlike pynput's event tap it needs no
Accessibility (辅助功能) permission. The handler is installed on the application's event
target and is called on the GUI thread by the Cocoa event loop Qt runs.

Modifiers follow Qt on macOS, so that the recorder in 设置 and the registered keys agree: Qt's
"Ctrl" is the Command key (⌘), "Meta" the Control key (⌃), "Alt" Option (⌥). Key codes are the
ANSI keyboard's positions (kVK_* in HIToolbox's Events.h), which is what the API takes.

NOT RUN: written without a Mac to try it on; only the key mapping (pure Python) is tested. It
imports on every system; the Carbon framework is loaded only on macOS. When it cannot be loaded
there, pynput (``hotkey_pynput``) is used instead, and said on stderr; ``KEFU_HOTKEY=pynput``
chooses pynput outright, should this backend misbehave on some macOS version.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

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

CARBON = "/System/Library/Frameworks/Carbon.framework/Carbon"
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 0x0100, 0x0200, 0x0800, 0x1000
MODIFIER_FLAGS = {"ctrl": CMD_KEY, "meta": CONTROL_KEY, "alt": OPTION_KEY, "shift": SHIFT_KEY}
K_EVENT_CLASS_KEYBOARD = int.from_bytes(b"keyb", "big")
K_EVENT_HOT_KEY_PRESSED = 5
SIGNATURE = int.from_bytes(b"kefu", "big")
HOTKEY_ID = 1
EVENT_HOT_KEY_EXISTS_ERR = -9878

_LETTERS = "ASDFHGZXCV_BQWERYT"  # kVK_ANSI_A = 0x00 … kVK_ANSI_T = 0x11 (0x0A is not a letter)
KEY_CODES: dict[str, int] = {
    **{letter.lower(): code for code, letter in enumerate(_LETTERS) if letter != "_"},
    "o": 0x1F,
    "u": 0x20,
    "i": 0x22,
    "p": 0x23,
    "l": 0x25,
    "j": 0x26,
    "k": 0x28,
    "n": 0x2D,
    "m": 0x2E,
    "1": 0x12,
    "2": 0x13,
    "3": 0x14,
    "4": 0x15,
    "6": 0x16,
    "5": 0x17,
    "=": 0x18,
    "9": 0x19,
    "7": 0x1A,
    "-": 0x1B,
    "8": 0x1C,
    "0": 0x1D,
    "]": 0x1E,
    "[": 0x21,
    "'": 0x27,
    ";": 0x29,
    "\\": 0x2A,
    ",": 0x2B,
    "/": 0x2C,
    ".": 0x2F,
    "`": 0x32,
    "return": 0x24,
    "enter": 0x4C,  # the keypad's
    "tab": 0x30,
    "space": 0x31,
    "backspace": 0x33,
    "del": 0x75,  # forward delete
    "ins": 0x72,  # Help, where a Mac keyboard has Insert
    "home": 0x73,
    "pgup": 0x74,
    "end": 0x77,
    "pgdown": 0x79,
    "left": 0x7B,
    "right": 0x7C,
    "down": 0x7D,
    "up": 0x7E,
    "f1": 0x7A,
    "f2": 0x78,
    "f3": 0x63,
    "f4": 0x76,
    "f5": 0x60,
    "f6": 0x61,
    "f7": 0x62,
    "f8": 0x64,
    "f9": 0x65,
    "f10": 0x6D,
    "f11": 0x67,
    "f12": 0x6F,
    "f13": 0x69,
    "f14": 0x6B,
    "f15": 0x71,
    "f16": 0x6A,
    "f17": 0x40,
    "f18": 0x4F,
    "f19": 0x50,
    "f20": 0x5A,
}


def key_code(key: str) -> int | None:
    """A key's Qt portable name → its macOS virtual key code (a position on the keyboard)."""
    return KEY_CODES.get(key.lower())


def modifier_flags(combo: KeyCombination) -> int:
    flags = 0
    for name in combo.modifiers:
        flags |= MODIFIER_FLAGS[name]
    return flags


class _EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


class _EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


# OSStatus handler(EventHandlerCallRef, EventRef, void *userData)
_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


def _carbon() -> Any:
    carbon = ctypes.CDLL(CARBON)
    carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
    carbon.GetApplicationEventTarget.argtypes = []
    carbon.InstallEventHandler.restype = ctypes.c_int32
    carbon.InstallEventHandler.argtypes = [
        ctypes.c_void_p,
        _HANDLER,
        ctypes.c_ulong,
        ctypes.POINTER(_EventTypeSpec),
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    carbon.RemoveEventHandler.restype = ctypes.c_int32
    carbon.RemoveEventHandler.argtypes = [ctypes.c_void_p]
    carbon.RegisterEventHotKey.restype = ctypes.c_int32
    carbon.RegisterEventHotKey.argtypes = [
        ctypes.c_uint32,
        ctypes.c_uint32,
        _EventHotKeyID,
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    carbon.UnregisterEventHotKey.restype = ctypes.c_int32
    carbon.UnregisterEventHotKey.argtypes = [ctypes.c_void_p]
    return carbon


class MacHotkey:
    def __init__(self, signal: HotkeySignal) -> None:
        self._signal = signal
        self._carbon: Any = None
        self._handler: Any = None  # the C callback: kept alive while it is installed
        self._handler_ref = ctypes.c_void_p()
        self._hotkey_ref = ctypes.c_void_p()
        self._fallback: Any = None  # PynputHotkey, where Carbon cannot be loaded

    def register(self, sequence: str) -> str | None:
        self.unregister()
        refused = unusable_reason(sequence)
        if refused:
            return refused
        combo = parse_sequence(sequence)
        code = key_code(combo.key)
        if code is None:
            return unknown_key(sequence, combo.key)
        if sys.platform != "darwin":  # for mypy and for safety: never reached elsewhere
            return cannot_register(
                sequence,
                QCoreApplication.translate("Hotkey", "RegisterEventHotKey 只在 macOS 上可用"),
            )
        try:
            self._carbon = self._carbon or _carbon()
        except (OSError, AttributeError) as exc:
            print(f"kefu: Carbon not available ({exc}): hotkey through pynput", file=sys.stderr)
            from assistant.ui.system.hotkey_pynput import PynputHotkey

            self._fallback = PynputHotkey(self._signal)
            return self._fallback.register(sequence)
        return self._install(sequence, code, modifier_flags(combo))

    def _install(self, sequence: str, code: int, flags: int) -> str | None:
        carbon = self._carbon
        target = carbon.GetApplicationEventTarget()
        self._handler = _HANDLER(self._pressed)
        spec = _EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOT_KEY_PRESSED)
        status = carbon.InstallEventHandler(
            target, self._handler, 1, ctypes.byref(spec), None, ctypes.byref(self._handler_ref)
        )
        if status != 0:
            self._handler = None
            return cannot_register(
                sequence, QCoreApplication.translate("Hotkey", "错误 {0}").format(status)
            )
        status = carbon.RegisterEventHotKey(
            code,
            flags,
            _EventHotKeyID(SIGNATURE, HOTKEY_ID),
            target,
            0,
            ctypes.byref(self._hotkey_ref),
        )
        if status != 0:
            self._remove_handler()
            if status == EVENT_HOT_KEY_EXISTS_ERR:
                return taken_reason(sequence)
            return cannot_register(
                sequence, QCoreApplication.translate("Hotkey", "错误 {0}").format(status)
            )
        return None

    def _pressed(self, _call: Any, _event: Any, _data: Any) -> int:
        self._signal.pressed.emit()  # on the GUI thread: the event loop called us
        return 0  # noErr: handled

    def _remove_handler(self) -> None:
        if self._handler_ref.value:
            self._carbon.RemoveEventHandler(self._handler_ref)
            self._handler_ref = ctypes.c_void_p()
        self._handler = None

    def unregister(self) -> None:
        if self._fallback is not None:
            self._fallback.unregister()
            self._fallback = None
        if self._carbon is None:
            return
        if self._hotkey_ref.value:
            self._carbon.UnregisterEventHotKey(self._hotkey_ref)
            self._hotkey_ref = ctypes.c_void_p()
        self._remove_handler()
