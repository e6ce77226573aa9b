"""The global hotkey through pynput: on macOS, only where the system hot-key API cannot be
loaded (``hotkey_macos``), or with ``KEFU_HOTKEY=pynput``.

pynput only observes keys on macOS (a listening event tap), so the combination also reaches
the window that has focus, and macOS asks the user to allow the app under 辅助功能
(Accessibility). Modifiers follow Qt on macOS: "Ctrl" is ⌘, "Meta" is ⌃.
"""

from __future__ import annotations

from typing import Any

from assistant.ui.system.hotkey import HotkeySignal, cannot_register, unusable_reason


def to_pynput(sequence: str) -> str:
    """Qt's portable text on macOS ("Ctrl+Alt+Space", ⌘⌥Space) → pynput's
    ("<cmd>+<alt>+<space>")."""
    names = {"ctrl": "<cmd>", "alt": "<alt>", "shift": "<shift>", "meta": "<ctrl>"}
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


class PynputHotkey:
    def __init__(self, signal: HotkeySignal) -> None:
        self._signal = signal
        self._listener: Any = None

    def register(self, sequence: str) -> str | None:
        self.unregister()
        refused = unusable_reason(sequence)
        if refused:
            return refused
        try:
            from pynput import keyboard

            self._listener = keyboard.GlobalHotKeys(
                {to_pynput(sequence): self._signal.pressed.emit}
            )
            self._listener.daemon = True
            self._listener.start()
        except Exception as exc:  # bad key name, missing Accessibility permission
            self._listener = None
            return cannot_register(sequence, str(exc))
        return None

    def unregister(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
