"""短语管理 with a pack or group chosen in the tree: the choice survives a change made by
another process, the import goes into the chosen pack and the export takes only it; editing
the selected row opens the editor on it.

Replaced: only QFileDialog.getOpenFileName / getSaveFileName (the native dialog blocks); the
message boxes are the real ones, answered by tests/ui/modals.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.phrase_model import PHRASE_ROLE
from tests.helpers import run_kefu
from tests.ui.helpers import CHANGE_TIMEOUT_MS
from tests.ui.modals import Modals

WAIT_MS = 30_000


@pytest.fixture
def team(ctx: UiContext) -> str:
    info = ctx.ws.phrases.packs.create("售后话术")
    ctx.ws.phrases.add("亲，退货请填写单号", title="退货", group="退换", pack=info.id)
    ctx.ws.phrases.add("亲，换货请备注尺码", title="换货", group="退换", pack=info.id)
    ctx.ws.phrases.add("亲，发票随货寄出", title="发票", group="发票", pack=info.id)
    return info.name


@pytest.fixture
def manager(ctx: UiContext, team: str, qtbot: QtBot) -> PhraseManager:
    window = PhraseManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    answers: list[str] = []

    def answer(_parent: QWidget, _title: str, _dir: str, _filter: str) -> tuple[str, str]:
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return answers


def tree_item(manager: PhraseManager, pack: str, group: str = "") -> QTreeWidgetItem:
    def walk(item: QTreeWidgetItem) -> QTreeWidgetItem | None:
        if item.data(0, Qt.ItemDataRole.UserRole) == (pack, group):
            return item
        for i in range(item.childCount()):
            found = walk(item.child(i))
            if found is not None:
                return found
        return None

    for i in range(manager.tree.topLevelItemCount()):
        found = walk(manager.tree.topLevelItem(i))
        if found is not None:
            return found
    raise AssertionError(f"no tree entry for {pack} / {group}")


def shown_texts(manager: PhraseManager) -> list[str]:
    proxy = manager.proxy
    return sorted(proxy.data(proxy.index(r, 0), PHRASE_ROLE).text for r in range(proxy.rowCount()))


def test_the_chosen_group_stays_chosen_when_another_process_adds_to_it(
    ctx: UiContext, manager: PhraseManager, team: str, qtbot: QtBot
) -> None:
    manager.tree.setCurrentItem(tree_item(manager, team, "退换"))
    assert shown_texts(manager) == ["亲，换货请备注尺码", "亲，退货请填写单号"]

    added = run_kefu(ctx.ws.path, "add", "亲，退换货运费说明", "--group", "退换", "--pack", team)
    assert added.returncode == 0, added.stderr

    qtbot.waitUntil(lambda: len(shown_texts(manager)) == 3, timeout=CHANGE_TIMEOUT_MS)
    current = manager.tree.currentItem()
    assert current is not None and current.data(0, Qt.ItemDataRole.UserRole) == (team, "退换")
    assert "亲，退换货运费说明" in shown_texts(manager)


def test_import_goes_into_the_chosen_pack_and_export_takes_only_it(
    ctx: UiContext,
    manager: PhraseManager,
    team: str,
    files: list[str],
    modals: Modals,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    manager.tree.setCurrentItem(tree_item(manager, team))
    table = tmp_path / "补充.csv"
    table.write_text("快捷编码,快捷短语,快捷短语分组\nbc1,亲，补发已安排,物流\n", encoding="utf-8")
    files.append(str(table))

    manager.actions_by_name["import"].trigger()
    qtbot.waitUntil(lambda: len(modals.texts()) == 2, timeout=WAIT_MS)
    [imported] = [p for p in ctx.ws.phrases.all() if p.code == "bc1"]
    assert imported.pack == team

    out = tmp_path / "售后.csv"
    files.append(str(out))
    manager.actions_by_name["export"].trigger()
    qtbot.waitUntil(lambda: len(modals.texts()) == 3, timeout=WAIT_MS)
    assert modals.texts()[2] == f"已导出 4 条短语到 {out}"
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert sorted(r[1] for r in rows[1:]) == sorted(
        ["亲，退货请填写单号", "亲，换货请备注尺码", "亲，发票随货寄出", "亲，补发已安排"]
    )


def test_edit_opens_the_editor_on_the_selected_phrase(
    ws: Workspace, manager: PhraseManager, team: str
) -> None:
    manager.tree.setCurrentItem(tree_item(manager, team, "发票"))
    manager.table.selectionModel().select(
        manager.proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    opened: list[str] = []

    def close_editors() -> None:  # every editor that comes up is read and cancelled
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PhraseEditor) and dialog.isVisible():
            opened.append(dialog.text.toPlainText())
            dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_editors)
    closer.start(10)
    try:
        manager.actions_by_name["edit"].trigger()
        assert opened == ["亲，发票随货寄出"]

        manager.table.clearSelection()
        manager.actions_by_name["edit"].trigger()  # nothing selected: no editor
        assert opened == ["亲，发票随货寄出"]
    finally:
        closer.stop()
