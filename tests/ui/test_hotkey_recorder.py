"""The hotkey field in 设置 takes combinations only: Esc, Enter and Tab keep their meaning in
the dialog, plain keys and Shift+key are refused with a line saying why, and the field is not
where focus starts. The no-tray window's 快速查找 button shows the hotkey in use.

The app is built with FakeHotkey: registering a global hotkey with the OS cannot run offscreen
(tests/desktop/test_hotkey.py does it on a real X server).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.context import UiContext
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.system.hotkey import FakeHotkey, hotkey_label
from tests.ui.helpers import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog reads the autostart entry: from the test's own folder, not ~/.config."""
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def open_dialog(ctx: UiContext, qtbot: QtBot) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def in_the_field(dialog: SettingsDialog, qtbot: QtBot) -> None:
    """Click into the hotkey field, as a user does to record a new one."""
    qtbot.mouseClick(dialog.hotkey, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.hotkey.hasFocus)


def save_button(dialog: SettingsDialog) -> Any:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_focus_does_not_start_in_the_hotkey_field(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = open_dialog(ctx, qtbot)
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    assert dialog.focusWidget() is save_button(dialog)
    assert not dialog.hotkey.hasFocus()


def test_esc_closes_the_dialog_from_the_field_and_keeps_the_hotkey(
    ctx: UiContext, qtbot: QtBot
) -> None:
    dialog = open_dialog(ctx, qtbot)
    in_the_field(dialog, qtbot)
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert ctx.ws.settings.load().hotkey == "Ctrl+Alt+Space"


@pytest.mark.parametrize(
    ("key", "modifiers", "said"),
    [
        (Qt.Key.Key_K, NONE, "Ctrl、Alt 或 Meta"),
        (Qt.Key.Key_K, SHIFT, "Ctrl、Alt 或 Meta"),
        (Qt.Key.Key_F5, NONE, "Ctrl、Alt 或 Meta"),
        (Qt.Key.Key_Space, NONE, "Ctrl、Alt 或 Meta"),
        (Qt.Key.Key_Escape, CTRL, "Esc"),
        (Qt.Key.Key_Escape, SHIFT | ALT, "Esc"),
    ],
)
def test_a_refused_key_says_why_and_the_hotkey_stays(
    ctx: UiContext, qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier, said: str
) -> None:
    dialog = open_dialog(ctx, qtbot)
    in_the_field(dialog, qtbot)
    qtbot.keyClick(dialog.hotkey, key, modifiers)
    assert dialog.hotkey_refused.isVisible()
    assert said in dialog.hotkey_refused.text()
    assert dialog.hotkey.sequence() == "Ctrl+Alt+Space"
    save_button(dialog).click()
    assert ctx.ws.settings.load().hotkey == "Ctrl+Alt+Space"


def test_a_combination_is_taken_the_line_goes_and_enter_saves(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = open_dialog(ctx, qtbot)
    in_the_field(dialog, qtbot)
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_K)
    assert dialog.hotkey_refused.isVisible()
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_K, CTRL | SHIFT)
    assert not dialog.hotkey_refused.isVisible()
    assert dialog.hotkey.sequence() == "Ctrl+Shift+K"
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Return)  # not recorded: the dialog's default
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert ctx.ws.settings.load().hotkey == "Ctrl+Shift+K"


def test_tab_leaves_the_field_instead_of_being_recorded(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = open_dialog(ctx, qtbot)
    in_the_field(dialog, qtbot)
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dialog.auto_paste.hasFocus())
    assert dialog.hotkey.sequence() == "Ctrl+Alt+Space"
    assert not dialog.hotkey_refused.isVisible()


def test_a_modifier_pressed_alone_and_let_go_keeps_the_hotkey(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = open_dialog(ctx, qtbot)
    in_the_field(dialog, qtbot)
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Control)  # the field shows "Ctrl+", waiting
    # Qt's field ends a recording a moment after the keys are let go: wait for that end.
    with qtbot.waitSignal(dialog.hotkey.editingFinished):
        pass
    assert dialog.hotkey.sequence() == "Ctrl+Alt+Space"


def test_a_refused_hotkey_stored_earlier_is_not_saved_again(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.ws.settings.update(hotkey="Esc")  # saved by an earlier version of the dialog
    dialog = open_dialog(ctx, qtbot)
    save_button(dialog).click()
    assert "Esc" in dialog.problem.text()
    assert dialog.isVisible()


def test_the_no_tray_window_shows_the_changed_hotkey(
    ws: Workspace, make_app: Callable[..., KefuApp], qtbot: QtBot
) -> None:
    app = make_app(ws, use_tray=False)
    assert app.main_window is not None
    assert app.main_window.quick_find.text() == "快速查找（Ctrl+Alt+Space）"

    def change(dialog: Any) -> None:
        dialog.hotkey.setKeySequence(QKeySequence("Ctrl+Shift+J"))
        save_button(dialog).click()

    when_modal(change)
    app.open_settings()
    assert app.hotkey.sequence == "Ctrl+Shift+J"
    assert app.main_window.quick_find.text() == "快速查找（Ctrl+Shift+J）"


def test_the_hotkey_is_shown_as_this_system_writes_it() -> None:
    # Settings keep Qt's portable text; the labels use the native one, which on macOS writes
    # "Meta+Alt+Space" as ⌃⌥Space (macOS cannot run here: this checks the round trip and
    # what Linux shows).
    for portable in ("Ctrl+Alt+Space", "Meta+Alt+Space", "Ctrl+Shift+J"):
        label = hotkey_label(portable)
        assert label
        native = QKeySequence.SequenceFormat.NativeText
        assert QKeySequence(label, native) == QKeySequence(portable)
    assert hotkey_label("Ctrl+Alt+Space") == "Ctrl+Alt+Space"
    assert hotkey_label("") == ""


class _TakenHotkey(FakeHotkey):
    """A hotkey another program holds: registering it fails, as the OS would refuse it."""

    def register(self, sequence: str) -> str | None:
        super().register(sequence)
        return f"无法注册快捷键 {sequence}：已被占用"


def test_the_tray_menu_does_not_offer_a_hotkey_that_could_not_be_registered(
    ws: Workspace, key_sender: Any, qtbot: QtBot
) -> None:
    app = KefuApp(ws, hotkey_factory=_TakenHotkey, key_sender=key_sender, use_tray=True)
    try:
        app.menu.aboutToShow.emit()
        assert app.menu.actions()[0].text() == "快速查找"
        qtbot.waitUntil(lambda: getattr(app, "_hotkey_box", None) is not None)  # said instead
        assert "已被占用" in app._hotkey_box.text()
        app._hotkey_box.close()
    finally:
        app.jobs.stop()
        app.server.close()
        if app.tray is not None:
            app.tray.hide()
        app.deleteLater()
