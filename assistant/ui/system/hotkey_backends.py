"""Which hotkey backend this operating system gets. Apart from ``hotkey`` (the interface
the backends implement), so that the backends import it and it imports none of them at load."""

from __future__ import annotations

import os
import sys

from assistant.ui.system.hotkey import Hotkey, HotkeySignal


def system_hotkey(signal: HotkeySignal) -> Hotkey:
    """The backend for this operating system (the app's default ``hotkey_factory``)."""
    if sys.platform == "win32":
        from assistant.ui.system.hotkey_windows import WindowsHotkey

        return WindowsHotkey(signal)
    if sys.platform == "darwin":
        if os.environ.get("KEFU_HOTKEY") == "pynput":  # a way out, should Carbon misbehave
            from assistant.ui.system.hotkey_pynput import PynputHotkey

            return PynputHotkey(signal)
        from assistant.ui.system.hotkey_macos import MacHotkey

        return MacHotkey(signal)
    from assistant.ui.system.hotkey_x11 import X11Hotkey

    return X11Hotkey(signal)
