"""The fill-in page's keys, as its bottom line states them (issue 14, item 1 and the hint):
Enter moves to the next field and confirms on the last, Tab switches fields, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import clipboard_text, type_via_ime
from tests.ui.quick.test_quick_panel import open_panel, start_fill_in

ENTER = Qt.Key.Key_Return
TWO_FIELDS = "寄到{?退货地址}，联系{?联系人}"


def test_enter_moves_to_the_next_field_and_confirms_on_the_last(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, TWO_FIELDS, "thdz")
    page = panel.ask_page
    first, second = page.edits["退货地址"], page.edits["联系人"]
    assert first.hasFocus()
    assert panel.status.text() == panel._question_hint()

    type_via_ime(first, "杭州")
    qtbot.keyClick(first, ENTER)
    assert second.hasFocus() and panel.asking and clipboard_text() == ""
    type_via_ime(second, "王")
    qtbot.keyClick(second, ENTER)

    assert clipboard_text() == "寄到杭州，联系王"
    assert not panel.asking


def test_enter_visits_a_field_with_a_default_too(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, "您要的{?尺码:38}码{?颜色:黑色}", "cmys")
    page = panel.ask_page
    first, second = page.edits["尺码"], page.edits["颜色"]
    assert first.hasFocus() and first.text() == "38"

    qtbot.keyClick(first, ENTER)
    assert second.hasFocus() and panel.asking and clipboard_text() == ""
    assert second.selectedText() == "黑色"  # typing replaces the default
    type_via_ime(second, "白色")
    qtbot.keyClick(second, ENTER)
    assert clipboard_text() == "您要的38码白色"


def test_enter_on_the_last_field_with_an_earlier_one_empty_goes_back_to_it(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, TWO_FIELDS, "thdz")
    page = panel.ask_page
    first, second = page.edits["退货地址"], page.edits["联系人"]
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    type_via_ime(second, "王")
    qtbot.keyClick(second, ENTER)

    assert panel.asking and clipboard_text() == ""
    assert page.problem.text() == "请填写：退货地址"
    assert first.hasFocus()


def test_tab_switches_between_the_fields(panel: QuickPanel, ctx: UiContext, qtbot: QtBot) -> None:
    start_fill_in(panel, ctx, qtbot, TWO_FIELDS, "thdz")
    page = panel.ask_page
    first, second = page.edits["退货地址"], page.edits["联系人"]
    assert first.hasFocus()

    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert first.hasFocus()
    assert panel.asking and clipboard_text() == ""


def test_esc_cancels_from_the_second_field(panel: QuickPanel, ctx: UiContext, qtbot: QtBot) -> None:
    start_fill_in(panel, ctx, qtbot, TWO_FIELDS, "thdz")
    page = panel.ask_page
    type_via_ime(page.edits["退货地址"], "杭州")
    qtbot.keyClick(page.edits["退货地址"], ENTER)
    second = page.edits["联系人"]
    assert second.hasFocus()

    qtbot.keyClick(second, Qt.Key.Key_Escape)

    assert not panel.asking and panel.isVisible()
    assert panel.pages.currentIndex() == 0 and panel.search.hasFocus()
    assert clipboard_text() == ""
    assert panel.status.text() != panel._question_hint()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [panel]


def test_enter_confirms_a_question_without_fields(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    # The lint confirmation has no field: the same bottom line, Enter on its button answers.
    ctx.ws.phrases.add("加我微信 abc12345 给你便宜", code="wx1")
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "wx1")
    qtbot.keyClick(panel.search, ENTER)
    page = panel.ask_page
    assert panel.asking and page.ok_button.hasFocus()
    assert panel.status.text() == panel._question_hint()

    qtbot.keyClick(page.ok_button, ENTER)

    assert clipboard_text() == "加我微信 abc12345 给你便宜"
    assert not panel.asking


def test_enter_walks_the_new_buyer_form_and_saves_on_the_last_field(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    open_panel(panel, qtbot)
    panel.ask_new_buyer("tb_newbuyer01")
    page = panel.ask_page
    account, remark = page.edits["account"], page.edits["remark"]
    assert account.hasFocus() and account.text() == "tb_newbuyer01"
    assert panel.status.text() == panel._question_hint()

    qtbot.keyClick(account, ENTER)
    assert remark.hasFocus() and panel.asking
    type_via_ime(remark, "小李")
    qtbot.keyClick(remark, ENTER)

    assert not panel.asking
    assert ctx.ws.buyers.get("tb_newbuyer01").remark == "小李"
    assert panel.buyer is not None and panel.buyer.account == "tb_newbuyer01"
