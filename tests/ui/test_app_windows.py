"""The app's windows from the tray menu: each opens on first use, comes to the front after
that (one window, not a second), and a buyer opens on its card.

The app is built in this process with FakeHotkey; offscreen has no system tray, so the
menu's actions are triggered directly, as a click on the tray entry would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from assistant.core.workspace import Workspace
from assistant.ui.app import KefuApp
from assistant.ui.buyers.buyer_manager import BuyerManager
from assistant.ui.packs.packs_window import PacksWindow
from assistant.ui.phrases.phrase_editor import PhraseEditor
from assistant.ui.phrases.phrase_manager import PhraseManager
from assistant.ui.phrases.stats_window import StatsWindow
from tests.ui.helpers import exposed, when_modal

MakeApp = Callable[..., KefuApp]


def entry(app: KefuApp, text: str) -> QAction:
    app.menu.aboutToShow.emit()
    [action] = [a for a in app.menu.actions() if a.text() == text]
    return action


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("短语管理…", "phrases", PhraseManager),
        ("短语包与同步…", "packs", PacksWindow),
        ("统计…", "stats", StatsWindow),
        ("买家…", "buyers", BuyerManager),
    ],
)
def test_each_window_opens_once_from_the_tray_menu(
    ws: Workspace, make_app: MakeApp, text: str, name: str, kind: type[QWidget]
) -> None:
    app = make_app(ws)
    assert app.windows.get(name) is None  # loaded on first use, not at start

    entry(app, text).trigger()
    window = app.windows.get(name)
    assert isinstance(window, kind) and exposed(window)
    assert not window.windowIcon().isNull()

    window.close()
    entry(app, text).trigger()  # again: the same window, shown again
    assert app.windows.get(name) is window and window.isVisible()
    assert app.windows.all() == [window]


def test_a_buyer_opens_on_its_card_and_an_unknown_account_on_a_new_one(
    ws: Workspace, make_app: MakeApp
) -> None:
    ws.buyers.add("tb_xiaohua88", remark="小花")
    app = make_app(ws)

    app.ctx.open_buyer("tb_xiaohua88")
    manager = app.windows.get("buyers")
    assert isinstance(manager, BuyerManager)
    assert manager.editor.buyer is not None and manager.editor.buyer.account == "tb_xiaohua88"
    assert manager.editor.remark.text() == "小花"

    app.ctx.open_buyer("tb_newcomer")
    assert manager.editor.buyer is None  # a new card, the account filled in
    assert manager.editor.account.text() == "tb_newcomer"
    assert app.windows.get("buyers") is manager


def test_the_phrase_editor_opens_over_the_panel_on_the_phrase(
    ws: Workspace, make_app: MakeApp, qtbot: QtBot
) -> None:
    phrase = ws.phrases.add("亲，在的～", title="在的", code="zd1")
    app = make_app(ws)
    seen: list[tuple[str, QWidget | None]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, PhraseEditor)
        seen.append((dialog.text.toPlainText(), dialog.parentWidget()))
        dialog.reject()

    when_modal(look)
    app.ctx.open_editor(phrase.id)
    when_modal(look)
    app.ctx.open_editor(None)  # 新建: an empty editor

    assert seen == [("亲，在的～", app.panel), ("", app.panel)]
    assert ws.phrases.get(phrase.id).text == "亲，在的～"  # cancelled: nothing saved
    assert not [w for w in app.panel.findChildren(QDialog) if w.isVisible()]
