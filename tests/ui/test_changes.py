"""The change announcements: what changed reaches the views that show it, and only
while they are visible; edits by another process are read off the real data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assistant.core.changes import Changed
from assistant.core.workspace import open_workspace
from assistant.ui.context import UiContext
from tests.ui.helpers import CHANGE_TIMEOUT_MS


def _view(qtbot: QtBot) -> tuple[QWidget, list[int]]:
    view = QWidget()
    qtbot.addWidget(view)
    return view, []


def test_another_process_adding_a_phrase_announces_phrases_not_buyers(
    ctx: UiContext, qtbot: QtBot
) -> None:
    other = open_workspace(ctx.ws.path)  # its own objects, as the `kefu` command has
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS) as got:
        other.phrases.add("亲，这款今天下单明天发货哦", code="fh9")
    what = got.args[0]
    assert what & Changed.PHRASES
    assert not what & Changed.BUYERS


def test_another_process_editing_the_shop_announces_settings(ctx: UiContext, qtbot: QtBot) -> None:
    other = open_workspace(ctx.ws.path)
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS) as got:
        other.shop.update({"活动": "满300减30"})
    assert got.args[0] & Changed.SETTINGS


def test_a_visible_view_refreshes_only_for_what_it_shows(ctx: UiContext, qtbot: QtBot) -> None:
    view, calls = _view(qtbot)
    view.show()
    ctx.changes.listen(view, Changed.BUYERS, lambda: calls.append(1))
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        ctx.changes.notify(Changed.PHRASES)
    assert calls == []
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        ctx.changes.notify(Changed.BUYERS)
    assert calls == [1]


def test_a_hidden_view_refreshes_once_when_shown_again(ctx: UiContext, qtbot: QtBot) -> None:
    view, calls = _view(qtbot)
    ctx.changes.listen(view, Changed.PHRASES, lambda: calls.append(1))
    for _ in range(3):
        with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
            ctx.changes.notify(Changed.PHRASES)
    assert calls == []  # closed: nothing done while nobody sees it
    view.show()
    assert calls == [1]
    view.hide()
    view.show()
    assert calls == [1]  # nothing changed meanwhile: no second refresh


def test_an_operation_announces_what_it_says_it_changed(ctx: UiContext, qtbot: QtBot) -> None:
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS) as got:
        ctx.run(None, lambda: ctx.ws.buyers.add("小鹿"), changes=Changed.BUYERS)
    assert got.args[0] & Changed.BUYERS


def test_a_destroyed_view_stops_listening(ctx: UiContext, qtbot: QtBot, tmp_path: Path) -> None:
    calls: list[int] = []
    view = QWidget()
    view.show()
    ctx.changes.listen(view, Changed.ALL, lambda: calls.append(1))
    view.deleteLater()
    with qtbot.waitSignal(view.destroyed, timeout=CHANGE_TIMEOUT_MS):
        pass
    with qtbot.waitSignal(ctx.changes.changed, timeout=CHANGE_TIMEOUT_MS):
        ctx.changes.notify(Changed.PHRASES)
    assert calls == []
