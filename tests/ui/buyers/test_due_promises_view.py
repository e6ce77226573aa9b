"""待兑现承诺 in the buyers window: the promises due today or overdue across all buyers,
the longest overdue first and marked, opening their buyer, marked done from the list or the
card (issue 14, item 14)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.buyers.promises import overdue_days
from assistant.ui.buyers.buyer_manager import ALL, PROMISES, BuyerManager
from assistant.ui.buyers.group_tree import OVERDUE
from assistant.ui.context import UiContext
from tests.helpers import run_kefu
from tests.ui.buyers.tree import find_entry
from tests.ui.helpers import CHANGE_TIMEOUT_MS

TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    book = ctx.ws.buyers
    book.add("张小花", remark="张姐")
    book.add("李大壮")
    book.add("王批发")
    book.add("老客户")
    book.promise("张小花", "送袜子", due=day(0))  # due today
    book.promise("张小花", "补发赠品", due=day(-3))  # 3 days overdue
    book.promise("李大壮", "退运费", due=day(-1))  # 1 day overdue
    book.promise("李大壮", "到货通知", due=day(2))  # not due yet: not listed
    book.promise("王批发", "寄样品")  # no due date: not listed
    book.promise("王批发", "开发票", due=day(-5))
    book.done("王批发", 2)  # done: not listed
    book.promise("老客户", "回访", due=day(-9))
    with book.folder.buyers.transaction():  # archived: not listed
        doc = dict(book.folder.buyers.get("taobao:老客户") or {})
        book.folder.buyers.put("taobao:老客户", {**doc, "archived": True})
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def rows(manager: BuyerManager) -> list[tuple[str, ...]]:
    model = manager.promises.model
    return [
        tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def entry_text(manager: BuyerManager) -> str:
    return find_entry(manager.tree, PROMISES).text(0)


def open_list(manager: BuyerManager) -> None:
    manager.tree.setCurrentItem(find_entry(manager.tree, PROMISES))


def done_button(manager: BuyerManager) -> QPushButton:
    return manager.promises.done_button


def test_the_entry_counts_due_and_overdue_and_is_marked_when_some_are_late(
    manager: BuyerManager,
) -> None:
    item = find_entry(manager.tree, PROMISES)
    assert item is manager.tree.topLevelItem(0)
    assert item.text(0) == "待兑现承诺（3）"
    assert item.foreground(0).color() == OVERDUE
    assert item.toolTip(0) == "今天到期和已逾期的承诺，其中 2 条已逾期"


def test_the_list_holds_due_and_overdue_promises_longest_overdue_first(
    manager: BuyerManager,
) -> None:
    open_list(manager)
    assert manager.pages.currentWidget() is manager.promises
    assert rows(manager) == [
        (day(-3), "逾期 3 天", "张小花（张姐）", "补发赠品"),
        (day(-1), "逾期 1 天", "李大壮", "退运费"),
        (day(0), "今天到期", "张小花（张姐）", "送袜子"),
    ]
    model = manager.promises.model
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert model.data(model.index(2, 1), Qt.ItemDataRole.ForegroundRole) is None
    assert manager.count.text() == "3 条待兑现，其中 2 条已逾期"
    assert not manager.search.isEnabled() and not manager.tag.isEnabled()
    assert not done_button(manager).isEnabled()  # nothing chosen yet
    manager.tree.setCurrentItem(find_entry(manager.tree, ALL))
    assert manager.pages.currentWidget() is manager.table and manager.search.isEnabled()


def test_choosing_a_promise_shows_its_buyer_and_a_double_click_opens_it_there(
    manager: BuyerManager, qtbot: QtBot
) -> None:
    open_list(manager)
    view = manager.promises.table
    manager.promises.table.selectRow(1)
    assert manager.editor.buyer is not None and manager.editor.buyer.account == "李大壮"
    rect = view.visualRect(manager.promises.model.index(2, 3))
    # a real double-click starts with a press: QTest's DblClick alone is not one
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = manager.editor
    assert editor.buyer is not None and editor.buyer.account == "张小花"
    assert editor.promises.currentRow() == 0 and "送袜子" in editor.promises.currentItem().text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.promises)


def test_marking_done_in_the_list_removes_it_and_moves_to_the_next(
    manager: BuyerManager, ctx: UiContext
) -> None:
    open_list(manager)
    manager.promises.table.selectRow(0)
    done_button(manager).click()
    assert ctx.ws.buyers.get("张小花").promises[1].done
    assert [r[3] for r in rows(manager)] == ["退运费", "送袜子"]
    assert manager.promises.current() is not None
    assert manager.promises.current().promise.text == "退运费"  # the next one, chosen
    assert manager.editor.buyer is not None and manager.editor.buyer.account == "李大壮"
    assert entry_text(manager) == "待兑现承诺（2）"
    assert manager.count.text() == "2 条待兑现，其中 1 条已逾期"


def test_marking_done_on_the_card_updates_the_list(manager: BuyerManager, ctx: UiContext) -> None:
    open_list(manager)
    manager.promises.table.selectRow(1)  # 李大壮's 退运费
    editor = manager.editor
    editor.promises.setCurrentRow(0)
    next(b for b in editor.findChildren(QPushButton) if b.text() == "标为已完成").click()
    assert ctx.ws.buyers.get("李大壮").promises[0].done
    assert [r[3] for r in rows(manager)] == ["补发赠品", "送袜子"]
    assert entry_text(manager) == "待兑现承诺（2）"
    # 李大壮 has nothing due any more: the list moved on to the next, and the card with it
    assert manager.promises.current().promise.text == "送袜子"  # type: ignore[union-attr]
    assert editor.buyer is not None and editor.buyer.account == "张小花"


def test_the_last_one_done_leaves_an_empty_list_and_an_unmarked_entry(
    manager: BuyerManager, ctx: UiContext
) -> None:
    open_list(manager)
    for _ in range(3):
        manager.promises.table.selectRow(0)
        done_button(manager).click()
    assert rows(manager) == []
    item = find_entry(manager.tree, PROMISES)
    assert item.text(0) == "待兑现承诺（0）"
    assert item.foreground(0).color() != OVERDUE
    assert manager.count.text() == "0 条待兑现，其中 0 条已逾期"
    assert manager.editor.buyer is None and not done_button(manager).isEnabled()
    assert all(
        p.done or p.due is None or p.due > day(0) for p in ctx.ws.buyers.get("李大壮").promises
    )


def test_a_promise_recorded_by_kefu_appears_in_the_list(
    manager: BuyerManager, ctx: UiContext, qtbot: QtBot
) -> None:
    open_list(manager)
    done = run_kefu(ctx.ws.path, "buyer", "promise", "王批发", "寄发票", "--due", day(-2))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: len(rows(manager)) == 4, timeout=CHANGE_TIMEOUT_MS)
    assert rows(manager)[1] == (day(-2), "逾期 2 天", "王批发", "寄发票")
    assert entry_text(manager) == "待兑现承诺（4）"


def test_overdue_days_of_a_promise(ctx: UiContext) -> None:
    b = ctx.ws.buyers.add("a")
    b = ctx.ws.buyers.promise("a", "x", due=day(-4))
    assert overdue_days(b.promises[0], TODAY) == 4
    assert overdue_days(b.promises[0], TODAY - timedelta(days=4)) == 0
