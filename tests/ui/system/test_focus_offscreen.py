"""Giving focus back before auto-paste, where there is no X server to ask (a Wayland session,
or an X server that went away): the keeper remembers nothing, restores nothing, and the
paste still happens. The real X11 round trip runs in tests/desktop, under a window manager.

Key injection cannot run offscreen: the paste goes to RecordingKeySender.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.ui.system.focus import NoFocusKeeper, X11FocusKeeper
from assistant.ui.system.paste import AutoPaster
from tests.ui.helpers import RecordingKeySender

WAIT_MS = 10_000


@pytest.fixture
def no_x_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":987")  # nothing listens there
    monkeypatch.delenv("XAUTHORITY", raising=False)


def test_without_an_x_server_the_keeper_remembers_nothing_and_restores_nothing(
    no_x_server: None,
) -> None:
    keeper = X11FocusKeeper()
    keeper.remember()  # the connection fails: no window, no exception
    assert keeper._window is None
    keeper.restore()  # nothing to give focus to
    keeper.remember()  # and asking again later fails the same quiet way
    assert keeper._window is None


@pytest.mark.parametrize("keeper", [NoFocusKeeper(), X11FocusKeeper()], ids=["none", "x11"])
def test_the_paste_still_happens_when_focus_cannot_be_given_back(
    no_x_server: None, keeper: NoFocusKeeper | X11FocusKeeper, qtbot: QtBot
) -> None:
    sender = RecordingKeySender()
    paster = AutoPaster(sender, modifiers=lambda: Qt.KeyboardModifier.NoModifier, focus=keeper)
    keeper.remember()

    paster.paste_soon(0)

    qtbot.waitUntil(lambda: sender.pastes == 1, timeout=WAIT_MS)
    paster.deleteLater()
