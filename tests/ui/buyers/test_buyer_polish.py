"""The buyer card as a demanding agent uses it (issue 14, item 10).

- 添加承诺 and 复制备注 on a card not saved yet save it first, and say beforehand (tooltip)
  that they will; without an account (or the promise's text) they are disabled, saying why.
- The card shows a buyer of the list beside it: a filter that hides the buyer empties the
  card and says so; edits not saved yet are never thrown away by a refresh or a filter.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from assistant.core.buyers.model import MAX_ACCOUNT
from assistant.core.buyers.remark import compose_remark
from assistant.core.changes import Changed
from assistant.ui.buyers.buyer_manager import ALL, BuyerManager
from assistant.ui.context import UiContext
from tests.ui.buyers.tree import find_entry
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, type_via_ime
from tests.ui.modals import Modals


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    book = ctx.ws.buyers
    book.add("张小花", remark="张姐", group=8, attributes={"尺码": "38"})
    book.add("李大壮", remark="李哥", group=5)
    book.add("王批发", group=5)
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def button(manager: BuyerManager, text: str) -> QPushButton:
    return next(b for b in manager.editor.findChildren(QPushButton) if b.text() == text)


def top_button(manager: BuyerManager, text: str) -> QPushButton:
    return next(b for b in manager.findChildren(QPushButton) if b.text() == text)


def accounts(manager: BuyerManager) -> list[str]:
    return [manager.model.buyer(r).account for r in range(manager.model.rowCount())]


def entry(manager: BuyerManager, key: object) -> QTreeWidgetItem:
    return find_entry(manager.tree, key)


def choose(manager: BuyerManager, key: object) -> None:
    manager.tree.setCurrentItem(entry(manager, key))


def select(manager: BuyerManager, account: str) -> None:
    manager.table.selectRow(accounts(manager).index(account))


# -- an unsaved new buyer ----------------------------------------------------------------


def test_an_empty_new_card_disables_promise_and_copy_and_says_why(manager: BuyerManager) -> None:
    top_button(manager, "新建买家").click()
    add, copy = button(manager, "添加承诺"), button(manager, "复制备注")
    assert not add.isEnabled() and not copy.isEnabled()
    assert add.toolTip() == copy.toolTip() == "先填写买家账号"

    type_via_ime(manager.editor.account, "新客户小陈")
    assert copy.isEnabled() and copy.toolTip() == "会先保存这位新买家"
    assert not add.isEnabled() and add.toolTip() == "先写下承诺内容"
    type_via_ime(manager.editor.promise_text, "到货通知")
    assert add.isEnabled() and add.toolTip() == "会先保存这位新买家"

    manager.table.selectRow(0)  # a stored buyer: nothing to save first, no warning
    assert copy.isEnabled() and copy.toolTip() == ""


def test_adding_a_promise_to_a_new_buyer_saves_the_card_first(
    manager: BuyerManager, ctx: UiContext, qtbot: QtBot
) -> None:
    manager.focus_account("新客户小陈")
    editor = manager.editor
    type_via_ime(editor.remark, "小陈")
    editor.group.setCurrentIndex(editor.group.findData(3))
    type_via_ime(editor.promise_text, "到货通知")
    editor.promise_due_on.setChecked(True)
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        button(manager, "添加承诺").click()
    stored = ctx.ws.buyers.get("新客户小陈")
    assert (stored.remark, stored.group) == ("小陈", 3)
    assert [(p.text, p.due) for p in stored.promises] == [
        ("到货通知", editor.promise_due.date().toString("yyyy-MM-dd"))
    ]
    assert editor.buyer is not None and editor.buyer.key == stored.key  # no longer a new card
    assert editor.account.isReadOnly() and editor.promise_text.text() == ""
    assert editor.promises.count() == 1 and "到货通知" in editor.promises.item(0).text()
    assert "新客户小陈" in accounts(manager)
    assert manager.table.currentIndex().row() == accounts(manager).index("新客户小陈")


def test_copying_the_remark_of_a_new_buyer_saves_it_and_copies_what_the_card_shows(
    manager: BuyerManager, ctx: UiContext
) -> None:
    manager.focus_account("新客户小陈")
    editor = manager.editor
    type_via_ime(editor.remark, "小陈")
    type_via_ime(editor.attributes, "尺码=40")
    button(manager, "复制备注").click()
    stored = ctx.ws.buyers.get("新客户小陈")
    assert (stored.remark, stored.attributes) == ("小陈", {"尺码": "40"})
    assert clipboard_text() == compose_remark(stored)
    assert "小陈" in clipboard_text() and "40码" in clipboard_text()
    assert editor.buyer is not None and editor.buyer.account == "新客户小陈"


def test_a_refused_new_buyer_gets_no_promise_and_the_card_stays(
    manager: BuyerManager, ctx: UiContext, modals: Modals
) -> None:
    manager.focus_account("a" * (MAX_ACCOUNT + 1))  # too long an account: the save is refused
    editor = manager.editor
    type_via_ime(editor.promise_text, "到货通知")
    button(manager, "添加承诺").click()
    assert len(ctx.ws.buyers.all()) == 3
    assert editor.buyer is None and editor.promise_text.text() == "到货通知"
    assert len(modals.seen) == 1 and "账号" in modals.seen[0].text


def test_copying_the_remark_of_an_edited_buyer_copies_the_edit(
    manager: BuyerManager, ctx: UiContext
) -> None:
    select(manager, "张小花")
    manager.editor.remark.setText("花姐")
    button(manager, "复制备注").click()
    assert ctx.ws.buyers.get("张小花").remark == "花姐"
    assert clipboard_text() == compose_remark(ctx.ws.buyers.get("张小花"))
    assert "花姐" in clipboard_text()


def test_marking_a_promise_done_keeps_the_unsaved_edits_on_the_card(
    manager: BuyerManager, ctx: UiContext
) -> None:
    ctx.ws.buyers.promise("张小花", "送袜子")
    manager.refresh()
    select(manager, "张小花")
    editor = manager.editor
    assert not button(manager, "标为已完成").isEnabled()  # no promise chosen yet
    assert button(manager, "标为已完成").toolTip() == "先在上面选一条未完成的承诺"
    editor.notes.setPlainText("喜欢深色")
    editor.promises.setCurrentRow(0)
    button(manager, "标为已完成").click()
    assert ctx.ws.buyers.get("张小花").promises[0].done
    assert editor.notes.toPlainText() == "喜欢深色"  # still on the card, not saved yet
    assert editor.promises.item(0).text().startswith("✓")
    editor.promises.setCurrentRow(0)
    assert not button(manager, "标为已完成").isEnabled()  # a done one cannot be done again


# -- the card follows the list -----------------------------------------------------------


def test_a_filter_that_hides_the_shown_buyer_empties_the_card(manager: BuyerManager) -> None:
    select(manager, "张小花")
    choose(manager, 5)
    assert sorted(accounts(manager)) == ["李大壮", "王批发"]
    assert manager.editor.buyer is None and manager.editor.account.text() == ""
    assert manager.editor.summary.text() == "张小花 不在当前列表中"

    select(manager, "李大壮")
    type_via_ime(manager.search, "王")
    assert accounts(manager) == ["王批发"]
    assert manager.editor.buyer is None
    manager.search.clear()
    select(manager, "李大壮")
    assert manager.editor.buyer is not None and manager.editor.remark.text() == "李哥"


def test_a_card_with_unsaved_edits_stays_when_the_filter_hides_it_and_says_so(
    manager: BuyerManager, ctx: UiContext
) -> None:
    select(manager, "张小花")
    manager.editor.notes.setPlainText("要发顺丰")
    choose(manager, 5)
    assert manager.editor.buyer is not None and manager.editor.buyer.account == "张小花"
    assert manager.editor.notes.toPlainText() == "要发顺丰"
    assert manager.editor.summary.text() == "张小花 不在当前列表中；卡片上的修改还没有保存"
    button(manager, "保存").click()
    assert ctx.ws.buyers.get("张小花").notes == "要发顺丰"
    assert manager.editor.buyer is None  # saved: now it leaves the card like any other


def test_a_change_elsewhere_does_not_overwrite_edits_on_the_card(
    manager: BuyerManager, ctx: UiContext, qtbot: QtBot
) -> None:
    select(manager, "李大壮")
    manager.editor.remark.setText("李哥（每月补货）")
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        ctx.run(None, lambda: ctx.ws.buyers.tag("王批发", ["急购"]), changes=Changed.BUYERS)
    assert "急购" in manager.model.buyer(accounts(manager).index("王批发")).tags  # refreshed
    assert manager.editor.buyer is not None and manager.editor.buyer.account == "李大壮"
    assert manager.editor.remark.text() == "李哥（每月补货）"


def test_opening_a_buyer_from_the_panel_shows_it_whatever_the_filter(
    manager: BuyerManager,
) -> None:
    choose(manager, 5)
    manager.tag.setCurrentIndex(manager.tag.findData("价格敏感"))
    manager.focus_account("张小花")
    assert manager.tree.currentItem() is entry(manager, ALL)
    assert manager.filter == ALL and manager.tag.currentData() == ""
    assert accounts(manager) == ["张小花"]
    assert manager.table.currentIndex().row() == 0
    assert manager.editor.buyer is not None and manager.editor.remark.text() == "张姐"
