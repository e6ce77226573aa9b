"""需要您选择的短语 in the packs window (issue 14, item 15): each phrase shows its versions on
lines of their own, whole, and a choice is offered only where the phrase has it; with no
conflict no button is enabled. Real folders, a real publish and sync (tests/ui/packs/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from assistant.core.sync.service import PackSync
from assistant.core.workspace import Workspace
from assistant.ui.context import UiContext
from assistant.ui.packs.packs_window import PacksWindow

CHOICES = ("保留我的", "采用上游", "采用其他文本 1")
MINE = "亲，我们店满79元就包邮，偏远地区（新疆、西藏、内蒙古）除外，需要补运费差价哦"
UPSTREAM = "亲，全场满88元包邮，偏远地区（新疆、西藏、青海）除外，下单前可以先问客服哦"


@pytest.fixture
def window(ctx: UiContext, qtbot: QtBot) -> PacksWindow:
    shown = PacksWindow(ctx)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def buttons(window: PacksWindow) -> dict[str, QPushButton]:
    return {b.text(): b for b in window.findChildren(QPushButton) if b.text() in CHOICES}


def enabled(window: PacksWindow) -> set[str]:
    return {label for label, b in buttons(window).items() if b.isEnabled()}


def conflict(ctx: UiContext, lead: Workspace, shared: Path) -> str:
    """The agent edits a team phrase, the lead changes it too, the agent syncs."""
    pack = lead.phrases.packs.create("团队话术")
    phrase = lead.phrases.add("亲，满99元包邮", title="包邮", pack=pack.id, group="团队")
    assert PackSync(lead.phrases).publish(pack.id, str(shared)).ok
    assert all(r.ok for r in PackSync(ctx.ws.phrases).subscribe(str(shared)))
    ctx.ws.phrases.edit(phrase.id, text=MINE)
    lead.phrases.edit(phrase.id, text=UPSTREAM)
    assert PackSync(lead.phrases).publish(pack.id, str(shared)).ok
    assert all(r.ok for r in PackSync(ctx.ws.phrases).sync_all())
    return phrase.id


def test_with_no_conflict_no_choice_is_offered(window: PacksWindow) -> None:
    assert window.conflicts.count() == 0
    assert set(buttons(window)) == set(CHOICES)
    assert enabled(window) == set()


def test_a_conflict_shows_each_version_whole_on_its_own_line(
    ctx: UiContext, window: PacksWindow, lead: Workspace, shared: Path, qtbot: QtBot
) -> None:
    conflict(ctx, lead, shared)
    window.refresh()

    assert window.conflicts.count() == 1
    item = window.conflicts.item(0)
    assert item.text().split("\n") == ["包邮", f"我的：{MINE}", f"上游：{UPSTREAM}"]
    assert window.conflicts.wordWrap()
    # The list shows the whole item: its rows are as tall as its three lines.
    line = window.conflicts.fontMetrics().height()
    assert window.conflicts.visualItemRect(item).height() >= 3 * line


def test_only_the_choices_a_conflict_has_are_offered(
    ctx: UiContext, window: PacksWindow, lead: Workspace, shared: Path, qtbot: QtBot
) -> None:
    phrase_id = conflict(ctx, lead, shared)
    window.refresh()

    assert window.conflicts.currentRow() == 0  # the one conflict is ready to be answered
    assert enabled(window) == {"保留我的", "采用上游"}  # there is no other publisher's text

    window.conflicts.setCurrentItem(None)
    assert enabled(window) == set()

    window.conflicts.setCurrentRow(0)
    qtbot.mouseClick(buttons(window)["采用上游"], Qt.MouseButton.LeftButton)
    assert ctx.ws.phrases.get(phrase_id).text == UPSTREAM
    qtbot.waitUntil(lambda: window.conflicts.count() == 0, timeout=10_000)
    assert enabled(window) == set()
