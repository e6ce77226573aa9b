"""设置: what the dialog saves, and how the running app applies it.

The app is built with FakeHotkey: registering a global hotkey with the OS cannot run offscreen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.context import UiContext
from assistant.ui.settings_dialog import SettingsDialog
from tests.ui.helpers import when_modal

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture(autouse=True)
def _not_wayland(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.fixture(autouse=True)
def xdg_autostart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of the test's own: the dialog reads (and may write) the autostart
    entry there, never in the real ~/.config."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "autostart" / "kefu-assistant.desktop"


def make_dialog(ctx: UiContext, qtbot: QtBot, problem: str | None = None) -> SettingsDialog:
    dialog = SettingsDialog(ctx, problem)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(dialog: SettingsDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(SAVE).click()


def test_the_dialog_shows_the_stored_values(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.ws.settings.update(auto_paste=True, paste_delay_ms=400)
    ctx.ws.shop.update({"店铺": "小花鞋铺", "发货时间": "16:00"})
    dialog = make_dialog(ctx, qtbot)
    assert dialog.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText) == (
        "Ctrl+Alt+Space"
    )
    assert dialog.auto_paste.isChecked() and dialog.delay.value() == 400
    assert dialog.shop_edits["店铺"].text() == "小花鞋铺"
    assert dialog.shop_edits["发货时间"].text() == "16:00"
    assert dialog.shop_edits["活动"].text() == ""


def test_saving_writes_hotkey_auto_paste_delay_and_shop(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = make_dialog(ctx, qtbot)
    dialog.hotkey.clear()
    # press-to-record: the key combination is pressed in the field
    qtbot.keyClick(
        dialog.hotkey,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog.auto_paste.setChecked(True)
    dialog.delay.setValue(300)
    dialog.shop_edits["店铺"].setText("小花鞋铺")
    dialog.shop_edits["客服"].setText("小美")
    dialog.shop_edits["活动"].setText("满200减20")
    dialog.shop_edits["发货时间"].setText("16:00")
    with qtbot.waitSignal(ctx.changes.changed):
        save(dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = ctx.ws.settings.load()
    assert stored.hotkey == "Ctrl+Shift+K"
    assert stored.auto_paste is True
    assert stored.paste_delay_ms == 300
    assert ctx.ws.shop.get() == {
        "店铺": "小花鞋铺",
        "客服": "小美",
        "活动": "满200减20",
        "发货时间": "16:00",
    }


def test_an_empty_hotkey_falls_back_to_the_default(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.ws.settings.update(hotkey="Ctrl+Shift+K")
    dialog = make_dialog(ctx, qtbot)
    dialog.hotkey.clear()
    save(dialog)
    assert ctx.ws.settings.load().hotkey == "Ctrl+Alt+Space"


def test_a_refused_value_is_shown_and_nothing_is_stored(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = make_dialog(ctx, qtbot)
    dialog.shop_edits["活动"].setText("满" * 600)
    dialog.delay.setValue(250)
    save(dialog)
    assert dialog.problem.text()
    assert dialog.isVisible() and dialog.result() != SettingsDialog.DialogCode.Accepted
    assert ctx.ws.shop.get()["活动"] == ""


def test_the_hotkey_problem_is_shown(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = make_dialog(ctx, qtbot, "无法注册快捷键 Ctrl+Alt+Space：已被占用")
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "无法注册快捷键 Ctrl+Alt+Space：已被占用" in texts


def test_auto_paste_is_disabled_with_the_reason_on_wayland(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx.ws.settings.update(auto_paste=True)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setattr("sys.platform", "linux")
    dialog = make_dialog(ctx, qtbot)
    assert not dialog.auto_paste.isEnabled() and not dialog.auto_paste.isChecked()
    assert not dialog.delay.isEnabled()
    assert any("Wayland" in label.text() for label in dialog.findChildren(QLabel))


def test_the_app_applies_a_new_hotkey_and_auto_paste(
    ws: Workspace, make_app: Callable[..., KefuApp], qtbot: QtBot
) -> None:
    app = make_app(ws)

    def change(dialog: Any) -> None:
        dialog.hotkey.setKeySequence(QKeySequence("Ctrl+Shift+J"))
        dialog.auto_paste.setChecked(True)
        dialog.delay.setValue(80)
        save(dialog)

    when_modal(change)
    app.open_settings()
    assert app.hotkey.sequence == "Ctrl+Shift+J"
    assert app.panel.auto_paste is True and app.panel.paste_delay_ms == 80
    app.menu.aboutToShow.emit()
    assert app.menu.actions()[0].text() == "快速查找\tCtrl+Shift+J"


xdg_only = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the XDG autostart file is the Linux entry"
)


@xdg_only
def test_the_autostart_box_shows_what_the_system_will_do_not_the_stored_setting(
    ctx: UiContext, qtbot: QtBot, xdg_autostart: Path
) -> None:
    # A data folder restored from another computer: its setting says on, this one has no entry.
    ctx.ws.settings.update(start_at_login=True)
    assert not make_dialog(ctx, qtbot).autostart.isChecked()
    # An entry made outside the app (or before the setting was reset): the box says on.
    ctx.ws.settings.update(start_at_login=False)
    xdg_autostart.parent.mkdir(parents=True)
    xdg_autostart.write_text("[Desktop Entry]\nType=Application\n", encoding="utf-8")
    assert make_dialog(ctx, qtbot).autostart.isChecked()


@xdg_only
def test_saving_the_autostart_box_writes_or_removes_the_entry(
    ctx: UiContext, qtbot: QtBot, xdg_autostart: Path
) -> None:
    ctx.ws.settings.update(start_at_login=True)  # stale: there is no entry yet
    dialog = make_dialog(ctx, qtbot)
    dialog.autostart.setChecked(True)
    save(dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert "-m assistant.ui.app" in xdg_autostart.read_text(encoding="utf-8")
    assert ctx.ws.settings.load().start_at_login is True

    dialog = make_dialog(ctx, qtbot)
    assert dialog.autostart.isChecked()
    dialog.autostart.setChecked(False)
    save(dialog)
    assert not xdg_autostart.exists()
    assert ctx.ws.settings.load().start_at_login is False


@xdg_only
def test_an_autostart_entry_that_cannot_be_written_is_shown_and_nothing_is_stored(
    ctx: UiContext, qtbot: QtBot, xdg_autostart: Path
) -> None:
    xdg_autostart.parent.parent.mkdir(parents=True)
    xdg_autostart.parent.write_text("a file where the autostart folder should be")
    dialog = make_dialog(ctx, qtbot)
    dialog.autostart.setChecked(True)
    dialog.delay.setValue(250)
    save(dialog)
    assert dialog.problem.text()
    assert dialog.isVisible() and dialog.result() != SettingsDialog.DialogCode.Accepted
    assert ctx.ws.settings.load().start_at_login is False
    assert ctx.ws.settings.load().paste_delay_ms != 250
