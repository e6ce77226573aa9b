"""The quick panel, driven through its real widgets: type, pick, Enter — the reply is copied."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from assistant.core.phrases.model import Phrase
from assistant.core.phrases.template import fill_ins
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.quick.fill_in_dialog import FillInDialog
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, type_via_ime, when_modal

ENTER = Qt.Key.Key_Return


def open_panel(panel: QuickPanel, qtbot: QtBot) -> None:
    """Open as the hotkey does and wait until the panel is the active window (for shortcuts)."""
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)


def titles(panel: QuickPanel) -> list[str]:
    return [p.title for p in panel.model.rows()]


def search_for(panel: QuickPanel, qtbot: QtBot, query: str) -> None:
    panel.search.clear()
    qtbot.keyClicks(panel.search, query)


def add_phrase(ws: Workspace, text: str, **kw: object) -> Phrase:
    return ws.phrases.add(text, **kw)


# -- searching and picking -----------------------------------------------------------------


def test_typing_th_shows_the_return_phrases_first(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th")
    rows = panel.model.rows()
    assert len(rows) >= 3
    assert [p.group for p in rows[:3]] == ["退换货"] * 3
    assert panel.current_phrase() == rows[0]
    assert panel.preview.toPlainText() == rows[0].text


def test_enter_copies_the_rendered_phrase_records_a_use_and_hides(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.shop.update({"活动": "满200减20"})
    phrase = add_phrase(ctx.ws, "{昵称}，现在{活动}哦", title="活动提醒", code="hdtx")
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "hdtx")
    assert panel.current_phrase().id == phrase.id
    with qtbot.waitSignal(panel.copied) as copied:
        qtbot.keyClick(panel.search, ENTER)
    assert copied.args == ["亲，现在满200减20哦"]
    assert clipboard_text() == "亲，现在满200减20哦"
    assert ctx.ws.phrases.get(phrase.id).use_count == 1
    assert not panel.isVisible()


def test_alt_2_copies_the_second_row(panel: QuickPanel, ctx: UiContext, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th")
    second = panel.model.phrase(1)
    first = panel.model.phrase(0)
    assert second is not None and first is not None
    qtbot.keyClick(panel.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert clipboard_text() == second.text
    assert ctx.ws.phrases.get(second.id).use_count == 1
    assert ctx.ws.phrases.get(first.id).use_count == 0
    assert not panel.isVisible()


def test_double_click_copies_that_row(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th")
    third = panel.model.phrase(2)
    assert third is not None
    rect = panel.table.visualRect(panel.model.index(2, 1))
    # a real double-click starts with a press: QTest's DblClick alone is not one
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clipboard_text() == third.text


def test_escape_hides_without_copying(panel: QuickPanel, ctx: UiContext, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th")
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert clipboard_text() == ""
    assert all(p.use_count == 0 for p in ctx.ws.phrases.search("th"))


def test_ctrl_f_toggles_the_favourite_and_stores_it(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th1")
    phrase = panel.current_phrase()
    assert phrase is not None and not phrase.favourite
    qtbot.keyClick(panel.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ctx.ws.phrases.get(phrase.id).favourite
    assert panel.model.data(panel.model.index(0, 0)) == "★"
    assert panel.isVisible()  # toggling is not picking
    qtbot.keyClick(panel.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not ctx.ws.phrases.get(phrase.id).favourite


def test_up_and_down_move_the_selection_and_the_preview(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th")
    rows = panel.model.rows()
    assert panel.table.currentIndex().row() == 0
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.table.currentIndex().row() == 2
    assert panel.preview.toPlainText() == rows[2].text
    qtbot.keyClick(panel.search, Qt.Key.Key_Up)
    assert panel.table.currentIndex().row() == 1
    qtbot.keyClick(panel.search, Qt.Key.Key_Up)
    qtbot.keyClick(panel.search, Qt.Key.Key_Up)  # stays on the first row
    assert panel.table.currentIndex().row() == 0
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == rows[0].text


def test_ctrl_e_opens_the_editor_for_the_current_phrase(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    opened: list[str | None] = []
    ctx.open_editor = opened.append
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "th2")
    qtbot.keyClick(panel.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [panel.current_phrase().id]


# -- the Chinese input method ---------------------------------------------------------------


def test_enter_during_ime_composition_belongs_to_the_input_method(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    open_panel(panel, qtbot)
    assert panel.current_phrase() is not None  # suggestions are shown before typing
    QApplication.sendEvent(panel.search, QInputMethodEvent("tui", []))
    assert panel.search.composing
    qtbot.keyClick(panel.search, ENTER)
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert clipboard_text() == ""
    assert panel.table.currentIndex().row() == 0
    assert all(p.use_count == 0 for p in ctx.ws.phrases.all())
    assert panel.isVisible()

    commit = QInputMethodEvent("", [])
    commit.setCommitString("退货")
    QApplication.sendEvent(panel.search, commit)
    assert not panel.search.composing
    assert panel.search.text() == "退货"
    chosen = panel.current_phrase()
    assert chosen is not None and "退货" in chosen.text
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == chosen.text
    assert ctx.ws.phrases.get(chosen.id).use_count == 1


# -- fill-in forms -------------------------------------------------------------------------


def test_fill_in_form_has_the_default_and_copies_the_edited_value(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = add_phrase(ctx.ws, "您好，您要的{?尺码:38}码到了", code="dh38")
    seen: dict[str, object] = {}

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, FillInDialog)
        edit = dialog.edits["尺码"]
        seen["default"] = edit.text()
        edit.clear()
        qtbot.keyClicks(edit, "39")
        qtbot.keyClick(edit, ENTER)

    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "dh38")
    when_modal(fill)
    qtbot.keyClick(panel.search, ENTER)
    assert seen["default"] == "38"
    assert clipboard_text() == "您好，您要的39码到了"
    assert ctx.ws.phrases.get(phrase.id).use_count == 1
    assert not panel.isVisible()


def test_cancelling_the_fill_in_form_copies_nothing(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = add_phrase(ctx.ws, "您好，您要的{?尺码:38}码到了", code="dh38")

    def cancel(dialog: Any) -> None:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()

    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "dh38")
    when_modal(cancel)
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == ""
    assert ctx.ws.phrases.get(phrase.id).use_count == 0
    assert panel.isVisible()


def test_fill_in_form_refuses_an_empty_value(qtbot: QtBot) -> None:
    dialog = FillInDialog(fill_ins("寄到{?退货地址}"), "退货地址")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.result() != FillInDialog.DialogCode.Accepted
    assert dialog.isVisible()
    dialog.edits["退货地址"].setText("杭州")
    ok.click()
    assert dialog.result() == FillInDialog.DialogCode.Accepted


# -- several messages in one phrase ----------------------------------------------------------


def test_multi_message_phrase_copies_one_message_per_enter(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = add_phrase(ctx.ws, "第一条\n---\n第二条\n---\n第三条", title="三连发", code="slf")
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "slf")
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "第一条"
    assert panel.isVisible()
    assert "1/3" in panel.status.text()
    # the copy's own change notice refreshes the panel; the pending message must survive it
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        pass
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "第二条"
    assert panel.isVisible()
    assert "2/3" in panel.status.text()
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "第三条"
    assert not panel.isVisible()
    assert ctx.ws.phrases.get(phrase.id).use_count == 1


def test_moving_away_from_a_multi_message_phrase_starts_over(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    add_phrase(ctx.ws, "第一条\n---\n第二条", title="两连发", code="llf")
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "llf")
    qtbot.keyClick(panel.search, ENTER)
    assert panel.pending is not None
    search_for(panel, qtbot, "th1")
    assert panel.pending is None
    search_for(panel, qtbot, "llf")
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "第一条"


# -- the current buyer -----------------------------------------------------------------------


def test_buyer_from_the_clipboard_is_selected_and_fills_the_nickname(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.buyers.add("张小花", remark="张姐", attributes={"尺码": "38"})
    add_phrase(ctx.ws, "{昵称}您好，{买家}的包裹已发出", code="fhtz")
    QGuiApplication.clipboard().setText("张小花")
    open_panel(panel, qtbot)
    assert panel.buyer is not None and panel.buyer.account == "张小花"
    assert panel.buyer_field.text() == "张小花"
    card = panel.card.toPlainText()
    assert "张姐" in card and "尺码 38" in card
    qtbot.keyClicks(panel.search, "fhtz")
    assert panel.preview.toPlainText() == "张姐您好，张小花的包裹已发出"
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "张姐您好，张小花的包裹已发出"


def test_clipboard_without_a_known_buyer_selects_none(panel: QuickPanel, qtbot: QtBot) -> None:
    QGuiApplication.clipboard().setText("某个陌生账号")
    open_panel(panel, qtbot)
    assert panel.buyer is None
    assert panel.card.toPlainText() == ""


def test_unknown_account_offers_a_new_buyer(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.buyers.add("张小花", remark="张姐")
    opened: list[str | None] = []
    ctx.open_buyer = opened.append
    open_panel(panel, qtbot)
    type_via_ime(panel.buyer_field, "李四")
    assert panel.new_buyer_button.isVisible()
    panel.new_buyer_button.click()
    assert opened == ["李四"]
    panel.buyer_field.clear()
    type_via_ime(panel.buyer_field, "张小花")
    assert not panel.new_buyer_button.isVisible()
    qtbot.keyClick(panel.buyer_field, ENTER)
    assert panel.buyer is not None and panel.buyer.remark == "张姐"


# -- plain text, never HTML ------------------------------------------------------------------


def test_html_in_a_phrase_and_a_buyer_shows_literally(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    html = "<b>粗体</b><img src=x>"
    add_phrase(ctx.ws, html, title="<i>标题</i>", code="html1")
    buyer = ctx.ws.buyers.add("html_buyer", remark="<b>老客</b>", notes="<script>x</script>")
    open_panel(panel, qtbot)
    panel.set_buyer(buyer)
    qtbot.keyClicks(panel.search, "html1")
    assert panel.preview.toPlainText() == html
    row = {
        panel.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole): (
            panel.model.data(panel.model.index(0, c), Qt.ItemDataRole.DisplayRole)
        )
        for c in range(panel.model.columnCount())
    }
    assert row["内容"] == html
    assert row["标题"] == "<i>标题</i>"
    card = panel.card.toPlainText()
    assert "<b>老客</b>" in card and "<script>x</script>" in card
    assert panel.status.textFormat() == Qt.TextFormat.PlainText


# -- edits made elsewhere --------------------------------------------------------------------


def test_an_edit_in_the_phrase_editor_reaches_the_open_panel(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    open_panel(panel, qtbot)
    type_via_ime(panel.search, "蓝莓果酱")
    assert panel.model.rowCount() == 0
    phrase = ctx.ws.phrases.resolve("th1")
    editor = PhraseEditor(ctx, phrase)
    qtbot.addWidget(editor)
    editor.text.setPlainText("亲，蓝莓果酱不支持七天无理由退货哦")
    editor.title.setText("果酱退货")
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: titles(panel) == ["果酱退货"], timeout=CHANGE_TIMEOUT_MS)
    assert panel.preview.toPlainText() == "亲，蓝莓果酱不支持七天无理由退货哦"


def test_a_phrase_added_by_the_kefu_command_appears_in_the_panel(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    open_panel(panel, qtbot)
    type_via_ime(panel.search, "榴莲")
    assert panel.model.rowCount() == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KEFU_DATA_DIR", None)
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant",
                "--data-dir",
                str(ctx.ws.path),
                "add",
                "亲，榴莲今天到货了",
                "--title",
                "榴莲到货",
            ],
            env=env,
            capture_output=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: titles(panel) == ["榴莲到货"], timeout=CHANGE_TIMEOUT_MS)


def test_panel_has_the_search_field_focused_when_opened(panel: QuickPanel, qtbot: QtBot) -> None:
    open_panel(panel, qtbot)
    qtbot.waitUntil(panel.search.hasFocus)
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    assert QApplication.focusWidget() is panel.search


def test_panel_stays_on_top_and_leaves_keys_to_the_search_field(panel: QuickPanel) -> None:
    assert panel.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert panel.table.focusPolicy() == Qt.FocusPolicy.NoFocus
