"""The quick panel, driven through its real widgets: type, pick, Enter — the reply is copied."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text, type_via_ime

ENTER = Qt.Key.Key_Return


def open_panel(panel: QuickPanel, qtbot: QtBot) -> None:
    """Open as the hotkey does and wait until the panel is the active window (for shortcuts)."""
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    if (
        QApplication.activeWindow() is None
        and QGuiApplication.focusWindow() is panel.windowHandle()
    ):
        # The offscreen platform keeps a hidden window as its focus window, so showing it
        # again changes nothing and Qt never activates it; a real X server does (the
        # tests in tests/desktop open the panel many times over).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # no other way offscreen
            QApplication.setActiveWindow(panel)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)


def titles(panel: QuickPanel) -> list[str]:
    return [p.title for p in panel.model.rows()]


def search_for(panel: QuickPanel, qtbot: QtBot, query: str) -> None:
    panel.search.clear()
    qtbot.keyClicks(panel.search, query)


def add_phrase(ws: Workspace, text: str, **kw: object) -> Phrase:
    return ws.phrases.add(text, **kw)


def start_fill_in(panel: QuickPanel, ctx: UiContext, qtbot: QtBot, text: str, code: str) -> Phrase:
    """Add a phrase with a fill-in, open the panel and press Enter on it: the form is asked."""
    phrase = add_phrase(ctx.ws, text, code=code)
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, code)
    qtbot.keyClick(panel.search, ENTER)
    return phrase


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
    phrase = start_fill_in(panel, ctx, qtbot, "您好，您要的{?尺码:38}码到了", "dh38")

    # Asked inside the panel: no other window, the form has the keyboard.
    assert panel.asking and panel.pages.currentWidget() is panel.ask_page
    assert QApplication.topLevelWidgets().count(panel) == 1
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [panel]
    edit = panel.ask_page.edits["尺码"]
    assert edit.hasFocus() and edit.text() == "38"
    edit.clear()
    qtbot.keyClicks(edit, "39")
    qtbot.keyClick(edit, ENTER)

    assert clipboard_text() == "您好，您要的39码到了"
    assert ctx.ws.phrases.get(phrase.id).use_count == 1
    assert not panel.isVisible()
    assert not panel.asking


def test_escape_cancels_the_fill_in_form_and_keeps_the_panel(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = start_fill_in(panel, ctx, qtbot, "您好，您要的{?尺码:38}码到了", "dh38")
    assert panel.asking

    qtbot.keyClick(panel.ask_page.edits["尺码"], Qt.Key.Key_Escape)

    assert clipboard_text() == ""
    assert ctx.ws.phrases.get(phrase.id).use_count == 0
    assert panel.isVisible() and not panel.asking
    assert panel.search.hasFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)  # a second Esc closes the panel
    assert not panel.isVisible()


def test_an_empty_fill_in_says_what_is_missing(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, "寄到{?退货地址}，联系{?联系人}", "thdz")
    page = panel.ask_page

    page.ok_button.click()
    assert panel.asking and clipboard_text() == ""
    assert page.problem.text() == "请填写：退货地址、联系人"
    type_via_ime(page.edits["退货地址"], "杭州市西湖区")
    qtbot.keyClick(page.edits["退货地址"], ENTER)  # moves on to the empty field
    assert page.edits["联系人"].hasFocus() and panel.asking
    type_via_ime(page.edits["联系人"], "王")
    qtbot.keyClick(page.edits["联系人"], ENTER)
    assert clipboard_text() == "寄到杭州市西湖区，联系王"


def test_an_unset_shop_field_is_asked_and_saved_to_the_shop_profile(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    # Issue 14, item 4: 活动 unset used to copy as "亲，本店现在，…".
    add_phrase(ctx.ws, "亲，本店现在{活动}，{发货时间}发货", code="hdfh")
    ctx.ws.shop.update({"发货时间": "48小时内"})
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "hdfh")
    qtbot.keyClick(panel.search, ENTER)

    page = panel.ask_page
    assert list(page.edits) == ["shop:活动"]  # 发货时间 is set: not asked
    assert page.option.isVisible() and page.option.isChecked()
    type_via_ime(page.edits["shop:活动"], "满199减20")
    qtbot.keyClick(page.edits["shop:活动"], ENTER)

    assert clipboard_text() == "亲，本店现在满199减20，48小时内发货"
    assert ctx.ws.shop.get()["活动"] == "满199减20"
    open_panel(panel, qtbot)
    search_for(panel, qtbot, "hdfh")
    qtbot.keyClick(panel.search, ENTER)
    assert not panel.asking  # saved: not asked again
    assert clipboard_text() == "亲，本店现在满199减20，48小时内发货"


def test_an_unset_shop_field_can_be_used_once_without_saving(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, "本店{活动}", "hd1")
    page = panel.ask_page
    page.option.setChecked(False)
    type_via_ime(page.edits["shop:活动"], "今天包邮")
    qtbot.keyClick(page.edits["shop:活动"], ENTER)
    assert clipboard_text() == "本店今天包邮"
    assert ctx.ws.shop.get()["活动"] == ""


def test_a_flagged_phrase_asks_inside_the_panel_once(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = add_phrase(ctx.ws, "加我微信 abc12345 给你便宜", code="wx1")
    assert ctx.lint is not None and ctx.lint.has_error(phrase)
    open_panel(panel, qtbot)
    qtbot.keyClicks(panel.search, "wx1")
    qtbot.keyClick(panel.search, ENTER)
    page = panel.ask_page
    assert panel.asking and page.heading.text() == "这条短语可能违规"
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [panel]
    assert page.ok_button.hasFocus()
    qtbot.keyClick(page.ok_button, Qt.Key.Key_Escape)
    assert clipboard_text() == "" and not panel.asking

    qtbot.keyClick(panel.search, ENTER)
    page.ok_button.click()
    assert clipboard_text() == "加我微信 abc12345 给你便宜"
    open_panel(panel, qtbot)
    qtbot.keyClick(panel.search, ENTER)
    assert not panel.asking  # confirmed once for the session


def test_closing_the_panel_while_asking_starts_clean_next_time(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, "您要的{?尺码}", "cmz1")
    assert panel.asking
    panel.hide()
    open_panel(panel, qtbot)
    assert not panel.asking and panel.search.hasFocus()


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


def test_unknown_account_offers_a_new_buyer_inside_the_panel(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.buyers.add("张小花", remark="张姐")
    open_panel(panel, qtbot)
    type_via_ime(panel.buyer_field, "李四")
    assert panel.new_buyer_button.isVisible()
    panel.new_buyer_button.click()

    page = panel.ask_page
    assert panel.asking and page.edits["account"].text() == "李四"
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [panel]
    type_via_ime(page.edits["remark"], "四哥")
    qtbot.keyClick(page.edits["remark"], ENTER)
    assert not panel.asking
    assert ctx.ws.buyers.get("李四").remark == "四哥"
    assert panel.buyer is not None and panel.buyer.account == "李四"
    assert "四哥" in panel.buyer_bar.current.text()


def test_new_buyer_is_not_offered_while_the_text_matches_one(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.ws.buyers.add("张小花", remark="张姐")
    open_panel(panel, qtbot)
    type_via_ime(panel.buyer_field, "张小")
    assert not panel.new_buyer_button.isVisible()
    panel.buyer_field.clear()
    type_via_ime(panel.buyer_field, "张小花")
    assert not panel.new_buyer_button.isVisible()
    qtbot.keyClick(panel.buyer_field, ENTER)
    assert panel.buyer is not None and panel.buyer.remark == "张姐"


def test_the_buyer_is_derived_again_at_every_opening(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    # Issue 14, item 3: buyer A stuck to the next opening with unrelated text copied.
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    add_phrase(ctx.ws, "{昵称}您好", code="nh1")
    QGuiApplication.clipboard().setText("tb_xiaohua88")
    open_panel(panel, qtbot)
    assert panel.buyer is not None and "小花" in panel.buyer_bar.current.text()
    qtbot.keyClicks(panel.search, "nh1")
    qtbot.keyClick(panel.search, ENTER)
    assert clipboard_text() == "小花您好"

    open_panel(panel, qtbot)  # the clipboard holds the panel's own copy: same conversation
    assert panel.buyer is not None and panel.buyer.account == "tb_xiaohua88"
    panel.hide()

    QGuiApplication.clipboard().setText("请问什么时候发货")
    open_panel(panel, qtbot)
    assert panel.buyer is None
    assert panel.buyer_bar.current.text() == "未选择买家：{昵称} 会写成“亲”"
    search_for(panel, qtbot, "nh1")
    assert panel.preview.toPlainText() == "亲您好"
    panel.hide()

    QGuiApplication.clipboard().setText("买家：tb_xiaohua88 10:02:33")
    open_panel(panel, qtbot)
    assert panel.buyer is not None and panel.buyer.account == "tb_xiaohua88"


def test_an_unknown_account_on_the_clipboard_is_offered_as_a_new_buyer(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    QGuiApplication.clipboard().setText("tb_newcomer01")
    open_panel(panel, qtbot)
    assert panel.buyer is None
    assert panel.new_buyer_button.isVisible()
    assert panel.new_buyer_button.text() == "新建买家 tb_newcomer01"
    panel.new_buyer_button.click()
    assert panel.ask_page.edits["account"].text() == "tb_newcomer01"
    panel.ask_page.ok_button.click()
    assert ctx.ws.buyers.get("tb_newcomer01").account == "tb_newcomer01"
    panel.hide()

    QGuiApplication.clipboard().setText("请问 什么时候发货？")
    open_panel(panel, qtbot)
    assert not panel.new_buyer_button.isVisible()
    panel.hide()

    QGuiApplication.clipboard().setText("包邮不")  # one word, as an account is: a question
    open_panel(panel, qtbot)
    assert not panel.new_buyer_button.isVisible()
    panel.hide()

    QGuiApplication.clipboard().setText("快乐小猪")  # a Chinese nickname is still offered
    open_panel(panel, qtbot)
    assert panel.new_buyer_button.text() == "新建买家 快乐小猪"


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


def test_the_bottom_line_says_the_form_keys_while_asking_and_the_panel_keys_after(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    start_fill_in(panel, ctx, qtbot, "您好，您要的{?尺码:38}码到了", "dh38")
    assert panel.asking
    assert "Esc 取消" in panel.status.text()
    assert "Alt+1…9" not in panel.status.text()  # those keys do nothing in the form

    qtbot.keyClick(panel.ask_page.edits["尺码"], Qt.Key.Key_Escape)

    assert "Alt+1…9" in panel.status.text()


def test_the_hotkey_again_with_another_buyer_copied_takes_that_buyer(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    """Pressed while the panel still shows (the hotkey handled before the focus change that
    would hide it): the clipboard changed, so this is a new opening, not the same one."""
    ctx.ws.buyers.add("tb_xiaohua88", remark="小花")
    ctx.ws.buyers.add("tb_dawei66", remark="大伟")
    QGuiApplication.clipboard().setText("买家：tb_xiaohua88 10:02:33")
    open_panel(panel, qtbot)
    assert panel.buyer is not None and panel.buyer.account == "tb_xiaohua88"
    qtbot.keyClicks(panel.search, "th")
    panel.open_near_pointer()  # the same clipboard: the same opening, the typing stays
    assert panel.search.text() == "th" and panel.buyer.account == "tb_xiaohua88"
    QGuiApplication.clipboard().setText("买家：tb_dawei66 10:05:00")
    panel.open_near_pointer()
    assert panel.isVisible()
    assert panel.buyer is not None and panel.buyer.account == "tb_dawei66"
    assert "大伟" in panel.buyer_bar.current.text()
