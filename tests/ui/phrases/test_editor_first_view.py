"""A new phrase's editor does not open with an error (issue 14, item 15): "内容不能为空" is
said once the content was edited, or when the agent tries to save, never before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from tests.ui.helpers import type_via_ime

SAVE = QDialogButtonBox.StandardButton.Save
EMPTY = "内容不能为空"


@pytest.fixture
def editor(ctx: UiContext, qtbot: QtBot) -> PhraseEditor:
    dialog = PhraseEditor(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_a_new_phrase_opens_without_an_error(editor: PhraseEditor, qtbot: QtBot) -> None:
    assert editor.problem.text() == ""
    type_via_ime(editor.title, "到货通知")  # other fields first: still nothing to say
    assert editor.problem.text() == ""


def test_trying_to_save_it_empty_says_why_and_saves_nothing(
    editor: PhraseEditor, ctx: UiContext, qtbot: QtBot
) -> None:
    before = len(ctx.ws.phrases.all(include_hidden=True))
    qtbot.mouseClick(editor.buttons.button(SAVE), Qt.MouseButton.LeftButton)
    assert EMPTY in editor.problem.text()
    assert not editor.buttons.button(SAVE).isEnabled()
    assert editor.saved is None and editor.isVisible()
    assert len(ctx.ws.phrases.all(include_hidden=True)) == before


def test_content_typed_then_removed_is_an_error_at_once(editor: PhraseEditor, qtbot: QtBot) -> None:
    editor.text.setFocus()
    type_via_ime(editor.text, "亲")
    assert EMPTY not in editor.problem.text()
    qtbot.keyClick(editor.text, Qt.Key.Key_Backspace)
    assert EMPTY in editor.problem.text()
    assert not editor.buttons.button(SAVE).isEnabled()


def test_a_phrase_from_the_clipboard_is_checked_at_once(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = PhraseEditor(ctx, initial_text="亲，{昵称")
    qtbot.addWidget(dialog)
    assert "{" in dialog.problem.text()
    assert not dialog.buttons.button(SAVE).isEnabled()
