"""The checks in the app (issue 6): the quick panel marks a phrase with an error and asks once
before copying it; the phrase editor shows findings while the agent types."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.core.phrases.model import Phrase
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.quick.quick_panel import QuickPanel
from tests.ui.helpers import clipboard_text, type_via_ime

ENTER = Qt.Key.Key_Return
WECHAT = "亲，加微信 shop_2024 给您发实拍图哦"
MARKS_S = 10.0  # a hang guard: checking a handful of phrases takes milliseconds


def usage_lines(ctx: UiContext) -> int:
    return sum(
        len(p.read_bytes().splitlines()) for p in (ctx.ws.path / "usage-log").glob("*.jsonl")
    )


def open_on(panel: QuickPanel, qtbot: QtBot, query: str) -> None:
    """Open the panel as the hotkey does and type a query; its best result is selected."""
    with qtbot.waitExposed(panel):
        panel.open_near_pointer()
    panel.search.clear()
    if query.isascii():
        qtbot.keyClicks(panel.search, query)
    else:
        type_via_ime(panel.search, query)  # QTest types ASCII only


def first_cell(panel: QuickPanel, phrase: Phrase) -> str:
    rows = [p.id for p in panel.model.rows()]
    index: QModelIndex = panel.model.index(rows.index(phrase.id), 0)
    return str(panel.model.data(index, Qt.ItemDataRole.DisplayRole))


def mark(panel: QuickPanel, phrase: Phrase) -> str:
    """The phrase's first cell once the panel has checked its results: the ⚠ marks follow
    the results (assistant/ui/quick/lint_marks.py)."""
    end = time.monotonic() + MARKS_S
    while panel.lint_marks.pending:
        assert time.monotonic() < end, "the panel never finished checking its results"
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return first_cell(panel, phrase)


@contextmanager
def modal_spy() -> Iterator[list[str]]:
    """Every message box that comes up while inside, answered No; stopped on the way out
    (when_modal keeps polling until it finds one, which here should never come)."""
    seen: list[str] = []
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.No).click()

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def test_a_phrase_with_an_error_is_marked_and_a_clean_one_is_not(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    bad = ctx.ws.phrases.add(WECHAT, title="实拍图", code="spt")
    good = ctx.ws.phrases.add("亲，实拍图在详情页第三张哦", title="实拍图在详情", code="sptx")
    promise = ctx.ws.phrases.add("亲，实拍图保证和实物一样哦", title="实拍保证", code="sptb")
    open_on(panel, qtbot, "实拍")
    assert "⚠" not in first_cell(panel, bad)  # the results come first; the marks follow
    assert "⚠" in mark(panel, bad)
    assert "⚠" not in mark(panel, good)
    assert "⚠" not in mark(panel, promise)  # a warning is not an error: no mark
    panel.search.clear()
    qtbot.keyClicks(panel.search, "spt")
    assert panel.current_phrase() == bad
    assert panel.status.text().startswith("⚠ 微信号会把买家引到平台外")


def test_copying_a_flagged_phrase_asks_once(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    bad = ctx.ws.phrases.add(WECHAT, title="实拍图", code="spt")
    lines = usage_lines(ctx)
    page = panel.ask_page

    # Cancel: nothing copied, no use recorded, the panel stays open. Asked inside the panel
    # (issue 14): no dialog window, which a window manager could stack under it.
    with modal_spy() as seen:
        open_on(panel, qtbot, "spt")
        qtbot.keyClick(panel.search, ENTER)
    assert seen == []
    asked = page.message.text()
    assert panel.asking and "实拍图" in asked and "微信号" in asked
    page.cancel_button.click()
    assert clipboard_text() == ""
    assert ctx.ws.phrases.get(bad.id).use_count == 0 and usage_lines(ctx) == lines
    assert bad.id not in panel.confirmed and panel.isVisible() and not panel.asking

    # 仍然复制: copied as written, one use recorded.
    qtbot.keyClick(panel.search, ENTER)
    assert panel.asking
    page.ok_button.click()
    assert clipboard_text() == WECHAT
    assert ctx.ws.phrases.get(bad.id).use_count == 1 and usage_lines(ctx) == lines + 1
    assert bad.id in panel.confirmed

    # The second time it does not ask again.
    QApplication.clipboard().clear()
    open_on(panel, qtbot, "spt")
    qtbot.keyClick(panel.search, ENTER)
    assert not panel.asking
    assert clipboard_text() == WECHAT
    assert ctx.ws.phrases.get(bad.id).use_count == 2


def test_a_clean_phrase_copies_without_asking(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    text = "亲，实拍图保证和实物一样哦，放心拍"  # a warning only
    ctx.ws.phrases.add(text, title="实拍保证", code="sptb")
    with modal_spy() as seen:
        open_on(panel, qtbot, "sptb")
        qtbot.keyClick(panel.search, ENTER)
    assert seen == []
    assert clipboard_text() == text


def test_accepting_the_rule_removes_the_mark_in_the_running_app(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    bad = ctx.ws.phrases.add(WECHAT, title="实拍图", code="spt")
    open_on(panel, qtbot, "spt")
    assert "⚠" in mark(panel, bad)
    ctx.ws.phrases.set_rule_accepted(bad.id, "off-platform", True)  # as `kefu lint --accept`
    panel.refresh()
    assert "⚠" not in mark(panel, bad)
    with modal_spy() as seen:
        qtbot.keyClick(panel.search, ENTER)
    assert seen == [] and clipboard_text() == WECHAT


def test_the_platform_setting_changes_the_marks(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    tmall = ctx.ws.phrases.add("亲，我们天猫旗舰店也有这款哦", title="旗舰店", code="qjd")
    open_on(panel, qtbot, "qjd")
    assert "⚠" not in mark(panel, tmall)
    ctx.ws.settings.update(platform="jd")
    panel.refresh()
    assert "⚠" in mark(panel, tmall)


# -- the phrase editor -------------------------------------------------------------------


def test_the_editor_shows_findings_while_typing(ctx: UiContext, qtbot: QtBot) -> None:
    editor = PhraseEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    type_via_ime(editor.text, "亲，有问题加微信 shop_2024 问我")
    assert "错误：微信号会把买家引到平台外" in editor.problem.text()
    assert "删除联系方式" in editor.problem.text()
    type_via_ime(editor.text, "，保证正品")
    assert "警告：「保证」是绝对化用语" in editor.problem.text()
    assert save.isEnabled()  # a finding warns; it does not forbid saving

    editor.text.selectAll()
    type_via_ime(editor.text, "亲，有问题随时问我哦，看到马上回复您")
    assert editor.problem.text() == ""


def test_the_editor_counts_an_auto_reply_while_typing(ctx: UiContext, qtbot: QtBot) -> None:
    editor = PhraseEditor(ctx)
    qtbot.addWidget(editor)
    editor.tags.setText("自动回复")
    type_via_ime(editor.text, "亲，客服暂时不在，稍后回复您哦。" * 8)  # 16 × 8 = 128
    assert "自动回复" not in editor.problem.text()
    type_via_ime(editor.text, "！")
    assert "现在 129 个" in editor.problem.text()
    editor.tags.setText("售前")
    assert editor.problem.text() == ""


def test_saving_a_flagged_phrase_keeps_it_and_the_panel_marks_it(
    panel: QuickPanel, ctx: UiContext, qtbot: QtBot
) -> None:
    editor = PhraseEditor(ctx)
    qtbot.addWidget(editor)
    editor.code.setText("dh")
    type_via_ime(editor.text, "亲，着急可以打电话 13812345678 找我")
    assert "手机号" in editor.problem.text()
    editor.save()
    assert editor.saved is not None
    open_on(panel, qtbot, "dh")
    assert "⚠" in mark(panel, editor.saved)
