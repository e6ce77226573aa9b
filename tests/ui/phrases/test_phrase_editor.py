"""The phrase editor: problems are shown and Save is disabled before saving; valid input saves."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from tests.ui.helpers import CHANGE_TIMEOUT_MS

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def editor(ctx: UiContext, qtbot: QtBot) -> PhraseEditor:
    dialog = PhraseEditor(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_button(editor: PhraseEditor) -> QPushButton:
    return editor.buttons.button(SAVE)


def test_a_new_empty_phrase_cannot_be_saved(editor: PhraseEditor) -> None:
    editor.save()  # says why on the try, not before (tests/ui/phrases/test_editor_first_view.py)
    assert editor.problem.text()
    assert editor.saved is None
    assert not save_button(editor).isEnabled()


@pytest.mark.parametrize(
    ("text", "code", "why"),
    [
        ("亲，{不存在的占位符}您好", "", "不存在的占位符"),
        ("   ", "", ""),
        ("亲，运费险可以理赔哦", "th1", "th1"),
        ("亲，{昵称", "", "{"),
    ],
    ids=["unknown placeholder", "empty text", "duplicate code", "unclosed brace"],
)
def test_problems_are_shown_and_save_is_disabled(
    editor: PhraseEditor, ctx: UiContext, text: str, code: str, why: str
) -> None:
    before = len(ctx.ws.phrases.all(include_hidden=True))
    editor.text.setPlainText(text)
    editor.code.setText(code)
    assert editor.problem.text()
    assert why in editor.problem.text()
    assert not save_button(editor).isEnabled()
    editor.save()  # Enter in the dialog: refused as well
    assert editor.saved is None
    assert len(ctx.ws.phrases.all(include_hidden=True)) == before


def test_valid_input_saves_a_new_phrase(editor: PhraseEditor, ctx: UiContext, qtbot: QtBot) -> None:
    editor.title.setText("到货通知")
    editor.group.setCurrentText("物流")
    editor.code.setText("dhtz")
    editor.tags.setText("到货，通知")
    editor.text.setPlainText("{昵称}，您要的{?尺码:38}码到货了")
    assert editor.problem.text() == ""
    assert save_button(editor).isEnabled()
    assert editor.preview.toPlainText() == "亲，您要的38码到货了"
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        save_button(editor).click()
    stored = ctx.ws.phrases.resolve("dhtz")
    assert (stored.title, stored.group, stored.tags) == ("到货通知", "物流", ["到货", "通知"])
    assert stored.text == "{昵称}，您要的{?尺码:38}码到货了"
    assert editor.result() == PhraseEditor.DialogCode.Accepted


def test_editing_keeps_its_own_code(ctx: UiContext, qtbot: QtBot) -> None:
    phrase = ctx.ws.phrases.resolve("th1")
    editor = PhraseEditor(ctx, phrase)
    qtbot.addWidget(editor)
    assert editor.code.text() == "th1"
    assert save_button(editor).isEnabled()  # its own code is no duplicate
    editor.text.setPlainText("亲，退货请在订单里申请售后哦")
    save_button(editor).click()
    assert ctx.ws.phrases.get(phrase.id).text == "亲，退货请在订单里申请售后哦"
    assert ctx.ws.phrases.get(phrase.id).code == "th1"


def test_placeholder_menu_inserts_into_the_text(editor: PhraseEditor) -> None:
    insert = next(b for b in editor.findChildren(QPushButton) if b.text() == "插入占位符")
    menu = insert.menu()
    action = next(a for a in menu.actions() if a.text().startswith("{昵称}"))
    editor.text.setPlainText("您好")
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    action.trigger()
    assert editor.text.toPlainText() == "您好{昵称}"
    assert editor.preview.toPlainText() == "您好亲"


def test_buyer_questions_are_edited_one_per_line_and_a_bad_one_blocks_saving(
    ctx: UiContext, qtbot: QtBot
) -> None:
    phrase = ctx.ws.phrases.edit("th1", questions=["怎么退货", "可以退吗"])
    editor = PhraseEditor(ctx, phrase)
    qtbot.addWidget(editor)
    assert editor.questions.toPlainText() == "怎么退货\n可以退吗"

    editor.questions.setPlainText("问" * 101)
    assert "相似问法太长" in editor.problem.text()
    assert not save_button(editor).isEnabled()

    editor.questions.setPlainText("怎么退货\n\n  不想要了能退吗  \n")
    assert save_button(editor).isEnabled()
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        save_button(editor).click()
    assert ctx.ws.phrases.get(phrase.id).questions == ["怎么退货", "不想要了能退吗"]
