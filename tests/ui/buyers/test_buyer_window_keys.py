"""The 买家 window is keyboard first: it opens with the search box focused, so typing at
once looks a buyer up (a desktop walk on 2026-12-07: the typing went to the table)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.context import UiContext
from tests.ui.helpers import type_via_ime


def open_window(ctx: UiContext, qtbot: QtBot) -> BuyerManager:
    window = BuyerManager(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    return window


def test_typing_in_a_new_buyers_window_searches(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    ctx.ws.buyers.add("tb_dawei66", remark="大伟")
    window = open_window(ctx, qtbot)  # the focus in the search box, asserted there
    qtbot.keyClicks(QApplication.focusWidget(), "dawei")
    assert window.search.text() == "dawei"
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 1)


def test_a_promise_is_written_from_the_keyboard(ctx: UiContext, qtbot: QtBot) -> None:
    """Type the account, Enter (its card, the focus on the list), Ctrl+P, the promise,
    Enter: stored for that buyer; Ctrl+F goes back to the search, its text selected."""
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    ctx.ws.buyers.add("tb_dawei66", remark="大伟")
    window = open_window(ctx, qtbot)
    qtbot.keyClicks(window.search, "dawei")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.editor.buyer is not None and window.editor.buyer.account == "tb_dawei66"
    assert QApplication.focusWidget() is window.table
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.editor.promise_text
    type_via_ime(window.editor.promise_text, "到货后通知")
    qtbot.keyClick(window.editor.promise_text, Qt.Key.Key_Return)
    [promise] = ctx.ws.buyers.get("tb_dawei66").promises
    assert promise.text == "到货后通知" and not promise.done
    assert window.editor.promise_text.text() == ""  # ready for the next one
    assert ctx.ws.buyers.get("tb_xiaohua88").promises == []
    qtbot.keyClick(window.editor.promise_text, Qt.Key.Key_Return)  # empty: nothing added
    assert len(ctx.ws.buyers.get("tb_dawei66").promises) == 1
    qtbot.keyClick(window.editor.promise_text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search and window.search.selectedText() == "dawei"


def test_enter_in_an_empty_list_stays_in_the_search(ctx: UiContext, qtbot: QtBot) -> None:
    window = open_window(ctx, qtbot)
    qtbot.keyClicks(window.search, "nobody")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.search and window.editor.buyer is None


def test_ctrl_n_opens_a_new_card(ctx: UiContext, qtbot: QtBot) -> None:
    window = open_window(ctx, qtbot)
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.editor.account
    assert window.editor.buyer is None and window.editor.account.text() == ""
