"""The global hotkey on X11: a passive key grab (``XGrabKey``) on the root window.

The X server then sends the combination to this client alone: the window that has focus never
sees it. The grab is made for every state of NumLock and CapsLock, which X counts as
modifiers. A combination another program already grabbed fails with BadAccess, reported to
the user as a reason. One daemon thread per registration reads the connection, sleeping in
``select`` until the X server or ``unregister`` (through a pipe) wakes it.

python-xlib speaks the X protocol in Python; it is installed with pynput on Linux anyway.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from Xlib import XK, X, error
from Xlib.display import Display

from assistant.ui.system.hotkey import (
    HotkeySignal,
    cannot_register,
    parse_sequence,
    taken_reason,
    unknown_key,
    unusable_reason,
    wayland_reason,
    wayland_session,
)

# Qt's portable key names that are not X keysym names.
QT_KEYSYMS = {
    "space": "space",
    "esc": "Escape",
    "tab": "Tab",
    "backtab": "ISO_Left_Tab",
    "backspace": "BackSpace",
    "return": "Return",
    "enter": "KP_Enter",
    "ins": "Insert",
    "del": "Delete",
    "pause": "Pause",
    "print": "Print",
    "sysreq": "Sys_Req",
    "home": "Home",
    "end": "End",
    "left": "Left",
    "up": "Up",
    "right": "Right",
    "down": "Down",
    "pgup": "Prior",
    "pgdown": "Next",
    "menu": "Menu",
    "help": "Help",
}
MODIFIER_KEYSYMS = {  # which modifier keys make Qt's Alt, Meta and NumLock
    "alt": ("Alt_L", "Alt_R"),
    "meta": ("Super_L", "Super_R"),
    "numlock": ("Num_Lock",),
}
DEFAULT_MASKS = {
    "ctrl": X.ControlMask,
    "shift": X.ShiftMask,
    "alt": X.Mod1Mask,
    "meta": X.Mod4Mask,
    "numlock": X.Mod2Mask,
}
JOIN_S = 5.0  # a hang guard: the thread wakes at once when told to stop


def keysym_of(key: str) -> int:
    """A key's Qt portable name ("Space", "F1", "K", "1", ",") → its X keysym."""
    if len(key) == 1 and " " <= key <= "~":
        return ord(key.lower())  # printable ASCII keysyms are the characters themselves
    keysym = XK.string_to_keysym(QT_KEYSYMS.get(key.lower(), key))
    if keysym == X.NoSymbol:
        raise ValueError(key)
    return int(keysym)


def modifier_masks(display: Any) -> dict[str, int]:
    """The X modifier bit of Ctrl, Shift, Alt, Meta and NumLock on this keyboard map."""
    masks = dict(DEFAULT_MASKS)
    rows = display.get_modifier_mapping()
    for name, keysyms in MODIFIER_KEYSYMS.items():
        codes = {display.keysym_to_keycode(XK.string_to_keysym(k)) for k in keysyms} - {0}
        for index in range(X.Mod1MapIndex, X.Mod5MapIndex + 1):
            if codes & set(rows[index]):
                masks[name] = 1 << index
                break
    return masks


@dataclass
class _Grab:
    display: Any
    keycode: int
    masks: list[int]  # the combination with each state of NumLock and CapsLock

    def release(self) -> None:
        root = self.display.screen().root
        with contextlib.suppress(error.ConnectionClosedError, OSError):
            for mask in self.masks:
                root.ungrab_key(self.keycode, mask)
            self.display.sync()
        with contextlib.suppress(error.ConnectionClosedError, OSError):
            self.display.close()


def _grab(display: Any, sequence: str) -> _Grab | str:
    """Grab ``sequence`` on the root window; a reason when that is impossible."""
    combo = parse_sequence(sequence)
    try:
        keysym = keysym_of(combo.key)
    except ValueError:
        return unknown_key(sequence, combo.key)
    keycode = display.keysym_to_keycode(keysym)
    if not keycode:
        return QCoreApplication.translate(
            "Hotkey", "这个键盘上没有 {0} 键，请在设置里换一个快捷键"
        ).format(combo.key)
    masks = modifier_masks(display)
    mask = 0
    for name in combo.modifiers:
        mask |= masks[name]
    if display.keycode_to_keysym(keycode, 0) != keysym:
        mask |= X.ShiftMask  # a shifted character ("!"): only Shift types it
    locks = (0, masks["numlock"], X.LockMask, masks["numlock"] | X.LockMask)
    grab = _Grab(display, keycode, [mask | lock for lock in locks])
    caught = error.CatchError()
    root = display.screen().root
    for each in grab.masks:
        root.grab_key(keycode, each, False, X.GrabModeAsync, X.GrabModeAsync, onerror=caught)
    display.sync()  # a round trip: every grab's error, if any, has arrived
    problem = caught.get_error()
    if problem is None:
        return grab
    grab.release()  # the variants that did succeed
    if isinstance(problem, error.BadAccess):
        return taken_reason(sequence)
    return cannot_register(sequence, str(problem))


class X11Hotkey:
    def __init__(self, signal: HotkeySignal, display_name: str | None = None) -> None:
        self._signal = signal
        self._display_name = display_name
        self._grab: _Grab | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[int, int] | None = None  # a pipe: written to stop the thread

    def register(self, sequence: str) -> str | None:
        self.unregister()
        if wayland_session():
            return wayland_reason()
        refused = unusable_reason(sequence)
        if refused:
            return refused
        try:
            display = Display(self._display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            return QCoreApplication.translate(
                "Hotkey", "无法连接 X 显示，快捷键 {0} 不可用：{1}"
            ).format(sequence, exc)
        grab = _grab(display, sequence)
        if isinstance(grab, str):
            with contextlib.suppress(error.ConnectionClosedError, OSError):
                display.close()
            return grab
        self._grab = grab
        self._wake = os.pipe()
        self._thread = threading.Thread(
            target=self._listen, args=(grab, self._wake[0]), name="kefu-hotkey", daemon=True
        )
        self._thread.start()
        return None

    def unregister(self) -> None:
        if self._thread is not None and self._wake is not None:
            os.write(self._wake[1], b"x")
            self._thread.join(JOIN_S)
        if self._grab is not None:
            self._grab.release()
        if self._wake is not None:
            for fd in self._wake:
                os.close(fd)
        self._thread, self._grab, self._wake = None, None, None

    def _listen(self, grab: _Grab, wake: int) -> None:
        display = grab.display
        released_at = -1  # X repeats a held key as release + press at the same time
        try:
            while True:
                ready, _, _ = select.select([display.fileno(), wake], [], [])
                if wake in ready:
                    return
                for _ in range(display.pending_events()):
                    event = display.next_event()
                    if getattr(event, "detail", None) != grab.keycode:
                        continue
                    if event.type == X.KeyRelease:
                        released_at = event.time
                    elif event.type == X.KeyPress and event.time != released_at:
                        self._signal.pressed.emit()
        except (error.ConnectionClosedError, OSError):
            return  # the X server went away: there is nothing left to listen to
