"""买家: the ten groups with counts, the buyer table, the card editor, copying the remark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from assistant.core.buyers.remark import compose_remark
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, type_via_ime

GROUPS = [
    "好友",
    "顾问",
    "需订购",
    "有合作意向",
    "批发商家",
    "意向批发商家",
    "供应商",
    "成交买家",
    "亲切买家",
    "交易纠纷",
]


@pytest.fixture
def book_ctx(ctx: UiContext) -> UiContext:
    book = ctx.ws.buyers
    book.add("张小花", remark="张姐", group=8, tags=["价格敏感"], attributes={"尺码": "38"})
    book.add("李大壮", remark="李哥", group=5)
    book.add("王批发", group=5)
    book.add("赵路人")
    return ctx


@pytest.fixture
def manager(book_ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    window = BuyerManager(book_ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def top_items(manager: BuyerManager) -> list[QTreeWidgetItem]:
    return [manager.tree.topLevelItem(i) for i in range(manager.tree.topLevelItemCount())]


def group_item(manager: BuyerManager, number: int) -> QTreeWidgetItem:
    return next(i for i in top_items(manager) if i.data(0, Qt.ItemDataRole.UserRole) == number)


def accounts(manager: BuyerManager) -> list[str]:
    return [manager.model.buyer(r).account for r in range(manager.model.rowCount())]


def button(manager: BuyerManager, text: str) -> QPushButton:
    return next(b for b in manager.editor.findChildren(QPushButton) if b.text() == text)


def test_the_ten_groups_are_listed_in_order_with_counts(manager: BuyerManager) -> None:
    numbered = [
        i for i in top_items(manager) if isinstance(i.data(0, Qt.ItemDataRole.UserRole), int)
    ]
    assert [i.data(0, Qt.ItemDataRole.UserRole) for i in numbered] == list(range(1, 11))
    for item, name in zip(numbered, GROUPS, strict=True):
        assert name in item.text(0)
    assert group_item(manager, 5).text(0) == "5 批发商家（2）"
    assert group_item(manager, 8).text(0) == "8 成交买家（1）"
    assert group_item(manager, 1).text(0) == "1 好友（0）"
    subgroups = [
        group_item(manager, 1).child(i).text(0) for i in range(group_item(manager, 1).childCount())
    ]
    assert "1A 聊友（0）" in subgroups


def test_choosing_a_group_filters_the_table(manager: BuyerManager) -> None:
    assert sorted(accounts(manager)) == sorted(["张小花", "李大壮", "王批发", "赵路人"])
    manager.tree.setCurrentItem(group_item(manager, 5))
    assert sorted(accounts(manager)) == ["李大壮", "王批发"]
    none = next(i for i in top_items(manager) if i.data(0, Qt.ItemDataRole.UserRole) == "none")
    manager.tree.setCurrentItem(none)
    assert accounts(manager) == ["赵路人"]


def test_search_and_tag_filter(manager: BuyerManager) -> None:
    type_via_ime(manager.search, "李哥")
    assert accounts(manager) == ["李大壮"]
    manager.search.clear()
    manager.tag.setCurrentIndex(manager.tag.findData("价格敏感"))
    assert accounts(manager) == ["张小花"]


def test_selecting_a_buyer_shows_it_in_the_editor(manager: BuyerManager) -> None:
    row = accounts(manager).index("张小花")
    manager.table.selectRow(row)
    editor = manager.editor
    assert editor.buyer is not None and editor.buyer.account == "张小花"
    assert editor.account.text() == "张小花" and editor.account.isReadOnly()
    assert editor.remark.text() == "张姐"
    assert editor.group.currentData() == 8
    assert "尺码=38" in editor.attributes.text()
    assert "价格敏感" in editor.tags.text()


def test_editing_the_remark_and_saving_stores_it(
    manager: BuyerManager, book_ctx: UiContext, qtbot: QtBot
) -> None:
    manager.table.selectRow(accounts(manager).index("李大壮"))
    manager.editor.remark.setText("李哥（批发，每月补货）")
    manager.editor.subgroup.setCurrentIndex(0)
    with qtbot.waitSignal(book_ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        button(manager, "保存").click()
    stored = book_ctx.ws.buyers.get("李大壮")
    assert stored.remark == "李哥（批发，每月补货）"
    assert stored.group == 5
    row = accounts(manager).index("李大壮")
    assert manager.model.data(manager.model.index(row, 3)) == "李哥（批发，每月补货）"


def test_moving_a_buyer_to_another_group_updates_the_counts(
    manager: BuyerManager, book_ctx: UiContext, qtbot: QtBot
) -> None:
    manager.table.selectRow(accounts(manager).index("赵路人"))
    manager.editor.group.setCurrentIndex(manager.editor.group.findData(9))
    with qtbot.waitSignal(book_ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        button(manager, "保存").click()
    assert book_ctx.ws.buyers.get("赵路人").group == 9
    assert group_item(manager, 9).text(0) == "9 亲切买家（1）"


def test_copy_remark_puts_the_composed_remark_on_the_clipboard(
    manager: BuyerManager, book_ctx: UiContext
) -> None:
    manager.table.selectRow(accounts(manager).index("张小花"))
    button(manager, "复制备注").click()
    expected = compose_remark(book_ctx.ws.buyers.get("张小花"))
    assert clipboard_text() == expected
    assert "张姐" in expected and "38码" in expected


def test_a_new_buyer_from_the_panel_has_the_account_filled_in(
    manager: BuyerManager, book_ctx: UiContext, qtbot: QtBot
) -> None:
    manager.focus_account("新客户小陈")
    editor = manager.editor
    assert editor.buyer is None
    assert editor.account.text() == "新客户小陈" and not editor.account.isReadOnly()
    editor.remark.setText("小陈")
    editor.attributes.setText("尺码=40")
    with qtbot.waitSignal(book_ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        button(manager, "保存").click()
    stored = book_ctx.ws.buyers.get("新客户小陈")
    assert (stored.remark, stored.attributes) == ("小陈", {"尺码": "40"})
    assert "新客户小陈" in accounts(manager)


def test_a_promise_is_added_and_marked_done(manager: BuyerManager, book_ctx: UiContext) -> None:
    manager.table.selectRow(accounts(manager).index("张小花"))
    editor = manager.editor
    editor.promise_text.setText("到货通知")
    button(manager, "添加承诺").click()
    stored = book_ctx.ws.buyers.get("张小花")
    assert [p.text for p in stored.promises] == ["到货通知"]
    editor.promises.setCurrentRow(0)
    button(manager, "标为已完成").click()
    assert all(p.done for p in book_ctx.ws.buyers.get("张小花").promises)


def test_the_editor_offers_groups_and_subgroups_by_their_short_labels(
    manager: BuyerManager,
) -> None:
    editor = manager.editor
    assert editor.group.itemText(editor.group.findData(1)) == "1 好友"
    assert editor.group.itemText(editor.group.findData(10)) == "10 交易纠纷"
    editor.group.setCurrentIndex(editor.group.findData(2))
    offered = [
        (editor.subgroup.itemText(i), editor.subgroup.itemData(i))
        for i in range(1, editor.subgroup.count())
    ]
    assert offered == [("2A 小二", "2A"), ("2B 掌门护法", "2B"), ("2C 老师", "2C")]
