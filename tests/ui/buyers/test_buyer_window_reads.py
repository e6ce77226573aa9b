"""The 买家 window lists, narrows and counts from the buyer index, and reads the document
of the buyer on its card only: at 50,000 buyers reading them all blocked the GUI thread for
~1.5 s on opening and ~1 s at each keystroke (bench: buyers-window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.core.buyers.model import READY_TAGS
from assistant.core.search.index import wait_for_cache_writes
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from tests.ui.helpers import type_via_ime


def parsed_shards(ws: Workspace) -> int:
    shards: list[Any] = ws.folder.buyers._shards
    return sum(s.storage._cache is not None for s in shards)


def test_the_window_reads_the_carded_buyer_only(ctx: UiContext, qtbot: QtBot) -> None:
    book = ctx.ws.buyers
    with book.batch():  # 600 buyers over every shard, in one change
        for i in range(600):
            book.add(f"买家{i:03d}", group=i % 10 + 1, tags=[READY_TAGS[i % 4]])
    book.promise("买家007", "明天补发", due="2020-01-01")
    wait_for_cache_writes()
    fresh = open_workspace(ctx.ws.path, builtins=False)  # a new start: nothing parsed yet
    window = BuyerManager(UiContext(fresh, ctx.changes, ctx.paster))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.count.text() == "共 600 位"
    type_via_ime(window.search, "买家00")
    assert window.count.text() == "共 10 位"
    window.tree.setCurrentItem(window.tree.topLevelItem(4))  # 第 2 组 (after 承诺, 全部, 未分组)
    window.tag.setCurrentIndex(window.tag.findData(READY_TAGS[1]))
    assert [window.model.buyer(r).account for r in range(window.model.rowCount())] == ["买家001"]
    assert parsed_shards(fresh) <= 1  # 买家007's, for the due promise
    window.table.selectRow(0)
    assert window.editor.buyer is not None and window.editor.buyer.account == "买家001"
    assert window.editor.account.text() == "买家001"
    assert parsed_shards(fresh) <= 2
    assert window.tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == 2
    assert "（1）" in window.tree.topLevelItem(0).text(0)  # the due promise counted
