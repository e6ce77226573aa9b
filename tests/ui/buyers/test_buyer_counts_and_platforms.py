"""The buyers window's list with a count on every entry, following edits from this window
and from a `kefu` process; 微信小店 among the platforms, and buyers of any stored platform
still open (issue 14, item 14)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.buyers.shape import new_buyer_doc
from assistant.ui.buyers.buyer_manager import ALL, ARCHIVED, NONE, BuyerManager
from assistant.ui.context import UiContext
from tests.helpers import run_kefu
from tests.ui.buyers.tree import find_entry
from tests.ui.helpers import CHANGE_TIMEOUT_MS, type_via_ime


@pytest.fixture
def manager(ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    book = ctx.ws.buyers
    book.add("张小花", group=8)
    book.add("李大壮", subgroup="1A")
    book.add("赵路人")
    book.add("钱过客")
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def text(manager: BuyerManager, key: object) -> str:
    return find_entry(manager.tree, key).text(0)


def accounts(manager: BuyerManager) -> list[str]:
    return [manager.model.buyer(r).account for r in range(manager.model.rowCount())]


def save(manager: BuyerManager) -> None:
    next(b for b in manager.editor.findChildren(QPushButton) if b.text() == "保存").click()


def test_every_entry_shows_its_count(manager: BuyerManager) -> None:
    assert text(manager, ALL) == "全部买家（4）"
    assert text(manager, NONE) == "未分组（2）"
    assert text(manager, ARCHIVED) == "已归档（0）"
    assert text(manager, 1) == "1 好友（1）" and text(manager, "1A") == "1A 聊友（1）"
    assert text(manager, 8) == "8 成交买家（1）"


def test_the_counts_follow_an_edit_in_the_window(manager: BuyerManager) -> None:
    manager.table.selectRow(accounts(manager).index("赵路人"))
    manager.editor.group.setCurrentIndex(manager.editor.group.findData(9))
    save(manager)
    assert (text(manager, NONE), text(manager, 9)) == ("未分组（1）", "9 亲切买家（1）")
    assert text(manager, ALL) == "全部买家（4）"


def test_the_counts_follow_changes_made_by_another_process(
    manager: BuyerManager, ctx: UiContext, qtbot: QtBot
) -> None:
    for args in (("add", "孙新客"), ("edit", "钱过客", "--group", "8"), ("rm", "李大壮")):
        done = run_kefu(ctx.ws.path, "buyer", *args)
        assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: text(manager, "1A") == "1A 聊友（0）", timeout=CHANGE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: text(manager, 8) == "8 成交买家（2）", timeout=CHANGE_TIMEOUT_MS)
    assert text(manager, ALL) == "全部买家（4）"  # one new, one removed
    assert text(manager, NONE) == "未分组（2）"  # 赵路人 and 孙新客
    assert sorted(accounts(manager)) == sorted(["张小花", "钱过客", "赵路人", "孙新客"])


def test_archived_buyers_are_counted_apart(manager: BuyerManager, ctx: UiContext) -> None:
    book = ctx.ws.buyers
    with book.folder.buyers.transaction():  # as `kefu buyer prune` leaves an inactive buyer
        doc = dict(book.folder.buyers.get("taobao:钱过客") or {})
        book.folder.buyers.put("taobao:钱过客", {**doc, "archived": True})
    manager.refresh()
    assert (text(manager, ALL), text(manager, NONE)) == ("全部买家（3）", "未分组（1）")
    assert text(manager, ARCHIVED) == "已归档（1）"


def test_a_new_buyer_can_be_a_weixin_shop_buyer(manager: BuyerManager, ctx: UiContext) -> None:
    editor = manager.editor
    offered = [editor.platform.itemText(i) for i in range(editor.platform.count())]
    assert "微信小店" in offered and "微信" in offered
    manager.focus_account("")
    type_via_ime(editor.account, "wx_小美")
    editor.platform.setCurrentIndex(editor.platform.findText("微信小店"))
    save(manager)
    stored = ctx.ws.buyers.get("wx_小美")
    assert stored.platform == "wxshop"
    row = accounts(manager).index("wx_小美")
    assert manager.model.data(manager.model.index(row, 1)) == "微信小店"


def test_buyers_of_every_stored_platform_still_open(
    manager: BuyerManager, ctx: UiContext, qtbot: QtBot
) -> None:
    """微信 buyers stored before 微信小店 existed, and one of a platform this version does not
    know (written by a newer version, or by hand), are listed and open on their card."""
    book = ctx.ws.buyers
    book.add("老微信客", platform="wechat", remark="老客")
    with book.folder.buyers.transaction():
        doc = new_buyer_doc("抖音客", "douyin", "2024-05-01T10:00:00+08:00")
        book.folder.buyers.put("douyin:抖音客", {**doc, "remark": "抖音来的"})
    manager.refresh()
    assert {"老微信客", "抖音客"} <= set(accounts(manager))
    editor = manager.editor
    for account, platform, shown in (
        ("老微信客", "wechat", "微信"),
        ("抖音客", "douyin", "douyin"),
    ):
        manager.table.selectRow(accounts(manager).index(account))
        assert editor.buyer is not None and editor.buyer.platform == platform
        assert (editor.platform.currentData(), editor.platform.currentText()) == (platform, shown)
        row = accounts(manager).index(account)
        assert manager.model.data(manager.model.index(row, 1)) == shown
    assert editor.remark.text() == "抖音来的"
    manager.focus_account("")  # a new card offers only the platforms this version knows
    assert editor.platform.findData("douyin") == -1
