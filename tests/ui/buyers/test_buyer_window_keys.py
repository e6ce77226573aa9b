"""The 买家 window is keyboard first: it opens with the search box focused, so typing at
once looks a buyer up (a desktop walk on 2026-12-07: the typing went to the table)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext


def test_typing_in_a_new_buyers_window_searches(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    ctx.ws.buyers.add("tb_dawei66", remark="大伟")
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(QApplication.focusWidget(), "dawei")
    assert window.search.text() == "dawei"
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 1)
