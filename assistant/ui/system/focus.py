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
    """Remembers the active top-level window; gives it back through the window manager.

    With a window manager running, focus is asked for the EWMH way (a ``_NET_ACTIVE_WINDOW``
    message to the root window, as a pager does): a bare XSetInputFocus went behind the
    manager's back, and when the panel hid, openbox could hand the focus to another window
    of this app (the welcome window, 短语管理) after it. Without one, XSetInputFocus."""

    def __init__(self) -> None:
        self._window: Any = None
        self._display: Any = None

    def _connect(self) -> Any:
        if self._display is None:
            from Xlib import display  # python-xlib, installed with pynput on Linux

            self._display = display.Display()
        return self._display

    def _active(self, d: Any) -> Any:
        root = d.screen().root
        prop = root.get_full_property(d.intern_atom("_NET_ACTIVE_WINDOW"), 0)
        if prop is not None and prop.value and prop.value[0]:
            return d.create_resource_object("window", int(prop.value[0]))
        return None

    def remember(self) -> None:
        try:
            d = self._connect()
            self._window = self._active(d) or d.get_input_focus().focus
        except Exception:  # no X server (Wayland), or it went away
            self._window = None

    def restore(self) -> None:
        if self._window is None or isinstance(self._window, int):
            return
        try:
            from Xlib import X
            from Xlib.protocol import event

            d = self._display
            root = d.screen().root
            if self._window_manager(d):
                message = event.ClientMessage(
                    window=self._window,
                    client_type=d.intern_atom("_NET_ACTIVE_WINDOW"),
                    data=(32, [2, X.CurrentTime, 0, 0, 0]),  # 2: asked for by the user
                )
                mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
                root.send_event(message, event_mask=mask)
            else:
                self._window.set_input_focus(X.RevertToParent, X.CurrentTime)
            d.sync()
        except Exception:  # the window closed meanwhile: nothing to give focus to
            pass

    @staticmethod
    def _window_manager(d: Any) -> bool:
        root = d.screen().root
        prop = root.get_full_property(d.intern_atom("_NET_SUPPORTING_WM_CHECK"), 0)
        return prop is not None and bool(prop.value)


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
