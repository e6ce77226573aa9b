"""The backup list of the settings dialog (issue 12, item 7): newest first in the order the
backups were made, whatever the clock said when each was made."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.core.store import backup as backup_module
from assistant.core.store.backup import create_backup
from assistant.ui.context import UiContext
from assistant.ui.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


def _listed(dialog: SettingsDialog) -> list[str]:
    items = [dialog.backups.item(i) for i in range(dialog.backups.count())]
    return [Path(item.data(Qt.ItemDataRole.UserRole)).name for item in items]


def test_the_backup_list_puts_the_last_one_made_first_even_with_the_clock_set_back(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []
    for moment in (datetime(2026, 11, 20, 9, 0), datetime(2025, 1, 1, 8, 0)):
        monkeypatch.setattr(backup_module, "now", lambda m=moment: m.astimezone())
        made.append(create_backup(ctx.ws.folder).path.name)
    dialog = SettingsDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert _listed(dialog) == made[::-1]
    assert dialog.backups.item(0).text().startswith("2025-01-01 08:00")
    dialog.backup_now()
    assert len(_listed(dialog)) == 3
    assert _listed(dialog)[1:] == made[::-1]
