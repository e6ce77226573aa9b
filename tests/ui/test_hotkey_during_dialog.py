"""The hotkey while a modal dialog of the app is open (issue 14, item 9): the panel would get
none of the typing, which went to the dialog; the dialog is brought to the front instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.system.hotkey import FakeHotkey
from tests.ui.helpers import when_modal


def test_the_hotkey_brings_an_open_dialog_forward_instead_of_a_blind_panel(
    make_app: Callable[..., KefuApp], ws: Workspace, qtbot: QtBot
) -> None:
    app = make_app(ws)
    seen: dict[str, object] = {}

    def press_hotkey(box: QWidget) -> None:
        hotkey = app.hotkey
        assert isinstance(hotkey, FakeHotkey)
        hotkey.press()  # FakeHotkey stands in for the OS registration (not possible offscreen)
        seen["panel_visible"] = app.panel.isVisible()
        seen["modal"] = QApplication.activeModalWidget() is box
        box.close()

    box = QMessageBox(QMessageBox.Icon.Information, "设置", "打开着的对话框")
    when_modal(press_hotkey)
    box.exec()
    box.deleteLater()
    assert seen == {"panel_visible": False, "modal": True}

    assert isinstance(app.hotkey, FakeHotkey)
    app.hotkey.press()  # with the dialog answered, the panel opens as usual
    qtbot.waitUntil(app.panel.isVisible)
