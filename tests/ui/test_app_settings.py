"""What the running app does after 设置 is saved: start at login, and a new language.

The app is built in this process with FakeHotkey (a global hotkey cannot be registered
offscreen). The autostart entry is written into a config folder of the test's own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.settings_dialog import SettingsDialog
from tests.ui.helpers import when_modal
from tests.ui.modals import Modals


@pytest.fixture(autouse=True)
def xdg_autostart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "autostart" / "kefu-assistant.desktop"


def saving(change: Callable[[SettingsDialog], None]) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        change(dialog)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    return act


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG entry is Linux's")
def test_start_at_login_from_the_apps_settings_writes_and_removes_the_entry(
    ws: Workspace, make_app: Callable[..., KefuApp], xdg_autostart: Path
) -> None:
    app = make_app(ws)

    when_modal(saving(lambda d: d.autostart.setChecked(True)))
    app.open_settings()
    assert "-m assistant.ui.app" in xdg_autostart.read_text(encoding="utf-8")
    assert app.settings.start_at_login is True

    when_modal(saving(lambda d: d.autostart.setChecked(False)))
    app.open_settings()
    assert not xdg_autostart.exists()
    assert app.settings.start_at_login is False


def test_a_new_language_is_stored_and_announced_for_the_next_start(
    ws: Workspace, make_app: Callable[..., KefuApp], modals: Modals, qtbot: QtBot
) -> None:
    app = make_app(ws)

    when_modal(saving(lambda d: d.language.setCurrentIndex(d.language.findData("en"))))
    app.open_settings()

    assert modals.texts() == ["语言将在重新启动后生效"]
    assert ws.settings.load().language == "en"

    when_modal(saving(lambda d: None))  # saved unchanged: nothing to announce
    app.open_settings()
    assert modals.texts() == ["语言将在重新启动后生效"]
