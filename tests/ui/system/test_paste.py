"""Auto-paste: wait for the hotkey's modifiers to be released, then send Ctrl+V.

Key injection into another window cannot run offscreen, so the KeySender is a recording
double (RecordingKeySender); the modifier state comes from a function the test controls;
giving focus back to the previous window is a recording FocusKeeper double for the same reason.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.system.paste import AutoPaster, auto_paste_unavailable
from tests.ui.helpers import CHANGE_TIMEOUT_MS, RecordingKeySender, clipboard_text

NONE = Qt.KeyboardModifier.NoModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class Modifiers:
    """The keyboard's modifier state as the OS would report it, and how often it was asked."""

    def __init__(self, state: Qt.KeyboardModifier) -> None:
        self.state = state
        self.asked = 0

    def __call__(self) -> Qt.KeyboardModifier:
        self.asked += 1
        return self.state


class RecordingFocus:
    """Test double for giving focus back to the chat window (an OS call that cannot run here)."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def remember(self) -> None:
        self.log.append("remember")

    def restore(self) -> None:
        self.log.append("restore")


def test_paste_is_sent_once_when_no_modifier_is_held(qtbot: QtBot) -> None:
    sender = RecordingKeySender()
    paster = AutoPaster(sender, modifiers=Modifiers(NONE))
    paster.paste_soon(0)
    qtbot.waitUntil(lambda: sender.pastes == 1)
    assert not any(t.isActive() for t in paster.findChildren(QTimer)), "still polling"


def test_paste_waits_while_the_hotkey_modifiers_are_held(qtbot: QtBot) -> None:
    sender = RecordingKeySender()
    modifiers = Modifiers(CTRL_ALT)
    paster = AutoPaster(sender, modifiers=modifiers)
    paster.paste_soon(0)
    qtbot.waitUntil(lambda: modifiers.asked >= 5)  # polled several times with keys held
    assert sender.pastes == 0
    modifiers.state = NONE  # the agent lets go of Ctrl+Alt
    qtbot.waitUntil(lambda: sender.pastes == 1)


def test_paste_gives_up_waiting_for_a_stuck_modifier(qtbot: QtBot) -> None:
    sender = RecordingKeySender()
    paster = AutoPaster(sender, modifiers=Modifiers(CTRL_ALT))
    paster.MAX_WAIT_MS = 5 * AutoPaster.POLL_MS
    paster.paste_soon(0)
    qtbot.waitUntil(lambda: sender.pastes == 1)


def test_focus_goes_back_before_the_paste(qtbot: QtBot) -> None:
    log: list[str] = []

    class Sender:
        def send_paste(self) -> None:
            log.append("paste")

    paster = AutoPaster(Sender(), modifiers=Modifiers(NONE), focus=RecordingFocus(log))
    paster.paste_soon(0)
    qtbot.waitUntil(lambda: "paste" in log)
    assert log == ["restore", "paste"]


def test_the_panel_pastes_after_copying_when_auto_paste_is_on(
    panel: QuickPanel, ctx: UiContext, key_sender: RecordingKeySender, qtbot: QtBot
) -> None:
    panel.auto_paste = True
    panel.paste_delay_ms = 0
    panel.open_near_pointer()
    qtbot.keyClicks(panel.search, "th1")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: key_sender.pastes == 1)
    assert clipboard_text() == ctx.ws.phrases.resolve("th1").text


def test_the_panel_does_not_paste_when_auto_paste_is_off(
    panel: QuickPanel, ctx: UiContext, key_sender: RecordingKeySender, qtbot: QtBot
) -> None:
    assert panel.auto_paste is False  # off by default
    panel.paste_delay_ms = 0  # a wrongly scheduled paste would come at once
    panel.open_near_pointer()
    qtbot.keyClicks(panel.search, "th1")
    # the use's change notice comes after a 150 ms debounce, well after any paste would
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert clipboard_text() == ctx.ws.phrases.resolve("th1").text
    assert key_sender.pastes == 0


def test_each_message_of_a_multi_message_phrase_is_pasted(
    panel: QuickPanel, ctx: UiContext, key_sender: RecordingKeySender, qtbot: QtBot
) -> None:
    ctx.ws.phrases.add("第一条\n---\n第二条", title="两条", code="lt2")
    panel.auto_paste = True
    panel.paste_delay_ms = 0
    panel.open_near_pointer()
    qtbot.keyClicks(panel.search, "lt2")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: key_sender.pastes == 1)
    assert clipboard_text() == "第一条"
    panel.open_near_pointer()  # the hotkey again: the panel continues with message 2
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: key_sender.pastes == 2)
    assert clipboard_text() == "第二条"


def test_auto_paste_is_unavailable_on_wayland(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert auto_paste_unavailable() is None  # offscreen stands in for X11/Windows/macOS
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setattr("sys.platform", "linux")
    reason = auto_paste_unavailable()
    assert reason is not None and "Wayland" in reason
