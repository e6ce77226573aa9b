"""The 买家 window lists, narrows and counts from the buyer index, and reads the document
of the buyer on its card only: at 50,000 buyers reading them all blocked the GUI thread for
~1.5 s on opening and ~1 s at each keystroke (bench: buyers-window)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.core.buyers import book as book_module
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


def test_a_first_opening_makes_the_index_in_the_background(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no buyer index (a first opening, or after an erase) at 50,000 buyers its merge
    took ~3 s on the GUI thread: it is made in a workspace of its own in the background,
    and the window filled when it is there. (The size above which that happens is set to
    nothing here: the test's book is small.)"""
    monkeypatch.setattr(book_module, "QUICK_INDEX_BYTES", 0)
    for i in range(30):
        ctx.ws.buyers.add(f"买家{i:02d}", group=i % 3 + 1)
    fresh = open_workspace(ctx.ws.path, builtins=False)
    assert not fresh.buyers.index_at_hand()
    window = BuyerManager(UiContext(fresh, ctx.changes, ctx.paster))
    qtbot.addWidget(window)
    assert window.count.text() == "正在建立买家索引（只在第一次需要）…"
    assert window.model.rowCount() == 0 and parsed_shards(fresh) == 0
    qtbot.waitUntil(lambda: window.count.text() == "共 30 位", timeout=30_000)
    assert fresh.buyers.index_at_hand()
    assert "（10）" in window.tree.topLevelItem(3).text(0)  # 第 1 组 counted
    type_via_ime(window.search, "买家0")
    assert window.count.text() == "共 10 位"


@pytest.mark.parametrize("apart", [True, False])
def test_the_first_index_is_made_by_a_process_of_its_own(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    """Made in the app, a first index at 50,000 buyers stayed partly in its memory: a
    `kefu buyer search --prepare` process makes it, and the app only when that cannot run."""
    from assistant.core.buyers.book import BuyerBook
    from assistant.ui.buyers import buyer_manager

    monkeypatch.setattr(book_module, "QUICK_INDEX_BYTES", 0)
    for i in range(12):
        ctx.ws.buyers.add(f"顾客{i:02d}")
    made_here: list[int] = []
    real = BuyerBook.prepare_index
    monkeypatch.setattr(BuyerBook, "prepare_index", lambda b: made_here.append(1) or real(b))
    if not apart:
        monkeypatch.setattr(buyer_manager, "made_apart", lambda *a, **k: False)
    fresh = open_workspace(ctx.ws.path, builtins=False)
    assert not fresh.buyers.index_at_hand()
    window = BuyerManager(UiContext(fresh, ctx.changes, ctx.paster))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.count.text() == "共 12 位", timeout=60_000)
    assert made_here == ([] if apart else [1])
    assert fresh.buyers.index_at_hand()
