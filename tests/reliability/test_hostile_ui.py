"""Hostile input in the app (issue 8, item 5): HTML in a phrase or a buyer note is shown as
the text it is, in every widget that shows it — never rendered (no bold, no remote image
fetched, no link to click). Real widgets on the offscreen platform."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt  # noqa: TID251
from PySide6.QtGui import QAction  # noqa: TID251
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit  # noqa: TID251

from assistant.core.phrases.model import Phrase
from assistant.core.workspace import Workspace, open_workspace
from assistant.ui.changes import ChangeNotifier
from assistant.ui.context import UiContext
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_model import PhraseTableModel
from assistant.ui.quick.buyer_card import BuyerCard
from assistant.ui.quick.quick_panel import QuickPanel
from assistant.ui.system.paste import AutoPaster
from assistant.ui.tray_menu import TrayActions, fill_menu, menu_label

HTML = '<b>粗体</b><img src="http://evil.example/x.png"><a href="http://evil.example">点我</a>'
TEXT = f"亲，{HTML}<script>alert(1)</script> &amp; 完"
TITLE = "<i>斜体</i>标题"


class _NoKeys:
    def send_paste(self) -> None:  # auto-paste is not part of these tests
        raise AssertionError("no paste expected")


@pytest.fixture
def ws(seeded_dir: Path) -> Workspace:
    ws = open_workspace(seeded_dir)
    ws.phrases.add(TEXT, title=TITLE, code="html", favourite=True)
    ws.buyers.add("html_buyer", notes=f"备注 {HTML}", remark="<u>下划线</u>")
    return ws


@pytest.fixture
def phrase(ws: Workspace) -> Phrase:
    return ws.phrases.resolve("html")


@pytest.fixture
def ctx(ws: Workspace, qapp: QApplication) -> Iterator[UiContext]:
    changes = ChangeNotifier(ws.path)
    paster = AutoPaster(_NoKeys(), modifiers=lambda: Qt.KeyboardModifier.NoModifier)
    yield UiContext(ws, changes, paster)
    changes.deleteLater()
    paster.deleteLater()


def assert_plain(edit: QPlainTextEdit, expected: str) -> None:
    assert expected in edit.toPlainText()
    html = edit.document().toHtml()
    assert "&lt;b&gt;粗体&lt;/b&gt;" in html  # the tag is text in the document...
    assert "<b>粗体" not in html and "<img" not in html  # ...not markup


def test_html_in_the_quick_panel_preview_is_text(ctx: UiContext) -> None:
    panel = QuickPanel(ctx)
    try:
        panel.search.setText("html")
        panel.refresh(keep_selection=False)
        assert panel.current_phrase() is not None
        assert_plain(panel.preview, TEXT)
    finally:
        panel.deleteLater()


def test_html_in_the_quick_panel_table_is_text(ctx: UiContext) -> None:
    panel = QuickPanel(ctx)
    try:
        panel.search.setText("html")
        panel.refresh(keep_selection=False)
        shown = [
            panel.model.data(panel.model.index(0, column), Qt.ItemDataRole.DisplayRole)
            for column in range(panel.model.columnCount())
        ]
        assert TITLE in shown
        assert TEXT in shown  # the first line, exactly as written
        assert panel.status.textFormat() == Qt.TextFormat.PlainText
    finally:
        panel.deleteLater()


def test_html_in_the_phrase_table_model_display_role_is_text(
    phrase: Phrase, qapp: QApplication
) -> None:
    model = PhraseTableModel(columns=(0, 1, 2, 3, 4, 5, 6))
    model.set_rows([phrase])
    shown = [model.data(model.index(0, c), Qt.ItemDataRole.DisplayRole) for c in range(7)]
    assert shown[1] == TITLE
    assert shown[2] == TEXT
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_html_in_a_buyer_card_is_text(ws: Workspace, qapp: QApplication) -> None:
    card = BuyerCard()
    try:
        card.show_buyer(ws.buyers.get("html_buyer"), ws.buyers.scheme)
        assert_plain(card, f"备注 {HTML}")
        assert "<u>下划线</u>" in card.toPlainText()
    finally:
        card.deleteLater()


def test_html_in_the_phrase_editor_preview_is_text(ctx: UiContext, phrase: Phrase) -> None:
    editor = PhraseEditor(ctx, phrase)
    try:
        assert editor.check() is None
        assert_plain(editor.preview, TEXT)
        assert editor.problem.textFormat() == Qt.TextFormat.PlainText
        assert editor.title.text() == TITLE
    finally:
        editor.deleteLater()


def test_html_in_a_tray_menu_action_is_text(
    ws: Workspace, phrase: Phrase, qapp: QApplication
) -> None:
    def nothing() -> None:
        pass

    actions = TrayActions(
        nothing, lambda _p: None, nothing, nothing, nothing, nothing, nothing, nothing
    )
    menu = QMenu()
    try:
        fill_menu(menu, ws, actions, "Ctrl+Alt+Space")
        labels = [
            a.text()
            for sub in menu.findChildren(QMenu)
            for a in sub.actions()
            if isinstance(a, QAction)
        ]
        # Once under 收藏, once under its group; a menu never renders its text as HTML.
        assert labels.count(menu_label(phrase)) == 2
        assert menu_label(phrase) == f"{TITLE}  [html]"
    finally:
        menu.deleteLater()
