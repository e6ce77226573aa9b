"""Which focus keeper the app gets: the Windows one only on Windows, X11 only under xcb."""

from __future__ import annotations

import sys

import pytest

from assistant.ui.system import focus


@pytest.mark.skipif(sys.platform == "win32", reason="Windows always gets its own keeper")
def test_off_windows_x11_keeps_focus_and_other_platforms_do_nothing() -> None:
    assert isinstance(focus.focus_keeper("xcb"), focus.X11FocusKeeper)
    assert isinstance(focus.focus_keeper("wayland"), focus.NoFocusKeeper)
    assert not hasattr(focus, "WindowsFocusKeeper")  # it needs ctypes.windll


@pytest.mark.skipif(sys.platform != "win32", reason="ctypes.windll exists only on Windows")
def test_on_windows_the_foreground_window_is_kept() -> None:
    keeper = focus.focus_keeper("windows")
    assert type(keeper).__name__ == "WindowsFocusKeeper"
    keeper.remember()
