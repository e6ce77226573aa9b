"""短语管理: the pack/group tree, the sortable table, delete with undo, favourites."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from assistant.core.errors import NotFound
from assistant.core.phrases.model import Phrase
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.phrase_model import PHRASE_ROLE
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, when_modal

USE_COUNT = 5  # the table's column of use counts


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> PhraseManager:
    window = PhraseManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def shown(manager: PhraseManager) -> list[Phrase]:
    proxy = manager.proxy
    return [proxy.data(proxy.index(r, 0), PHRASE_ROLE) for r in range(proxy.rowCount())]


def select(manager: PhraseManager, phrase_id: str) -> None:
    for row, p in enumerate(shown(manager)):
        if p.id == phrase_id:
            manager.table.selectionModel().select(
                manager.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"{phrase_id} is not shown")


def refreshed(manager: PhraseManager, ctx: UiContext, qtbot: QtBot, action) -> None:
    """Run an action and wait for the change notice that refreshes every open view."""
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        action()


def test_tree_shows_packs_and_groups_with_counts(manager: PhraseManager, ctx: UiContext) -> None:
    root = manager.tree.topLevelItem(0)
    total = len(ctx.ws.phrases.all(include_hidden=True))
    assert root.text(0) == f"全部短语（{total}）"
    assert manager.count.text() == f"共 {total} 条"
    packs = [root.child(i) for i in range(root.childCount())]
    pack = next(
        p
        for p in packs
        if any(p.child(j).text(0).startswith("退换货") for j in range(p.childCount()))
    )
    group = next(
        pack.child(j)
        for j in range(pack.childCount())
        if pack.child(j).text(0).startswith("退换货")
    )
    assert group.text(0) == "退换货（7）"
    manager.tree.setCurrentItem(group)
    assert {p.group for p in shown(manager)} == {"退换货"}
    assert manager.count.text() == "共 7 条"


def test_search_filters_the_table(manager: PhraseManager, qtbot: QtBot) -> None:
    qtbot.keyClicks(manager.search, "th")
    assert shown(manager)
    assert shown(manager)[0].group == "退换货"


def test_delete_then_undo_brings_the_phrase_back(
    manager: PhraseManager, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = ctx.ws.phrases.resolve("th2")
    ctx.ws.phrases.record_use(phrase.id)
    ctx.ws.phrases.edit(phrase.id, favourite=True)
    manager.refresh()
    undo = manager.actions_by_name["undo"]
    assert not undo.isEnabled()
    select(manager, phrase.id)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["delete"].trigger)
    with pytest.raises(NotFound):
        ctx.ws.phrases.get(phrase.id)
    assert phrase.id not in [p.id for p in shown(manager)]
    assert undo.isEnabled()

    refreshed(manager, ctx, qtbot, undo.trigger)
    back = ctx.ws.phrases.get(phrase.id)
    assert (back.text, back.code, back.favourite, back.use_count) == (
        phrase.text,
        "th2",
        True,
        1,
    )
    assert phrase.id in [p.id for p in shown(manager)]
    assert not undo.isEnabled()


def test_sorting_by_use_count_is_numeric(manager: PhraseManager, ctx: UiContext) -> None:
    counts = {"th1": 2, "th2": 10, "th3": 1}
    for code, n in counts.items():
        pid = ctx.ws.phrases.resolve(code).id
        for _ in range(n):
            ctx.ws.phrases.record_use(pid)
    manager.refresh()
    manager.table.sortByColumn(USE_COUNT, Qt.SortOrder.DescendingOrder)
    top = [p.code for p in shown(manager)[:3]]
    assert top == ["th2", "th1", "th3"]  # as text, "2" would come before "10"
    manager.table.sortByColumn(USE_COUNT, Qt.SortOrder.AscendingOrder)
    assert [p.code for p in shown(manager)[-3:]] == ["th3", "th1", "th2"]


def test_sorting_by_clicking_the_header(
    manager: PhraseManager, ctx: UiContext, qtbot: QtBot
) -> None:
    pid = ctx.ws.phrases.resolve("th5").id
    for _ in range(3):
        ctx.ws.phrases.record_use(pid)
    manager.refresh()
    header = manager.table.horizontalHeader()
    x = header.sectionViewportPosition(USE_COUNT) + header.sectionSize(USE_COUNT) // 2
    point = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    order = header.sortIndicatorOrder()
    codes = [p.code for p in shown(manager)]
    expected_index = 0 if order == Qt.SortOrder.DescendingOrder else len(codes) - 1
    assert header.sortIndicatorSection() == USE_COUNT
    assert codes[expected_index] == "th5"


def test_favourite_toggle_is_stored(manager: PhraseManager, ctx: UiContext, qtbot: QtBot) -> None:
    phrase = ctx.ws.phrases.resolve("th3")
    select(manager, phrase.id)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["favourite"].trigger)
    assert ctx.ws.phrases.get(phrase.id).favourite
    row = next(r for r, p in enumerate(shown(manager)) if p.id == phrase.id)
    assert manager.proxy.data(manager.proxy.index(row, 0)) == "★"
    select(manager, phrase.id)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["favourite"].trigger)
    assert not ctx.ws.phrases.get(phrase.id).favourite


def test_duplicate_makes_a_copy_without_the_code(
    manager: PhraseManager, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = ctx.ws.phrases.resolve("th4")
    select(manager, phrase.id)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["duplicate"].trigger)
    copies = [p for p in ctx.ws.phrases.all() if p.title == phrase.title + "（副本）"]
    assert len(copies) == 1
    assert copies[0].text == phrase.text and copies[0].code is None


def test_move_to_another_group(manager: PhraseManager, ctx: UiContext, qtbot: QtBot) -> None:
    phrase = ctx.ws.phrases.resolve("th6")
    select(manager, phrase.id)

    def choose(dialog: Any) -> None:
        dialog.setTextValue("尺码")
        dialog.accept()

    when_modal(choose)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["move"].trigger)
    assert ctx.ws.phrases.get(phrase.id).group == "尺码"


def test_clipboard_becomes_a_new_phrase(
    manager: PhraseManager, ctx: UiContext, qtbot: QtBot
) -> None:
    QGuiApplication.clipboard().setText("亲，这款今天下午四点前付款当天发货哦")

    def save(dialog: Any) -> None:
        assert dialog.text.toPlainText() == clipboard_text()
        dialog.group.setCurrentText("物流")
        dialog.save()

    when_modal(save)
    refreshed(manager, ctx, qtbot, manager.actions_by_name["from_clipboard"].trigger)
    found = ctx.ws.phrases.search("四点前付款")
    assert [p.group for p in found] == ["物流"]
    assert found[0].id in [p.id for p in shown(manager)]


def test_an_editor_opened_and_closed_all_day_leaves_no_dialog_behind(
    manager: PhraseManager, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from assistant.ui.phrases.phrase_editor import PhraseEditor

    for _ in range(3):
        when_modal(lambda dialog: dialog.reject())
        manager.new_phrase()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # Each editor was the manager's child: kept, a day of editing piled them up in memory.
    assert manager.findChildren(PhraseEditor) == []
