"""Remembering which window had focus before the panel opened, to give focus back to it
before auto-paste. Window managers usually do this themselves when the panel hides; this
makes it reliable where they do not (and where there is no window manager at all).
"""

from __future__ import annotations

import sys
from typing import Any, Protocol


class FocusKeeper(Protocol):
    def remember(self) -> None: ...

    def restore(self) -> None: ...


class NoFocusKeeper:
    def remember(self) -> None:
        pass

    def restore(self) -> None:
        pass


class X11FocusKeeper:
    def __init__(self) -> None:
        self._window: Any = None
        self._display: Any = None

    def _connect(self) -> Any:
        if self._display is None:
            from Xlib import display  # python-xlib, installed with pynput on Linux

            self._display = display.Display()
        return self._display

    def remember(self) -> None:
        try:
            self._window = self._connect().get_input_focus().focus
        except Exception:  # no X server (Wayland), or it went away
            self._window = None

    def restore(self) -> None:
        if self._window is None or isinstance(self._window, int):
            return
        try:
            from Xlib import X

            self._window.set_input_focus(X.RevertToParent, X.CurrentTime)
            self._display.sync()
        except Exception:  # the window closed meanwhile: nothing to give focus to
            pass


# ctypes.windll exists only on Windows; under this check the type checker knows it too, and
# checks the class when run with --platform win32 instead of needing an ignore.
if sys.platform == "win32":
    import ctypes

    class WindowsFocusKeeper:
        def __init__(self) -> None:
            self._hwnd = 0

        def remember(self) -> None:
            self._hwnd = ctypes.windll.user32.GetForegroundWindow()

        def restore(self) -> None:
            if self._hwnd:
                ctypes.windll.user32.SetForegroundWindow(self._hwnd)


def focus_keeper(platform_name: str) -> FocusKeeper:
    if sys.platform == "win32":
        return WindowsFocusKeeper()
    if platform_name == "xcb":
        return X11FocusKeeper()
    return NoFocusKeeper()
