"""The panel answers the buyer's message the agent copied (issue 18): real panel, real
clipboard (offscreen), real data folder with the built-in packs, the index made in its thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import CHANGE_TIMEOUT_MS, clipboard_text
from tests.ui.quick.test_quick_panel import ENTER, open_panel, search_for


def _open_with(panel: QuickPanel, qtbot: QtBot, clip: str, question: bool = True) -> None:
    QGuiApplication.clipboard().setText(clip)
    open_panel(panel, qtbot)
    if question:  # the answers show once the index, made in its thread, is there
        qtbot.waitUntil(lambda: panel.question.source.ready, timeout=CHANGE_TIMEOUT_MS)


def test_a_copied_question_opens_the_panel_on_its_answers_and_enter_copies_the_first(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    _open_with(panel, qtbot, "亲 这个能便宜点吗")
    assert panel.question.label.isVisible()
    assert panel.question.label.text() == "回答买家：亲 这个能便宜点吗"
    assert panel.question.label.textFormat() == Qt.TextFormat.PlainText
    assert panel.search.text() == ""
    first = panel.current_phrase()
    assert first is not None and first.group in ("议价", "比价")
    qtbot.keyClick(panel.search, ENTER)
    if panel.asking:  # the answer has a fill-in (a coupon's value): its default will do
        qtbot.keyClick(panel.ask_page.ok_button, ENTER)
    assert clipboard_text() != "亲 这个能便宜点吗"  # an answer went onto the clipboard
    assert clipboard_text().startswith("亲")
    assert ctx.ws.suggestions.learned.of(first.id) == ["亲 这个能便宜点吗"]


def test_typing_replaces_the_answers_with_the_search_and_clearing_brings_them_back(
    panel: QuickPanel, qtbot: QtBot
) -> None:
    _open_with(panel, qtbot, "什么时候发货啊")
    answers = [panel.model.phrase(r).id for r in range(panel.model.rowCount())]
    search_for(panel, qtbot, "th")
    assert not panel.question.label.isVisible()
    assert panel.current_phrase() is not None and panel.current_phrase().code == "th1"
    panel.search.clear()
    assert panel.question.label.isVisible()
    assert [panel.model.phrase(r).id for r in range(panel.model.rowCount())] == answers


def test_a_phrase_found_by_search_while_answering_is_learned_for_the_question(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    _open_with(panel, qtbot, "东西到了不合适咋整")
    search_for(panel, qtbot, "th1")
    qtbot.keyClick(panel.search, ENTER)
    chosen = ctx.ws.phrases.resolve("th1")
    assert ctx.ws.suggestions.learned.of(chosen.id) == ["东西到了不合适咋整"]
    qtbot.waitUntil(lambda: not panel.question.source.building, timeout=CHANGE_TIMEOUT_MS)
    _open_with(panel, qtbot, "东西到了不合适咋整呢")
    assert panel.current_phrase() is not None and panel.current_phrase().id == chosen.id


def test_an_account_or_a_code_on_the_clipboard_is_no_question(
    panel: QuickPanel, qtbot: QtBot
) -> None:
    for clip in ("tb_xiaohua88", "张小花", "cf1", ""):
        _open_with(panel, qtbot, clip, question=False)
        assert not panel.question.label.isVisible(), clip
        assert panel.question.text is None
        panel.hide()


def test_ctrl_v_in_the_empty_box_answers_a_pasted_question_and_pastes_anything_else(
    panel: QuickPanel, qtbot: QtBot
) -> None:
    _open_with(panel, qtbot, "cf", question=False)
    QGuiApplication.clipboard().setText("是正品吗 假一赔几")
    qtbot.keySequence(panel.search, QKeySequence(QKeySequence.StandardKey.Paste))
    assert panel.search.text() == ""
    assert panel.question.label.text().startswith("回答买家：是正品吗 假一赔几")
    qtbot.waitUntil(lambda: panel.question.source.ready, timeout=CHANGE_TIMEOUT_MS)
    assert panel.question.label.text() == "回答买家：是正品吗 假一赔几"  # answers shown
    first = panel.current_phrase()
    assert first is not None and first.group == "正品"

    QGuiApplication.clipboard().setText("cf")
    qtbot.keySequence(panel.search, QKeySequence(QKeySequence.StandardKey.Paste))
    assert panel.search.text() == "cf"  # an ordinary paste: searched as typed
    assert not panel.question.label.isVisible()
